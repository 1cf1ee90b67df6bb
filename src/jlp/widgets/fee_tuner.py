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
>>> tuner.preset.value = "none"
>>> "never pays the full cost" in tuner.summary.value
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython import get_ipython
from IPython.display import display

from jlp import viz
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
from jlp.viz.fee_charts import affordability_chart, revenue_mix_chart, schedule_chart

#: User-facing strings of this widget (a Spanish edition replaces this dict only).
TEXT = {
    "preset": "Ramp",
    "custom": "custom",
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
    "break_even": "The institution covers its costs from its own revenue from <b>year {year}</b>.",
    "no_break_even": "The institution still needs <b>{share:.0%}</b> public or donor money in "
    "year {year}.",
    "illustrative": "Costs, margins, thresholds and the institution's portfolio are "
    "illustrative; the EMASIM start and the Mexican thirds are reported (Ceglie & Dini, 1999).",
    "error": "Cannot compute:",
}

_STYLE = {"description_width": "120px"}
_LAYOUT = {"width": "330px"}


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


class FeeRampTuner(widgets.VBox):
    """Controls for a ramp, the affordability thresholds and an institution, with the
    summary and three charts they produce."""

    def __init__(self, preset: str = "emasim", institution: str = "certec") -> None:
        service = default_service()
        thresholds = default_thresholds()
        self._quiet = False
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
            options=[*self._ramps, TEXT["custom"]],
            value=preset,
            description=TEXT["preset"],
            style=_STYLE,
            layout=_LAYOUT,
        )
        self.subsidised_years = _int_slider("subsidised_years", start.subsidised_years, 0, 10)
        self.first_share = _share_slider("first_share", start.first_share)
        self.step = _share_slider("step", start.step, maximum=0.5)
        self.cap = _share_slider("cap", start.cap)
        self.annual_cost = widgets.BoundedFloatText(
            value=service["annual_cost"],
            min=100,
            max=1_000_000,
            step=100,
            description=TEXT["annual_cost"],
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
            options=list(self._institutions),
            value=institution,
            description=TEXT["institution"],
            style=_STYLE,
            layout=_LAYOUT,
        )
        self.new_networks = _int_slider("new_networks", plan.new_networks, 0, 60)
        self.support_years = _int_slider("support_years", plan.support_years, 1, 20)

        self.summary = widgets.HTML()
        self.outputs = [widgets.Output() for _ in TEXT["tabs"]]
        self.tabs = widgets.Tab(children=self.outputs, titles=TEXT["tabs"], selected_index=0)

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
            return widgets.VBox([widgets.HTML(f"<b>{html.escape(title)}</b>"), *children])

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
        super().__init__([controls, self.summary, self.tabs])
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

    def plan(self, rule: RampRule) -> InstitutionPlan:
        """The institution preset chosen, with the controls' ramp, cost and portfolio."""
        return self._institutions[self.institution.value].replace(
            ramp=rule,
            cost_per_network=self.annual_cost.value,
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
        self._set_quietly(
            {
                self.subsidised_years: rule.subsidised_years,
                self.first_share: rule.first_share,
                self.step: rule.step,
                self.cap: rule.cap,
            }
        )
        self.update()

    def _institution_changed(self, change: dict) -> None:
        if self._quiet:
            return
        plan = self._institutions[change["new"]]
        self._set_quietly(
            {self.new_networks: plan.new_networks, self.support_years: plan.support_years}
        )
        self.update()

    def _changed(self, change: dict) -> None:
        if self._quiet:
            return
        if change["owner"] in self._ramp_controls and self.preset.value != TEXT["custom"]:
            try:
                matches = self.rule() == self._ramps.get(self.preset.value)
            except JlpInputError:
                matches = False
            if not matches:
                self._set_quietly({self.preset: TEXT["custom"]})
        self.update()

    # ------------------------------------------------------------------ computing, drawing

    def _draw(self, index: int) -> None:
        """Bring chart ``index`` up to date and display it in its tab."""
        key, chart, data = self._pending.pop(index)
        fig = chart(*data, fig=self._figures.get(key))
        self._figures[key] = fig
        if get_ipython() is None:  # plain Python: no front-end to draw in
            return
        out = self.outputs[index]
        with out:
            out.clear_output(wait=True)
            display(viz.show(fig))

    def _tab_changed(self, change: dict) -> None:
        if change["new"] in self._pending:
            self._draw(change["new"])

    def update(self) -> None:
        """Recompute from the controls and redraw the summary and the three charts."""
        try:
            rule = self.rule()
            thresholds = self.thresholds()
            table = schedule(rule, self.annual_cost.value, self.years.value)
            result = affordability(table, self._benefit, thresholds)
            money = finances(self.plan(rule))
        except JlpInputError as err:
            lines = "".join(f"<li>{html.escape(str(p))}</li>" for p in err.problems)
            self.summary.value = (
                f'<div class="jlp-error"><b>{html.escape(TEXT["error"])}</b><ul>{lines}</ul></div>'
            )
            return
        self.summary.value = self._summary(rule, table, result, money)
        self._pending = {
            0: ("schedule", lambda t, fig: schedule_chart(t, rule=rule, fig=fig), (table,)),
            1: ("affordability", affordability_chart, (result,)),
            2: ("institution", revenue_mix_chart, (money,)),
        }
        # Only the visible chart is drawn now; the others when their tab is opened (all
        # three on the first update, so that a saved notebook holds every chart).
        for index in list(self._pending) if not self._figures else [self.tabs.selected_index]:
            self._draw(index)

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
