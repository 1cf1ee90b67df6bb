"""``NetScorer``: fill in a NET assessment cell by cell and watch the scores move.

The 42 cells are a grid of toggles (– not judged, ✗ not achieved, ½ partial, ✓ achieved);
hovering a toggle shows what the cell asks for, and the panel under the grid shows the
full rubric text of the cell last changed. The index, the current stage and the matrix
heatmap follow every change. An assessment can be loaded from a file (upload, or a path)
and saved to a history file; once the history holds several dates of the network, its
progression chart appears.

Every number comes from :mod:`jlp.net`; this module only wires controls to it.

>>> scorer = NetScorer(network="Emasim", date="1998-03-01")
>>> scorer.cell("group_cohesion", "promotion_motivation").value = "achieved"
>>> scorer.scores["index"]
2.4
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.analysis import progression
from jlp.net.assessments import RATINGS, from_ratings, select
from jlp.net.files import read_assessments, save_assessment
from jlp.net.rubric import CELLS, INDICATORS, STAGES, indicator_labels, rubric, stage_labels
from jlp.net.scoring import COMPLETE, DEFAULT_RULE, NOT_JUDGED, ScoringRule, cube
from jlp.viz.figures import show
from jlp.viz.net_charts import matrix_figure, progression_chart, update_matrix
from jlp.widgets.frame import (
    WRAP_LABELS,
    mark_empty,
    saved_note,
    static_card,
    static_note,
    style,
    tooltips,
)
from jlp.widgets.live_plot import ChartSlot, from_person
from jlp.widgets.messages import control_problems

#: The toggle buttons of a cell: symbol and rating code (symbols, not words: never translated).
OPTIONS: list[tuple[str, str]] = [
    ("–", ""),
    ("✗", "not_achieved"),
    ("½", "partial"),
    ("✓", "achieved"),
]

#: User-facing strings of this widget, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "rating_names": {
            "": "not judged",
            "not_achieved": "not achieved",
            "partial": "partial",
            "achieved": "achieved",
        },
        "network": "Network",
        "date": "Date",
        "assessor": "Assessor",
        "date_placeholder": "YYYY-MM-DD",
        "upload": "Load file",
        "choose": "Assessment",
        "history": "History file",
        "history_placeholder": "e.g. net-history.csv",
        "open": "Open",
        "save": "Save to history",
        "overwrite": "replace if already saved",
        "clear": "Clear all",
        "summary": "<b>Index {index:g}</b> / 100 · current stage: <b>{stage}</b> · "
        "completeness {completeness:.0%} ({judged} of 42 cells judged)",
        "stage_scores": "Stage scores: {scores}",
        "rubric_hint": "Hover a toggle to see what its cell asks for; the last cell you change "
        "is explained here. The cell texts are our operationalisation of NET (illustrative; "
        "Ceglie & Dini, 1999, Box 2 name only the indicators and the stages).",
        "rubric_cell": "<b>{indicator} × {stage}</b> — now <i>{rating}</i><br>{result}"
        "<br><small>Where a broker sees it: {evidence}</small>",
        "loaded": "Loaded {network}, {date} ({rows} rows) from {name}.",
        "saved": "Saved {network}, {date} to {path}: {added} rows added, {replaced} replaced; "
        "the history now holds {total} rows.",
        "need_history": "Write the path of a history file first.",
        "progress_wait": "The progression chart appears once the history holds two or more "
        "dates of this network.",
        "legend": "– not judged · ✗ not achieved (0) · ½ partial (1) · ✓ achieved (2)",
        "tool_name": "NET scorer",
        "tool_does": "A grid of the 42 cells of the NET matrix (seven indicators × six stages): "
        "mark each cell not judged, not achieved, partial or achieved, and the index, the "
        "current stage and the heatmap follow at once; the scoring can be saved to a history "
        "file and compared over time.",
        "saved_what": "{network}, {date}",
        "labels": {
            "network": "Network",
            "date": "Date",
            "assessor": "Assessor",
            "overwrite": "replace if already saved",
            "history": "History file",
        },
        "fixes": {
            "overwrite": "tick “replace if already saved” and press “Save to history” again, "
            "or change the Date",
        },
    }
)

#: Each cell's four buttons sit in a 2 × 2 block, so the grid fits a narrow page; a chosen
#: rating is filled in dark blue with white bold text, plainly unlike the others, and a cell
#: left not judged shows its "–" only outlined, so the ratings stand out of the grid. A stage
#: heading is as wide as its longest word (never cut mid-word); on a phone the grid scrolls
#: sideways inside its own box rather than running past the page.
_CSS = (
    "<style>.jlp-net-grid .widget-toggle-buttons{flex-wrap:wrap;width:56px}"
    ".jlp-net-grid .widget-toggle-buttons .widget-toggle-button"
    "{padding:0;min-width:0;margin:0 2px 2px 0}"
    ".jlp-net-grid .widget-toggle-buttons .widget-toggle-button.mod-active"
    "{background:#0B4F8A;color:#fff;font-weight:700;box-shadow:inset 0 0 0 2px #062B4D}"
    ".jlp-net-grid .widget-toggle-buttons .widget-toggle-button.mod-active:first-child"
    "{background:#E4EAF0;color:#1F2A36;font-weight:400;box-shadow:inset 0 0 0 1px #7D8C9A}"
    ".jlp-net-grid .jlp-stage-head{font-size:0.85em;line-height:1.2;min-width:min-content}"
    ".jlp-net-grid .jlp-indicator{line-height:1.25}"
    "</style>"
)


def _status(message: str, *, error: bool = False) -> str:
    colour = "#B00020" if error else "#1B5E20"
    lines = "<br>".join(html.escape(line) for line in message.splitlines())
    role = ' role="alert"' if error else ""
    return f'<div style="color:{colour}"{role}>{lines}</div>'


def _error(err: JlpInputError) -> str:
    """``err`` in the words of the scorer's controls."""
    return _status("\n".join(control_problems(err, TEXT["labels"], TEXT["fixes"])), error=True)


class NetScorer(widgets.VBox):
    """The NET matrix as a grid of three-way toggles, with live scores and heatmap.

    Parameters: an ``assessment`` to start from (a table with one network and date, or
    several: the latest is shown), or a ``network`` and ``date``; a ``history`` file path;
    the scoring ``rule``.
    """

    def __init__(
        self,
        assessment: pd.DataFrame | None = None,
        *,
        network: str = "",
        date: str = "",
        assessor: str = "",
        history: str | Path | None = None,
        rule: ScoringRule = DEFAULT_RULE,
        live_updates: bool = True,
    ) -> None:
        self.rule = rule
        self.codes = np.full((len(INDICATORS), len(STAGES)), NOT_JUDGED, dtype=np.int8)
        self.scores: dict[str, object] = {}
        self._loaded: pd.DataFrame | None = None
        self._quiet = False
        self._figure = matrix_figure(height=480)
        self._cells = rubric()
        self._ilabels, self._slabels = indicator_labels(), stage_labels()

        text = {"continuous_update": False}
        narrow = {
            "style": {"description_width": "initial"},
            "layout": widgets.Layout(
                width="auto", flex="1 1 0", min_width="150px", max_width="100%"
            ),
        }
        self.network = widgets.Text(value=network, description=TEXT["network"], **text, **narrow)
        self.date = widgets.Text(
            value=date,
            description=TEXT["date"],
            placeholder=TEXT["date_placeholder"],
            **text,
            **narrow,
        )
        self.assessor = widgets.Text(value=assessor, description=TEXT["assessor"], **narrow)
        self.toggles: dict[tuple[str, str], widgets.ToggleButtons] = {}
        self.grid = self._build_grid()
        self.rubric_text = widgets.HTML(f"<small>{html.escape(TEXT['rubric_hint'])}</small>")
        self.summary = widgets.HTML()
        self.chart = ChartSlot(live_updates=live_updates)
        self.note = static_note("")
        self.upload = widgets.FileUpload(
            accept=".csv,.xlsx",
            multiple=False,
            description=TEXT["upload"],
            layout=widgets.Layout(width="auto"),
        )
        self.choice = widgets.Dropdown(
            options=[],
            description=TEXT["choose"],
            layout=widgets.Layout(width="320px", max_width="100%"),
        )
        self.history = widgets.Text(
            value=str(history or ""),
            description=TEXT["history"],
            placeholder=TEXT["history_placeholder"],
            layout=widgets.Layout(width="320px", max_width="100%"),
        )
        self.open_button = widgets.Button(description=TEXT["open"], icon="folder-open")
        self.save_button = widgets.Button(
            description=TEXT["save"],
            icon="save",
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.overwrite = widgets.Checkbox(value=False, description=TEXT["overwrite"], indent=False)
        self.clear_button = widgets.Button(description=TEXT["clear"], icon="eraser")
        self.status = widgets.HTML()
        self.progress = widgets.Output()

        self.upload.observe(self._on_upload, names="value")
        self.choice.observe(self._on_choice, names="value")
        self.open_button.on_click(self._on_open)
        self.save_button.on_click(self._on_save)
        self.clear_button.on_click(self._on_clear)
        self.network.observe(self._on_identity, names="value")
        self.date.observe(self._on_identity, names="value")

        tool = widgets.VBox(
            [
                widgets.HBox(
                    [self.network, self.date, self.assessor],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                widgets.HTML(f"<small>{html.escape(TEXT['legend'])}</small>"),
                self.grid,
                self.rubric_text,
                self.summary,
                self.chart,
                widgets.HBox(
                    [self.upload, self.choice, self.clear_button],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                widgets.HBox(
                    [self.history, self.open_button, self.save_button, self.overwrite],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.status,
                self.progress,
            ]
        ).add_class("jlp-live-tool")
        super().__init__(
            [style(), static_card(TEXT["tool_name"], TEXT["tool_does"]), self.note, tool]
        )
        self.add_class(WRAP_LABELS)
        tooltips(self)
        if assessment is not None:
            self.load(assessment)
        else:
            self.refresh()
        if history and Path(history).exists():
            self._show_progress()

    # ------------------------------------------------------------------ building

    def _build_grid(self) -> widgets.GridBox:
        children: list[widgets.Widget] = [widgets.HTML(_CSS)]
        children += [
            widgets.HTML(f"<b>{html.escape(self._slabels[s])}</b>").add_class("jlp-stage-head")
            for s in STAGES
        ]
        texts = self._cells["result"].to_numpy()
        for i, indicator in enumerate(INDICATORS):
            children.append(
                widgets.HTML(html.escape(self._ilabels[indicator])).add_class("jlp-indicator")
            )
            for s, stage in enumerate(STAGES):
                text = str(texts[i * len(STAGES) + s])
                toggle = widgets.ToggleButtons(
                    options=OPTIONS,
                    value="",
                    tooltips=[f"{TEXT['rating_names'][v]}: {text}" for _, v in OPTIONS],
                    style={"button_width": "25px"},
                    layout=widgets.Layout(width="58px"),
                )
                toggle.observe(self._on_toggle, names="value")
                toggle._jlp_cell = (indicator, stage)
                self.toggles[(indicator, stage)] = toggle
                children.append(toggle)
        return widgets.GridBox(
            children,
            layout=widgets.Layout(
                grid_template_columns="minmax(90px, 180px) "
                + " ".join(["minmax(58px, auto)"] * len(STAGES)),
                grid_gap="4px 4px",
                align_items="center",
                width="100%",
                overflow="auto",
            ),
        ).add_class("jlp-net-grid")

    def cell(self, indicator: str, stage: str) -> widgets.ToggleButtons:
        """The toggle of one cell."""
        return self.toggles[(indicator, stage)]

    # ------------------------------------------------------------------ state

    @property
    def ratings(self) -> dict[tuple[str, str], str]:
        """The current rating of every cell (``''`` for not judged)."""
        return {cell: toggle.value for cell, toggle in self.toggles.items()}

    def assessment(self) -> pd.DataFrame:
        """The assessment on screen as a checked table (42 rows)."""
        return from_ratings(
            self.network.value, self.date.value, self.ratings, assessor=self.assessor.value
        )

    def set_ratings(self, ratings: Mapping[tuple[str, str], str]) -> None:
        """Set many cells at once (one redraw at the end); cells not given become not judged."""
        self._quiet = True
        try:
            for cell, toggle in self.toggles.items():
                toggle.value = ratings.get(cell, "")
        finally:
            self._quiet = False
        self.codes[:] = [
            [RATINGS.index(ratings[(i, s)]) if ratings.get((i, s)) else NOT_JUDGED for s in STAGES]
            for i in INDICATORS
        ]
        self.refresh()

    def load(
        self,
        assessments: pd.DataFrame,
        network: str | None = None,
        date: str | None = None,
        *,
        name: str = "",
    ) -> None:
        """Show one assessment of a table (by default the latest of its only network)."""
        self._loaded = assessments
        keys = cube(assessments).keys
        options = [(f"{n} · {d}", (n, d)) for n, d in keys.itertuples(index=False)]
        self._quiet = True
        try:
            self.choice.options = options
            self.choice.value = None
        finally:
            self._quiet = False
        if network is None:
            network = str(keys["network"].iloc[-1])
        rows = select(assessments, network, date)
        self._quiet = True
        try:
            self.choice.value = (rows["network"].iloc[0], rows["date"].iloc[0])
        finally:
            self._quiet = False
        self._show(rows)
        if name:
            self.status.value = _status(
                TEXT["loaded"].format(
                    network=self.network.value, date=self.date.value, rows=len(rows), name=name
                )
            )

    def _show(self, rows: pd.DataFrame) -> None:
        named = rows["assessor"][rows["assessor"] != ""] if "assessor" in rows else []
        self._quiet = True
        try:
            self.network.value = str(rows["network"].iloc[0])
            self.date.value = str(rows["date"].iloc[0])
            self.assessor.value = str(named.mode().iloc[0]) if len(named) else ""
        finally:
            self._quiet = False
        ratings = dict(
            zip(zip(rows["indicator"], rows["stage"], strict=True), rows["rating"], strict=True)
        )
        self.set_ratings({cell: ratings.get(cell, "") for cell in CELLS})

    # ------------------------------------------------------------------ drawing

    def refresh(self, *, live: bool = False) -> None:
        """Recompute the scores and redraw the summary and the heatmap (``live``: in place,
        for a change a person made in a live notebook)."""
        result = update_matrix(
            self._figure,
            self.codes,
            network=self.network.value,
            date=self.date.value,
            rule=self.rule,
        )
        # The chart first: it takes the front-end longest to redraw.
        self.chart.draw(self._figure, live=live, always=True)
        stage = str(result["current_stage"][0])
        self.scores = {
            "index": float(result["index"][0]),
            "current_stage": stage,
            "completeness": float(result["completeness"][0]),
            "stage_scores": dict(zip(STAGES, result["stage_scores"][0].tolist(), strict=True)),
        }
        stage_text = ", ".join(
            f"{html.escape(self._slabels[s])} {v:.2f}"
            for s, v in self.scores["stage_scores"].items()
        )
        self.summary.value = (
            TEXT["summary"].format(
                index=self.scores["index"],
                stage=html.escape(self._slabels.get(stage, COMPLETE)),
                completeness=self.scores["completeness"],
                judged=int(result["judged"][0]),
            )
            + "<br><small>"
            + TEXT["stage_scores"].format(scores=stage_text)
            + "</small>"
        )
        judged = int(result["judged"][0])
        mark_empty(self, judged == 0)
        self.note.value = saved_note(
            TEXT["saved_what"].format(network=self.network.value, date=self.date.value)
        )

    def _show_progress(self) -> None:
        path = Path(self.history.value)
        try:
            history = read_assessments(path)
            mine = history[history["network"] == self.network.value]
            if mine["date"].nunique() < 2:
                self.progress.outputs = (
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {
                            "text/plain": TEXT["progress_wait"],
                            "text/html": f"<small>{html.escape(TEXT['progress_wait'])}</small>",
                        },
                    },
                )
                return
            fig = progression_chart(progression(mine, self.network.value, rule=self.rule))
            self.progress.outputs = (
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": show(fig)._repr_mimebundle_(),
                },
            )
        except JlpInputError as err:
            self.status.value = _error(err)

    # ------------------------------------------------------------------ events

    def _on_identity(self, change: dict) -> None:
        if not self._quiet:
            self.refresh(live=from_person(change))

    def _on_toggle(self, change: dict) -> None:
        indicator, stage = change["owner"]._jlp_cell
        value = change["new"] or ""
        i, s = INDICATORS.index(indicator), STAGES.index(stage)
        self.codes[i, s] = RATINGS.index(value) if value else NOT_JUDGED
        if self._quiet:
            return
        self.refresh(live=from_person(change))  # the chart first, then the cell's text
        row = self._cells.iloc[i * len(STAGES) + s]
        self.rubric_text.value = TEXT["rubric_cell"].format(
            indicator=html.escape(self._ilabels[indicator]),
            stage=html.escape(self._slabels[stage]),
            rating=html.escape(TEXT["rating_names"][value]),
            result=html.escape(str(row["result"])),
            evidence=html.escape(str(row["evidence"])),
        )

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            table = read_assessments(bytes(upload["content"]), name=upload["name"])
            self.load(table, name=upload["name"])
        except JlpInputError as err:
            self.status.value = _error(err)

    def _on_choice(self, change: dict) -> None:
        if self._quiet or change["new"] is None or self._loaded is None:
            return
        network, date = change["new"]
        self._show(select(self._loaded, network, date))

    def _on_open(self, _button: widgets.Button | None = None) -> None:
        if not self.history.value.strip():
            self.status.value = _status(TEXT["need_history"], error=True)
            return
        try:
            table = read_assessments(self.history.value.strip())
            self.load(table, name=self.history.value.strip())
            self._show_progress()
        except JlpInputError as err:
            self.status.value = _error(err)

    def _on_save(self, _button: widgets.Button | None = None) -> None:
        if not self.history.value.strip():
            self.status.value = _status(TEXT["need_history"], error=True)
            return
        try:
            result = save_assessment(
                self.assessment(), self.history.value.strip(), overwrite=self.overwrite.value
            )
        except JlpInputError as err:
            self.status.value = _error(err)
            return
        self.status.value = _status(
            TEXT["saved"].format(
                network=self.network.value,
                date=self.date.value,
                path=result.path,
                added=result.added,
                replaced=result.replaced,
                total=result.total,
            )
        )
        self._show_progress()

    def _on_clear(self, _button: widgets.Button | None = None) -> None:
        self.set_ratings({})


__all__ = ["TEXT", "NetScorer"]
