"""Inter-firm graphs: build, check, measure and follow a network over its phases.

From two tables (nodes and edges, DESIGN.md, Data contracts) to a :class:`networkx.MultiDiGraph`
(:func:`read_graph`), its measures per node (:func:`node_metrics`: degree, betweenness,
Burt's constraint and effective size, Gould–Fernandez brokerage roles) and per graph
(:func:`graph_summary`), its phases (:func:`snapshot`, :func:`metrics_by_phase`) and what
happens when one actor leaves (:func:`without`). Drawing lives in :mod:`jlp.viz`.

>>> from jlp import graphs
>>> g = graphs.read_graph(
...     graphs.template_path("example_nodes.csv"), graphs.template_path("example_edges.csv")
... )
>>> table = graphs.node_metrics(g)
>>> list(table.columns[:4])
['id', 'label', 'kind', 'degree']
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jlp.errors import JlpInputError
from jlp.i18n import Messages

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "no_template": "no template named '{name}'",
        "template_fix": "use one of {names}",
    }
)

# What each name is imported from. Names load on first use (PEP 562), so that a command
# that only measures a network never loads pandas or the drawing code.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("ROLES", "brokerage_roles", "node_groups", "role_counts"), "brokerage"),
    **dict.fromkeys(
        (
            "build_graph",
            "directed_view",
            "graph_from_frames",
            "read_graph",
            "simple_view",
            "tie_types",
            "with_ties",
        ),
        "build",
    ),
    "betweenness": "centrality",
    **dict.fromkeys(
        (
            "FIRM_KINDS",
            "INSTITUTION_KINDS",
            "ISOLATE_NOTE",
            "METRIC_COLUMNS",
            "graph_summary",
            "metric_columns",
            "node_metrics",
            "structural_holes",
        ),
        "metrics",
    ),
    **dict.fromkeys(
        (
            "metrics_by_phase",
            "phase_name",
            "phases",
            "resolve_phase",
            "select",
            "snapshot",
            "summary_by_phase",
        ),
        "phases",
    ),
    **dict.fromkeys(("Departure", "departures", "without"), "resilience"),
    "illustrative_programme": "synthetic",
    **dict.fromkeys(
        (
            "KNOWN_KINDS",
            "KNOWN_TIES",
            "STAGES",
            "GraphDataWarning",
            "Tables",
            "check_tables",
            "read_table",
            "read_tables",
        ),
        "tables",
    ),
}

if TYPE_CHECKING:
    from jlp.graphs.brokerage import ROLES, brokerage_roles, node_groups, role_counts
    from jlp.graphs.build import (
        build_graph,
        directed_view,
        graph_from_frames,
        read_graph,
        simple_view,
        tie_types,
        with_ties,
    )
    from jlp.graphs.centrality import betweenness
    from jlp.graphs.metrics import (
        FIRM_KINDS,
        INSTITUTION_KINDS,
        ISOLATE_NOTE,
        METRIC_COLUMNS,
        graph_summary,
        metric_columns,
        node_metrics,
        structural_holes,
    )
    from jlp.graphs.phases import (
        metrics_by_phase,
        phase_name,
        phases,
        resolve_phase,
        select,
        snapshot,
        summary_by_phase,
    )
    from jlp.graphs.resilience import Departure, departures, without
    from jlp.graphs.synthetic import illustrative_programme
    from jlp.graphs.tables import (
        KNOWN_KINDS,
        KNOWN_TIES,
        STAGES,
        GraphDataWarning,
        Tables,
        check_tables,
        read_table,
        read_tables,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'jlp.graphs' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"jlp.graphs.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


# The function `phases` shares its name with its module: bound now, so that importing the
# module later (which sets the package's attribute to the module) cannot hide it.
from jlp.graphs.phases import phases  # noqa: E402

#: The template files shipped in ``datasets/templates/``.
TEMPLATES: tuple[str, ...] = ("nodes.csv", "edges.csv", "example_nodes.csv", "example_edges.csv")


def template_path(name: str) -> Path:
    """Path of a network template: an empty ``nodes.csv`` / ``edges.csv`` pair to fill in,
    and a filled, illustrative ``example_nodes.csv`` / ``example_edges.csv``.

    >>> template_path("nodes.csv").name
    'nodes.csv'
    """
    if name not in TEMPLATES:
        raise JlpInputError(
            TEXT["no_template"].format(name=name),
            fix=TEXT["template_fix"].format(names=", ".join(TEMPLATES)),
        )
    from jlp.datasets import data_dir

    return data_dir() / "templates" / name


def templates_folder() -> Path:
    """The folder of the network templates, as a trainee would look for it: relative to the
    working folder when it is near (``../datasets/templates`` from the course's notebooks),
    else the full path. A course page thus never shows the folders of the machine it was
    built on.

    >>> templates_folder().name
    'templates'
    """
    folder = template_path("nodes.csv").parent
    try:
        near = Path(os.path.relpath(folder))
    except ValueError:  # another drive (Windows)
        return folder
    return near if near.parts.count("..") <= 2 else folder


__all__ = [
    "FIRM_KINDS",
    "INSTITUTION_KINDS",
    "ISOLATE_NOTE",
    "KNOWN_KINDS",
    "KNOWN_TIES",
    "METRIC_COLUMNS",
    "ROLES",
    "STAGES",
    "TEMPLATES",
    "Departure",
    "GraphDataWarning",
    "JlpInputError",
    "Tables",
    "betweenness",
    "brokerage_roles",
    "build_graph",
    "check_tables",
    "departures",
    "directed_view",
    "graph_from_frames",
    "graph_summary",
    "illustrative_programme",
    "metric_columns",
    "metrics_by_phase",
    "node_groups",
    "node_metrics",
    "phase_name",
    "phases",
    "read_graph",
    "read_table",
    "read_tables",
    "resolve_phase",
    "role_counts",
    "select",
    "simple_view",
    "snapshot",
    "structural_holes",
    "summary_by_phase",
    "template_path",
    "templates_folder",
    "tie_types",
    "with_ties",
    "without",
]
