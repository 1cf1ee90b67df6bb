"""EcoHamaca (Nicaragua, Box 3): the case's tables, shaped for its notebook.

Eleven hammock producers of Masaya who competed at home became one exporter (Ceglie & Dini,
1999, Box 3). This module loads the case's bundled tables and nothing more:

- :func:`network`: the network over four phases, from ``ecohamaca_nodes`` /
  ``ecohamaca_edges`` (actors and ties the box names are ``reported``; the fine structure is
  ``illustrative``, and so is the phase of every step the box does not date);
- :func:`phase_table`: what each phase holds;
- :func:`reported_figures`: the figures Box 3 reports, with their hedges ("more than", "up to");
- :func:`reference_assessments`, :func:`reference`, :func:`reasoning`: the course's reference
  NET scoring at three moments (``ecohamaca_net_reference``, ``illustrative``);
- :func:`compare`: a trainee's scoring cell by cell against the reference, with its reasoning.

Measures, drawings and scores come from :mod:`jlp.graphs`, :mod:`jlp.viz` and :mod:`jlp.net`.

>>> g = network()
>>> sum(kind == "firm" and group == "members" for _, kind, group in
...     ((n, d["kind"], d["group"]) for n, d in g.nodes(data=True)))
11
>>> reference("1997-08-31")["rating"].eq("achieved").sum() > 0
np.True_
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd

from jlp.datasets import data_dir, load
from jlp.errors import JlpInputError
from jlp.graphs import read_graph
from jlp.net import assessment_keys, indicator_labels, select, stage_labels, validate
from jlp.net.compare import compare as net_compare
from jlp.net.rubric import INDICATORS, STAGES

#: The name the reference scoring carries in its ``network`` column.
REFERENCE_NETWORK = "EcoHamaca (reference)"

#: The three moments of the NET exercise (ISO dates, in order).
MOMENTS: tuple[str, ...] = ("1997-03-31", "1997-08-31", "1999-01-31")

#: The network's phases, in order (the ``phase`` column of the node and edge tables).
PHASES: tuple[int, ...] = (1, 2, 3, 4)

#: User-facing strings (a Spanish edition replaces this dict only).
TEXT: dict = {
    "phases": {
        1: ("Before 1997", "Eleven competitors",
            "Each workshop sells on the local market of Masaya, against the others; a few "
            "producers talk shop (illustrative)."),
        2: ("Early 1997 to August 1997", "The group forms",
            "UNIDO experts visit the producers; they apply for support (March) and found the "
            "association EcoHamaca, signed by all 11 (legal status, August)."),
        3: ("Late 1997 (our dating)", "First joint steps",
            "Uniform sizes, quality and prices; new wood for the poles; training in dyeing; "
            "the trade fair in Spain (November 1997)."),
        4: ("By early 1999 (our dating)", "One exporter",
            "Exports to Sweden, Finland, the USA and Peru; new cotton suppliers; a Chilean firm "
            "proposes South America; a general director hired."),
    },
    "phase_columns": ("Phase", "When", "Name", "What the network gained"),
    "moments": {
        "1997-03-31": ("Application (March 1997)",
                       "After repeated visits by UNIDO experts, the producers apply for the "
                       "project's support."),
        "1997-08-31": ("Legal status (August 1997)",
                       "All 11 members sign the association's constitution; sizes, quality and "
                       "prices are being made uniform."),
        "1999-01-31": ("Early 1999 (our date for the paper's 'to date')",
                       "Eight exports, over 3,000 hammocks a month, dyeing cost down by up to "
                       "40 %, a trade fair, new suppliers, a hired general director."),
    },
    "moment_columns": ("Date", "Moment", "What the box reports by then"),
    "figure_columns": ("Figure", "Value", "Source", "Note"),
    "hedges": {"about": "about {v}", "more_than": "more than {v}", "up_to": "up to {v}",
               "exact": "{v}", "between": "{v} to {h}"},
    "units": {"count": "{v}", "percent": "{v} %", "km": "{v} km", "year": "{v}"},
    "months": ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"),
    "ratings": {"achieved": "achieved", "partial": "partial", "not_achieved": "not achieved",
                "": "not judged"},
    "reasoning_columns": ("Indicator", "Stage", "Rating", "Why"),
    "compare_columns": ("Indicator", "Stage", "Yours", "Reference", "Gap (points)",
                        "Reference reasoning"),
}



# --------------------------------------------------------------------------- the network


def network() -> nx.MultiDiGraph:
    """The EcoHamaca network with its four phases (a :mod:`jlp.graphs` multigraph).

    Nodes and ties carry ``provenance`` (``reported`` / ``illustrative``), ``reference``
    (the box or section) and ``phase_provenance`` (whether the box dates the step).

    >>> network().graph["phases"]
    (1, 2, 3, 4)
    """
    return read_graph(data_dir() / "ecohamaca_nodes.csv", data_dir() / "ecohamaca_edges.csv")


def phase_table() -> pd.DataFrame:
    """One row per phase: when, a short name, and what the network gained in it.

    >>> phase_table()["Name"].tolist()[-1]
    'One exporter'
    """
    columns = TEXT["phase_columns"]
    return pd.DataFrame([(p, *TEXT["phases"][p]) for p in PHASES], columns=list(columns))


# --------------------------------------------------------------------------- reported figures


def _month(period: str) -> str:
    year, month = period.split("-")
    return f"{TEXT['months'][int(month) - 1]} {year}"


def _value(row: pd.Series) -> str:
    if row["unit"] == "year" and isinstance(row["period"], str) and row["period"]:
        return _month(row["period"])
    number = f"{int(row['value']):,}"
    high = f"{int(row['value_high']):,}" if pd.notna(row["value_high"]) else ""
    shown = TEXT["units"].get(row["unit"], "{v} " + str(row["unit"])).format(v=number)
    hedge = TEXT["hedges"].get(row["qualifier"], "{v}")
    return hedge.format(v=shown, h=high)


def reported_figures() -> pd.DataFrame:
    """The figures the paper reports in Box 3, as they read: hedges and months kept.

    >>> reported_figures().set_index("Figure").loc["Hammocks exported per month on average",
    ...                                           "Value"]
    'more than 3,000'
    """
    figures = load("reported_figures")
    rows = figures[figures["source"] == "Box 3"].fillna({"note": "", "period": ""})
    columns = TEXT["figure_columns"]
    return pd.DataFrame({
        columns[0]: rows["metric_label"].to_numpy(),
        columns[1]: [_value(row) for _, row in rows.iterrows()],
        columns[2]: rows["source"].to_numpy(),
        columns[3]: rows["note"].to_numpy(),
    })


# --------------------------------------------------------------------------- NET reference


def moments() -> pd.DataFrame:
    """The three moments of the NET exercise and what the box reports by each.

    >>> moments()["Date"].tolist() == list(MOMENTS)
    True
    """
    columns = TEXT["moment_columns"]
    return pd.DataFrame([(d, *TEXT["moments"][d]) for d in MOMENTS], columns=list(columns))


def reference_assessments() -> pd.DataFrame:
    """The reference NET scoring at the three moments (126 rows, every one illustrative).

    The ``note`` of each row gives the reasoning; a cell left empty is *not judged* because
    the evidence it asks for is not in the paper.

    >>> sorted(set(reference_assessments()["date"])) == list(MOMENTS)
    True
    """
    table = validate(load("ecohamaca_net_reference"), file="ecohamaca_net_reference.csv")
    return table.reset_index(drop=True)


def _check_moment(date: str) -> str:
    if str(date) not in MOMENTS:
        raise JlpInputError(
            f"the reference scores EcoHamaca at {', '.join(MOMENTS)}, not at '{date}'",
            column="date", fix="choose one of " + ", ".join(MOMENTS),
        )
    return str(date)


def reference(date: str) -> pd.DataFrame:
    """The reference scoring at one moment (42 rows).

    >>> len(reference("1999-01-31"))
    42
    """
    return select(reference_assessments(), REFERENCE_NETWORK, _check_moment(date))


def reasoning(date: str, *, stages: Iterable[str] | None = None,
              judged_only: bool = False) -> pd.DataFrame:
    """The reference at one moment as a readable table: indicator, stage, rating, why.

    Rows run stage by stage, in the order of the matrix; ``stages`` keeps only those
    stages, ``judged_only`` drops the cells not judged.

    >>> table = reasoning("1997-03-31", stages=["decision"], judged_only=True)
    >>> table["Stage"].unique().tolist(), table["Rating"].eq("not judged").any()
    (['Decision'], np.False_)
    """
    rows = reference(date)
    if stages is not None:
        chosen = list(stages)
        unknown = [s for s in chosen if s not in STAGES]
        if unknown:
            raise JlpInputError(f"'{unknown[0]}' is not a NET stage", column="stage",
                                fix="choose among " + ", ".join(STAGES))
        rows = rows[rows["stage"].isin(chosen)]
    if judged_only:
        rows = rows[rows["rating"] != ""]
    rows = rows.assign(_s=rows["stage"].map(STAGES.index),
                       _i=rows["indicator"].map(INDICATORS.index)).sort_values(["_s", "_i"])
    ilabels, slabels = indicator_labels(), stage_labels()
    columns = TEXT["reasoning_columns"]
    return pd.DataFrame({
        columns[0]: rows["indicator"].map(ilabels).to_numpy(),
        columns[1]: rows["stage"].map(slabels).to_numpy(),
        columns[2]: rows["rating"].map(TEXT["ratings"]).to_numpy(),
        columns[3]: rows["note"].to_numpy(),
    })


def compare(mine: pd.DataFrame, *, only_differences: bool = True) -> pd.DataFrame:
    """A trainee's scoring of one moment set against the reference, cell by cell.

    ``mine`` is one assessment (one network and one date among :data:`MOMENTS`), as
    ``NetScorer.assessment()`` returns it or as read from a file. ``Gap (points)`` is your
    points minus the reference's, with the course's default points (achieved 2, partial 1,
    not achieved and not judged 0). With ``only_differences`` (the default) only the cells
    where the two ratings differ are listed, in the order of the matrix.

    >>> same = reference("1997-08-31").assign(network="Mine")
    >>> len(compare(same))
    0
    >>> compare(same, only_differences=False).shape
    (42, 6)
    """
    mine = validate(mine)
    keys = assessment_keys(mine)
    if len(keys) != 1:
        raise JlpInputError(
            f"compare one assessment at a time; this table holds {len(keys)}",
            fix="pick one network and date first (jlp.net.select)",
        )
    date = _check_moment(str(keys.loc[0, "date"]))
    return net_compare(mine, reference(date), only_differences=only_differences)


__all__ = [
    "MOMENTS",
    "PHASES",
    "REFERENCE_NETWORK",
    "TEXT",
    "compare",
    "moments",
    "network",
    "phase_table",
    "reasoning",
    "reference",
    "reference_assessments",
    "reported_figures",
]
