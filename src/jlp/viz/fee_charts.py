"""Charts of fee ramps, affordability and a broker institution's revenue mix.

Each chart function takes a table from :mod:`jlp.fees` and returns a styled plotly figure.
Given ``fig=`` (a figure it made before), it updates that figure's traces in place instead:
a figure with the course template takes about 20 ms to build and well under 1 ms to
update, which keeps the :class:`jlp.widgets.FeeRampTuner` responsive.

:func:`ramp_explorer_chart` precomputes many ramps into one figure with buttons and a
slider, so a reader of the static book can explore without a running kernel.

>>> from jlp import fees
>>> fig = schedule_chart(fees.schedule(fees.ramp_preset("emasim"), 4000, 10))
>>> [trace.name for trace in fig.data]
['Fee paid by the network', 'Subsidy', 'Cumulative cost recovery']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jlp.fees.affordability import Affordability
from jlp.fees.institution import break_even_year, revenue_sources
from jlp.fees.ramps import RampRule, full_cost_year, schedule
from jlp.i18n import Messages
from jlp.viz.chart_style import finish, outlined, reusable, share_axis
from jlp.viz.figures import plotly_text, styled
from jlp.viz.palette import OKABE_ITO
from jlp.viz.titles import titled

#: User-facing strings of this module, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "year": "Year",
        "usd": "US$ a year",
        "share_axis": "Share",
        "fee": "Fee paid by the network",
        "subsidy": "Subsidy",
        "recovery": "Cumulative cost recovery",
        "schedule_title": "Fee ramp: who pays the broker's yearly cost",
        "full_cost": "The network pays the full cost from year {year}.",
        "never_full": "The network never pays the full cost (cap {cap:.0%}).",
        "schedule_note": "Illustrative yearly cost. Fee shares: see the preset's provenance.",
        "fee_hover": "Year %{x}: fee US$ %{y:,.0f} (%{customdata:.0%} of the cost)<extra></extra>",
        "subsidy_hover": "Year %{x}: subsidy US$ %{y:,.0f}<extra></extra>",
        "recovery_hover": "Year %{x}: %{y:.0%} of the cost so far paid in fees<extra></extra>",
        "afford_title": "Affordability: the fee against the network's extra margin",
        "margin": "Extra margin from co-operation",
        "fee_usd": "Fee",
        "ratio": "Fee as a share of the extra margin",
        "dropout_line": "Drop-out threshold ({share:.0%})",
        "floor_line": "Dependency floor ({share:.0%})",
        "dropout_mark": "Risk of drop-out",
        "dependency_mark": "Risk of dependency",
        "afford_note": "Illustrative: the extra margin and both thresholds are teaching "
        "assumptions.",
        "ratio_hover": "Year %{x}: fee = %{y:.1%} of the extra margin<extra></extra>",
        "margin_hover": "Year %{x}: extra margin US$ %{y:,.0f}<extra></extra>",
        "feeusd_hover": "Year %{x}: fee US$ %{y:,.0f}<extra></extra>",
        "revenue_title": "The broker institution: revenue by source",
        "cost": "Total cost",
        "public_share": "Public/donor share (right axis)",
        "public_axis": "Public/donor share of the costs",
        "cost_hover": "Year %{x}: cost US$ %{y:,.0f}<extra></extra>",
        "source_hover": "Year %{x}: %{fullData.name} US$ %{y:,.0f}<extra></extra>",
        "share_hover": "Year %{x}: %{y:.0%} of the cost from public or donor funds<extra></extra>",
        "break_even": "Own revenue covers the costs from year {year}.",
        "no_break_even": "No break-even within {years} years: public or donor funds stay needed.",
        "revenue_note": "Illustrative costs and portfolio; reported shares named in the data.",
        "sources": {
            "service_fees": "Service fees (networks)",
            "training_fees": "Service fees (institutions: broker training)",
            "membership_fees": "Membership fees",
            "public_donor": "International donor",
            "public_state_government": "State government",
            "public_pii": "PII (the programme)",
        },
        "presets_title": "Fee share per year, by preset",
        "presets_note": "EMASIM's free years and first share are reported (Honduras section); its "
        "later steps and the other presets are illustrative.",
        "explorer_title": "Explore a ramp: {free} free year(s), then {first:.0%} rising by "
        "{step:.0%} "
        "a year",
        "explorer_free": "Free years:",
        "explorer_step": "Yearly step: ",
        "explorer_note": "Precomputed ramps with a first share of {first:.0%} and an illustrative "
        "yearly cost of US$ {cost:,.0f}. {full}",
    }
)

FEE_COLOR = OKABE_ITO["blue"]
SUBSIDY_COLOR = OKABE_ITO["orange"]
LINE_COLOR = OKABE_ITO["black"]
#: Colour and fill pattern per revenue source (patterns keep sources apart in grey print).
SOURCE_STYLE = {
    "service_fees": (OKABE_ITO["blue"], ""),
    "training_fees": (OKABE_ITO["orange"], "+"),
    "membership_fees": (OKABE_ITO["green"], "."),
}
PUBLIC_STYLES = [
    (OKABE_ITO["vermillion"], "/"),
    (OKABE_ITO["purple"], "x"),
    (OKABE_ITO["sky_blue"], "\\"),
    (OKABE_ITO["yellow"], "-"),
]


def _refresh(fig: go.Figure, traces: Sequence[dict], layout: dict) -> go.Figure:
    """Update ``fig`` in place; the layout only when its title or subtitle changed."""
    title = fig.layout.title
    changed = (
        title.text != layout["title"]["text"]
        or title.subtitle.text != layout["title"]["subtitle"]["text"]
    )
    with fig.batch_update():
        for trace, new in zip(fig.data, traces, strict=True):
            trace.update(new)
        if changed:
            fig.update_layout(layout)
    return fig


def _share_line(colour: str, symbol: str) -> dict:
    """The style of a share drawn as a line on the right-hand axis."""
    return {
        "mode": "lines+markers",
        "yaxis": "y2",
        "line": {"color": colour, "width": 2},
        "marker": {"symbol": symbol},
    }


def _yearly_stack(
    fig: go.Figure, heading: dict, share_title: str, *, height: int, bottom: int
) -> go.Figure:
    """The layout of US$ stacked per year, with a share on the right-hand axis."""
    return finish(
        fig,
        heading,
        barmode="stack",
        height=height,
        xaxis={"title": TEXT["year"], "dtick": 1},
        yaxis={"title": TEXT["usd"], "rangemode": "tozero"},
        yaxis2=share_axis(share_title),
        legend={"y": -0.2, "traceorder": "normal"},
        margin={"b": bottom, "r": 70},
    )


# --------------------------------------------------------------------------- schedule


def _schedule_traces(table: pd.DataFrame) -> list[dict]:
    years = table["year"].tolist()
    return [
        {"x": years, "y": table["fee"].tolist(), "customdata": table["fee_share"].tolist()},
        {"x": years, "y": table["subsidy"].tolist()},
        {"x": years, "y": table["cumulative_recovery"].tolist()},
    ]


def _full_cost_text(rule: RampRule | None) -> str:
    if rule is None:
        return ""
    year = full_cost_year(rule)
    return (
        TEXT["full_cost"].format(year=year)
        if year is not None
        else TEXT["never_full"].format(cap=rule.cap)
    )


def schedule_chart(
    table: pd.DataFrame,
    *,
    rule: RampRule | None = None,
    title: str | None = None,
    note: str | None = None,
    fig: go.Figure | None = None,
) -> go.Figure:
    """Fee and subsidy stacked per year, with cumulative cost recovery (right axis).

    ``table`` is :func:`jlp.fees.schedule`; with ``rule`` the caption says when (if ever)
    the network pays the full cost.
    """
    caption = " ".join(t for t in (_full_cost_text(rule), note or TEXT["schedule_note"]) if t)
    layout = titled(title or TEXT["schedule_title"], caption)
    traces = _schedule_traces(table)
    if reusable(fig, 3):
        return _refresh(fig, traces, layout)
    fig = styled(go.Figure())
    fig.add_bar(
        name=TEXT["fee"], marker_color=FEE_COLOR, hovertemplate=TEXT["fee_hover"], **traces[0]
    )
    fig.add_bar(
        name=TEXT["subsidy"],
        marker_color=SUBSIDY_COLOR,
        hovertemplate=TEXT["subsidy_hover"],
        **traces[1],
    )
    fig.add_scatter(
        name=TEXT["recovery"],
        hovertemplate=TEXT["recovery_hover"],
        **_share_line(LINE_COLOR, "diamond"),
        **traces[2],
    )
    return _yearly_stack(fig, layout, TEXT["recovery"], height=430, bottom=80)


def preset_shares_chart(rules: Mapping[str, RampRule], years: int = 10) -> go.Figure:
    """The fee share per year of several ramps (step lines), to compare presets.

    >>> from jlp import fees
    >>> len(preset_shares_chart(fees.ramp_presets()).data)
    4
    """
    fig = styled(go.Figure())
    symbols = ["circle", "square", "diamond", "triangle-up", "x", "star"]
    for i, (name, rule) in enumerate(rules.items()):
        fig.add_scatter(
            x=list(range(1, years + 1)),
            y=rule.shares(years).tolist(),
            name=plotly_text(name),
            mode="lines+markers",
            line={"shape": "hv", "width": 2},
            marker={"symbol": symbols[i % len(symbols)], "size": 8},
            hovertemplate="%{fullData.name}, year %{x}: %{y:.0%}<extra></extra>",
        )
    layout = titled(TEXT["presets_title"], TEXT["presets_note"] if "emasim" in rules else "")
    fig.update_layout(
        title=layout["title"],
        height=380 + layout["margin"]["t"] - 70,
        xaxis={"title": TEXT["year"], "dtick": 1},
        yaxis={"title": TEXT["share_axis"], "tickformat": ".0%", "range": [-0.02, 1.05]},
        legend={"orientation": "h", "y": -0.25},
        margin={"t": layout["margin"]["t"]},
    )
    return fig


# --------------------------------------------------------------------------- affordability


def _affordability_traces(result: Affordability) -> list[dict]:
    table = result.table
    years = table["year"].tolist()
    ratio = table["fee_to_margin"].replace([np.inf, -np.inf], np.nan)
    drop = table["dropout"].to_numpy()
    dep = table["dependency"].to_numpy()
    n = len(years)
    return [
        {"x": years, "y": table["margin"].tolist()},
        {"x": years, "y": table["fee"].tolist()},
        {"x": years, "y": ratio.tolist()},
        {
            "x": years,
            "y": [result.rule.dropout_threshold] * n,
            "name": TEXT["dropout_line"].format(share=result.rule.dropout_threshold),
        },
        {
            "x": years,
            "y": [result.rule.dependency_floor] * n,
            "name": TEXT["floor_line"].format(share=result.rule.dependency_floor),
        },
        {
            "x": [y for y, d in zip(years, drop, strict=True) if d],
            "y": [r for r, d in zip(ratio.tolist(), drop, strict=True) if d],
        },
        {
            "x": [y for y, d in zip(years, dep, strict=True) if d],
            "y": [r for r, d in zip(ratio.tolist(), dep, strict=True) if d],
        },
    ]


def affordability_chart(
    result: Affordability,
    *,
    title: str | None = None,
    note: str | None = None,
    fig: go.Figure | None = None,
) -> go.Figure:
    """Top: extra margin and fee in US$. Bottom: the fee as a share of the extra margin,
    with the drop-out threshold, the dependency floor and the years each warning marks.

    ``result`` is :func:`jlp.fees.affordability`.
    """
    layout = titled(title or TEXT["afford_title"], note or TEXT["afford_note"])
    traces = _affordability_traces(result)
    if reusable(fig, 7):
        return _refresh(fig, traces, layout)
    fig = styled(
        make_subplots(
            rows=2, cols=1, shared_xaxes=True, row_heights=[0.4, 0.6], vertical_spacing=0.08
        )
    )
    fig.add_bar(
        name=TEXT["margin"],
        marker={"color": OKABE_ITO["sky_blue"]},
        hovertemplate=TEXT["margin_hover"],
        row=1,
        col=1,
        **traces[0],
    )
    fig.add_bar(
        name=TEXT["fee_usd"],
        marker={"color": FEE_COLOR},
        hovertemplate=TEXT["feeusd_hover"],
        row=1,
        col=1,
        **traces[1],
    )
    fig.add_scatter(
        name=TEXT["ratio"],
        mode="lines+markers",
        line={"color": LINE_COLOR},
        hovertemplate=TEXT["ratio_hover"],
        row=2,
        col=1,
        **traces[2],
    )
    fig.add_scatter(
        mode="lines",
        line={"color": OKABE_ITO["vermillion"], "dash": "dash"},
        hoverinfo="skip",
        row=2,
        col=1,
        **traces[3],
    )
    fig.add_scatter(
        mode="lines",
        line={"color": OKABE_ITO["purple"], "dash": "dot"},
        hoverinfo="skip",
        row=2,
        col=1,
        **traces[4],
    )
    fig.add_scatter(
        name=TEXT["dropout_mark"],
        mode="markers",
        hoverinfo="skip",
        marker=outlined({"symbol": "triangle-up", "size": 14, "color": OKABE_ITO["vermillion"]}),
        row=2,
        col=1,
        **traces[5],
    )
    fig.add_scatter(
        name=TEXT["dependency_mark"],
        mode="markers",
        hoverinfo="skip",
        marker={
            "symbol": "circle-open",
            "size": 14,
            "color": OKABE_ITO["purple"],
            "line": {"width": 2},
        },
        row=2,
        col=1,
        **traces[6],
    )
    finish(
        fig,
        layout,
        barmode="group",
        height=580,
        legend={"y": -0.14, "traceorder": "normal"},
        margin={"b": 110},
    )
    fig.update_xaxes(dtick=1)
    fig.update_xaxes(title=TEXT["year"], row=2, col=1)
    fig.update_yaxes(title=TEXT["usd"], rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title=TEXT["share_axis"], tickformat=".0%", rangemode="tozero", row=2, col=1)
    return fig


# --------------------------------------------------------------------------- institution


def _source_label(column: str) -> str:
    return plotly_text(
        TEXT["sources"].get(column, column.removeprefix("public_").replace("_", " ").title())
    )


def _revenue_traces(table: pd.DataFrame) -> list[dict]:
    years = table["year"].tolist()
    # A source that brings nothing in any year stays out of the legend (no legend entry
    # without bars).
    traces = [
        {
            "x": years,
            "y": table[c].tolist(),
            "name": _source_label(c),
            "showlegend": bool((table[c].fillna(0) != 0).any()),
        }
        for c in revenue_sources(table)
    ]
    traces.append({"x": years, "y": table["cost"].tolist()})
    traces.append({"x": years, "y": table["public_share"].tolist()})
    return traces


def revenue_mix_chart(
    table: pd.DataFrame,
    *,
    title: str | None = None,
    note: str | None = None,
    fig: go.Figure | None = None,
) -> go.Figure:
    """Revenue by source per year (stacked), the total cost, and the public/donor share
    of the costs (right axis). ``table`` is :func:`jlp.fees.finances`.
    """
    year = break_even_year(table)
    verdict = (
        TEXT["break_even"].format(year=year)
        if year is not None
        else TEXT["no_break_even"].format(years=len(table))
    )
    layout = titled(title or TEXT["revenue_title"], f"{verdict} {note or TEXT['revenue_note']}")
    sources = revenue_sources(table)
    traces = _revenue_traces(table)
    if reusable(fig, len(traces)) and [t.name for t in fig.data[: len(sources)]] == [
        _source_label(c) for c in sources
    ]:
        return _refresh(fig, traces, layout)
    fig = styled(go.Figure())
    public = 0
    for column, trace in zip(sources, traces, strict=False):
        if column in SOURCE_STYLE:
            color, pattern = SOURCE_STYLE[column]
        else:
            color, pattern = PUBLIC_STYLES[public % len(PUBLIC_STYLES)]
            public += 1
        fig.add_bar(
            marker={"color": color, "pattern": {"shape": pattern}},
            hovertemplate=TEXT["source_hover"],
            **trace,
        )
    fig.add_scatter(
        name=TEXT["cost"],
        mode="lines",
        line={"color": LINE_COLOR, "dash": "dash"},
        hovertemplate=TEXT["cost_hover"],
        **traces[-2],
    )
    fig.add_scatter(
        name=TEXT["public_share"],
        hovertemplate=TEXT["share_hover"],
        **_share_line("#7a7a7a", "square"),
        **traces[-1],
    )
    return _yearly_stack(fig, layout, TEXT["public_axis"], height=460, bottom=100)


# --------------------------------------------------------------------------- static explorer


def ramp_explorer_chart(
    *,
    first_share: float = 0.2,
    free_years: Sequence[int] = (0, 1, 2, 3, 4, 5),
    steps: Sequence[float] = tuple(round(0.05 * i, 2) for i in range(11)),
    start: tuple[int, float] = (3, 0.25),
    annual_cost: float = 4000.0,
    years: int = 10,
) -> go.Figure:
    """A ramp chart with buttons (free years) and a slider (yearly step) over precomputed
    ramps, so the static book can be explored without a kernel.

    Every combination of ``free_years`` and ``steps`` is computed here, with the given
    ``first_share`` and cap 100 %; ``start`` is the combination shown first.

    >>> fig = ramp_explorer_chart()
    >>> len(fig.layout.sliders[0].steps), len(fig.layout.updatemenus[0].buttons)
    (11, 6)
    """
    free_years, steps = list(free_years), list(steps)
    combos = {}
    for free in free_years:
        for step in steps:
            rule = RampRule(subsidised_years=free, first_share=first_share, step=step)
            combos[free, step] = (rule, _schedule_traces(schedule(rule, annual_cost, years)))

    def restyle(free: int, step: float) -> list[dict]:
        rule, traces = combos[free, step]
        title = TEXT["explorer_title"].format(free=free, first=first_share, step=step)
        note = TEXT["explorer_note"].format(
            first=first_share, cost=annual_cost, full=_full_cost_text(rule)
        )
        return [
            {"y": [t["y"] for t in traces], "customdata": [traces[0]["customdata"], None, None]},
            {
                "title.text": title,
                "title.subtitle.text": titled(title, note)["title"]["subtitle"]["text"],
            },
        ]

    def slider(free: int, active: int) -> dict:
        return {
            "active": active,
            "currentvalue": {"prefix": TEXT["explorer_step"]},
            "pad": {"t": 60},
            "steps": [
                {"label": f"{step:.0%}", "method": "update", "args": restyle(free, step)}
                for step in steps
            ],
        }

    free0, step0 = start
    active = steps.index(step0)
    rule = combos[free0, step0][0]
    fig = schedule_chart(schedule(rule, annual_cost, years), rule=rule)
    layout_update = restyle(free0, step0)[1]
    fig.update_layout(
        title_text=layout_update["title.text"],
        sliders=[slider(free0, active)],
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "x": 0.14,
                "xanchor": "left",
                "y": 1.0,
                "yanchor": "bottom",
                "pad": {"b": 10},
                "showactive": True,
                "active": free_years.index(free0),
                "buttons": [
                    {
                        "label": f" {free} ",
                        "method": "update",
                        "args": [
                            restyle(free, step0)[0],
                            {**restyle(free, step0)[1], "sliders": [slider(free, active)]},
                        ],
                    }
                    for free in free_years
                ],
            }
        ],
        annotations=[
            {
                "text": TEXT["explorer_free"],
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": 16,
                "showarrow": False,
            }
        ],
        height=600,
        margin={"t": fig.layout.margin.t + 50, "b": 170},
        legend={"y": -0.55},
    )
    fig.layout.title.subtitle.text = layout_update["title.subtitle.text"]
    return fig


__all__ = [
    "TEXT",
    "affordability_chart",
    "preset_shares_chart",
    "ramp_explorer_chart",
    "revenue_mix_chart",
    "schedule_chart",
]
