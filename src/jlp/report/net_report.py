"""The NET programme report: one self-contained HTML file, readable offline.

For a broker institution's file of assessments it shows the latest scores of every
network, the benchmark, the progression of all networks, the method feedback (cells
never or always achieved, cells achieved out of order), feedback per broker when the
file names assessors, and for each network its latest matrix and its progression.

plotly.js is written into the page once (from the installed plotly package, see
:func:`jlp.sphinx_ext.plotly_js_path`); nothing is fetched from the internet, so the file
can be e-mailed or copied on a USB stick. The page is a Jinja2 template
(``templates/net_report.html``) with autoescaping: every name from the data is text, in
the page and in its charts (:func:`jlp.viz.plotly_text`). The same input gives the same
page; a date is written only when asked for (``stamp``).

>>> from jlp.net import simulate_programme
>>> page = net_report_html(simulate_programme(3, 1, seed=0), title="Demo")
>>> page.count(plotly_js_path().read_text(encoding="utf-8")[:200])
1
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup

from jlp.i18n import SOURCE_LANGUAGE, Messages, format_number, format_percent, language
from jlp.net.analysis import (
    benchmark,
    broker_feedback,
    extremes,
    method_feedback,
    order_inversions,
    scores_over_time,
)
from jlp.net.assessments import validate
from jlp.net.files import atomic_write
from jlp.net.rubric import indicator_labels, stage_labels
from jlp.net.scoring import COMPLETE, ScoringRule, cube, rule_for
from jlp.sphinx_ext import plotly_js_path
from jlp.viz.figures import figure_html
from jlp.viz.net_charts import (
    benchmark_chart,
    feedback_heatmap,
    matrix_figure,
    progression_chart,
    update_matrix,
)

#: User-facing strings of the report (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "title": "NET report",
        "generated": "Made with jlp from {source}: {networks} networks, "
        "{assessments} assessments, {first} to {last}.",
        "generated_on": "Made with jlp on {today} from {source}: {networks} networks, "
        "{assessments} assessments, {first} to {last}.",
        "no_source": "a table of assessments",
        "rule": "Scoring rule: achieved {a} points, partial {p}, not achieved {n} (not "
        "judged 0, counted as missing); stage score = points / {stage_max}, index = points / "
        "{total_max} × 100; a stage is consolidated at a score of at least {threshold}.",
        "honesty": "NET comes from Ceglie & Dini (1999, Box 2), which names the 7 indicators "
        "and 6 stages. The cell texts and scoring numbers used here are the jlp course's "
        "operationalisation (illustrative), not the paper's.",
        "illustrative": "The data in this report are illustrative (simulated), not real networks.",
        "contents": "Contents",
        "summary": "Latest assessment of each network",
        "benchmark": "Benchmark",
        "progression": "Progression of all networks",
        "feedback": "Method feedback",
        "feedback_help": "Each cell shows the share of networks (latest assessment of each) "
        "that achieved it. Cells always achieved may mark a step that needs no support; "
        "cells never achieved may mark a step the method does not reach or a result "
        "asked too early. ↯ counts cells achieved while an earlier stage of the same "
        "indicator was not: the order of the stages may not fit those networks, or the "
        "assessors read the cell differently.",
        "extremes": "Cells never or always achieved",
        "inversions": "Cells achieved out of order",
        "brokers": "Feedback per broker (assessor)",
        "networks": "Networks",
        "none": "None.",
        "complete": "complete",
        "no_network": "no assessment of the network '{network}'",
        "patterns": {"never": "never", "always": "always"},
        "ratings": {"achieved": "achieved", "partial": "partial", "not_achieved": "not achieved"},
        "more_inversions": "… and {n} more.",
        "more_networks": "The per-network sections show {shown} of {total} networks.",
        "columns_summary": [
            "Network",
            "Date",
            "Index",
            "Current stage",
            "Completeness",
            "Assessor",
        ],
        "columns_extremes": ["Indicator", "Stage", "Pattern", "Judged"],
        "columns_inversions": [
            "Network",
            "Date",
            "Indicator",
            "Earlier stage (rating)",
            "Later stage (achieved)",
        ],
        "columns_brokers": [
            "Assessor",
            "Networks",
            "Assessments",
            "Mean index",
            "Index gain per year",
            "Mean completeness",
            "Out-of-order cells per assessment",
            "Weakest indicator",
        ],
    }
)

_CSS = """
body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:0 auto;padding:1em;
color:#222;line-height:1.45}
h1{font-size:1.7em}h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #bbb;padding:.25em .6em;
text-align:left}th{background:#eee}td.num{text-align:right}
.note{color:#555;font-size:.92em}.warn{background:#fff4d6;border-left:4px solid #E69F00;
padding:.4em .8em}nav ul{columns:2}
@media print{.plotly-graph-div{page-break-inside:avoid}}
"""


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "network"
    slug, k = f"net-{base}", 1
    while slug in used:
        k += 1
        slug = f"net-{base}-{k}"
    used.add(slug)
    return slug


class _Cell(NamedTuple):
    text: str
    number: bool


def _rows(rows: list[list[object]]) -> list[list[_Cell]]:
    """Table rows as text cells (numbers marked, to align right); escaped by the template."""
    return [[_Cell(_fmt(v), isinstance(v, int | float)) for v in row] for row in rows]


def _fmt(value: object) -> str:
    if isinstance(value, float):
        if pd.isna(value):
            return "–"
        if language() != SOURCE_LANGUAGE:  # the language's separators (Babel)
            return format_number(round(value, 2) if abs(value) < 1000 else round(value))
        return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def _number(value: float) -> str:
    """A number of the scoring rule: ``2``, ``0.75`` (``0,75`` in Spanish)."""
    if language() == SOURCE_LANGUAGE:
        return f"{value:g}"
    return format_number(value)


def _share(value: float) -> str:
    """A share as a whole percentage (``45%`` in English, ``45 %`` in Spanish)."""
    if language() == SOURCE_LANGUAGE:
        return f"{value:.0%}"
    return format_percent(value, decimals=0)


class _Figures:
    """Numbered figure fragments, so two figures never share an element id."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig: go.Figure) -> Markup:
        self.count += 1
        # jlp writes the fragment: names in it are escaped for plotly (plotly_text) and the
        # JSON cannot close its script (see jlp.viz.figures)
        return Markup(figure_html(fig, div_id=f"jlp-net-report-{self.count}"))


@cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("jlp.report", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("net_report.html")


def net_report_html(
    assessments: pd.DataFrame,
    *,
    title: str | None = None,
    source: str = "",
    threshold: float | None = None,
    rule: ScoringRule | None = None,
    networks: list[str] | None = None,
    max_networks: int = 60,
    illustrative: bool | None = None,
    stamp: str | None = None,
) -> str:
    """The whole report as one HTML string (plotly.js inlined once).

    ``networks`` limits the per-network sections (default: all, up to ``max_networks``).
    ``illustrative`` adds a banner; by default it is on when the table has a
    ``provenance`` column saying ``illustrative`` (as :func:`jlp.net.simulate_programme`
    writes). The same input gives the same page, byte for byte; ``stamp`` (such as
    today's date) adds when it was made.
    """
    table = validate(assessments)
    rule = rule_for(threshold, rule)
    if illustrative is None:
        illustrative = "provenance" in table and (table["provenance"] == "illustrative").all()
    scores = scores_over_time(table, rule=rule)
    data = cube(table)
    latest = benchmark(table, rule=rule)
    feedback = method_feedback(table)
    labels = {**stage_labels(), COMPLETE: TEXT["complete"]}
    ilabels = indicator_labels()
    fig = _Figures()
    title = title or TEXT["title"]

    facts = {
        "source": source or TEXT["no_source"],
        "networks": scores["network"].nunique(),
        "assessments": len(scores),
        "first": scores["date"].min(),
        "last": scores["date"].max(),
    }
    generated = (
        TEXT["generated_on"].format(today=stamp, **facts)
        if stamp
        else TEXT["generated"].format(**facts)
    )
    rule_text = TEXT["rule"].format(
        a=_number(rule.points["achieved"]),
        p=_number(rule.points["partial"]),
        n=_number(rule.points["not_achieved"]),
        stage_max=_number(7 * rule.max_points),
        total_max=_number(42 * rule.max_points),
        threshold=_number(rule.threshold),
    )

    all_networks = sorted(set(scores["network"]))
    for name in networks or []:
        if name not in set(all_networks):
            from jlp.errors import JlpInputError
            from jlp.text import did_you_mean

            raise JlpInputError(
                TEXT["no_network"].format(network=name),
                column="network",
                fix=did_you_mean(name, all_networks),
            )
    chosen = list(networks) if networks else all_networks
    shown = chosen[:max_networks]
    used: set[str] = set()
    anchors = {n: _slug(n, used) for n in shown}
    sections = [
        ("summary", TEXT["summary"]),
        ("benchmark", TEXT["benchmark"]),
        ("progression", TEXT["progression"]),
        ("feedback", TEXT["feedback"]),
    ]
    has_assessor = (data.assessor != "").any()
    if has_assessor:
        sections.append(("brokers", TEXT["brokers"]))
    sections.append(("networks", TEXT["networks"]))

    summary = _rows(
        [
            [
                r.network,
                r.date,
                float(r.index),
                labels[r.current_stage],
                _share(r.completeness),
                r.assessor,
            ]
            for r in latest.sort_values("network").itertuples()
        ]
    )
    figures = {
        "benchmark": fig(benchmark_chart(latest, illustrative=illustrative)),
        "progression": fig(progression_chart(scores, x="months", illustrative=illustrative)),
        "feedback": fig(feedback_heatmap(feedback, illustrative=illustrative)),
    }
    found = extremes(feedback)
    inversions = order_inversions(table)
    limit = 100
    brokers = None
    if has_assessor:
        brokers = _rows(
            [
                [
                    r.assessor,
                    int(r.networks),
                    int(r.assessments),
                    float(r.mean_index),
                    float(r.index_gain_per_year),
                    _share(r.mean_completeness),
                    float(r.inversions_per_assessment),
                    ilabels[r.weakest_indicator],
                ]
                for r in broker_feedback(table, rule=rule).itertuples()
            ]
        )

    matrix = matrix_figure(height=480)
    positions = {key: k for k, key in enumerate(data.keys.itertuples(index=False, name=None))}
    per_network = []
    for network in shown:
        rows = scores[scores["network"] == network].sort_values("date")
        last = rows.iloc[-1]
        update_matrix(
            matrix,
            data.codes[positions[(network, last["date"])]],
            network=network,
            date=str(last["date"]),
            rule=rule,
        )
        drawn = [fig(matrix)]
        if len(rows) > 1:
            drawn.append(fig(progression_chart(rows, illustrative=illustrative)))
        per_network.append({"name": network, "anchor": anchors[network], "figures": drawn})

    return _template().render(
        text=TEXT,
        lang=language(),
        title=title,
        generated=generated,
        rule=rule_text,
        illustrative=illustrative,
        sections=sections,
        summary=summary,
        figures=figures,
        extremes=_rows(
            [
                [
                    ilabels[r.indicator],
                    labels[r.stage],
                    TEXT["patterns"].get(r.pattern, r.pattern),
                    int(r.judged),
                ]
                for r in found.itertuples()
            ]
        ),
        inversions=_rows(
            [
                [
                    r.network,
                    r.date,
                    ilabels[r.indicator],
                    f"{labels[r.earlier_stage]} "
                    f"({TEXT['ratings'].get(r.earlier_rating, r.earlier_rating)})",
                    labels[r.later_stage],
                ]
                for r in inversions.head(limit).itertuples()
            ]
        ),
        more_inversions=(
            TEXT["more_inversions"].format(n=len(inversions) - limit)
            if len(inversions) > limit
            else ""
        ),
        brokers=brokers,
        more_networks=(
            TEXT["more_networks"].format(shown=len(shown), total=len(all_networks))
            if len(shown) < len(all_networks)
            else ""
        ),
        networks=per_network,
        # written by jlp, not from the data: the style sheet and the installed plotly.js
        css=Markup(_CSS),
        plotly_js=Markup(plotly_js_path().read_text(encoding="utf-8")),
    )


def write_net_report(assessments: pd.DataFrame, path: str | Path, **options: object) -> Path:
    """Write :func:`net_report_html` to ``path`` (atomically) and return the path."""
    page = net_report_html(assessments, **options)  # type: ignore[arg-type]
    return atomic_write(path, page.encode("utf-8"))


__all__ = ["TEXT", "net_report_html", "write_net_report"]
