"""A country picker over the reported programme facts.

>>> browser = FactsBrowser()
>>> browser.country.value
'Honduras'
>>> browser.country.value = "Nicaragua"
>>> "EcoHamaca" in browser.table.value
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from jlp.i18n import Messages
from jlp.programme import countries, figures_for
from jlp.reported import figure_value
from jlp.widgets.frame import tooltips

#: User-facing strings of this widget, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "country": "Country",
        "columns": ["Who", "What", "Value", "Source"],
        "caption": "Figures reported by Ceglie & Dini (1999), with the box or section of each.",
    }
)


def facts_table_html(country: str) -> str:
    """An HTML table of one country's reported figures (every cell escaped)."""
    figures = figures_for(country)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in TEXT["columns"])
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(cell))}</td>"
            for cell in (r["subject_label"], r["metric_label"], figure_value(r), r["source"])
        )
        + "</tr>"
        for _, r in figures.iterrows()
    )
    return (
        f'<table class="jlp-facts"><caption>{html.escape(TEXT["caption"])}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


class FactsBrowser(widgets.VBox):
    """A dropdown of countries and the table of what the paper reports for the one chosen."""

    def __init__(self, country: str = "Honduras") -> None:
        self.country = widgets.Dropdown(
            options=countries(), value=country, description=TEXT["country"]
        )
        self.table = widgets.HTML(facts_table_html(country))
        self.country.observe(self._update, names="value")
        super().__init__([self.country, self.table])
        tooltips(self)  # no control shows the tooltip "null" on a page

    def _update(self, change: dict) -> None:
        self.table.value = facts_table_html(change["new"])


__all__ = ["FactsBrowser", "facts_table_html"]
