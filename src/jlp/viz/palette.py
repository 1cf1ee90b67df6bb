"""Colour-blind-safe colours shared by every chart and graph of the course.

The Okabe–Ito palette (Okabe & Ito, 2008) keeps eight hues apart for the common forms of
colour blindness; :data:`ORDINAL` runs from dark to light so that an ordered scale still
reads when printed in grey.

>>> OKABE_ITO["blue"]
'#0072B2'
>>> len(QUALITATIVE)
8
"""

from __future__ import annotations

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}

#: Eight distinct hues for categories (kinds of node, tie types, networks).
QUALITATIVE: list[str] = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "green", "vermillion", "purple", "sky_blue", "yellow", "black")
]

#: A sequential scale (cividis, designed for colour-vision deficiency) that also reads in grey.
SEQUENTIAL = "cividis"

#: Ordered stages (NET) as bars side by side: viridis changes hue as well as lightness, so
#: neighbours stay apart, and it still runs dark to light in grey.
STAGE_SCALE = "viridis"

#: Three ordered steps (none / partly / fully), dark to light, distinct in grey.
ORDINAL: list[str] = ["#00204D", "#7C7B78", "#FFEA46"]

__all__ = ["OKABE_ITO", "ORDINAL", "QUALITATIVE", "SEQUENTIAL", "STAGE_SCALE"]
