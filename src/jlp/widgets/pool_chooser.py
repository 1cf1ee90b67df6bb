"""Choose which producers pool their yarn purchase; see the price, the saving and the cost.

The widget only wires controls to :func:`jlp.scale.pool_purchase` and
:func:`jlp.viz.scale_charts.pool_chart`: pick a named pool (a network, the hammock sector,
the cluster) or tick producers one by one, and set the co-ordination cost. Every number is
illustrative (Ceglie & Dini, 1999, Box 4 gives no prices or quantities). A bad choice (an
empty pool) is shown as a message, not a traceback.

>>> chooser = PoolChooser()
>>> chooser.preset.value, chooser.result().size
('ecohamaca', 11)
>>> chooser.preset.value = "sector:hammocks"
>>> chooser.result().unit_price
2.8
>>> chooser.members.value = ("eco_01", "eco_02")
>>> chooser.preset.value
'custom'
>>> chooser.members.value = ()
>>> "at least one producer" in chooser.summary.value
True
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from jlp import scale
from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.scale import CoordinationCost, PoolResult, PriceCurve
from jlp.viz.scale_charts import pool_chart
from jlp.widgets.frame import saved_note, static_note, style, tooltips
from jlp.widgets.live_plot import ChartSlot, from_person, held
from jlp.widgets.messages import control_problems, problems_html

#: User-facing strings of this widget, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "preset": "Pool",
        "custom": "(your own choice)",
        "members": "Producers",
        "members_help": "Ctrl/Cmd-click or Shift-click to choose several producers.",
        "no_network": "no network",
        "option": "{label} · {network} · {kg:,.0f} kg",
        "fixed": "Fixed US$/month",
        "per_member": "Per member",
        "per_pair": "Per pair",
        "coordination_box": "Co-ordination cost (US$ a month)",
        "pool_box": "Who buys together",
        "quantity": "<b>{size}</b> producer(s) buy <b>{kg:,.0f} kg</b> of yarn a month together.",
        "price": "They pay <b>US$ {price:.2f}</b> per kg, against US$ {own:.2f} on average "
        "when each buys alone.",
        "no_yarn": "They need no yarn: there is nothing to buy together.",
        "saving": "Saving on yarn: <b>US$ {saving:,.0f}</b> a month ({share:.0%}).",
        "coordination": "Co-ordination cost: US$ {cost:,.0f} a month.",
        "net": "Net saving: <b>US$ {net:,.0f}</b> a month.",
        "net_loss": "Net saving: <b>− US$ {loss:,.0f}</b> a month: co-ordinating this pool "
        "costs more than it saves.",
        "best": "The best price (US$ {price:.2f}) starts at {kg:,.0f} kg: this pool is "
        "{short:,.0f} kg short of it.",
        "best_reached": "The pool reaches the best price on the list.",
        "illustrative": "Illustrative prices, yarn needs and co-ordination costs: Ceglie & Dini "
        "(1999, Box 4) report that the best yarn prices need more than any single network buys, "
        "but give no numbers.",
        "error": "Cannot compute:",
        "stale": "The chart is greyed out until a pool can be computed.",
        "saved_what": "{pool}, {size} producer(s)",
        "labels": {
            "members": "Producers",
            "fixed": "Fixed US$/month",
            "per_member": "Per member",
            "per_pair": "Per pair",
        },
        "fixes": {
            "members": "tick at least one producer under Producers, or choose a pool under Pool",
        },
    }
)

_STYLE = {"description_width": "130px"}
_LAYOUT = {"width": "330px"}


class PoolChooser(widgets.VBox):
    """Controls for a pooled yarn purchase, with its summary and price chart.

    ``producers`` (a DataFrame or a CSV/XLSX path) and ``curve`` default to the bundled
    illustrative tables; ``pool`` is a key of :func:`jlp.scale.pool_choices` to start from.
    """

    def __init__(
        self,
        producers: pd.DataFrame | str | Path | None = None,
        curve: PriceCurve | None = None,
        coordination: CoordinationCost | None = None,
        pool: str = "ecohamaca",
        *,
        live_updates: bool = True,
    ) -> None:
        self.table = scale.producers(producers)
        self.curve = curve if curve is not None else scale.yarn_prices()
        start = coordination if coordination is not None else CoordinationCost()
        self._choices = scale.pool_choices(self.table)
        self._quiet = False
        self._live = False
        self._figure: go.Figure | None = None

        options = [(scale.choice_label(self.table, key), key) for key in self._choices]
        options.append((TEXT["custom"], "custom"))
        self.preset = widgets.Dropdown(
            options=options,
            value=pool if pool in self._choices else "custom",
            description=TEXT["preset"],
            style=_STYLE,
            layout=_LAYOUT,
        )
        self.members = widgets.SelectMultiple(
            options=[(self._option(row), row.id) for row in self.table.itertuples()],
            value=tuple(self._choices.get(pool, ())),
            rows=12,
            description=TEXT["members"],
            style=_STYLE,
            layout={"width": "520px"},
        )
        self.fixed = self._amount("fixed", start.fixed, 5000, 50)
        self.per_member = self._amount("per_member", start.per_member, 200, 5)
        self.per_pair = self._amount("per_pair", start.per_pair, 50, 0.5)
        self.summary = widgets.HTML()
        self.chart = ChartSlot(live_updates=live_updates)
        self.output = self.chart.output
        self.note = static_note("")

        self.preset.observe(self._preset_changed, names="value")
        self.members.observe(self._members_changed, names="value")
        for control in (self.fixed, self.per_member, self.per_pair):
            control.observe(self._changed, names="value")

        def box(title: str, children: list[widgets.Widget]) -> widgets.VBox:
            return widgets.VBox([widgets.HTML(f"<b>{html.escape(title)}</b>"), *children])

        controls = widgets.HBox(
            [
                box(
                    TEXT["pool_box"],
                    [
                        self.preset,
                        self.members,
                        widgets.HTML(f"<small>{html.escape(TEXT['members_help'])}</small>"),
                    ],
                ),
                box(TEXT["coordination_box"], [self.fixed, self.per_member, self.per_pair]),
            ],
            layout={"flex_flow": "row wrap"},
        )
        super().__init__([style(), self.note, controls, self.summary, self.chart])
        tooltips(self)  # no control shows the tooltip "null" on a page
        self.update()

    def _option(self, row) -> str:
        network = row.network_label or TEXT["no_network"]
        return TEXT["option"].format(label=row.label, network=network, kg=row.yarn_kg_month)

    @staticmethod
    def _amount(name: str, value: float, maximum: float, step: float) -> widgets.FloatSlider:
        return widgets.FloatSlider(
            value=value,
            min=0.0,
            max=max(maximum, value),
            step=step,
            description=TEXT[name],
            continuous_update=False,
            readout_format=",.1f",
            style=_STYLE,
            layout=_LAYOUT,
        )

    # ------------------------------------------------------------------ reading controls

    def coordination(self) -> CoordinationCost:
        """The co-ordination cost the sliders describe."""
        return CoordinationCost(
            fixed=self.fixed.value, per_member=self.per_member.value, per_pair=self.per_pair.value
        )

    def result(self) -> PoolResult:
        """The pooled purchase the controls describe (raises JlpInputError if empty)."""
        return scale.pool_purchase(
            self.table, list(self.members.value), self.curve, coordination=self.coordination()
        )

    # ------------------------------------------------------------------ events

    def _preset_changed(self, change: dict) -> None:
        if self._quiet or change["new"] not in self._choices:
            return
        with held(self.members):  # the chart first, then the ticks it moved
            self._quiet = True
            try:
                self.members.value = tuple(self._choices[change["new"]])
            finally:
                self._quiet = False
            self.update(live=from_person(change))

    def _members_changed(self, change: dict) -> None:
        if self._quiet:
            return
        chosen = list(change["new"])
        match = next((key for key, ids in self._choices.items() if ids == chosen), "custom")
        with held(self.preset):
            if match != self.preset.value:
                self._quiet = True
                try:
                    self.preset.value = match
                finally:
                    self._quiet = False
            self.update(live=from_person(change))

    def _changed(self, change: dict) -> None:
        if not self._quiet:
            self.update(live=from_person(change))

    # ------------------------------------------------------------------ computing, drawing

    def update(self, *, live: bool = False) -> None:
        """Recompute the pool from the controls; redraw the summary and the chart
        (``live``: in place, for a change a person made in a live notebook)."""
        self._live = self._live or live
        try:
            result = self.result()
        except JlpInputError as err:
            lines = control_problems(err, TEXT["labels"], TEXT["fixes"])
            self.summary.value = problems_html(TEXT["error"], lines) + (
                f"<p><small>{html.escape(TEXT['stale'])}</small></p>"
            )
            self.chart.stale(True)
            return
        self._figure = pool_chart(result, self.curve, fig=self._figure)
        self.chart.draw(self._figure, live=self._live)  # first: the slowest to redraw
        self.summary.value = summary_html(result, self.curve)
        self.note.value = saved_note(
            TEXT["saved_what"].format(pool=self._pool_label(), size=result.size)
        )

    def _pool_label(self) -> str:
        return next(
            (label for label, key in self.preset.options if key == self.preset.value),
            TEXT["custom"],
        )


def summary_html(result: PoolResult, curve: PriceCurve) -> str:
    """The pool in a few sentences (HTML), as the widget shows it.

    >>> from jlp import scale
    >>> text = summary_html(scale.pool_purchase(None, ["eco_01"]), scale.yarn_prices())
    >>> "Saving on yarn: <b>US$ 0</b>" in text
    True
    """
    items = [TEXT["quantity"].format(size=result.size, kg=result.quantity_kg)]
    if result.quantity_kg > 0:
        items.append(TEXT["price"].format(price=result.unit_price, own=result.own_unit_price))
    else:
        items.append(TEXT["no_yarn"])
    items.append(TEXT["saving"].format(saving=result.saving, share=result.saving_share))
    items.append(TEXT["coordination"].format(cost=result.coordination_cost))
    items.append(
        TEXT["net"].format(net=result.net_saving)
        if result.net_saving >= 0
        else TEXT["net_loss"].format(loss=-result.net_saving)
    )
    best_from = curve.best_price_from
    if best_from:
        items.append(
            TEXT["best_reached"]
            if result.quantity_kg >= best_from
            else TEXT["best"].format(
                price=curve.best_price, kg=best_from, short=best_from - result.quantity_kg
            )
        )
    body = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<ul class="jlp-pool-summary">{body}</ul>'
        f"<p><small>{html.escape(TEXT['illustrative'])}</small></p>"
    )


__all__ = ["PoolChooser", "summary_html"]
