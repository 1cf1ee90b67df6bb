"""Charts of economies of scale in joint action (Masaya, Box 4): prices, savings, group size.

Each function takes results of :mod:`jlp.scale` and returns a styled plotly figure; show it
in a notebook with :func:`jlp.viz.show`. Given ``fig=`` (a figure the same function made
before), :func:`price_curve_chart`, :func:`pool_chart`, :func:`savings_chart` and
:func:`tradeoff_chart` update that figure's traces in place, which keeps the
:class:`jlp.widgets.PoolChooser` quick.

Colours come from the Okabe–Ito palette, and every series also differs by line dash,
marker symbol or fill pattern, so the charts still read in grey print. All prices,
quantities and costs are illustrative (the paper gives none); the default notes say so.

>>> from jlp import scale
>>> fig = price_curve_chart(scale.yarn_prices(), scale.purchases())
>>> [trace.name for trace in fig.data][:3]
['Price per kg', 'Each producer alone', 'Each network']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from jlp.i18n import Messages
from jlp.scale import LEVELS, JointProject, Optimum, PoolResult, PriceCurve, TierTable
from jlp.scale.tradeoff import best_size, net_benefit_table, project_label
from jlp.viz.chart_style import finish, outlined, reusable
from jlp.viz.figures import plotly_text, styled
from jlp.viz.palette import OKABE_ITO
from jlp.viz.titles import titled

#: User-facing strings of this module, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "kg": "Yarn bought a month (kg, log scale)",
        "price_axis": "Price (US$ per kg)",
        "usd": "US$ a month",
        "curve": "Price per kg",
        "curve_hover": "From %{x:,.0f} kg: US$ %{y:.2f} per kg<extra></extra>",
        "levels": {
            "own": "Each producer alone",
            "network": "Each network",
            "sector": "The sector",
            "cluster": "The cluster",
        },
        "purchase_hover": "%{customdata[0]}<br>%{customdata[1]} member(s), %{x:,.0f} kg a month"
        "<br>US$ %{y:.2f} per kg<extra>%{fullData.name}</extra>",
        "best_from": "best price from {kg:,.0f} kg",
        "price_title": "Yarn price by quantity, and who buys how much at each level",
        "price_note": "Illustrative price list (the paper gives no prices): a larger monthly order "
        "pays less per kg on the whole order. Box 4: only the whole hammock sector buys enough "
        "for the best price.",
        "members": "Members buying alone",
        "pool": "The pool, buying together",
        "member_hover": "%{customdata}<br>alone: %{x:,.0f} kg at US$ %{y:.2f} per "
        "kg<extra></extra>",
        "pool_hover": "The pool: %{x:,.0f} kg at US$ %{y:.2f} per kg<extra></extra>",
        "pool_title": "Your pool: {size} producer(s), {kg:,.0f} kg a month at US$ {price:.2f} per "
        "kg",
        "pool_note": "Illustrative prices and quantities. Each grey mark is a member buying "
        "alone; the star is the pool.",
        "saving": "Saving on yarn",
        "coordination": "Co-ordination cost",
        "net": "Net saving",
        "bar_hover": "%{x}: %{y:,.0f} US$ a month<extra>%{fullData.name}</extra>",
        "savings_title": "What pooling the yarn purchase saves, level by level",
        "savings_note": "Against every producer buying alone; illustrative prices, needs and "
        "co-ordination costs. The cluster adds members who buy no yarn.",
        "size": "Group size (members)",
        "benefit": "Benefit of the joint action",
        "benefit_pool": "Saving on yarn",
        "cost": "Co-ordination cost",
        "net_benefit": "Net benefit",
        "per_member": " (per member)",
        "line_hover": "%{x} members: US$ %{y:,.0f} a month<extra>%{fullData.name}</extra>",
        "optimum": "Best size: {size} (net US$ {net:,.0f} a month)",
        "no_group": "No group pays for itself here",
        "tradeoff_title": "Critical mass against co-ordination cost",
        "tradeoff_note": "Illustrative parameters: the benefit grows with the group toward its "
        "critical mass, co-ordination grows with every pair of members.",
        "pool_tradeoff_title": "Growing the yarn pool one producer at a time",
        "pool_tradeoff_note": "Each point adds one producer (largest need first unless an order "
        "is given). Illustrative prices, needs and co-ordination costs.",
        "scope_title": "Each joint action has its own best scale",
        "scope_axis": "Net benefit (share of its best)",
        "scope_hover": "%{x} members: %{y:.0%} of the best net "
        "benefit<extra>%{fullData.name}</extra>",
        "scope_best": "{label} (best: {size} members)",
        "scope_note": "Illustrative joint projects, one per level; each curve is scaled to its own "
        "best net benefit. Box 4: choose the scale of each joint action.",
    }
)

#: Colour, marker symbol and size of the purchases at each level (symbols keep them apart
#: in grey print).
LEVEL_STYLE = {
    "own": (OKABE_ITO["sky_blue"], "circle", 8),
    "network": (OKABE_ITO["orange"], "square", 12),
    "sector": (OKABE_ITO["vermillion"], "diamond", 16),
    "cluster": (OKABE_ITO["purple"], "star-open", 22),
}
CURVE_COLOR = OKABE_ITO["black"]
SAVING_STYLE = (OKABE_ITO["blue"], "")
COORDINATION_STYLE = (OKABE_ITO["orange"], "/")
NET_STYLE = (OKABE_ITO["green"], ".")
SCOPE_STYLES = [
    (OKABE_ITO["blue"], "solid", "circle"),
    (OKABE_ITO["vermillion"], "dash", "square"),
    (OKABE_ITO["green"], "dot", "diamond"),
    (OKABE_ITO["purple"], "dashdot", "triangle-up"),
]
_MIN_KG = 10.0  # left end of the log axis


def _curve_trace(curve: object) -> dict:
    """The price curve's trace style: steps for a tier table, a line for a smooth curve."""
    return {
        "name": TEXT["curve"],
        "mode": "lines",
        "hovertemplate": TEXT["curve_hover"],
        "line": {
            "color": CURVE_COLOR,
            "width": 2,
            "shape": "hv" if isinstance(curve, TierTable) else "linear",
        },
    }


def _refresh(fig: go.Figure, traces: Sequence[dict], layout: dict) -> go.Figure:
    """Update ``fig`` in place, touching the layout only where it changed.

    Layout updates are the slow part of a plotly update, so the pieces last applied are
    remembered on the figure and compared before anything is set.
    """
    applied = getattr(fig, "_jlp_applied", None) or {}
    with fig.batch_update():
        for trace, new in zip(fig.data, traces, strict=True):
            trace.update(new)
        title = layout["title"]
        if applied.get("title") != title["text"]:
            fig.layout.title.text = title["text"]
        subtitle = title["subtitle"]["text"]
        if applied.get("subtitle") != subtitle:
            fig.layout.title.subtitle.text = subtitle
            fig.layout.margin.t = layout["margin"]["t"]
        for key in ("shapes", "annotations"):
            if key in layout and applied.get(key) != layout[key]:
                fig.layout[key] = layout[key]  # assigned: update_layout keeps old items
        for key in ("xaxis", "yaxis"):
            if key in layout and applied.get(key) != layout[key]:
                fig.update_layout({key: layout[key]})
    _remember(fig, layout)
    return fig


def _remember(fig: go.Figure, layout: dict) -> None:
    """Note on ``fig`` the layout pieces it now has (read back by :func:`_refresh`)."""
    pieces = {"title": layout["title"]["text"], "subtitle": layout["title"]["subtitle"]["text"]}
    pieces.update(
        {k: layout[k] for k in ("shapes", "annotations", "xaxis", "yaxis") if k in layout}
    )
    fig._jlp_applied = pieces


# --------------------------------------------------------------------------- price curve


def _curve_xy(curve: PriceCurve, high: float) -> tuple[list[float], list[float]]:
    """Points of the curve from _MIN_KG to ``high`` (steps for a tier table)."""
    if isinstance(curve, TierTable):
        edges = [x for x in curve.min_kg[1:] if _MIN_KG < x < high]
        xs = [_MIN_KG, *edges, high]
        return xs, [float(curve.price(x)) for x in xs]
    xs = np.geomspace(_MIN_KG, high, 120)
    return xs.tolist(), np.asarray(curve.price(xs), dtype=float).tolist()


def _axis_end(curve: PriceCurve, *quantities: float) -> float:
    top = max([_MIN_KG * 10, *(q for q in quantities if np.isfinite(q))])
    if curve.best_price_from:
        top = max(top, curve.best_price_from)
    return top * 1.6


def _best_marker(curve: PriceCurve, low_price: float) -> dict:
    if not curve.best_price_from:
        return {"shapes": [], "annotations": []}
    x = curve.best_price_from
    return {
        "shapes": [
            {
                "type": "line",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"color": "grey", "dash": "dot", "width": 1},
            }
        ],
        "annotations": [
            {
                "x": np.log10(x),
                "y": low_price,
                "yref": "y",
                "xref": "x",
                "text": TEXT["best_from"].format(kg=x),
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"size": 11},
            }
        ],
    }


def _price_axes(curve: PriceCurve, high: float) -> dict:
    span = curve.list_price - curve.best_price
    pad = max(span * 0.15, 0.05)
    return {
        "xaxis": {"title": TEXT["kg"], "type": "log", "range": [np.log10(_MIN_KG), np.log10(high)]},
        "yaxis": {
            "title": TEXT["price_axis"],
            "tickformat": ".2f",
            "range": [curve.best_price - pad, curve.list_price + pad],
        },
    }


def _purchase_traces(curve: PriceCurve, purchases: pd.DataFrame | None) -> list[dict]:
    out = []
    for level in LEVELS:
        if purchases is None or purchases.empty:
            rows = pd.DataFrame(columns=["label", "members", "quantity_kg"])
        else:
            rows = purchases.loc[purchases["level"] == level]
            if level != "own" and "members" in rows:
                rows = rows.loc[rows["members"] >= 2]  # lone buyers are already marked
        quantity = rows["quantity_kg"].to_numpy(dtype=float)
        price = (
            rows["unit_price"].to_numpy(dtype=float)
            if "unit_price" in rows
            else np.asarray(curve.price(quantity), dtype=float)
        )
        members = rows["members"].tolist() if "members" in rows else [1] * len(rows)
        out.append(
            {
                "x": np.maximum(quantity, _MIN_KG).tolist(),
                "y": price.tolist(),
                "customdata": [
                    [plotly_text(lab), m]
                    for lab, m in zip(rows["label"].tolist(), members, strict=True)
                ],
            }
        )
    return out


def price_curve_chart(
    curve: PriceCurve,
    purchases: pd.DataFrame | None = None,
    *,
    max_kg: float | None = None,
    title: str | None = None,
    note: str | None = None,
    fig: go.Figure | None = None,
) -> go.Figure:
    """The price per kg against the quantity bought (log scale), with purchases marked.

    ``purchases`` is :func:`jlp.scale.purchases` (columns level, label, members,
    quantity_kg, unit_price): each level's purchases get their own colour and symbol. The
    dotted line marks the quantity from which the best price applies (tier tables). Above
    the ``own`` level only groups of two or more are marked (a producer buying alone is
    already marked at ``own``).

    >>> from jlp import scale
    >>> fig = price_curve_chart(scale.yarn_prices())
    >>> fig.data[0].line.shape, fig.layout.xaxis.type
    ('hv', 'log')
    """
    quantities = [] if purchases is None else purchases["quantity_kg"].tolist()
    high = max_kg or _axis_end(curve, *quantities)
    xs, ys = _curve_xy(curve, high)
    layout = {
        **titled(title or TEXT["price_title"], note or TEXT["price_note"]),
        **_best_marker(curve, curve.best_price),
        **_price_axes(curve, high),
    }
    traces = [{"x": xs, "y": ys}, *_purchase_traces(curve, purchases)]
    if reusable(fig, 1 + len(LEVELS)):
        return _refresh(fig, traces, layout)
    fig = styled(go.Figure())
    fig.add_scatter(**_curve_trace(curve), **traces[0])
    for level, trace in zip(LEVELS, traces[1:], strict=True):
        colour, symbol, size = LEVEL_STYLE[level]
        fig.add_scatter(
            name=TEXT["levels"][level],
            mode="markers",
            hovertemplate=TEXT["purchase_hover"],
            marker=outlined({"color": colour, "symbol": symbol, "size": size, "opacity": 0.9}),
            **trace,
        )
    finish(fig, layout, height=460, legend={"y": -0.2}, margin={"b": 90})
    _remember(fig, layout)
    return fig


def pool_chart(
    result: PoolResult,
    curve: PriceCurve,
    *,
    title: str | None = None,
    note: str | None = None,
    fig: go.Figure | None = None,
) -> go.Figure:
    """The price curve with one pool: each member buying alone, and the pool together.

    ``result`` is :func:`jlp.scale.pool_purchase` (with the same ``curve``).

    >>> from jlp import scale
    >>> pool = scale.pool_purchase(None, ["eco_01", "eco_02"])
    >>> [t.name for t in pool_chart(pool, scale.yarn_prices()).data]
    ['Price per kg', 'Members buying alone', 'The pool, buying together']
    """
    detail = result.detail
    high = _axis_end(curve, result.quantity_kg)
    xs, ys = _curve_xy(curve, high)
    heading = title or TEXT["pool_title"].format(
        size=result.size, kg=result.quantity_kg, price=result.unit_price
    )
    layout = {
        **titled(heading, note or TEXT["pool_note"]),
        **_best_marker(curve, curve.best_price),
        **_price_axes(curve, high),
    }
    traces = [
        {"x": xs, "y": ys},
        {
            "x": np.maximum(detail["quantity_kg"].to_numpy(dtype=float), _MIN_KG).tolist(),
            "y": detail["own_unit_price"].tolist(),
            "customdata": [plotly_text(v) for v in detail["label"]],
        },
        {"x": [max(result.quantity_kg, _MIN_KG)], "y": [result.unit_price]},
    ]
    if reusable(fig, 3):
        return _refresh(fig, traces, layout)
    fig = styled(go.Figure())
    fig.add_scatter(**_curve_trace(curve), **traces[0])
    fig.add_scatter(
        name=TEXT["members"],
        mode="markers",
        hovertemplate=TEXT["member_hover"],
        marker=outlined({"color": "#999999", "symbol": "circle", "size": 9}),
        **traces[1],
    )
    fig.add_scatter(
        name=TEXT["pool"],
        mode="markers",
        hovertemplate=TEXT["pool_hover"],
        marker=outlined({"color": OKABE_ITO["vermillion"], "symbol": "star", "size": 22}),
        **traces[2],
    )
    finish(fig, layout, height=420, legend={"y": -0.22}, margin={"b": 90})
    _remember(fig, layout)
    return fig


# --------------------------------------------------------------------------- savings


def savings_chart(
    table: pd.DataFrame,
    *,
    title: str | None = None,
    note: str | None = None,
    fig: go.Figure | None = None,
) -> go.Figure:
    """Saving on yarn, co-ordination cost and net saving at each level, side by side.

    ``table`` is :func:`jlp.scale.savings_by_level`.

    >>> from jlp import scale
    >>> fig = savings_chart(scale.savings_by_level())
    >>> [t.name for t in fig.data], list(fig.data[0].x)
    (['Saving on yarn', 'Co-ordination cost', 'Net saving'], ['Each producer alone', \
'Each network', 'The sector', 'The cluster'])
    """
    labels = [TEXT["levels"].get(level, level) for level in table["level"]]
    layout = titled(title or TEXT["savings_title"], note or TEXT["savings_note"])
    columns = ("saving", "coordination_cost", "net_saving")
    traces = [{"x": labels, "y": table[c].tolist()} for c in columns]
    if reusable(fig, 3):
        return _refresh(fig, traces, layout)
    fig = styled(go.Figure())
    for name, (colour, pattern), trace in zip(
        ("saving", "coordination", "net"),
        (SAVING_STYLE, COORDINATION_STYLE, NET_STYLE),
        traces,
        strict=True,
    ):
        fig.add_bar(
            name=TEXT[name],
            hovertemplate=TEXT["bar_hover"],
            marker=outlined({"color": colour, "pattern": {"shape": pattern}}),
            **trace,
        )
    finish(
        fig,
        layout,
        barmode="group",
        height=420,
        yaxis={"title": TEXT["usd"], "zeroline": True, "zerolinecolor": "black"},
        legend={"y": -0.15},
        margin={"b": 80},
    )
    _remember(fig, layout)
    return fig


# --------------------------------------------------------------------------- trade-off


def tradeoff_chart(
    table: pd.DataFrame,
    optimum: Optimum | None = None,
    *,
    objective: str = "total",
    pool: bool | None = None,
    title: str | None = None,
    note: str | None = None,
    fig: go.Figure | None = None,
) -> go.Figure:
    """Benefit, co-ordination cost and net benefit against group size, the best size marked.

    ``table`` is :func:`jlp.scale.net_benefit_table` or :func:`jlp.scale.pool_tradeoff`
    (then the benefit is called the saving on yarn; ``pool`` overrides the guess);
    ``optimum`` is :func:`jlp.scale.best_size` or :func:`jlp.scale.best_row`. With
    ``objective="per_member"`` the three lines are per member.

    >>> from jlp import scale
    >>> project = scale.project_preset("joint_export")
    >>> fig = tradeoff_chart(
    ...     scale.net_benefit_table(project, max_size=30), scale.best_size(project, max_size=30)
    ... )
    >>> fig.data[3].name
    'Best size: 10 (net US$ 670 a month)'
    """
    per_member = objective == "per_member"
    sizes = table["size"].to_numpy(dtype=float)
    divisor = sizes if per_member else 1.0
    suffix = TEXT["per_member"] if per_member else ""
    is_pool = ("member" in table.columns) if pool is None else pool
    series = [
        table[c].to_numpy(dtype=float) / divisor
        for c in ("benefit", "coordination_cost", "net_benefit")
    ]
    traces = [{"x": sizes.astype(int).tolist(), "y": s.tolist()} for s in series]
    if optimum is not None:
        value = optimum.net_per_member if per_member else optimum.net_benefit
        label = (
            TEXT["optimum"].format(size=optimum.size, net=value)
            if optimum.worthwhile
            else TEXT["no_group"]
        )
        traces.append({"x": [optimum.size], "y": [value], "name": label, "showlegend": True})
        marks = {
            "shapes": [
                {
                    "type": "line",
                    "x0": optimum.size,
                    "x1": optimum.size,
                    "y0": 0,
                    "y1": 1,
                    "yref": "paper",
                    "line": {"color": "black", "dash": "dot", "width": 1},
                }
            ]
        }
    else:
        traces.append({"x": [], "y": [], "name": "", "showlegend": False})
        marks = {"shapes": []}
    heading = title or TEXT["pool_tradeoff_title" if is_pool else "tradeoff_title"]
    layout = {
        **titled(heading, note or TEXT["pool_tradeoff_note" if is_pool else "tradeoff_note"]),
        **marks,
    }
    names = [
        (TEXT["benefit_pool"] if is_pool else TEXT["benefit"]) + suffix,
        TEXT["cost"] + suffix,
        TEXT["net_benefit"] + suffix,
    ]
    for trace, name in zip(traces, names, strict=False):
        trace["name"] = name
    if reusable(fig, 4):
        return _refresh(fig, traces, layout)
    fig = styled(go.Figure())
    styles = [
        {"color": OKABE_ITO["blue"], "dash": "solid", "width": 2},
        {"color": OKABE_ITO["orange"], "dash": "dash", "width": 2},
        {"color": OKABE_ITO["black"], "dash": "solid", "width": 3},
    ]
    for trace, style in zip(traces[:3], styles, strict=True):
        fig.add_scatter(
            mode="lines+markers" if is_pool else "lines",
            line=style,
            marker={"size": 5},
            hovertemplate=TEXT["line_hover"],
            **trace,
        )
    fig.add_scatter(
        mode="markers",
        hoverinfo="name",
        marker=outlined({"symbol": "star", "size": 18, "color": OKABE_ITO["vermillion"]}),
        **traces[3],
    )
    finish(
        fig,
        layout,
        height=440,
        xaxis={"title": TEXT["size"]},
        yaxis={"title": TEXT["usd"], "zeroline": True, "zerolinecolor": "grey"},
        legend={"y": -0.18},
        margin={"b": 90},
    )
    _remember(fig, layout)
    return fig


def scope_chart(
    projects: Mapping[str, JointProject],
    *,
    max_size: int = 300,
    title: str | None = None,
    note: str | None = None,
) -> go.Figure:
    """Several joint projects' net benefit against group size, each scaled to its own best,
    with each best size marked: the picture of "choose the scale of each joint action".

    >>> from jlp import scale
    >>> fig = scope_chart(scale.project_presets())
    >>> len(fig.data), fig.layout.xaxis.type
    (6, 'log')
    """
    fig = styled(go.Figure())
    sizes = np.arange(1, max_size + 1)
    for i, project in enumerate(projects.values()):
        colour, dash, symbol = SCOPE_STYLES[i % len(SCOPE_STYLES)]
        table = net_benefit_table(project, sizes)
        best = best_size(project, max_size=max_size)
        peak = best.net_benefit if best.net_benefit > 0 else 1.0
        label = plotly_text(project_label(project))
        name = TEXT["scope_best"].format(label=label, size=best.size)
        fig.add_scatter(
            x=sizes.tolist(),
            y=(table["net_benefit"] / peak).tolist(),
            name=name,
            mode="lines",
            line={"color": colour, "dash": dash, "width": 2},
            hovertemplate=TEXT["scope_hover"],
            legendgroup=label,
        )
        fig.add_scatter(
            x=[best.size],
            y=[best.net_benefit / peak],
            mode="markers",
            name=name,
            marker=outlined({"color": colour, "symbol": symbol, "size": 14}),
            hoverinfo="name",
            legendgroup=label,
            showlegend=False,
        )
    layout = titled(title or TEXT["scope_title"], note or TEXT["scope_note"])
    return finish(
        fig,
        layout,
        height=440,
        xaxis={"title": TEXT["size"], "type": "log"},
        yaxis={"title": TEXT["scope_axis"], "tickformat": ".0%", "range": [-0.5, 1.1]},
        legend={"y": -0.2},
        margin={"b": 100},
    )


__all__ = [
    "LEVEL_STYLE",
    "TEXT",
    "pool_chart",
    "price_curve_chart",
    "savings_chart",
    "scope_chart",
    "tradeoff_chart",
]
