"""Helpers for the course's case notebooks, one module per case (``jlp.cases.<case>``).

A case module only loads its bundled tables and shapes them for its notebook; the
computation lives in :mod:`jlp.net`, :mod:`jlp.graphs`, :mod:`jlp.fees` and :mod:`jlp.scale`.
What every case does alike is shared: :func:`network` reads a case's network,
:class:`jlp.net.reference.ReferenceScoring` reads its reference NET scoring, and
:data:`BOX_HEADINGS` heads the tables of a case told in one of the paper's boxes
(:func:`figure_table` draws its reported figures). Import the
case you need, e.g. ``from jlp.cases import ecohamaca``.

>>> network("emasim").number_of_nodes() > 11
True
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

from jlp.data_text import translate_graph
from jlp.datasets import load
from jlp.graphs import read_graph
from jlp.i18n import Messages
from jlp.reported import figure_value

#: The headings of a boxed case's tables (translated when read): the moments of its reference
#: scoring (``moment_columns``, read by :class:`~jlp.net.reference.ReferenceScoring`) and the
#: figures the box reports (``figure_columns``). A case module adds them to its own ``TEXT``.
BOX_HEADINGS = Messages(
    {
        "moment_columns": ("Date", "Moment", "What the box reports by then"),
        "figure_columns": ("Figure", "Value", "Source", "Note"),
    }
)


def network(name: str, *, directory: str | Path | None = None) -> nx.MultiDiGraph:
    """The bundled network ``name`` (tables ``<name>_nodes`` and ``<name>_edges``) as a graph.

    Both tables are first checked against the data package (:func:`jlp.datasets.load`:
    types, required cells, allowed values, foreign keys), then read as a network
    (:func:`jlp.graphs.read_graph`: ids, ties, phases). Either check raises one
    :class:`~jlp.errors.JlpInputError` naming the file, row and column. ``directory``
    overrides where the data package is found (see :func:`jlp.datasets.data_dir`).

    >>> network("masaya_cluster").graph["phases"]
    (1, 2, 3, 4, 5)
    """
    nodes = load(f"{name}_nodes", directory=directory)
    edges = load(f"{name}_edges", directory=directory)
    graph = read_graph(Path(nodes.attrs["path"]), Path(edges.attrs["path"]))
    graph.graph["phase_names"] = phase_names(name)
    if directory is None:  # the bundled network: its names and notes in the reader's language
        translate_graph(graph, name)
    return graph


def figure_table(rows: pd.DataFrame, labels: Sequence[str]) -> pd.DataFrame:
    """Rows of ``reported_figures`` as a boxed case shows them, under
    ``BOX_HEADINGS["figure_columns"]``: each one's label, its value as the paper words it
    (hedges kept), its source and note.

    >>> figures = load("reported_figures").fillna({"note": "", "period": ""})
    >>> row = figures[figures["id"] == "emasim_sales_change"]
    >>> figure_table(row, ["Sales"]).values.tolist()[0][:3]
    ['Sales', '200 %', 'Box 1']
    """
    columns = BOX_HEADINGS["figure_columns"]
    return pd.DataFrame(
        {
            columns[0]: list(labels),
            columns[1]: [figure_value(row) for _, row in rows.iterrows()],
            columns[2]: rows["source"].to_numpy(),
            columns[3]: rows["note"].to_numpy(),
        }
    )


#: Phase names of the case networks that have no case module of their own.
TEXT: dict[str, dict[str, dict[int, str]]] = {
    "phases": {
        "honduras_certec": {
            1: "The project team brokers every network",
            2: "CERTEC trains new brokers",
        },
    },
}


def phase_names(name: str) -> dict:
    """The short names the case module gives its network's phases (empty when it has none).

    >>> phase_names("emasim")[4]
    'A jointly owned enterprise'
    >>> phase_names("honduras_certec")[2]
    'CERTEC trains new brokers'
    """
    if name in TEXT["phases"]:
        return dict(TEXT["phases"][name])
    try:
        module = importlib.import_module(f"jlp.cases.{name.split('_')[0]}")
    except ImportError:
        return {}
    text = getattr(module, "TEXT", {})
    if "phases" in text:
        return {p: entry[1] for p, entry in text["phases"].items()}
    levels = getattr(module, "LEVELS", ())
    return {
        p: text["levels"][level][0]
        for p, level in zip(getattr(module, "PHASES", ()), levels, strict=False)
        if level in text.get("levels", {})
    }


__all__ = ["BOX_HEADINGS", "figure_table", "network", "phase_names"]
