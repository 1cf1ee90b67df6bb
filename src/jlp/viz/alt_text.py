"""Text alternatives for figures: a summary under every chart and graph, and a still for print.

Screen readers cannot read a chart, the printed page cannot run one, and a slow connection
may never draw it. :func:`described` wraps anything the course displays (``viz.show(fig)``,
a graph frame, a widget's HTML) in a ``<figure>`` whose text summary a screen reader reads
(``aria-describedby``), a reader can open (a "Text description" fold) and a printer prints.
:func:`summarize_figure` and :func:`summarize_graph` draft that summary from the data; an
author should still add the one sentence that says what the figure *shows*.

>>> import plotly.graph_objects as go
>>> fig = go.Figure(go.Bar(x=["Sales", "Jobs"], y=[200, 15], name="EMASIM"))
>>> fig = fig.update_layout(title="Growth, %")
>>> summarize_figure(fig)
'Chart "Growth, %". Bar series "EMASIM", 2 values: Sales 200, Jobs 15.'
>>> html = described(fig, "EMASIM's sales grew far more than its jobs.").html
>>> "aria-describedby" in html and "EMASIM&#x27;s sales" in html
True
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import io
from collections import Counter
from collections.abc import Sequence
from typing import Any

from jlp.i18n import Messages

#: User-facing words, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "chart": "Chart",
        "series": "{kind} series",
        "values": "{n} values",
        "more": "and {n} more",
        "range": "from {lo} to {hi}",
        "graph": "Network of {nodes} actors and {edges} ties",
        "kinds": "Actors by kind: {kinds}",
        "most_linked": "Most linked: {names}",
        "details": "Text description",
        "still": "Still picture of the figure",
    }
)


def _words(code: str | None) -> dict[str, str]:
    """The words in language ``code``; None: the language in use now."""
    return TEXT.as_dict() if code is None else TEXT.in_language(code)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def _pairs(xs: Sequence[Any], ys: Sequence[Any], limit: int, words: dict[str, str]) -> str:
    shown = [f"{_fmt(x)} {_fmt(y)}" for x, y in list(zip(xs, ys, strict=False))[:limit]]
    rest = len(ys) - len(shown)
    text = ", ".join(shown)
    if rest > 0:
        numeric = [y for y in ys if isinstance(y, int | float)]
        extent = (
            "; " + words["range"].format(lo=_fmt(min(numeric)), hi=_fmt(max(numeric)))
            if numeric
            else ""
        )
        text += f", {words['more'].format(n=rest)}{extent}"
    return text


def summarize_figure(fig: Any, *, max_items: int = 6, language: str | None = None) -> str:
    """A plain-text draft summary of a plotly figure: title, axes, each series and its values."""
    words = _words(language)
    parts: list[str] = []
    title = getattr(getattr(fig.layout, "title", None), "text", None)
    parts.append(f'{words["chart"]} "{title}".' if title else f"{words['chart']}.")
    for axis_name in ("xaxis", "yaxis"):
        axis = getattr(fig.layout, axis_name, None)
        axis_title = getattr(getattr(axis, "title", None), "text", None)
        if axis_title:
            parts.append(f"{axis_name[0].upper()}: {axis_title}.")
    for trace in fig.data:
        kind = str(getattr(trace, "type", "trace")).capitalize()
        name = getattr(trace, "name", None)
        head = words["series"].format(kind=kind) + (f' "{name}"' if name else "")
        xs = list(getattr(trace, "x", None) or getattr(trace, "labels", None) or [])
        ys = list(getattr(trace, "y", None) or getattr(trace, "values", None) or [])
        if getattr(trace, "orientation", None) == "h":
            xs, ys = ys, xs
        if ys:
            xs = xs or list(range(1, len(ys) + 1))
            values = words["values"].format(n=len(ys))
            parts.append(f"{head}, {values}: {_pairs(xs, ys, max_items, words)}.")
        else:
            parts.append(f"{head}.")
    return " ".join(parts)


def summarize_graph(
    graph: Any,
    *,
    label: str = "label",
    kind: str = "kind",
    top: int = 3,
    language: str | None = None,
) -> str:
    """A plain-text draft summary of a networkx graph: size, kinds of actors, best linked.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from(
    ...     [
    ...         ("b", {"label": "Broker", "kind": "broker"}),
    ...         ("f1", {"label": "Firm 1", "kind": "firm"}),
    ...         ("f2", {"label": "Firm 2", "kind": "firm"}),
    ...     ]
    ... )
    >>> g.add_edges_from([("b", "f1"), ("b", "f2")])
    >>> summarize_graph(g)
    'Network of 3 actors and 2 ties. Actors by kind: firm 2, broker 1. Most linked: Broker (2).'
    """
    words = _words(language)
    parts = [words["graph"].format(nodes=graph.number_of_nodes(), edges=graph.number_of_edges())]
    kinds = Counter(str(data.get(kind)) for _, data in graph.nodes(data=True) if data.get(kind))
    if kinds:
        listed = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        parts.append(words["kinds"].format(kinds=listed))
    degrees = sorted(graph.degree(), key=lambda item: (-item[1], str(item[0])))
    best = [(n, d) for n, d in degrees[:top] if d > 0]
    if best:
        top_degree = best[0][1]
        names = ", ".join(
            f"{graph.nodes[n].get(label, n)} ({d})" for n, d in best if d == top_degree
        )
        parts.append(words["most_linked"].format(names=names))
    return ". ".join(parts) + "."


def _inner_html(shown: Any) -> tuple[str, dict[str, Any]]:
    """The HTML of a displayable object, and any other output types worth keeping."""
    if hasattr(shown, "to_html") and hasattr(shown, "data") and hasattr(shown, "layout"):
        from jlp.viz.figures import BookFigure

        shown = BookFigure(shown)
    extra: dict[str, Any] = {}
    if hasattr(shown, "_repr_mimebundle_"):
        bundle = shown._repr_mimebundle_() or {}
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        extra = {k: v for k, v in bundle.items() if k not in {"text/html", "text/plain"}}
        if "text/html" in bundle:
            return bundle["text/html"], extra
    if hasattr(shown, "_repr_html_"):
        return shown._repr_html_(), extra
    if isinstance(shown, str):
        return shown, extra
    raise TypeError(f"cannot describe {type(shown).__name__}: it has no HTML form")


def _still_html(still: Any, alt: str, words: dict[str, str]) -> str:
    if still is None:
        return ""
    if hasattr(still, "savefig"):
        buffer = io.BytesIO()
        still.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        still = buffer.getvalue()
    data = base64.b64encode(still).decode("ascii")
    return (
        f'<img class="jlp-print-only" style="display:none" src="data:image/png;base64,{data}" '
        f'alt="{html_lib.escape(words["still"])}: {html_lib.escape(alt)}">'
    )


class Described:
    """Display wrapper: a figure with its text summary (and optional print still)."""

    def __init__(
        self, shown: Any, summary: str, *, still: Any = None, language: str | None = None
    ) -> None:
        self.shown = shown
        self.summary = summary
        self.still = still
        self.language = language
        self._inner, self._extra = _inner_html(shown)

    @property
    def html(self) -> str:
        words = _words(self.language)
        digest = hashlib.sha1((self._inner + self.summary).encode("utf-8")).hexdigest()[:10]
        sid = f"jlp-desc-{digest}"
        text = html_lib.escape(self.summary)
        return (
            f'<figure class="jlp-figure" aria-describedby="{sid}">'
            f'<div class="{"jlp-screen-only" if self.still is not None else "jlp-live"}">'
            f"{self._inner}</div>"
            f"{_still_html(self.still, self.summary, words)}"
            f'<figcaption><details class="jlp-summary"><summary>{words["details"]}</summary>'
            f'<p id="{sid}">{text}</p></details></figcaption></figure>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {**self._extra, "text/html": self.html, "text/plain": self.summary}


def described(
    shown: Any, summary: str, *, still: Any = None, language: str | None = None
) -> Described:
    """Wrap a figure (plotly figure, ``viz.show(...)``, graph frame, HTML) with a text summary.

    ``still`` (a matplotlib figure or PNG bytes, e.g. from ``viz.graph_static``) replaces the
    interactive figure on paper only. Use as the last line of a notebook cell.
    """
    if not summary or not summary.strip():
        raise ValueError("a figure needs a text summary: say in words what it shows")
    return Described(shown, summary.strip(), still=still, language=language)


__all__ = ["TEXT", "Described", "described", "summarize_figure", "summarize_graph"]
