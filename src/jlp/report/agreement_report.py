"""The agreement report: one offline HTML page on how a group scored one NET moment.

It shows Krippendorff's alpha (overall, per stage, per indicator, with bootstrap
intervals), the grid of spreads, the cells ranked for discussion with the consensus rating,
and each assessor against the group median (and the reference, when given). The page is
rendered from its own Jinja2 template (``templates/agreement.html``) with autoescaping on,
so a name or note typed by a trainee shows as text and never as markup or script. It
loads nothing from outside itself.

>>> from jlp.net.assessments import from_ratings
>>> from jlp.net.agreement import agreement
>>> a = from_ratings("<b>Net</b>", "1998-01-01", {("group_cohesion", "decision"): 2})
>>> b = from_ratings("<b>Net</b>", "1998-01-01", {("group_cohesion", "decision"): 1})
>>> page = agreement_html(agreement({"Ana": a, "<i>Ben</i>": b}, n_boot=0))
>>> "<b>Net</b>" in page, "&lt;i&gt;Ben&lt;/i&gt;" in page
(False, True)
"""

from __future__ import annotations

import math
import os
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from jlp.i18n import SOURCE_LANGUAGE, Messages, format_number, format_percent, language
from jlp.net.agreement import Agreement
from jlp.net.files import atomic_write
from jlp.net.rubric import INDICATORS, STAGES, indicator_labels, stage_labels

_TEMPLATES = Path(__file__).with_name("templates")

#: User-facing strings of the report (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "title": "NET agreement",
        "moment": "{network} on {date}, scored by {n} assessors.",
        "generated": "Made with jlp on {today}.",
        "alpha_heading": "Krippendorff's alpha",
        "interval": "{level} interval {low} to {high}",
        "alpha_help": "Alpha compares the disagreement among the assessors with the disagreement "
        "expected by chance, treating the ratings as ordered (not achieved < partial < "
        "achieved). 1 is perfect agreement, 0 is chance, below 0 is systematic disagreement; "
        "'–' means alpha is undefined (every rating the same, or too few cells). A cell left "
        "empty by an assessor is missing, not a zero.",
        "bootstrap": "Intervals: {n_boot} bootstrap resamples of the cells with replacement, "
        "random seed {seed}, percentile method. One stage has 7 cells and one indicator 6, so "
        "their intervals are wide.",
        "alpha_columns": ["Scope", "Name", "Alpha", "Interval", "Cells compared"],
        "scopes": {"all": "overall", "stage": "stage", "indicator": "indicator"},
        "grid_heading": "The grid of spreads",
        "grid_help": "Each cell counts the ratings given: ✓ achieved, ½ partial, ✗ not achieved, "
        "– not judged. The darker the cell, the wider the spread (lowest to highest rating).",
        "indicator": "Indicator",
        "ranked_heading": "Cells to discuss first",
        "ranked_help": "The cells where two assessors' ratings lie furthest apart on average "
        "(in points), then those with the widest spread. The consensus is the median; a tie "
        "takes the lower rating and is flagged for the group to decide.",
        "ranked_columns": [
            "Rank",
            "Indicator",
            "Stage",
            "Ratings",
            "Mean gap (points)",
            "Consensus",
        ],
        "no_disagreement": "Every assessor gave every cell the same rating.",
        "tie": "{rating} (tie: decide)",
        "assessors_heading": "Each assessor against the group",
        "assessors_help": "Exact: the share of cells rated as the group median (or the "
        "reference). Mean gap: the assessor's points minus the median's, averaged over the "
        "cells both judged; below 0 is harsher than the group, above 0 more lenient.",
        "assessor_columns": [
            "Assessor",
            "Against",
            "Cells judged",
            "Cells compared",
            "Exact",
            "Mean |gap|",
            "Mean gap",
        ],
        "against": {"median": "group median", "reference": "reference"},
        "sources_heading": "Scorings compared",
        "honesty": "The cell texts and the points per rating are the jlp course's "
        "operationalisation of NET (Ceglie & Dini, 1999, Box 2), not the paper's.",
        "cell_title": "{indicator} × {stage}: spread {spread}",
        "ratings": {"achieved": "achieved", "partial": "partial", "not_achieved": "not achieved"},
    }
)

#: The sign of each rating in the grid (the same in every language).
SYMBOLS = {"achieved": "✓", "partial": "½", "not_achieved": "✗", "": "–"}
#: How many cells the report ranks for discussion.
TOP = 15


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_TEMPLATES), autoescape=True, trim_blocks=False, lstrip_blocks=False
    )


def _num(value: float, digits: int = 2) -> str:
    """A number with ``digits`` decimals, the language's way (``0.25``, ``0,25``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if language() == SOURCE_LANGUAGE:
        return f"{value:.{digits}f}"
    return format_number(value, decimals=digits)


def _share(value: float) -> str:
    """A share as a whole percentage (``45%`` in English, ``45 %`` in Spanish)."""
    if language() == SOURCE_LANGUAGE:
        return f"{value:.0%}"
    return format_percent(value, decimals=0)


def _counts(row) -> str:
    symbols = SYMBOLS
    parts = [f"{symbols[r]}{int(row[r])}" for r in ("achieved", "partial", "not_achieved")]
    return " ".join([*parts, f"{symbols['']}{int(row['not_judged'])}"])


def _context(result: Agreement, title: str, heading: int = 2, stamp: str | None = None) -> dict:
    ilabels, slabels = indicator_labels(), stage_labels()
    cells = result.cells.set_index(["indicator", "stage"])
    consensus = dict(
        zip(
            zip(result.consensus["indicator"], result.consensus["stage"], strict=True),
            result.consensus["rating"],
            strict=True,
        )
    )
    grid = []
    for indicator in INDICATORS:
        row = []
        for stage in STAGES:
            cell = cells.loc[(indicator, stage)]
            spread = cell["spread"]
            css = "nobody" if cell["judged"] == 0 else f"s{int(spread)}"
            row.append(
                {
                    "css": css,
                    "text": _counts(cell),
                    "title": TEXT["cell_title"].format(
                        indicator=ilabels[indicator], stage=slabels[stage], spread=_num(spread, 0)
                    ),
                }
            )
        grid.append({"label": ilabels[indicator], "cells": row})
    ranked = []
    for _, row in result.ranked.iterrows():
        if len(ranked) >= TOP or not row["disagreement"] > 0:
            break
        word = consensus[(row["indicator"], row["stage"])]
        shown = SYMBOLS[word] + " " + TEXT["ratings"][word]
        ranked.append(
            {
                "rank": int(row["rank"]),
                "indicator": ilabels[row["indicator"]],
                "stage": slabels[row["stage"]],
                "ratings": _counts(row),
                "disagreement": _num(row["disagreement"]),
                "consensus": TEXT["tie"].format(rating=shown) if row["tie"] else shown,
            }
        )
    alpha_rows = []
    for _, row in result.alpha.iterrows():
        name = {"stage": slabels, "indicator": ilabels}.get(row["scope"], {}).get(
            row["name"], row["name"]
        )
        alpha_rows.append(
            {
                "scope": TEXT["scopes"][row["scope"]],
                "name": name,
                "alpha": _num(row["alpha"]),
                "interval": f"{_num(row['low'])} – {_num(row['high'])}",
                "cells": int(row["cells"]),
            }
        )
    by_assessor = [
        {
            "assessor": row["assessor"],
            "against": TEXT["against"][row["against"]],
            "judged": int(row["judged"]),
            "cells": int(row["cells"]),
            "exact": "–" if math.isnan(row["exact"]) else _share(row["exact"]),
            "mean_abs_gap": _num(row["mean_abs_gap"]),
            "mean_gap": _num(row["mean_gap"]),
        }
        for _, row in result.by_assessor.iterrows()
    ]
    overall = alpha_rows[0] | {
        "low": _num(result.alpha["low"].iloc[0]),
        "high": _num(result.alpha["high"].iloc[0]),
    }
    return {
        "text": TEXT,
        "lang": language(),
        "interval": TEXT["interval"].format(
            level=_share(result.level),
            low=_num(result.alpha["low"].iloc[0]),
            high=_num(result.alpha["high"].iloc[0]),
        ),
        "title": title,
        "heading": heading,
        "network": result.network,
        "date": result.date,
        "assessors": result.assessors,
        "overall": overall,
        "level": result.level,
        "n_boot": result.n_boot,
        "seed": result.seed,
        "alpha_rows": alpha_rows,
        "stages": [slabels[s] for s in STAGES],
        "grid": grid,
        "ranked": ranked,
        "by_assessor": by_assessor,
        "sources": result.sources or result.assessors,
        "generated": TEXT["generated"].format(today=stamp) if stamp else "",
    }


def agreement_html(result: Agreement, *, title: str | None = None, stamp: str | None = None) -> str:
    """The agreement report as one HTML page (text; nothing from the data is markup).

    The same scorings always give the same page; ``stamp`` (a date) is written on it only
    when given.
    """
    template = _environment().get_template("agreement.html")
    return template.render(**_context(result, title or TEXT["title"], stamp=stamp))


def agreement_fragment(result: Agreement, *, heading: int = 3) -> str:
    """The report's body as an HTML fragment (for a notebook or widget), headings at ``heading``.

    >>> from jlp.net.assessments import from_ratings
    >>> from jlp.net.agreement import agreement
    >>> a = from_ratings("A", "1998-01-01", {("group_cohesion", "decision"): 2})
    >>> part = agreement_fragment(agreement({"Ana": a, "Ben": a}, n_boot=0))
    >>> part.count("<h3>"), "<html" in part
    (5, False)
    """
    template = _environment().get_template("agreement_body.html")
    return template.render(**_context(result, TEXT["title"], heading=heading))


def write_agreement_report(
    result: Agreement,
    path: str | os.PathLike,
    *,
    title: str | None = None,
    stamp: str | None = None,
) -> Path:
    """Write :func:`agreement_html` to ``path`` atomically; return the path."""
    html = agreement_html(result, title=title, stamp=stamp)
    return atomic_write(path, html.encode("utf-8"))


__all__ = [
    "SYMBOLS",
    "TEXT",
    "TOP",
    "agreement_fragment",
    "agreement_html",
    "write_agreement_report",
]
