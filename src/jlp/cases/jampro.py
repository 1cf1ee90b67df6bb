"""JAMPRO (Jamaica, Box 5 and the Jamaica section): the case's tables, shaped for its notebook.

In Jamaica the project worked through JAMPRO's Productivity Centre, which co-ordinates the
training institutions and the specialised service centres the project created or upgraded;
Box 5 shows the fashion branch (the JAMPRO Design Centre and the Apparel Technical Centres
of Kingston and Montego Bay) (Ceglie & Dini, 1999). This module loads the case's tables and
nothing more; the computation lives in :mod:`jlp.graphs`, :mod:`jlp.net` and
:mod:`jlp.fees` (a service centre's fee structure: :mod:`jlp.fees.centre`):

- :func:`network`: the institutional support network, from ``jampro_nodes`` /
  ``jampro_edges`` (the actors and ties the paper names are ``reported``; the firms, the
  markets and the fine structure are ``illustrative``);
- :func:`projects`: the project's reported dates and budget;
- :func:`moments`, :func:`reference_assessments`, :func:`reference`, :func:`reasoning`: the
  course's reference NET scoring of an illustrative Kingston garment network at two moments
  (``jampro_net_reference``, every row ``illustrative``);
- :func:`compare`: a trainee's scoring, cell by cell, against the reference.

>>> g = network()
>>> g.nodes[HUB]["label"], g.nodes["atc_kingston"]["reference"]
('Productivity Centre', 'Box 5')
>>> reference(MOMENTS[1])["rating"].eq("achieved").sum()
np.int64(23)
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from jlp.datasets import load
from jlp.errors import JlpInputError
from jlp.graphs import graph_from_frames
from jlp.net import assessment_keys, indicator_labels, select, stage_labels, validate
from jlp.net.compare import compare as net_compare
from jlp.net.rubric import INDICATORS, STAGES

#: The hub of the support network: JAMPRO's Productivity Centre.
HUB = "productivity_centre"

#: The name the reference scoring carries in its ``network`` column.
REFERENCE_NETWORK = "Kingston garment network"

#: The two moments of the NET exercise (illustrative dates: the paper describes no network).
MOMENTS: tuple[str, ...] = ("1997-10-01", "1999-02-01")

#: The projects table's rows for Jamaica: the project and its second phase.
PROJECT_IDS: tuple[str, ...] = ("jm_project", "jm_phase2")

#: User-facing strings (a Spanish edition replaces this dict only).
TEXT: dict = {
    "project_columns": ("Project or phase", "From", "Years", "Budget", "Funded by", "Source"),
    "phase": "{project}, phase {phase}",
    "budget": {"about": "about US$ {v}", "exact": "US$ {v}"},
    "budget_scope": {"both_phases": " (both phases together)"},
    "missing": "—",
    "moments": {
        "1997-10-01": ("After the centre's course (our date)",
                       "Four firms met on the Kingston centre's course in pattern grading; they "
                       "meet monthly and name shared problems; no workplan, no money yet."),
        "1999-02-01": ("After the first joint actions (our date)",
                       "A signed agreement, a common fund, a workplan; three joint fabric "
                       "purchases, a joint stand at a fair, one order from abroad; no fee to "
                       "the centre, which charges none."),
    },
    "moment_columns": ("Date", "Moment", "What the story says by then (illustrative)"),
    "ratings": {"achieved": "achieved", "partial": "partial", "not_achieved": "not achieved",
                "": "not judged"},
    "reasoning_columns": ("Indicator", "Stage", "Rating", "Why"),
    "compare_columns": ("Indicator", "Stage", "Yours", "Reference", "Gap (points)",
                        "Reference reasoning"),
}



# --------------------------------------------------------------------------- the network


def network() -> nx.MultiDiGraph:
    """The support network as a :mod:`jlp.graphs` multigraph (32 actors, 60 ties).

    Nodes and ties carry ``provenance``, ``reference`` (the box or section, for reported
    rows) and a ``note``; nodes carry the brokerage ``group`` (``jampro``,
    ``training_education``, ``service_centres``, ``firms``, ``markets``).

    >>> g = network()
    >>> g.number_of_nodes(), g.number_of_edges()
    (32, 60)
    """
    return graph_from_frames(load("jampro_nodes"), load("jampro_edges"),
                             nodes_file="jampro_nodes.csv", edges_file="jampro_edges.csv")


def projects() -> pd.DataFrame:
    """The project and its second phase as the paper reports them: dates, length, budget.

    >>> projects()["Budget"].tolist()
    ['about US$ 1,500,000 (both phases together)', '—']
    """
    table = load("projects").set_index("id").loc[list(PROJECT_IDS)]
    missing = TEXT["missing"]
    rows = []
    for _, row in table.iterrows():
        name = (TEXT["phase"].format(project=row["project"], phase=int(row["phase"]))
                if pd.notna(row["phase"]) else row["project"])
        budget = missing
        if pd.notna(row["budget_usd"]):
            budget = TEXT["budget"].get(str(row["budget_qualifier"]), "US$ {v}").format(
                v=f"{row['budget_usd']:,.0f}")
            budget += TEXT["budget_scope"].get(str(row["budget_scope"]), "")
        rows.append((name, str(row["start_year"]),
                     str(row["duration_years"]) if pd.notna(row["duration_years"]) else missing,
                     budget, row["funder"], row["source"]))
    return pd.DataFrame(rows, columns=list(TEXT["project_columns"]))


# --------------------------------------------------------------------------- NET reference


def moments() -> pd.DataFrame:
    """The two moments of the NET exercise and what the (illustrative) story says by each.

    >>> moments()["Date"].tolist() == list(MOMENTS)
    True
    """
    return pd.DataFrame([(d, *TEXT["moments"][d]) for d in MOMENTS],
                        columns=list(TEXT["moment_columns"]))


def reference_assessments() -> pd.DataFrame:
    """The reference NET scoring at both moments (84 rows, every one illustrative).

    Every cell is judged; the ``note`` of each cell judged other than *not achieved* gives
    the evidence behind it.

    >>> len(reference_assessments())
    84
    """
    table = validate(load("jampro_net_reference"), file="jampro_net_reference.csv")
    return table.reset_index(drop=True)


def _check_moment(date: object) -> str:
    if str(date) not in MOMENTS:
        raise JlpInputError(
            f"the reference scores the {REFERENCE_NETWORK} at {', '.join(MOMENTS)}, "
            f"not at '{date}'", column="date", fix="choose one of " + ", ".join(MOMENTS))
    return str(date)


def reference(date: str) -> pd.DataFrame:
    """The reference scoring at one moment (42 rows).

    >>> reference("1997-10-01")["rating"].eq("achieved").sum()
    np.int64(6)
    >>> reference("1998-01-01")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'date': the reference scores the Kingston garment ...
    """
    return select(reference_assessments(), REFERENCE_NETWORK, _check_moment(date))


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of the matrix read stage by stage."""
    return (rows.assign(_s=rows["stage"].map(STAGES.index),
                        _i=rows["indicator"].map(INDICATORS.index))
            .sort_values(["_s", "_i"]).drop(columns=["_s", "_i"]))


def reasoning(date: str, *, changed_only: bool = False, judged_only: bool = False
              ) -> pd.DataFrame:
    """The reference at one moment as a readable table: indicator, stage, rating, why.

    ``changed_only`` keeps the cells whose rating differs from the moment before (at the
    first moment: every cell); ``judged_only`` drops the cells *not achieved*.

    >>> len(reasoning(MOMENTS[0], judged_only=True)), len(reasoning(MOMENTS[1], changed_only=True))
    (10, 24)
    """
    date = _check_moment(date)
    rows = reference(date)
    position = MOMENTS.index(date)
    if changed_only and position > 0:
        before = reference(MOMENTS[position - 1])[["indicator", "stage", "rating"]]
        rows = rows.merge(before.rename(columns={"rating": "_before"}),
                          on=["indicator", "stage"], how="left")
        rows = rows[rows["rating"] != rows["_before"]]
    if judged_only:
        rows = rows[rows["rating"] != "not_achieved"]
    rows = _ordered(rows)
    ilabels, slabels = indicator_labels(), stage_labels()
    columns = TEXT["reasoning_columns"]
    return pd.DataFrame({
        columns[0]: rows["indicator"].map(ilabels).to_numpy(),
        columns[1]: rows["stage"].map(slabels).to_numpy(),
        columns[2]: rows["rating"].map(TEXT["ratings"]).to_numpy(),
        columns[3]: rows["note"].fillna("").to_numpy(),
    })


def compare(mine: pd.DataFrame, *, only_differences: bool = True,
            with_reasoning: bool = True) -> pd.DataFrame:
    """A trainee's scoring of one moment set against the reference, cell by cell.

    ``mine`` is one assessment (one network and one date among :data:`MOMENTS`), as
    ``NetScorer.assessment()`` returns it or as read from a file. ``Gap (points)`` is your
    points minus the reference's, with the course's default points (achieved 2, partial 1,
    not achieved and not judged 0). With ``only_differences`` (the default) only the cells
    where the two ratings differ are listed, stage by stage; ``with_reasoning`` adds the
    reference's reason for each.

    >>> same = reference("1999-02-01").assign(network="Mine")
    >>> len(compare(same)), compare(same, only_differences=False).shape
    (0, (42, 6))
    >>> compare(reference_assessments())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: compare one assessment at a time; this table holds 2 ...
    """
    mine = validate(mine)
    keys = assessment_keys(mine)
    if len(keys) != 1:
        raise JlpInputError(f"compare one assessment at a time; this table holds {len(keys)}",
                            fix="pick one network and date first (jlp.net.select)")
    ref = reference(_check_moment(keys.loc[0, "date"]))
    return net_compare(
        mine, ref, only_differences=only_differences, with_reasoning=with_reasoning
    )


__all__ = [
    "HUB",
    "MOMENTS",
    "PROJECT_IDS",
    "REFERENCE_NETWORK",
    "TEXT",
    "compare",
    "moments",
    "network",
    "projects",
    "reasoning",
    "reference",
    "reference_assessments",
]
