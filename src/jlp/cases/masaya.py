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
- :func:`reference_assessments`, :func:`reference`, :func:`reasoning`: the course's reference
  NET scoring of the sector's purchase-centre group at two moments
  (``masaya_net_reference``, ``illustrative``);
- :func:`compare`: a trainee's scoring, cell by cell, against the reference.

>>> g = network()
>>> g.graph["phases"], g.nodes["purchase_centre"]["level"]
((1, 2, 3, 4, 5), 'sector')
>>> reference("1999-03-01")["rating"].eq("").sum()
np.int64(4)
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from jlp.datasets import data_dir, load
from jlp.errors import JlpInputError
from jlp.graphs import metrics_by_phase, read_graph, snapshot
from jlp.net import assessment_keys, indicator_labels, select, stage_labels, validate
from jlp.net.compare import compare as net_compare
from jlp.net.rubric import INDICATORS, STAGES

#: The phases of the widening and the level each one stands for.
PHASES: tuple[int, ...] = (1, 2, 3, 4, 5)
LEVELS: tuple[str, ...] = ("network", "sector", "cluster", "beyond", "nation")

#: The name the reference scoring carries in its ``network`` column.
REFERENCE_NETWORK = "Masaya hammock sector"

#: The two moments of the NET exercise (illustrative ISO dates: Box 4 dates neither).
MOMENTS: tuple[str, ...] = ("1998-06-01", "1999-03-01")

#: User-facing strings (a Spanish edition replaces this dict only).
TEXT: dict = {
    "country": "Nicaragua",
    "levels": {
        "network": ("Network", "Each hammock network acts on its own: standards, joint "
                    "export (EcoHamaca, Box 3)."),
        "sector": ("Sector", "A purchase centre buys cotton yarn for the whole hammock sector, "
                   "networks and other producers alike."),
        "cluster": ("Cluster", "New products with the wood and furniture sector; export "
                    "promotion and the \"made in Masaya\" brand for all handicrafts."),
        "beyond": ("Beyond the cluster", "The export campaign, quality upgrading and furniture "
                   "actions reach San Juan de Oriente, León and Masatepe."),
        "nation": ("Nation", "Measures easing export transactions reach every Nicaraguan "
                   "firm."),
    },
    "level_columns": ("Phase", "Level", "Joint action (Box 4)", "Who joins"),
    "moments": {
        "1998-06-01": ("The yarn study",
                       "The brokers find that yarn drives the price of hammocks and that only "
                       "the whole sector buys enough for the best price (Box 4, first "
                       "paragraph)."),
        "1999-03-01": ("The purchase centre and the cluster",
                       "The centre offers yarn to many producers; new products with the wood "
                       "and furniture sector and the brand are under way (Box 4 as the paper "
                       "describes it)."),
    },
    "moment_columns": ("Date", "Moment", "What the box describes by then"),
    "ratings": {"achieved": "achieved", "partial": "partial", "not_achieved": "not achieved",
                "": "not judged"},
    "reasoning_columns": ("Indicator", "Stage", "Rating", "Why"),
    "compare_columns": ("Indicator", "Stage", "Yours", "Reference", "Gap (points)", "Why"),
}



# --------------------------------------------------------------------------- the widening


def network() -> nx.MultiDiGraph:
    """The actors of Box 4 and their ties, in five phases (a :mod:`jlp.graphs` multigraph).

    Each node carries ``phase`` (1–5) and ``level`` (:data:`LEVELS`), ``provenance`` and
    ``reference`` (the box or section that names it).

    >>> sorted({d["level"] for _, d in network().nodes(data=True)}) == sorted(LEVELS)
    True
    """
    folder = data_dir()
    return read_graph(folder / "masaya_cluster_nodes.csv", folder / "masaya_cluster_edges.csv")


def levels(graph: nx.MultiDiGraph | None = None) -> pd.DataFrame:
    """One row per phase: its level, the joint action of Box 4 at that scale, who joins.

    >>> levels()["Level"].tolist()
    ['Network', 'Sector', 'Cluster', 'Beyond the cluster', 'Nation']
    """
    graph = network() if graph is None else graph
    rows = []
    for phase, level in zip(PHASES, LEVELS, strict=True):
        joining = [str(d.get("label", n)) for n, d in graph.nodes(data=True)
                   if d.get("phase") == phase]
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
        raise JlpInputError(f"'{metric}' is not a measure of the actors", column="metric",
                            fix="choose betweenness, degree, constraint or effective_size")
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


def moments() -> pd.DataFrame:
    """The two moments of the NET exercise and what Box 4 describes by each.

    >>> moments()["Date"].tolist() == list(MOMENTS)
    True
    """
    return pd.DataFrame([(d, *TEXT["moments"][d]) for d in MOMENTS],
                        columns=list(TEXT["moment_columns"]))


def reference_assessments() -> pd.DataFrame:
    """The reference NET scoring at both moments (84 rows, every one illustrative).

    The ``note`` of each row gives the reasoning; a cell left empty is *not judged*, because
    the box does not tell.

    >>> len(reference_assessments())
    84
    """
    table = validate(load("masaya_net_reference"), file="masaya_net_reference.csv")
    return table.reset_index(drop=True)


def _check_moment(date: str) -> str:
    if str(date) not in MOMENTS:
        raise JlpInputError(
            f"the reference scores the Masaya hammock sector at {', '.join(MOMENTS)}, "
            f"not at '{date}'", column="date", fix="choose one of " + ", ".join(MOMENTS))
    return str(date)


def reference(date: str) -> pd.DataFrame:
    """The reference scoring at one moment (42 rows).

    >>> reference("1998-06-01")["rating"].eq("achieved").sum()
    np.int64(3)
    """
    return select(reference_assessments(), REFERENCE_NETWORK, _check_moment(date))


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of the matrix read stage by stage."""
    return rows.assign(_s=rows["stage"].map(STAGES.index),
                       _i=rows["indicator"].map(INDICATORS.index)).sort_values(["_s", "_i"])


def reasoning(date: str, *, judged_only: bool = False) -> pd.DataFrame:
    """The reference at one moment as a readable table: indicator, stage, rating, why.

    >>> reasoning("1999-03-01", judged_only=True).shape
    (38, 4)
    """
    rows = reference(date)
    if judged_only:
        rows = rows[rows["rating"] != ""]
    rows = _ordered(rows)
    ilabels, slabels = indicator_labels(), stage_labels()
    columns = TEXT["reasoning_columns"]
    return pd.DataFrame({
        columns[0]: rows["indicator"].map(ilabels).to_numpy(),
        columns[1]: rows["stage"].map(slabels).to_numpy(),
        columns[2]: rows["rating"].map(TEXT["ratings"]).to_numpy(),
        columns[3]: rows["note"].to_numpy(),
    })


def compare(mine: pd.DataFrame, *, only_differences: bool = True,
            with_reasoning: bool = False) -> pd.DataFrame:
    """A trainee's scoring of one moment set against the reference, cell by cell.

    ``mine`` is one assessment (one network, one date among :data:`MOMENTS`), as
    ``NetScorer.assessment()`` returns it or as read from a file. ``Gap (points)`` is your
    points minus the reference's (achieved 2, partial 1, not achieved and not judged 0).
    With ``only_differences`` (the default) only the cells where the ratings differ are
    listed, in the order of the matrix; ``with_reasoning`` adds the reference's reasons
    (the exercise's solution: leave it off until you have scored).

    >>> same = reference("1998-06-01").assign(network="Mine")
    >>> len(compare(same)), compare(same, only_differences=False).shape
    (0, (42, 5))
    >>> compare(reference_assessments())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: compare one assessment at a time; this table holds 2 ...
    >>> compare(same.assign(date="1998-07-01"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'date': the reference scores the Masaya hammock sector at ...
    """
    mine = validate(mine)
    keys = assessment_keys(mine)
    if len(keys) != 1:
        raise JlpInputError(f"compare one assessment at a time; this table holds {len(keys)}",
                            fix="pick one network and date first (jlp.net.select)")
    ref = reference(str(keys.loc[0, "date"]))
    return net_compare(
        mine, ref, only_differences=only_differences, with_reasoning=with_reasoning
    )


__all__ = [
    "LEVELS",
    "MOMENTS",
    "PHASES",
    "REFERENCE_NETWORK",
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
