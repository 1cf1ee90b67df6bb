"""Explore a network: switch tie types on and off, step through phases, size nodes by a
measure, and read the measures in a table under the picture.

The widget only wires controls to pure functions over :mod:`jlp.graphs` and
:mod:`jlp.viz.graph_pages` (tested, and timed in ``benchmarks/bench_graphs.py``). Positions
are computed once for the whole network, so a firm stays in place while ties and phases
change around it. A case network is drawn once, by :class:`MapView` (a small anywidget
around the map's frame); each change then sends only the nodes, ties, legend and caption
(:func:`jlp.viz.graph_pages.map_update`), which the frame applies to its data sets in place.
``live=False`` keeps the first way: a new page per change (:func:`explorer_view`); the
browser benchmark ``benchmarks/bench_explorer_browser.py`` times both in JupyterLab.

>>> from jlp import graphs
>>> g = graphs.read_graph(
...     graphs.template_path("example_nodes.csv"), graphs.template_path("example_edges.csv")
... )
>>> explorer = GraphExplorer(g)
>>> explorer.size_by.value = "betweenness"
>>> "Muebles Peña" in explorer.table.value
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import anywidget
import ipywidgets as widgets
import networkx as nx
import pandas as pd
import traitlets

from jlp.graphs import METRIC_COLUMNS, ROLES, node_metrics, phase_name, phases, tie_types
from jlp.i18n import Messages
from jlp.viz.graph_pages import (
    SIZE_METRICS,
    graph_frame,
    graph_layout,
    is_map,
    kind_label,
    map_layouts,
    map_update,
    select,
    tie_label,
)
from jlp.viz.graph_pages import TEXT as PAGE_TEXT
from jlp.widgets.frame import tooltips

#: User-facing strings of this widget, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "ties": "Ties shown",
        "phase": "Phase",
        "size_by": "Node size",
        "title": "Network explorer",
        "columns": {
            "label": "Node",
            "kind": "Kind",
            "degree": "Partners",
            "betweenness": "Betweenness",
            "constraint": "Constraint",
            "effective_size": "Effective size",
            "brokerage": "Brokerage",
        },
        "isolate_note": "— no ties at this point: constraint is undefined, effective size is 0.",
        "caption": "Measures of the network as shown (selected ties and phase), sorted by "
        "{metric}.",
        "static_note": "On the course website this widget shows its saved state only; run the "
        "notebook to use the controls.",
    }
)
#: The measures table's columns: the per-node columns of :data:`jlp.graphs.METRIC_COLUMNS`
#: (not the id, and the five brokerage roles summed as one ``brokerage``).
TABLE_COLUMNS: tuple[str, ...] = (
    *(c for c in METRIC_COLUMNS if c != "id" and c not in ROLES),
    "brokerage",
)
#: The table's look, sent with it (the static page and JupyterLab alike). Where the table has
#: less than :data:`CARDS_BELOW` px (a phone), each node becomes a card: its name and kind on
#: one line, then its measures, each with its name, wrapping as the width allows.
CARDS_BELOW = 720
TABLE_STYLE = f"""<style>
.jlp-metrics-wrap {{ container: jlp-metrics / inline-size; max-width: 100%; }}
.jlp-metrics {{ border-collapse: collapse; }}
.jlp-metrics caption {{ caption-side: top; text-align: left; padding: 0 0 0.35rem; }}
.jlp-metrics th, .jlp-metrics td {{ padding: 0.3rem 0.6rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }}
.jlp-metrics td.jlp-num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.jlp-metrics .jlp-sorted {{ font-weight: 700; }}
.jlp-metrics-wrap .jlp-note {{ margin: 0.25rem 0; }}
@media screen {{ @container jlp-metrics (max-width: {CARDS_BELOW - 1}px) {{
  .jlp-metrics, .jlp-metrics tbody, .jlp-metrics caption {{ display: block; width: 100%; }}
  .jlp-metrics thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }}
  .jlp-metrics tr {{ display: flex; flex-wrap: wrap; column-gap: 1.1em; row-gap: 0.1rem;
    padding: 0.45rem 0.25rem; border-top: 1px solid rgba(127, 127, 127, 0.35); }}
  .jlp-metrics tr::after {{ content: ""; order: 1; flex-basis: 100%; }}
  .jlp-metrics td {{ display: block; padding: 0 !important; border: 0; min-width: 0;
    line-height: 1.45; text-align: left !important; order: 2; }}
  .jlp-metrics td:nth-child(1) {{ order: 0; flex: 1 1 0; font-weight: 700; }}
  .jlp-metrics td:nth-child(2) {{ order: 0; opacity: 0.75; }}
  .jlp-metrics td:nth-child(n + 3)::before {{ content: attr(data-label) "\\00a0"; opacity: 0.75;
    font-weight: 400; }}
}} }}
</style>"""


def _cell(value: Any) -> str:
    if pd.isna(value):
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def metric_table_html(table: pd.DataFrame, *, sort_by: str = "degree", limit: int = 40) -> str:
    """An HTML table of node measures (every cell escaped), largest ``sort_by`` first.

    ``table`` is :func:`jlp.graphs.node_metrics`; an isolate's constraint shows as a dash,
    explained under the table.
    """
    table = table.assign(brokerage=table[list(ROLES)].sum(axis=1))
    ordered = table.sort_values(sort_by, ascending=False, na_position="last", kind="stable")
    names = {c: html.escape(TEXT["columns"][c]) for c in TABLE_COLUMNS}
    head = "".join(f'<th scope="col"{_class(c, sort_by)}>{names[c]}</th>' for c in TABLE_COLUMNS)
    rows = []
    for row in ordered.head(limit).to_dict("records"):
        cells = [kind_label(row["kind"]) if c == "kind" else _cell(row[c]) for c in TABLE_COLUMNS]
        rows.append(
            "<tr>"
            + "".join(
                f'<td data-label="{names[c]}"{_class(c, sort_by)}>{html.escape(v)}</td>'
                for c, v in zip(TABLE_COLUMNS, cells, strict=True)
            )
            + "</tr>"
        )
    caption = TEXT["caption"].format(metric=PAGE_TEXT["metrics"].get(sort_by, sort_by))
    foot = (
        f"<p class='jlp-note'>{html.escape(TEXT['isolate_note'])}</p>"
        if (table["degree"] == 0).any()
        else ""
    )
    return (
        f'<div class="jlp-metrics-wrap">{TABLE_STYLE}'
        f'<table class="jlp-metrics"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{foot}</div>"
    )


def _class(column: str, sort_by: str) -> str:
    """The class of a column's cells: numbers align right, the sorting measure stands out.

    >>> _class("degree", "degree"), _class("label", "degree")
    (' class="jlp-num jlp-sorted"', '')
    """
    names = ["jlp-num"] if column not in ("label", "kind") else []
    names += ["jlp-sorted"] if column == sort_by else []
    return f' class="{" ".join(names)}"' if names else ""


def explorer_view(
    graph: nx.Graph,
    *,
    positions: Mapping[Any, tuple[float, float]],
    ties: Iterable[str] | None = None,
    phase: Any = None,
    size_by: str = "degree",
    height: int = 480,
    maps: Mapping[str, Any] | None = None,
) -> tuple[str, str]:
    """The picture (iframe HTML) and the measure table for one setting of the controls.

    With ``maps`` (:func:`jlp.viz.graph_pages.map_layouts` of the whole graph) the picture
    is the fixed map, every node where it stands in the whole network.
    """
    part = select(graph, ties=ties, phase=phase)
    table = node_metrics(part)
    if maps is not None:
        frame = graph_frame(
            graph,
            title=TEXT["title"],
            size_by=size_by,
            ties=ties,
            phase=phase,
            height=height,
            metrics=table,
            maps=maps,
        )
        return frame.html, metric_table_html(table, sort_by=size_by)
    frame = graph_frame(
        part,
        title=TEXT["title"],
        size_by=size_by,
        positions=positions,
        height=height,
        metrics=table,
    )
    return frame.html, metric_table_html(table, sort_by=size_by)


#: The front end of :class:`MapView`: a sandboxed frame holding the map's page, sent each
#: update by message (the frame's own script applies it and redraws).
MAP_VIEW_ESM = """
function render({ model, el }) {
  const frame = document.createElement("iframe");
  frame.className = "jlp-graph-frame";
  frame.setAttribute("sandbox", "allow-scripts");
  frame.title = model.get("title");
  frame.style.cssText = "width:100%;border:0;height:" + model.get("frame_height") + "px";
  frame.srcdoc = model.get("page");
  el.appendChild(frame);
  let ready = false;
  const send = () => {
    const update = model.get("update");
    if (ready && update && update.nodes) {
      frame.contentWindow.postMessage(Object.assign({jlp: "update"}, update), "*");
    }
  };
  const listen = (event) => {
    if (event.source !== frame.contentWindow || !event.data) { return; }
    if (event.data.jlp === "height" && event.data.height > 0) {
      frame.style.height = Math.ceil(event.data.height + 4) + "px";
    } else if (event.data.jlp === "drawn") {
      ready = true;
      send();
    }
  };
  window.addEventListener("message", listen);
  model.on("change:update", send);
  return () => window.removeEventListener("message", listen);
}
export default { render };
"""


class MapView(anywidget.AnyWidget):
    """A network map drawn once (``page``, a :func:`jlp.viz.graph_pages.graph_page`) and then
    changed in place: set ``update`` to a :func:`jlp.viz.graph_pages.map_update`."""

    _esm = MAP_VIEW_ESM
    page = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    frame_height = traitlets.Int(600).tag(sync=True)
    update = traitlets.Dict().tag(sync=True)


class GraphExplorer(widgets.VBox):
    """Tie-type toggles, a phase slider, a size menu, the graph and its measure table."""

    def __init__(
        self, graph: nx.Graph, *, size_by: str = "degree", height: int = 480, live: bool = True
    ) -> None:
        self.graph = graph
        self.height = height
        self.maps = map_layouts(graph) if is_map(graph) else None
        self.live = live and self.maps is not None
        self.positions = self.maps["wide"].positions if self.maps else graph_layout(graph)
        self.tie_buttons = {
            tie: widgets.ToggleButton(
                value=True,
                description=tie_label(tie),
                tooltip=tie_label(tie),
                layout=widgets.Layout(width="auto"),
            )
            for tie in (tie_types(graph) if graph.is_multigraph() else [])
        }
        known = phases(graph)
        self.phase = widgets.SelectionSlider(
            options=[(phase_name(graph, p), str(p)) for p in known] or ["—"],
            value=str(known[-1]) if known else "—",
            description=TEXT["phase"],
            disabled=not known,
            continuous_update=False,
            readout=False,  # the readout box cuts long names: the name shows below instead
            layout=widgets.Layout(width="100%", max_width="560px", min_width="240px"),
            style={"description_width": "initial"},
        )
        self.phase_name = widgets.Label(layout=widgets.Layout(width="100%"))
        self.size_by = widgets.Dropdown(
            options=[(PAGE_TEXT["metrics"][m], m) for m in SIZE_METRICS],
            value=size_by,
            description=TEXT["size_by"],
            style={"description_width": "initial"},
        )
        self.picture: widgets.DOMWidget = (
            MapView(layout=widgets.Layout(width="100%"))
            if self.live
            else widgets.HTML(layout=widgets.Layout(width="100%"))
        )
        # below the picture, as wide as the page; on a phone a card per node (TABLE_STYLE)
        self.table = widgets.HTML(layout=widgets.Layout(width="100%", overflow="auto"))
        for control in [*self.tie_buttons.values(), self.phase, self.size_by]:
            control.observe(self._update, names="value")
        self._update()
        toggles = widgets.HBox(
            [widgets.Label(TEXT["ties"]), *self.tie_buttons.values()],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        super().__init__(
            [
                toggles,
                widgets.HBox(
                    [
                        widgets.VBox(
                            [self.phase, self.phase_name],
                            layout=widgets.Layout(flex="1 1 260px", max_width="560px"),
                        ),
                        self.size_by,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.picture,
                self.table,
            ]
        )
        tooltips(self)  # no control shows the tooltip "null" on a page

    def chosen_ties(self) -> list[str] | None:
        if not self.tie_buttons:
            return None
        return [tie for tie, button in self.tie_buttons.items() if button.value]

    def _update(self, change: dict | None = None) -> None:
        phase = None if self.phase.disabled else self.phase.value
        self.phase_name.value = phase_name(self.graph, phase) if phase is not None else ""
        if self.live:
            self._update_map(phase, first=change is None)
            return
        self.picture.value, self.table.value = explorer_view(
            self.graph,
            positions=self.positions,
            ties=self.chosen_ties(),
            phase=phase,
            size_by=self.size_by.value,
            height=self.height,
            maps=self.maps,
        )

    def _update_map(self, phase: Any, *, first: bool) -> None:
        part = select(self.graph, ties=self.chosen_ties(), phase=phase)
        table = node_metrics(part)
        if first:
            frame = graph_frame(
                self.graph,
                title=TEXT["title"],
                size_by=self.size_by.value,
                ties=self.chosen_ties(),
                phase=phase,
                height=self.height,
                metrics=table,
                maps=self.maps,
            )
            self.picture.title = frame.title
            self.picture.frame_height = frame.frame_height or self.height + 110
            self.picture.page = frame.page
        else:
            self.picture.update = map_update(
                self.graph,
                size_by=self.size_by.value,
                ties=self.chosen_ties(),
                phase=phase,
                metrics=table,
            )
        self.table.value = metric_table_html(table, sort_by=self.size_by.value)


__all__ = ["TEXT", "GraphExplorer", "MapView", "explorer_view", "metric_table_html"]
