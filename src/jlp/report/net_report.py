"""The NET programme report: one self-contained HTML file, readable offline.

For a broker institution's file of assessments it shows the latest scores of every
network, the benchmark, the progression of all networks, the method feedback (cells
never or always achieved, cells achieved out of order), feedback per broker when the
file names assessors, and for each network its latest matrix and its progression.

plotly.js is written into the page once (from the installed plotly package, see
:func:`jlp.sphinx_ext.plotly_js_path`); nothing is fetched from the internet, so the file
can be e-mailed or copied on a USB stick. Every name from the data is HTML-escaped.

>>> from jlp.net import simulate_programme
>>> page = net_report_html(simulate_programme(3, 1, seed=0), title="Demo")
>>> page.count(plotly_js_path().read_text(encoding="utf-8")[:200])
1
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

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

#: User-facing strings of the report (a Spanish edition replaces this dict only).
TEXT = {
    "title": "NET report",
    "generated": "Made with jlp on {today} from {source}: {networks} networks, "
    "{assessments} assessments, {first} to {last}.",
    "rule": "Scoring rule: achieved {a:g} points, partial {p:g}, not achieved {n:g} (not "
    "judged 0, counted as missing); stage score = points / {stage_max:g}, index = points / "
    "{total_max:g} × 100; a stage is consolidated at a score of at least {threshold:g}.",
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
    "more_inversions": "… and {n} more.",
    "more_networks": "The per-network sections show {shown} of {total} networks.",
    "columns_summary": ["Network", "Date", "Index", "Current stage", "Completeness",
                        "Assessor"],
    "columns_extremes": ["Indicator", "Stage", "Pattern", "Judged"],
    "columns_inversions": ["Network", "Date", "Indicator", "Earlier stage (rating)",
                           "Later stage (achieved)"],
    "columns_brokers": ["Assessor", "Networks", "Assessments", "Mean index",
                        "Index gain per year", "Mean completeness",
                        "Out-of-order cells per assessment", "Weakest indicator"],
}

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


def _table(columns: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="num">{html.escape(_fmt(v))}</td>' if isinstance(v, int | float)
            else f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value: object) -> str:
    if isinstance(value, float):
        if pd.isna(value):
            return "–"
        return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


class _Figures:
    """Numbered figure fragments, so two figures never share an element id."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, fig: go.Figure) -> str:
        self.count += 1
        return figure_html(fig, div_id=f"jlp-net-report-{self.count}")


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
) -> str:
    """The whole report as one HTML string (plotly.js inlined once).

    ``networks`` limits the per-network sections (default: all, up to ``max_networks``).
    ``illustrative`` adds a banner; by default it is on when the table has a
    ``provenance`` column saying ``illustrative`` (as :func:`jlp.net.simulate_programme`
    writes).
    """
    table = validate(assessments)
    rule = rule_for(threshold, rule)
    if illustrative is None:
        illustrative = "provenance" in table and (table["provenance"] == "illustrative").all()
    scores = scores_over_time(table, rule=rule)
    data = cube(table)
    latest = benchmark(table, rule=rule)
    feedback = method_feedback(table)
    labels = {**stage_labels(), COMPLETE: "complete"}
    ilabels = indicator_labels()
    fig = _Figures()
    parts: list[str] = []
    title = title or TEXT["title"]

    parts.append(f"<h1>{html.escape(title)}</h1>")
    parts.append('<p class="note">' + html.escape(TEXT["generated"].format(
        today=dt.date.today().isoformat(), source=source or "a table of assessments",
        networks=scores["network"].nunique(), assessments=len(scores),
        first=scores["date"].min(), last=scores["date"].max())) + "</p>")
    rule_text = TEXT["rule"].format(
        a=rule.points["achieved"], p=rule.points["partial"], n=rule.points["not_achieved"],
        stage_max=7 * rule.max_points, total_max=42 * rule.max_points, threshold=rule.threshold)
    parts.append(f'<p class="note">{html.escape(rule_text)}'
                 f"<br>{html.escape(TEXT['honesty'])}</p>")
    if illustrative:
        parts.append(f'<p class="warn">{html.escape(TEXT["illustrative"])}</p>')

    all_networks = sorted(set(scores["network"]))
    for name in networks or []:
        if name not in set(all_networks):
            from jlp.errors import JlpInputError
            from jlp.text import did_you_mean

            raise JlpInputError(f"no assessment of the network '{name}'", column="network",
                                fix=did_you_mean(name, all_networks))
    chosen = list(networks) if networks else all_networks
    shown = chosen[:max_networks]
    used: set[str] = set()
    anchors = {n: _slug(n, used) for n in shown}
    sections = [("summary", TEXT["summary"]), ("benchmark", TEXT["benchmark"]),
                ("progression", TEXT["progression"]), ("feedback", TEXT["feedback"])]
    has_assessor = (data.assessor != "").any()
    if has_assessor:
        sections.append(("brokers", TEXT["brokers"]))
    sections.append(("networks", TEXT["networks"]))
    parts.append(f"<nav><h2>{html.escape(TEXT['contents'])}</h2><ul>" + "".join(
        f'<li><a href="#{k}">{html.escape(v)}</a></li>' for k, v in sections) + "</ul></nav>")

    parts.append(f'<h2 id="summary">{html.escape(TEXT["summary"])}</h2>')
    parts.append(_table(TEXT["columns_summary"], [
        [r.network, r.date, float(r.index), labels[r.current_stage],
         f"{r.completeness:.0%}", r.assessor]
        for r in latest.sort_values("network").itertuples()]))

    parts.append(f'<h2 id="benchmark">{html.escape(TEXT["benchmark"])}</h2>')
    parts.append(fig(benchmark_chart(latest, illustrative=illustrative)))

    parts.append(f'<h2 id="progression">{html.escape(TEXT["progression"])}</h2>')
    parts.append(fig(progression_chart(scores, x="months", illustrative=illustrative)))

    parts.append(f'<h2 id="feedback">{html.escape(TEXT["feedback"])}</h2>')
    parts.append(f'<p class="note">{html.escape(TEXT["feedback_help"])}</p>')
    parts.append(fig(feedback_heatmap(feedback, illustrative=illustrative)))
    parts.append(f"<h3>{html.escape(TEXT['extremes'])}</h3>")
    found = extremes(feedback)
    parts.append(_table(TEXT["columns_extremes"], [
        [ilabels[r.indicator], labels[r.stage], r.pattern, int(r.judged)]
        for r in found.itertuples()]) if len(found) else f"<p>{TEXT['none']}</p>")
    parts.append(f"<h3>{html.escape(TEXT['inversions'])}</h3>")
    inversions = order_inversions(table)
    limit = 100
    parts.append(_table(TEXT["columns_inversions"], [
        [r.network, r.date, ilabels[r.indicator],
         f"{labels[r.earlier_stage]} ({r.earlier_rating.replace('_', ' ')})",
         labels[r.later_stage]]
        for r in inversions.head(limit).itertuples()]) if len(inversions)
        else f"<p>{TEXT['none']}</p>")
    if len(inversions) > limit:
        parts.append(f"<p>{html.escape(TEXT['more_inversions'].format(n=len(inversions) - limit))}"
                     "</p>")

    if has_assessor:
        brokers = broker_feedback(table, rule=rule)
        parts.append(f'<h2 id="brokers">{html.escape(TEXT["brokers"])}</h2>')
        parts.append(_table(TEXT["columns_brokers"], [
            [r.assessor, int(r.networks), int(r.assessments), float(r.mean_index),
             float(r.index_gain_per_year), f"{r.mean_completeness:.0%}",
             float(r.inversions_per_assessment), ilabels[r.weakest_indicator]]
            for r in brokers.itertuples()]))

    parts.append(f'<h2 id="networks">{html.escape(TEXT["networks"])}</h2>')
    if len(shown) < len(all_networks):
        more = TEXT["more_networks"].format(shown=len(shown), total=len(all_networks))
        parts.append(f'<p class="note">{html.escape(more)}</p>')
    parts.append("<ul>" + "".join(
        f'<li><a href="#{anchors[n]}">{html.escape(n)}</a></li>' for n in shown) + "</ul>")
    matrix = matrix_figure(height=480)
    positions = {key: k for k, key in enumerate(data.keys.itertuples(index=False, name=None))}
    for network in shown:
        rows = scores[scores["network"] == network].sort_values("date")
        last = rows.iloc[-1]
        parts.append(f'<h3 id="{anchors[network]}">{html.escape(network)}</h3>')
        update_matrix(matrix, data.codes[positions[(network, last["date"])]],
                      network=network, date=str(last["date"]), rule=rule)
        parts.append(fig(matrix))
        if len(rows) > 1:
            parts.append(fig(progression_chart(rows, illustrative=illustrative)))

    plotly_js = plotly_js_path().read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style>"
        f"<script>{plotly_js}</script></head><body>\n"
        + "\n".join(parts) + "\n</body></html>\n"
    )


def write_net_report(
    assessments: pd.DataFrame, path: str | Path, **options: object
) -> Path:
    """Write :func:`net_report_html` to ``path`` (atomically) and return the path."""
    page = net_report_html(assessments, **options)  # type: ignore[arg-type]
    return atomic_write(path, page.encode("utf-8"))


__all__ = ["TEXT", "net_report_html", "write_net_report"]
