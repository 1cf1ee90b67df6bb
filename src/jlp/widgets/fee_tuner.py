"""A tuner over fee ramps, affordability and a broker institution's funding.

Moving a control recomputes everything with :mod:`jlp.fees` and redraws three charts
(:mod:`jlp.viz.fee_charts`), updating the figures in place so that an update stays fast.
Bad combinations (say, a cap below the first share) are shown as a message, not a
traceback.

>>> tuner = FeeRampTuner()
>>> tuner.preset.value, tuner.rule().first_share
('emasim', 0.2)
>>> tuner.step.value = 0.1
>>> tuner.preset.value, tuner.rule().step
('custom', 0.1)
>>> tuner.step.value = 0.25  # the EMASIM values again, entered by hand
>>> tuner.preset.value
'emasim'
>>> tuner.annual_cost.value = "4.500"
>>> tuner.cost(), "read as 4,500" in tuner.summary.value
(4500.0, True)
>>> tuner.preset.value = "none"
>>> "never pays the full cost" in tuner.summary.value
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from jlp.errors import JlpInputError
from jlp.fees import (
    AffordabilityRule,
    InstitutionPlan,
    RampRule,
    affordability,
    benefit_preset,
    break_even_year,
    default_service,
    default_thresholds,
    finances,
    full_cost_year,
    institution_preset,
    preset_names,
    ramp_preset,
    schedule,
)
from jlp.i18n import Messages, format_number, format_percent
from jlp.viz.fee_charts import affordability_chart, revenue_mix_chart, schedule_chart
from jlp.widgets.frame import WRAP_LABELS, saved_note, static_note, style, tooltips
from jlp.widgets.live_plot import ChartSlot, from_person, held
from jlp.widgets.messages import control_problems, problems_html, read_amount

#: User-facing strings of this widget, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "preset": "Ramp",
        "custom": "custom",
        # What the drop-down lists show for each preset (its value stays the preset's id).
        "ramp_names": {
            "emasim": "EMASIM",
            "fast": "fast",
            "gentle": "gentle",
            "none": "none (no fee)",
        },
        "institution_names": {"certec": "CERTEC", "mexico": "Mexico"},
        "subsidised_years": "Free years",
        "first_share": "First share",
        "step": "Yearly step",
        "cap": "Cap",
        "annual_cost": "Cost/year US$",
        "years": "Years",
        "dropout_threshold": "Drop-out above",
        "dependency_floor": "Dependency below",
        "dependency_years": "… for years",
        "institution": "Institution",
        "new_networks": "New networks/yr",
        "support_years": "Support years",
        "ramp_box": "The ramp",
        "afford_box": "Affordability (teaching assumptions)",
        "institution_box": "The broker institution",
        "tabs": ["Fee and subsidy", "Affordability", "Institution"],
        "full_cost": "The network pays the full cost from <b>year {year}</b>.",
        "never_full": "The network <b>never pays the full cost</b> (cap {cap:.0%}).",
        "recovery": "After {years} years the fees have covered <b>{recovery:.0%}</b> of the cost "
        "(US$ {fees:,.0f} of US$ {cost:,.0f}).",
        "no_warning": "No affordability warning with these thresholds.",
        "break_even": "The institution covers its costs from its own revenue from <b>year "
        "{year}</b>.",
        "no_break_even": "The institution still needs <b>{share:.0%}</b> public or donor money in "
        "year {year}.",
        "illustrative": "Costs, margins, thresholds and the institution's portfolio are "
        "illustrative; the EMASIM start and the Mexican thirds are reported (Ceglie & Dini, 1999).",
        "error": "Cannot compute:",
        "cost_placeholder": "e.g. 4000",
        "cost_label": "Cost/year US$",
        "saved_what": "ramp {preset}, cost US$ {cost:,.0f} a year",
        "stale": "The charts are greyed out until the values above can be computed.",
        "labels": {
            "subsidised_years": "Free years",
            "first_share": "First share",
            "step": "Yearly step",
            "cap": "Cap",
            "annual_cost": "Cost/year US$",
            "cost_per_network": "Cost/year US$",
            "years": "Years",
            "dropout_threshold": "Drop-out above",
            "dependency_floor": "Dependency below",
            "dependency_years": "… for years",
            "new_networks": "New networks/yr",
            "support_years": "Support years",
        },
        "fixes": {
            "cap": "move Cap up to at least First share, or First share down",
            "dependency_floor": "move Dependency below down, or Drop-out above up",
        },
    }
)

#: The id of the ramp preset the controls hold when they match none.
CUSTOM = "custom"

#: The range of the yearly cost (US$) the tuner accepts.
COST_RANGE = (100.0, 1_000_000.0)

_STYLE = {"description_width": "120px"}
_LAYOUT = {"width": "330px"}


def _readout(slider: widgets.FloatSlider | widgets.IntSlider, share: bool) -> widgets.Label:
    """The slider's value written the language's way ("20 %", "4.000" in Spanish), kept up
    to date; the slider's own readout (plotly-style "20%", "4000") is hidden."""
    label = widgets.Label(layout={"width": "4.5em"})

    def write(_: object = None) -> None:
        value = slider.value
        label.value = (
            format_percent(value, decimals=0) if share else format_number(value, grouping=True)
        )

    slider.observe(write, names="value")
    write()
    return label


class _Labelled(widgets.HBox):
    """A slider and its readout in the language's numbers (``.slider`` is the control)."""

    def __init__(self, slider: widgets.FloatSlider | widgets.IntSlider, share: bool) -> None:
        slider.readout = False
        slider.layout = {"width": "270px"}
        self.slider = slider
        self.readout = _readout(slider, share)
        super().__init__([slider, self.readout], layout={"width": _LAYOUT["width"]})


def _share_slider(
    name: str, value: float, maximum: float = 1.0, step: float = 0.05
) -> widgets.FloatSlider:
    return widgets.FloatSlider(
        value=value,
        min=0.0,
        max=maximum,
        step=step,
        description=TEXT[name],
        readout_format=".0%",
        continuous_update=False,
        style=_STYLE,
        layout=_LAYOUT,
    )


def _int_slider(name: str, value: int, low: int, high: int) -> widgets.IntSlider:
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        description=TEXT[name],
        continuous_update=False,
        style=_STYLE,
        layout=_LAYOUT,
    )


def _choices(names: list[str], shown: Messages) -> list[tuple[str, str]]:
    """Drop-down options: each preset id with the name a person reads for it."""
    return [(shown.get(name, name), name) for name in names]


class FeeRampTuner(widgets.VBox):
    """Controls for a ramp, the affordability thresholds and an institution, with the
    summary and three charts they produce."""

    def __init__(
        self, preset: str = "emasim", institution: str = "certec", *, live_updates: bool = True
    ) -> None:
        service = default_service()
        thresholds = default_thresholds()
        self._quiet = False
        self._live = False
        self._notes: list[str] = []
        self._figures: dict[str, go.Figure] = {}
        self._pending: dict[int, tuple] = {}
        self._benefit = benefit_preset()
        self._ramps = {name: ramp_preset(name) for name in preset_names("ramp")}
        self._institutions = {
            name: institution_preset(name) for name in preset_names("institution")
        }
        start = self._ramps[preset]
        plan = self._institutions[institution]

        self.preset = widgets.Dropdown(
            options=[*_choices(list(self._ramps), TEXT["ramp_names"]), (TEXT["custom"], CUSTOM)],
            value=preset,
            description=TEXT["preset"],
            style=_STYLE,
            layout=_LAYOUT,
        )
        self.subsidised_years = _int_slider("subsidised_years", start.subsidised_years, 0, 10)
        self.first_share = _share_slider("first_share", start.first_share)
        self.step = _share_slider("step", start.step, maximum=0.5)
        self.cap = _share_slider("cap", start.cap)
        # A text box read with the course's number rule: "4.500" and "4 500" are four
        # thousand five hundred, and any other reading is said, never silent.
        self.annual_cost = widgets.Text(
            value=format_number(service["annual_cost"], decimals=0),
            description=TEXT["annual_cost"],
            placeholder=TEXT["cost_placeholder"],
            continuous_update=False,
            style=_STYLE,
            layout=_LAYOUT,
        )
        self.years = _int_slider("years", int(service["years"]), 3, 25)
        self.dropout_threshold = _share_slider(
            "dropout_threshold", thresholds.dropout_threshold, 0.6, 0.01
        )
        self.dependency_floor = _share_slider(
            "dependency_floor", thresholds.dependency_floor, 0.3, 0.01
        )
        self.dependency_years = _int_slider("dependency_years", thresholds.dependency_years, 1, 15)
        self.institution = widgets.Dropdown(
            options=_choices(list(self._institutions), TEXT["institution_names"]),
            value=institution,
            description=TEXT["institution"],
            style=_STYLE,
            layout=_LAYOUT,
        )
        self.new_networks = _int_slider("new_networks", plan.new_networks, 0, 60)
        self.support_years = _int_slider("support_years", plan.support_years, 1, 20)

        self.summary = widgets.HTML()
        self.slots = [ChartSlot(live_updates=live_updates) for _ in TEXT["tabs"]]
        self.outputs = [slot.output for slot in self.slots]
        self.tabs = widgets.Tab(children=self.slots, titles=TEXT["tabs"], selected_index=0)
        self.note = static_note("")

        self._ramp_controls = [self.subsidised_years, self.first_share, self.step, self.cap]
        for control in [
            *self._ramp_controls,
            self.annual_cost,
            self.years,
            self.dropout_threshold,
            self.dependency_floor,
            self.dependency_years,
            self.new_networks,
            self.support_years,
        ]:
            control.observe(self._changed, names="value")
        self.preset.observe(self._preset_changed, names="value")
        self.institution.observe(self._institution_changed, names="value")
        self.tabs.observe(self._tab_changed, names="selected_index")

        def box(title: str, children: list[widgets.Widget]) -> widgets.VBox:
            shown = [
                _Labelled(child, share=isinstance(child, widgets.FloatSlider))
                if isinstance(child, widgets.FloatSlider | widgets.IntSlider)
                else child
                for child in children
            ]
            return widgets.VBox([widgets.HTML(f"<b>{html.escape(title)}</b>"), *shown])

        controls = widgets.HBox(
            [
                box(
                    TEXT["ramp_box"],
                    [self.preset, *self._ramp_controls, self.annual_cost, self.years],
                ),
                widgets.VBox(
                    [
                        box(
                            TEXT["afford_box"],
                            [self.dropout_threshold, self.dependency_floor, self.dependency_years],
                        ),
                        box(
                            TEXT["institution_box"],
                            [self.institution, self.new_networks, self.support_years],
                        ),
                    ]
                ),
            ],
            layout={"flex_flow": "row wrap"},
        )
        super().__init__([style(), self.note, controls, self.summary, self.tabs])
        self.add_class(WRAP_LABELS)
        tooltips(self)
        self.update()

    # ------------------------------------------------------------------ reading controls

    def rule(self) -> RampRule:
        """The ramp the controls describe (raises :class:`JlpInputError` if inconsistent)."""
        return RampRule(
            subsidised_years=self.subsidised_years.value,
            first_share=self.first_share.value,
            step=self.step.value,
            cap=self.cap.value,
        )

    def thresholds(self) -> AffordabilityRule:
        """The affordability thresholds the controls describe."""
        return AffordabilityRule(
            dropout_threshold=self.dropout_threshold.value,
            dependency_floor=self.dependency_floor.value,
            dependency_years=self.dependency_years.value,
        )

    def cost(self) -> float:
        """The yearly cost typed in the Cost box, as read (raises :class:`JlpInputError`
        when it cannot be read; a note is kept when it was read unexpectedly)."""
        amount = read_amount(self.annual_cost.value, low=COST_RANGE[0], high=COST_RANGE[1])
        if amount.value is None:
            raise JlpInputError(amount.note, column="annual_cost")
        if amount.note:
            self._notes.append(TEXT["labels"]["annual_cost"] + ": " + amount.note)
        return amount.value

    def plan(self, rule: RampRule, cost: float) -> InstitutionPlan:
        """The institution preset chosen, with the controls' ramp, cost and portfolio."""
        return self._institutions[self.institution.value].replace(
            ramp=rule,
            cost_per_network=cost,
            years=self.years.value,
            new_networks=self.new_networks.value,
            support_years=self.support_years.value,
        )

    # ------------------------------------------------------------------ events

    def _set_quietly(self, values: dict[widgets.ValueWidget, object]) -> None:
        self._quiet = True
        try:
            for control, value in values.items():
                control.value = value
        finally:
            self._quiet = False

    def _preset_changed(self, change: dict) -> None:
        if self._quiet or change["new"] not in self._ramps:
            return
        rule = self._ramps[change["new"]]
        with held(*self._ramp_controls):  # the chart first, then the sliders it moved
            self._set_quietly(
                {
                    self.subsidised_years: rule.subsidised_years,
                    self.first_share: rule.first_share,
                    self.step: rule.step,
                    self.cap: rule.cap,
                }
            )
            self.update(live=from_person(change))

    def _institution_changed(self, change: dict) -> None:
        if self._quiet:
            return
        plan = self._institutions[change["new"]]
        with held(self.new_networks, self.support_years):
            self._set_quietly(
                {self.new_networks: plan.new_networks, self.support_years: plan.support_years}
            )
            self.update(live=from_person(change))

    def matching_preset(self) -> str:
        """The id of the ramp preset whose values the controls hold, else ``custom``."""
        try:
            rule = self.rule()
        except JlpInputError:
            return CUSTOM
        return next((name for name, ramp in self._ramps.items() if ramp == rule), CUSTOM)

    def _changed(self, change: dict) -> None:
        if self._quiet:
            return
        with held(self.preset):
            if change["owner"] in self._ramp_controls:
                match = self.matching_preset()
                if match != self.preset.value:
                    self._set_quietly({self.preset: match})
            self.update(live=from_person(change))

    # ------------------------------------------------------------------ computing, drawing

    def _draw(self, index: int) -> None:
        """Bring chart ``index`` up to date and display it in its tab."""
        key, chart, data = self._pending.pop(index)
        fig = chart(*data, fig=self._figures.get(key))
        self._figures[key] = fig
        self.slots[index].draw(fig, live=self._live)

    def _tab_changed(self, change: dict) -> None:
        if change["new"] in self._pending:
            self._live = self._live or from_person(change)
            self._draw(change["new"])

    def update(self, *, live: bool = False) -> None:
        """Recompute from the controls and redraw the summary and the three charts
        (``live``: in place, for a change a person made in a live notebook)."""
        # Once a person has moved a control, every later redraw is in place too.
        self._live = self._live or live
        self._notes = []
        try:
            rule = self.rule()
            thresholds = self.thresholds()
            cost = self.cost()
            table = schedule(rule, cost, self.years.value)
            result = affordability(table, self._benefit, thresholds)
            money = finances(self.plan(rule, cost))
        except JlpInputError as err:
            lines = control_problems(err, TEXT["labels"], TEXT["fixes"])
            self.summary.value = problems_html(TEXT["error"], lines) + (
                f"<p><small>{html.escape(TEXT['stale'])}</small></p>"
            )
            for slot in self.slots:
                slot.stale(True)
            return
        self.note.value = saved_note(TEXT["saved_what"].format(preset=self.preset.label, cost=cost))
        for slot in self.slots:
            slot.stale(False)
        self._pending = {
            0: ("schedule", lambda t, fig: schedule_chart(t, rule=rule, fig=fig), (table,)),
            1: ("affordability", affordability_chart, (result,)),
            2: ("institution", revenue_mix_chart, (money,)),
        }
        # Only the visible chart is drawn now; the others when their tab is opened (all
        # three on the first update, so that a saved notebook holds every chart).
        for index in list(self._pending) if not self._figures else [self.tabs.selected_index]:
            self._draw(index)
        notes = "".join(f'<p class="jlp-notice">{html.escape(n)}</p>' for n in self._notes)
        self.summary.value = notes + self._summary(rule, table, result, money)

    def _summary(self, rule, table, result, money) -> str:
        year = full_cost_year(rule)
        items = [
            TEXT["full_cost"].format(year=year)
            if year is not None
            else TEXT["never_full"].format(cap=rule.cap),
            TEXT["recovery"].format(
                years=len(table),
                recovery=table["cumulative_recovery"].iloc[-1],
                fees=table["fee"].sum(),
                cost=table["cost"].sum(),
            ),
        ]
        items += [html.escape(w.message) for w in result.warnings] or [TEXT["no_warning"]]
        even = break_even_year(money)
        items.append(
            TEXT["break_even"].format(year=even)
            if even is not None
            else TEXT["no_break_even"].format(share=money["public_share"].iloc[-1], year=len(money))
        )
        body = "".join(f"<li>{item}</li>" for item in items)
        return (
            f'<ul class="jlp-fee-summary">{body}</ul>'
            f"<p><small>{html.escape(TEXT['illustrative'])}</small></p>"
        )


__all__ = ["FeeRampTuner"]
