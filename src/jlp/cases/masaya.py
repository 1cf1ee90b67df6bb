"""Masaya (Nicaragua, Box 4): the case's tables, shaped for its notebook.

In Masaya the joint actions widened from hammock networks to the whole hammock sector (a
yarn purchase centre), to the cluster (new products with the wood and furniture sector, the
"made in Masaya" brand), beyond it (San Juan de Oriente, León, Masatepe) and to the nation
(measures easing export for every Nicaraguan firm) (Ceglie & Dini, 1999, Box 4). The pooled
purchase itself is modelled in :mod:`jlp.scale`; this module loads the case's other tables
and nothing more:

- :func:`network`: the widening as a graph in five phases, from ``masaya_cluster_nodes`` /
  ``masaya_cluster_edges`` (actors the paper names are ``reported``; the other hammock
  networks and the fine structure are ``illustrative``);
- :func:`levels`: what each phase (level) adds; :func:`hubs`: who holds each level together;
- :func:`projects`: the Nicaragua project's reported facts;
- :data:`SCORING`: the course's reference NET scoring of the sector's purchase-centre group
  at two moments (``masaya_net_reference``, ``illustrative``), also as :func:`moments`,
  :func:`reference_assessments`, :func:`reference`, :func:`reasoning` and :func:`compare`
  (a trainee's scoring, cell by cell, against the reference).

>>> g = network()
>>> g.graph["phases"], g.nodes["purchase_centre"]["level"]
((1, 2, 3, 4, 5), 'sector')
>>> reference("1999-03-01")["rating"].eq("").sum()
np.int64(4)
>>> len(reasoning("1999-03-01", judged_only=True))
38
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from jlp.cases import network as case_network
from jlp.errors import JlpInputError
from jlp.graphs import metrics_by_phase, snapshot
from jlp.i18n import Messages
from jlp.net.reference import ReferenceScoring

#: The phases of the widening and the level each one stands for.
PHASES: tuple[int, ...] = (1, 2, 3, 4, 5)
LEVELS: tuple[str, ...] = ("network", "sector", "cluster", "beyond", "nation")

#: The name the reference scoring carries in its ``network`` column.
REFERENCE_NETWORK = "Masaya hammock sector"

#: The two moments of the NET exercise (illustrative ISO dates: Box 4 dates neither).
MOMENTS: tuple[str, ...] = ("1998-06-01", "1999-03-01")

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "country": "Nicaragua",
        "levels": {
            "network": (
                "Network",
                "Each hammock network acts on its own: standards, joint export (EcoHamaca, Box 3).",
            ),
            "sector": (
                "Sector",
                "A purchase centre buys cotton yarn for the whole hammock sector, "
                "networks and other producers alike.",
            ),
            "cluster": (
                "Cluster",
                "New products with the wood and furniture sector; export "
                'promotion and the "made in Masaya" brand for all handicrafts.',
            ),
            "beyond": (
                "Beyond the cluster",
                "The export campaign, quality upgrading and furniture "
                "actions reach San Juan de Oriente, León and Masatepe.",
            ),
            "nation": (
                "Nation",
                "Measures easing export transactions reach every Nicaraguan firm.",
            ),
        },
        "level_columns": ("Phase", "Level", "Joint action (Box 4)", "Who joins"),
        "moments": {
            "1998-06-01": (
                "The yarn study",
                "The brokers find that yarn drives the price of hammocks and that only "
                "the whole sector buys enough for the best price (Box 4, first "
                "paragraph).",
            ),
            "1999-03-01": (
                "The purchase centre and the cluster",
                "The centre offers yarn to many producers; new products with the wood "
                "and furniture sector and the brand are under way (Box 4 as the paper "
                "describes it).",
            ),
        },
        "moment_columns": ("Date", "Moment", "What the box describes by then"),
        "not_a_measure": "'{metric}' is not a measure of the actors",
        "measure_fix": "choose betweenness, degree, constraint or effective_size",
    }
)


# --------------------------------------------------------------------------- the widening


def network() -> nx.MultiDiGraph:
    """The actors of Box 4 and their ties, in five phases (a :mod:`jlp.graphs` multigraph).

    Each node carries ``phase`` (1–5) and ``level`` (:data:`LEVELS`), ``provenance`` and
    ``reference`` (the box or section that names it).

    >>> sorted({d["level"] for _, d in network().nodes(data=True)}) == sorted(LEVELS)
    True
    """
    return case_network("masaya_cluster")


def levels(graph: nx.MultiDiGraph | None = None) -> pd.DataFrame:
    """One row per phase: its level, the joint action of Box 4 at that scale, who joins.

    >>> levels()["Level"].tolist()
    ['Network', 'Sector', 'Cluster', 'Beyond the cluster', 'Nation']
    """
    graph = network() if graph is None else graph
    rows = []
    for phase, level in zip(PHASES, LEVELS, strict=True):
        joining = [
            str(d.get("label", n)) for n, d in graph.nodes(data=True) if d.get("phase") == phase
        ]
        name, action = TEXT["levels"][level]
        rows.append((phase, name, action, "; ".join(joining)))
    return pd.DataFrame(rows, columns=list(TEXT["level_columns"]))


def hubs(graph: nx.MultiDiGraph | None = None, *, metric: str = "betweenness") -> pd.DataFrame:
    """Each actor's ``metric`` at the end of each phase: one row per actor, one column per
    level (empty before the actor joins), the actors central at some level first.

    ``metric`` is a column of :func:`jlp.graphs.node_metrics` (betweenness, degree,
    constraint, effective_size, or a brokerage role).

    >>> table = hubs()
    >>> list(table.columns), table.index[0]
    (['network', 'sector', 'cluster', 'beyond', 'nation'], 'Project brokers')
    """
    graph = network() if graph is None else graph
    table = metrics_by_phase(graph)
    if metric not in table.columns or metric in ("id", "label", "kind", "phase"):
        raise JlpInputError(
            TEXT["not_a_measure"].format(metric=metric),
            column="metric",
            fix=TEXT["measure_fix"],
        )
    wide = table.pivot(index="label", columns="phase", values=metric)
    wide = wide.reindex(columns=list(PHASES))
    wide.columns = list(LEVELS)
    wide.index.name = None
    order = wide.max(axis=1).sort_values(ascending=False, kind="stable").index
    return wide.loc[order]


def snapshots(graph: nx.MultiDiGraph | None = None) -> dict[str, nx.MultiDiGraph]:
    """The network as it stood at the end of each level, by level name.

    >>> [g.number_of_nodes() for g in snapshots().values()]
    [7, 9, 12, 17, 19]
    """
    graph = network() if graph is None else graph
    return {level: snapshot(graph, phase) for phase, level in zip(PHASES, LEVELS, strict=True)}


# --------------------------------------------------------------------------- reported facts


def projects() -> pd.DataFrame:
    """The Nicaragua project and its two phases as the paper reports them (readable table).

    >>> projects()["Source"].unique().tolist()
    ['Nicaragua section']
    """
    from jlp.programme import LABELS, projects_table

    table = projects_table()
    return table[table[LABELS["country"]] == TEXT["country"]].reset_index(drop=True)


# --------------------------------------------------------------------------- NET reference

#: The reference NET scoring of the sector's purchase-centre group (``masaya_net_reference``).
#: A cell left empty is *not judged*, because the box does not tell.
SCORING = ReferenceScoring(
    "masaya_net_reference",
    network=REFERENCE_NETWORK,
    dates=MOMENTS,
    subject="the Masaya hammock sector",
    text=TEXT,
)

#: The shared reference functions under the names the notebook uses (see
#: :class:`~jlp.net.reference.ReferenceScoring` for what each flag means).
moments, reference_assessments, reference, reasoning, compare = SCORING.case_functions()


__all__ = [
    "LEVELS",
    "MOMENTS",
    "PHASES",
    "REFERENCE_NETWORK",
    "SCORING",
    "TEXT",
    "compare",
    "hubs",
    "levels",
    "moments",
    "network",
    "projects",
    "reasoning",
    "reference",
    "reference_assessments",
    "snapshots",
]
