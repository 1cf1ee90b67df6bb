"""What every jlp widget shows around its tool: its style, and its face on the static book.

On the static book there is no Python behind a widget: its controls do nothing. A widget
that holds something worth reading (a loaded assessment, a ramp and its charts) shows it
with a short note saying it is a saved state; a widget that holds nothing yet (an empty
NET grid under an exercise) shows a compact card instead — what the live tool does and how
to open it — and hides the empty tool. In JupyterLab the note and the card are hidden and
the tool is shown. The choice is made by the page's style sheet (the book puts every
output in a ``cell_output`` block), so one saved notebook serves both.

>>> card = static_card("NET scorer", "Score a network cell by cell.")
>>> "jlp-static-card" in card._dom_classes and "NET scorer" in card.value
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from jlp.i18n import Messages

#: User-facing strings of this module, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "card_title": "Live tool: {name}",
        "card_open": "This page is a saved copy: the tool works when the notebook runs. Open it "
        "in JupyterLab (<code>make lab</code> in the course folder, or the course hub), run "
        "all cells, and the tool appears here.",
        "saved_note": "Saved state ({what}). On this page the controls do not compute; open "
        "the notebook in JupyterLab (<code>make lab</code>, or the course hub) to use it live.",
    }
)

#: The style every jlp widget carries (in an HTML child, so that it travels with the
#: saved widget state to JupyterLab and to the static book alike).
STYLE = """<style>
.jlp-static-card, .jlp-static-note { display: none !important; }
.cell_output .jlp-widget-empty .jlp-static-card,
.cell_output .jlp-static-note { display: block !important; }
.cell_output .jlp-widget-empty .jlp-live-tool,
.cell_output .jlp-widget-empty .jlp-static-note { display: none !important; }
.jlp-static-card { border: 1px solid #c4cdd5; border-left: 4px solid #0072B2;
  border-radius: 4px; padding: 0.6em 0.9em; margin: 0.4em 0; max-width: 42em;
  background: #f5f8fa; line-height: 1.45; white-space: normal; }
.jlp-static-card .jlp-card-title { font-weight: 600; margin-bottom: 0.25em; }
.jlp-static-note { font-size: 0.85em; color: #3d4852; margin: 0.2em 0 0.4em;
  white-space: normal; }
.jlp-stale { opacity: 0.25; filter: grayscale(1); pointer-events: none; }
.jlp-error { color: #B00020; }
.jlp-notice { color: #7A4A00; }
.jlp-wrap-labels .widget-label, .jlp-wrap-labels .widget-label-basic {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; line-height: 1.15 !important; overflow-wrap: normal; }
.jlp-wrap-labels .widget-inline-hbox { height: auto !important; align-items: center; }
.jlp-wrap-labels .lm-TabBar-tab, .jlp-wrap-labels .p-TabBar-tab {
  flex: 0 0 auto !important; max-width: none !important; min-width: 0 !important; }
.jlp-wrap-labels .lm-TabBar-tabLabel, .jlp-wrap-labels .p-TabBar-tabLabel {
  overflow: visible !important; text-overflow: clip !important; }
.jlp-wrap-labels .lm-TabBar-content, .jlp-wrap-labels .p-TabBar-content {
  flex-wrap: wrap; height: auto !important; }
</style>"""

#: The class of a widget whose control labels wrap onto a second line instead of being cut
#: ("Abandono por e…"), and whose tab titles keep their whole width.
WRAP_LABELS = "jlp-wrap-labels"


def style() -> widgets.HTML:
    """An invisible child that carries :data:`STYLE`."""
    return widgets.HTML(STYLE, layout=widgets.Layout(margin="0", height="0"))


def static_card(name: str, does: str) -> widgets.HTML:
    """The card shown on the static book in place of an empty tool: its ``name``, what it
    ``does`` (plain text, escaped) and how to open it live."""
    body = (
        f'<div class="jlp-card-title">{html.escape(TEXT["card_title"].format(name=name))}</div>'
        f"<div>{html.escape(does)}</div><div>{TEXT['card_open']}</div>"
    )
    return widgets.HTML(body).add_class("jlp-static-card")


def saved_note(what: str) -> str:
    """The text of the line shown on the static book above a tool that holds a saved
    state (``what``: plain text naming it, escaped).

    >>> "Emasim &lt;1&gt;" in saved_note("Emasim <1>")
    True
    """
    return TEXT["saved_note"].format(what=html.escape(what))


def static_note(what: str) -> widgets.HTML:
    """The line shown on the static book above a tool that holds a saved state."""
    return widgets.HTML(saved_note(what)).add_class("jlp-static-note")


def tooltips(widget: widgets.Widget) -> widgets.Widget:
    """Give ``widget`` and every control inside it a tooltip: its own label, or none.

    A control left without one showed the tooltip "null" on the book's pages (the page's
    widget script writes the missing value as text).

    >>> box = tooltips(widgets.VBox([widgets.IntSlider(description="Years"), widgets.Label()]))
    >>> [child.tooltip for child in box.children]
    ['Years', '']
    """
    if "tooltip" in widget.trait_names() and widget.tooltip is None:
        widget.tooltip = str(getattr(widget, "description", "") or "")
    for child in getattr(widget, "children", ()):
        tooltips(child)
    return widget


def mark_empty(widget: widgets.Widget, empty: bool) -> None:
    """Mark ``widget`` as holding nothing yet (the static book then shows its card)."""
    if empty:
        widget.add_class("jlp-widget-empty")
    else:
        widget.remove_class("jlp-widget-empty")


__all__ = [
    "STYLE",
    "TEXT",
    "WRAP_LABELS",
    "mark_empty",
    "saved_note",
    "static_card",
    "static_note",
    "style",
    "tooltips",
]
