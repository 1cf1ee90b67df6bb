"""Charts for the Network Evaluation Tool (NET): matrix, profile, progression, benchmark,
method feedback.

Every chart is colour-blind-safe and still reads when printed in grey: ratings use the
dark-to-light :data:`~jlp.viz.palette.ORDINAL` steps *and* print their points in each cell;
rates use the ``cividis`` scale; lines differ by marker and dash as well as by colour.

>>> from jlp import net
>>> a = net.from_ratings("Emasim", "1998-03-01", {("group_cohesion", "decision"): 2})
>>> fig = matrix_heatmap(a)
>>> float(fig.data[0].z[0][2]), fig.data[1].text[0][0]
(2.0, '–')
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from jlp.i18n import Messages, format_number, format_percent, language
from jlp.net.rubric import INDICATORS, STAGES, indicator_labels, rubric, stage_labels
from jlp.net.scoring import (
    COMPLETE,
    DEFAULT_RULE,
    NOT_JUDGED,
    ScoringRule,
    cube,
    score_codes,
)
from jlp.viz.figures import plotly_text, styled
from jlp.viz.palette import ORDINAL, SEQUENTIAL, STAGE_SCALE
from jlp.viz.titles import titled

#: User-facing strings of this module, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "ratings": {0: "not achieved", 1: "partial", 2: "achieved", -1: "not judged"},
        "not_judged_mark": "–",
        "matrix_title": "{network}, {date}<br>index {index} · current stage: {stage}",
        "matrix_subtitle": "✔ stage consolidated (score ≥ {threshold:g}) · – not judged",
        "rating_ticks": {0: "not achieved (0)", 1: "partial (1)", 2: "achieved (2)"},
        "complete": "complete",
        "stage_axis": "Development stage (stage score)",
        "indicator_axis": "Development indicator",
        "hover_cell": "<b>%{y}</b> × <b>%{x}</b><br>%{customdata[0]}<br><br>%{customdata[1]}"
        "<extra></extra>",
        "profile_title": "{network}: indicator profile",
        "profile_axis": "Indicator score (share of the indicator's points)",
        "progression_title": "Progression over time",
        "progression_title_one": "{network}: progression over time",
        "progression_axis": "NET index (0–100)",
        "date_axis": "Date of the assessment",
        "months_axis": "Months since the first assessment",
        "benchmark_title": "Benchmark: latest assessments",
        "benchmark_title_date": "Benchmark on {date}",
        "benchmark_note_date": "each network's latest assessment on or before that date",
        "benchmark_title_months": "Benchmark at month {months}",
        "benchmark_note_months": "each network's latest assessment at most {months} months "
        "after its first",
        "benchmark_axis": "NET index (0–100)",
        "stage_legend": "Current stage",
        "feedback_title": "Method feedback: share achieving each cell ({n} assessments)",
        "feedback_cell": "{rate}<br>n={n}{mark}",
        "never": "never",
        "always": "always",
        "inversions_mark": " ↯{k}",
        "feedback_hover": "<b>%{y}</b> × <b>%{x}</b><br>achieved %{customdata[0]} of "
        "%{customdata[1]} judged<br>partial %{customdata[2]}, not achieved %{customdata[3]}"
        "<br>achieved out of order: %{customdata[4]}<extra></extra>",
        "feedback_note": "↯k: achieved k times while an earlier stage of the same indicator was "
        "not.",
        "illustrative": "Illustrative data (simulated), not real networks.",
        "illustrative_scores": "Real networks; the NET scores are the course's illustrative "
        "reading of the paper, not scores it reports.",
        "illustrative_date": "{date} (illustrative)",
        "illustrative_profile": "Illustrative scores: the course's own reading, not a reported "
        "assessment.",
        "one_matrix": "a matrix shows one assessment; this table holds {n}",
        "one_matrix_fix": "pick one network and date first (jlp.net.select)",
        "one_profile": "an indicator profile shows one network at dates it was assessed",
        "one_profile_fix": "pick one network (jlp.net.select) and dates among {dates}",
    }
)

_DISCRETE = [
    [0.0, ORDINAL[0]],
    [1 / 3, ORDINAL[0]],
    [1 / 3, ORDINAL[1]],
    [2 / 3, ORDINAL[1]],
    [2 / 3, ORDINAL[2]],
    [1.0, ORDINAL[2]],
]
_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) or ""


def _short(label: str, width: int = 16) -> str:
    """``label`` on lines of about ``width`` characters, broken only between words (a word
    longer than ``width`` keeps its own line whole).

    >>> _short("Planificación estratégica", 11)
    'Planificación<br>estratégica'
    """
    return "<br>".join(
        textwrap.wrap(str(label), width, break_long_words=False, break_on_hyphens=False)
    )


#: Characters per line of an indicator (row) label and a stage (column) label: two lines
#: at most for every indicator, in English and Spanish.
ROW_WIDTH = 28
COLUMN_WIDTH = 13


def _note(fig: go.Figure, text: str) -> None:
    """Add a note under the title (its subtitle), where it never collides with the axes."""
    title = fig.layout.title
    notes = "<br>".join(part for part in (title.subtitle.text, text) if part)
    layout = titled(title.text or "", notes)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 60
    fig.update_layout(title=layout["title"], margin={"t": max(top, layout["margin"]["t"])})


def stage_colors() -> dict[str, str]:
    """One colour per stage and ``complete``, dark (early) to light (late) along viridis.

    Viridis changes hue as well as lightness, so neighbouring stages stay apart (along
    cividis the first two were navy and slate, hard to tell apart in a legend).

    >>> len(stage_colors())
    7
    """
    steps = sample_colorscale(STAGE_SCALE, np.linspace(0.0, 1.0, len(STAGES) + 1).tolist())
    return dict(zip((*STAGES, COMPLETE), steps, strict=True))


#: A heatmap's colour bar lies under the chart (beside the cells it took a third of
#: a phone's width from them), from its left edge. Its labels say what a colour means.
COLORBAR_BELOW = {
    "orientation": "h",
    "xref": "container",
    "x": 0.02,
    "xanchor": "left",
    "lenmode": "pixels",
    "len": 320,  # its labels fit a phone's width (and the cells no longer set it)
    "tickfont": {"size": 11},
    "ticklabeloverflow": "allow",
    "yref": "container",
    "y": 0.01,
    "yanchor": "bottom",
    "thickness": 12,
}
#: Room (px) under the stage axis for the colour bar and its labels.
COLORBAR_ROOM = 60


# --------------------------------------------------------------------------- the matrix


def _wrapped_rubric() -> np.ndarray:
    return _wrapped_rubric_in(language())


@cache
def _wrapped_rubric_in(code: str) -> np.ndarray:
    """The rubric's cells, wrapped for a hover label, in language ``code`` (one per language:
    a chart drawn in Spanish first must not leave Spanish in an English one)."""
    cells = rubric()["result"].to_numpy().reshape(len(INDICATORS), len(STAGES))
    return np.vectorize(_wrap, otypes=[object])(cells)


def matrix_figure(*, height: int = 560) -> go.Figure:
    """An empty NET matrix (7 indicators × 6 stages) ready for :func:`update_matrix`.

    Building the figure once and updating it keeps a widget fast.
    """
    y = [_short(indicator_labels()[i], ROW_WIDTH) for i in INDICATORS]
    x = [_short(stage_labels()[s], COLUMN_WIDTH) for s in STAGES]
    base = {
        "x": x,
        "y": y,
        "xgap": 3,
        "ygap": 3,
        "hovertemplate": TEXT["hover_cell"],
        "texttemplate": "%{text}",
        "textfont": {"size": 17},
        "hoverongaps": False,
    }
    judged = go.Heatmap(
        z=np.full((len(INDICATORS), len(STAGES)), np.nan),
        colorscale=_DISCRETE,
        zmin=-0.5,
        zmax=2.5,
        name="rating",
        colorbar={
            **COLORBAR_BELOW,
            "tickvals": [0, 1, 2],
            "ticktext": [TEXT["rating_ticks"][k] for k in (0, 1, 2)],
        },
        **base,
    )
    pending = go.Heatmap(
        z=np.zeros((len(INDICATORS), len(STAGES))),
        colorscale=[[0, "#FFFFFF"], [1, "#FFFFFF"]],
        showscale=False,
        name="not judged",
        textfont={"size": 17, "color": "#444444"},
        **{k: v for k, v in base.items() if k != "textfont"},
    )
    fig = styled(go.Figure([judged, pending]))
    fig.update_layout(
        height=height,
        plot_bgcolor="#9A9A9A",
        xaxis={
            "side": "bottom",
            "title": TEXT["stage_axis"],
            "showgrid": False,
            "tickangle": 0,
            "tickfont": {"size": 12},
            "dtick": 1,  # every stage named, however narrow the chart
        },
        yaxis={
            "autorange": "reversed",
            "title": None,
            "showgrid": False,
            "tickfont": {"size": 12},
            "automargin": True,
        },
        margin={"l": 180, "r": 20, "t": 125, "b": 120 + COLORBAR_ROOM},
    )
    return fig


def update_matrix(
    fig: go.Figure,
    codes: np.ndarray,
    *,
    network: str = "",
    date: str = "",
    rule: ScoringRule = DEFAULT_RULE,
) -> dict[str, object]:
    """Draw one assessment's ``(7, 6)`` rating codes on a :func:`matrix_figure`.

    Returns the scores it computed (see :func:`jlp.net.scoring.score_codes`).
    """
    codes = np.asarray(codes).reshape(len(INDICATORS), len(STAGES))
    result = score_codes(codes[None], rule)
    judged = codes != NOT_JUDGED
    z = np.where(judged, codes, np.nan)
    points = rule.point_table()[codes]
    text = np.where(
        judged, np.vectorize(format_number, otypes=[object])(points), TEXT["not_judged_mark"]
    ).astype(object)
    ratings = np.vectorize(TEXT["ratings"].get, otypes=[object])(codes)
    wrapped = _wrapped_rubric()
    custom = np.dstack([ratings, wrapped])
    stage_scores = result["stage_scores"][0]
    consolidated = stage_scores >= rule.threshold - 1e-9
    labels = stage_labels()
    x = [
        f"{_short(labels[s], COLUMN_WIDTH)}<br>{format_number(score, 2)}{' ✔' if ok else ''}"
        for s, score, ok in zip(STAGES, stage_scores, consolidated, strict=True)
    ]
    stage = result["current_stage"][0]
    title = TEXT["matrix_title"].format(
        network=plotly_text(network),
        date=plotly_text(date),
        index=format_number(float(result["index"][0]), grouping=False),
        stage=labels.get(stage, TEXT["complete"]),
    )
    subtitle = TEXT["matrix_subtitle"].format(threshold=rule.threshold)
    with fig.batch_update():
        fig.data[0].update(z=z, text=np.where(judged, text, ""), customdata=custom, x=x)
        fig.data[1].update(
            z=np.where(judged, np.nan, 0.0), text=np.where(judged, "", text), customdata=custom, x=x
        )
        fig.layout.title = titled(title, subtitle)["title"]
    return result


def matrix_heatmap(
    assessment: pd.DataFrame,
    *,
    rule: ScoringRule = DEFAULT_RULE,
    height: int = 560,
) -> go.Figure:
    """The 7 × 6 NET matrix of one assessment, each cell showing its rating and points.

    Hovering a cell shows the rubric's text for it. When every row is marked
    ``provenance = illustrative`` (the case studies' reference scorings), the title says
    the date is illustrative.
    """
    data = cube(assessment)
    if len(data) != 1:
        from jlp.errors import JlpInputError

        raise JlpInputError(
            TEXT["one_matrix"].format(n=len(data)),
            fix=TEXT["one_matrix_fix"],
        )
    fig = matrix_figure(height=height)
    date = str(data.keys.loc[0, "date"])
    if "provenance" in assessment and assessment["provenance"].eq("illustrative").all():
        date = TEXT["illustrative_date"].format(date=date)
    update_matrix(
        fig, data.codes[0], network=str(data.keys.loc[0, "network"]), date=date, rule=rule
    )
    return fig


# --------------------------------------------------------------------------- profile


def indicator_profile(
    assessments: pd.DataFrame,
    *,
    dates: Sequence[str] | None = None,
    rule: ScoringRule = DEFAULT_RULE,
    height: int = 460,
) -> go.Figure:
    """One network's indicator scores (0–1), one bar per indicator and per date.

    By default the last three dates; dates run dark (earliest) to light (latest).
    """
    data = cube(assessments)
    networks = sorted(set(data.keys["network"]))
    keys = data.keys
    chosen = keys.index[-3:] if dates is None else keys.index[keys["date"].isin(list(dates))]
    if len(networks) != 1 or len(chosen) == 0:
        from jlp.errors import JlpInputError

        raise JlpInputError(
            TEXT["one_profile"],
            fix=TEXT["one_profile_fix"].format(dates=", ".join(sorted(set(keys["date"])))),
        )
    result = score_codes(data.codes[chosen], rule)
    steps = np.linspace(0.15, 0.85, max(len(chosen), 1)).tolist()
    colors = sample_colorscale(SEQUENTIAL, steps)
    labels = indicator_labels()
    fig = styled(go.Figure())
    for k, position in enumerate(chosen):
        values = result["indicator_scores"][k]
        fig.add_trace(
            go.Bar(
                y=[_short(labels[i], ROW_WIDTH + 4) for i in INDICATORS],
                x=values,
                orientation="h",
                name=plotly_text(keys.loc[position, "date"]),
                marker={"color": colors[k], "line": {"color": "#333333", "width": 1}},
                text=[format_number(v, 2) for v in values],
                textposition="outside",
                hovertemplate="%{y}: %{x:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title=TEXT["profile_title"].format(network=plotly_text(", ".join(networks))),
        barmode="group",
        height=height,
        xaxis={"range": [0, 1.12], "title": TEXT["profile_axis"]},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"traceorder": "normal"},
        margin={"l": 200},
    )
    if "provenance" in assessments and assessments["provenance"].eq("illustrative").all():
        _note(fig, TEXT["illustrative_profile"])
    return fig


# --------------------------------------------------------------------------- progression


def progression_chart(
    progress: pd.DataFrame,
    *,
    x: str = "date",
    title: str | None = None,
    illustrative: bool | str = False,
    height: int = 440,
) -> go.Figure:
    """The NET index over time, one line per network (from :func:`jlp.net.progression` or
    :func:`jlp.net.scores_over_time`).

    ``x`` is ``"date"`` or ``"months"`` (since each network's first assessment).
    ``illustrative``: ``True`` notes simulated networks; ``"scores"`` notes real networks
    scored by the course (the case studies' reference scorings).
    """
    networks = list(dict.fromkeys(progress["network"]))
    labels = stage_labels()
    fig = styled(go.Figure())
    for k, network in enumerate(networks):
        rows = progress[progress["network"] == network].sort_values("date")
        stage_text = [labels.get(s, TEXT["complete"]) for s in rows["current_stage"]]
        one = len(networks) == 1
        fig.add_trace(
            go.Scatter(
                x=rows[x],
                y=rows["index"],
                name=plotly_text(network),
                mode="lines+markers+text" if one else "lines+markers",
                text=stage_text if one else None,
                textposition="top center",
                line={"dash": _DASHES[k % len(_DASHES)], "width": 2},
                marker={"symbol": _SYMBOLS[k % len(_SYMBOLS)], "size": 9},
                customdata=np.column_stack([stage_text, rows["completeness"]]),
                hovertemplate="%{fullData.name}<br>%{x}: index %{y}<br>"
                "current stage: %{customdata[0]}<br>completeness %{customdata[1]:.0%}"
                "<extra></extra>",
            )
        )
    if title is None:
        title = (
            TEXT["progression_title_one"].format(network=plotly_text(networks[0]))
            if len(networks) == 1
            else TEXT["progression_title"]
        )
    fig.update_layout(
        title=title,
        height=height,
        yaxis={"range": [0, 105], "title": TEXT["progression_axis"]},
        xaxis={"title": TEXT["date_axis"] if x == "date" else TEXT["months_axis"]},
    )
    _illustrative_note(fig, illustrative)
    return fig


def _illustrative_note(fig: go.Figure, illustrative: bool | str) -> None:
    """``True``: simulated networks; ``"scores"``: real networks, illustrative scores."""
    if illustrative == "scores":
        _note(fig, TEXT["illustrative_scores"])
    elif illustrative:
        _note(fig, TEXT["illustrative"])


# --------------------------------------------------------------------------- benchmark


def benchmark_chart(
    table: pd.DataFrame,
    *,
    date: str | None = None,
    months: int | None = None,
    illustrative: bool = False,
) -> go.Figure:
    """Networks side by side (from :func:`jlp.net.benchmark`), bars coloured by current stage.

    Stage colours run dark (early) to light (late), and each bar prints its index and stage.
    """
    labels = {**stage_labels(), COMPLETE: TEXT["complete"]}
    colors = stage_colors()
    fig = styled(go.Figure())
    for stage in (*STAGES, COMPLETE):
        rows = table[table["current_stage"] == stage]
        if rows.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=[plotly_text(n) for n in rows["network"]],
                x=rows["index"],
                orientation="h",
                name=labels[stage],
                marker={"color": colors[stage], "line": {"color": "#333333", "width": 1}},
                text=[format_number(v) for v in rows["index"]],
                textposition="outside",
                customdata=np.column_stack(
                    [[plotly_text(d) for d in rows["date"]], rows["months"]]
                ),
                hovertemplate="%{y}: index %{x}<br>"
                + labels[stage]
                + "<br>%{customdata[0]} (month %{customdata[1]})<extra></extra>",
            )
        )
    note = ""
    if date is not None:
        title = TEXT["benchmark_title_date"].format(date=plotly_text(date))
        note = TEXT["benchmark_note_date"]
    elif months is not None:
        title = TEXT["benchmark_title_months"].format(months=months)
        note = TEXT["benchmark_note_months"].format(months=months)
    else:
        title = TEXT["benchmark_title"]
    fig.update_layout(
        title=title,
        height=max(300, 60 + 32 * len(table)),
        xaxis={"range": [0, 110], "title": TEXT["benchmark_axis"]},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [plotly_text(n) for n in table["network"]][::-1],
        },
        legend={"title": {"text": TEXT["stage_legend"]}, "traceorder": "normal"},
        barmode="overlay",
    )
    if note:
        _note(fig, note)
    if illustrative:
        _note(fig, TEXT["illustrative"])
    return fig


# --------------------------------------------------------------------------- method feedback


def feedback_heatmap(
    feedback: pd.DataFrame, *, illustrative: bool = False, height: int = 620
) -> go.Figure:
    """The share of assessments achieving each cell (from :func:`jlp.net.method_feedback`).

    Each cell prints its rate, how many assessments judged it, ``never``/``always`` where
    that holds, and ``↯k`` when it was achieved k times out of order.
    """
    shape = (len(INDICATORS), len(STAGES))
    rate = feedback["achievement_rate"].to_numpy(dtype=float).reshape(shape)
    judged = feedback["judged"].to_numpy().reshape(shape)
    inversions = feedback["inversions"].to_numpy().reshape(shape)
    pattern = feedback["pattern"].to_numpy().reshape(shape)
    text = np.empty(shape, dtype=object)
    for i in range(shape[0]):
        for s in range(shape[1]):
            mark = ""
            if pattern[i, s]:
                mark += "<br>" + TEXT[pattern[i, s]]
            if inversions[i, s]:
                mark += TEXT["inversions_mark"].format(k=inversions[i, s])
            shown = "–" if np.isnan(rate[i, s]) else format_percent(rate[i, s], 0)
            text[i, s] = TEXT["feedback_cell"].format(rate=shown, n=judged[i, s], mark=mark)
    custom = np.dstack(
        [
            feedback["achieved"].to_numpy().reshape(shape),
            judged,
            feedback["partial"].to_numpy().reshape(shape),
            feedback["not_achieved"].to_numpy().reshape(shape),
            inversions,
        ]
    )
    fig = styled(go.Figure())
    fig.add_trace(
        go.Heatmap(
            z=rate,
            x=[_short(stage_labels()[s], COLUMN_WIDTH) for s in STAGES],
            y=[_short(indicator_labels()[i], ROW_WIDTH) for i in INDICATORS],
            zmin=0,
            zmax=1,
            colorscale=SEQUENTIAL,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 12},
            xgap=3,
            ygap=3,
            customdata=custom,
            hovertemplate=TEXT["feedback_hover"],
            colorbar={
                **COLORBAR_BELOW,
                "tickvals": [0, 0.25, 0.5, 0.75, 1],
                "ticktext": [format_percent(v, 0) for v in (0, 0.25, 0.5, 0.75, 1)],
            },
        )
    )
    fig.update_layout(
        title=TEXT["feedback_title"].format(n=feedback.attrs.get("assessments", "?")),
        height=height,
        plot_bgcolor="#FFFFFF",
        yaxis={"autorange": "reversed", "tickfont": {"size": 12}, "automargin": True},
        xaxis={
            "title": TEXT["stage_axis"].split(" (")[0],
            "tickangle": 0,
            "tickfont": {"size": 12},
            "dtick": 1,
        },
        margin={"l": 180, "r": 20, "b": 80 + COLORBAR_ROOM + 20, "t": 70},
    )
    _note(fig, TEXT["feedback_note"])
    if illustrative:
        _note(fig, TEXT["illustrative"])
    return fig


__all__ = [
    "TEXT",
    "benchmark_chart",
    "feedback_heatmap",
    "indicator_profile",
    "matrix_figure",
    "matrix_heatmap",
    "progression_chart",
    "stage_colors",
    "update_matrix",
]
