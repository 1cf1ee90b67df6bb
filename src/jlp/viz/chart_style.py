"""Pieces of style that several chart modules share, written once.

The fee charts (:mod:`jlp.viz.fee_charts`) and the scale charts (:mod:`jlp.viz.scale_charts`)
mark points and bars with a thin black outline (so that they stay apart in grey print), draw
a share of 0–100 % on a right-hand axis, and finish every figure the same way: its own
layout, the title and note from :func:`jlp.viz.titles.titled`, a legend under the plot, and
a top margin that holds the note.

>>> outlined({"color": "#0072B2", "symbol": "star", "size": 18})["line"]
{'color': 'black', 'width': 1}
>>> share_axis("Share")["tickformat"]
'.0%'
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

#: The outline of a marker or a bar: thin and black, so that shapes part in grey print.
OUTLINE: dict[str, Any] = {"color": "black", "width": 1}


def outlined(marker: dict[str, Any]) -> dict[str, Any]:
    """``marker`` (a plotly marker's properties) with the black outline added.

    >>> outlined({"size": 9})
    {'size': 9, 'line': {'color': 'black', 'width': 1}}
    """
    return {**marker, "line": dict(OUTLINE)}


def share_axis(title: str) -> dict[str, Any]:
    """A right-hand y axis over the first one, for a share from 0 to 100 %.

    >>> share_axis("Recovered")["side"]
    'right'
    """
    return {
        "title": title,
        "overlaying": "y",
        "side": "right",
        "range": [0, 1.05],
        "tickvals": [0, 0.25, 0.5, 0.75, 1],
        "tickformat": ".0%",
        "showgrid": False,
    }


def reusable(fig: go.Figure | None, count: int) -> bool:
    """Whether ``fig`` (a chart made before, or None) has ``count`` traces to update in place.

    >>> reusable(None, 1), reusable(go.Figure(go.Bar()), 1)
    (False, True)
    """
    return fig is not None and len(fig.data) == count


def finish(
    fig: go.Figure,
    heading: dict[str, Any],
    *,
    height: int,
    legend: dict[str, Any],
    margin: dict[str, Any],
    barmode: str | None = None,
    **axes: Any,
) -> go.Figure:
    """Give ``fig`` its layout: ``barmode``, ``height``, the ``axes``, a horizontal
    ``legend``, the ``heading`` (from :func:`jlp.viz.titles.titled`, with any shapes or axes
    it carries) and the ``margin``, whose top is the heading's. The keys are set in this
    order every time: the figure's JSON, and the element id drawn from it, depend on it.

    >>> from jlp.viz.titles import titled
    >>> fig = finish(
    ...     go.Figure(), titled("T", "a note"), height=400, legend={"y": -0.2}, margin={"b": 90}
    ... )
    >>> fig.layout.legend.orientation, fig.layout.margin.t, fig.layout.margin.b
    ('h', 86, 90)
    """
    fig.update_layout(
        **({} if barmode is None else {"barmode": barmode}),
        height=height,
        **axes,
        legend={"orientation": "h", **legend},
        **{key: value for key, value in heading.items() if key != "margin"},
    )
    fig.update_layout(margin={"t": heading["margin"]["t"], **margin})
    return fig


__all__ = ["OUTLINE", "finish", "outlined", "reusable", "share_axis"]
