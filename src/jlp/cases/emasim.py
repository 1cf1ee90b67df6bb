"""EMASIM (Honduras, Box 1): the case's tables, shaped for its notebook.

Eleven small metalworking firms of Tegucigalpa met on a training course and went on to a
common raw-material supply centre, a common loan, a revolving fund, shared tools and orders,
and a jointly owned enterprise (Ceglie & Dini, 1999, Box 1). This module loads the case's
bundled tables and nothing more:

- :func:`network`: the network over four phases, from ``emasim_nodes`` / ``emasim_edges``
  (actors and ties the paper names are ``reported``; who exchanged tools, shared orders or
  complemented whom is ``illustrative``);
- :func:`phase_table`: what each phase holds, with our dating and the fee paid;
- :func:`reported_figures`: the figures the paper reports about EMASIM, hedges kept;
- :func:`moments`, :func:`reference_assessments`, :func:`reference`, :func:`reasoning`:
  the course's reference NET scoring at three moments (``emasim_net_reference``,
  ``illustrative``);
- :func:`compare`: a trainee's scoring of one moment against the reference, cell by cell.

Measures, drawings, scores and fee ramps come from :mod:`jlp.graphs`, :mod:`jlp.viz`,
:mod:`jlp.net` and :mod:`jlp.fees` (the ``emasim`` presets).

>>> g = network()
>>> sum(d["kind"] == "firm" for _, d in g.nodes(data=True))
11
>>> [owner for owner, _ in g.in_edges("equipment_enterprise")][:2]
['taller_a', 'taller_b']
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from jlp.datasets import data_dir, load
from jlp.errors import JlpInputError
from jlp.graphs import read_graph
from jlp.net import assessment_keys, indicator_labels, select, stage_labels, validate
from jlp.net.compare import compare as net_compare

#: The name the reference scoring carries in its ``network`` column.
REFERENCE_NETWORK = "EMASIM"

#: The three moments of the NET exercise (ISO dates, in order; the dates are ours).
MOMENTS: tuple[str, ...] = ("1995-12-01", "1997-01-15", "1998-12-01")

#: The network's phases, in order (the ``phase`` column of the node and edge tables).
PHASES: tuple[int, ...] = (1, 2, 3, 4)

#: The reference's note on a cell that has not changed since the previous moment starts so.
UNCHANGED = "As before."

#: User-facing strings (a Spanish edition replaces this dict only).
TEXT: dict = {
    "phases": {
        1: ("1994 (our dating)", "A training course",
            "The entrepreneurs meet on a course at INFOP and, with a project consultant, "
            "start to analyse their problems together.",
            "0 % (fully subsidised)"),
        2: ("1994–1995 (our dating)", "Raw material first",
            "The most urgent problem is the supply and cost of raw material: a common supply "
            "centre, a common loan from PASI and an internal revolving fund for working "
            "capital.",
            "0 % (fully subsidised)"),
        3: ("1996 (our dating)", "Co-operation in production",
            "The members exchange tools, share large orders (metal construction and "
            "maintenance for supermarkets and banks) and complement their production "
            "processes.",
            "0 % (fully subsidised: the third free year)"),
        4: ("1997–1998 (our dating)", "A jointly owned enterprise",
            "The members invest together in larger equipment, run by a new, separate "
            "enterprise that serves them, to diversify production and reach new market "
            "segments.",
            "20 % in the first contract, more than 40 % in the second year (reported)"),
    },
    "phase_columns": ("Phase", "When", "Name", "What the box reports",
                      "Share of the service cost the network pays"),
    "moments": {
        "1995-12-01": ("After the supply centre",
                       "The supply centre, the PASI loan and the revolving fund are running; "
                       "the consultant's help is still free."),
        "1997-01-15": ("At the first fee contract",
                       "After three fully subsidised years the network signs its first "
                       "contract and pays 20 % of the cost of the services; tools and large "
                       "orders are shared."),
        "1998-12-01": ("After the joint enterprise",
                       "The new enterprise runs the larger equipment; the fee is above 40 % "
                       "of the cost; sales, employment and fixed assets have grown."),
    },
    "moment_columns": ("Date", "Moment", "What the box reports by then"),
    "figure_columns": ("Figure", "Value", "Source", "Note"),
    "hedges": {"about": "about {v}", "more_than": "more than {v}", "up_to": "up to {v}",
               "exact": "{v}", "between": "{v} to {h}"},
    "units": {"count": "{v}", "percent": "{v} %", "years": "{v} years"},
    "ratings": {"achieved": "achieved", "partial": "partial", "not_achieved": "not achieved",
                "": "not judged"},
    "reasoning_columns": ("Indicator", "Stage", "Rating", "Why"),
    "compare_columns": ("Indicator", "Stage", "Yours", "Reference", "Gap (points)",
                        "Reference reasoning"),
}



# --------------------------------------------------------------------------- the network


def network() -> nx.MultiDiGraph:
    """The EMASIM network with its four phases (a :mod:`jlp.graphs` multigraph).

    Nodes and ties carry ``provenance`` (``reported`` / ``illustrative``), ``reference``
    (the box or section) and a ``note``.

    >>> network().graph["phases"]
    (1, 2, 3, 4)
    """
    return read_graph(data_dir() / "emasim_nodes.csv", data_dir() / "emasim_edges.csv")


def phase_table() -> pd.DataFrame:
    """One row per phase: when (our dating), a short name, what the box reports, the fee.

    >>> phase_table()["Name"].tolist()[-1]
    'A jointly owned enterprise'
    """
    columns = TEXT["phase_columns"]
    return pd.DataFrame(
        [(p, *TEXT["phases"][p]) for p in PHASES], columns=list(columns)
    ).set_index(columns[0])


# --------------------------------------------------------------------------- reported figures


def _value(row: pd.Series) -> str:
    number = f"{row['value']:,.0f}"
    high = f"{row['value_high']:,.0f}" if pd.notna(row["value_high"]) else ""
    shown = TEXT["units"].get(row["unit"], "{v} " + str(row["unit"])).format(v=number)
    return TEXT["hedges"].get(row["qualifier"], "{v}").format(v=shown, h=high)


def reported_figures() -> pd.DataFrame:
    """The figures the paper reports about EMASIM, as they read: hedges kept.

    >>> reported_figures().set_index("Figure").loc["Change in fixed assets", "Value"]
    '98 %'
    """
    figures = load("reported_figures")
    rows = figures[(figures["subject"] == "emasim") & (figures["provenance"] == "reported")]
    rows = rows.fillna({"note": "", "period": ""})
    labels = [label + (f" ({period})" if period else "")
              for label, period in zip(rows["metric_label"], rows["period"], strict=True)]
    columns = TEXT["figure_columns"]
    return pd.DataFrame({
        columns[0]: labels,
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

    The ``note`` of each row gives the reasoning.

    >>> sorted(set(reference_assessments()["date"])) == list(MOMENTS)
    True
    """
    table = validate(load("emasim_net_reference"), file="emasim_net_reference.csv")
    return table.reset_index(drop=True)


def _check_moment(date: object) -> str:
    if str(date) not in MOMENTS:
        raise JlpInputError(
            f"the reference scores EMASIM at {', '.join(MOMENTS)}, not at '{date}'",
            column="date", fix="choose one of " + ", ".join(MOMENTS),
        )
    return str(date)


def reference(date: str) -> pd.DataFrame:
    """The reference scoring at one moment (42 rows).

    >>> len(reference("1998-12-01"))
    42
    """
    return select(reference_assessments(), REFERENCE_NETWORK, _check_moment(date))


def reasoning(date: str, *, changed_only: bool = False) -> pd.DataFrame:
    """The reference at one moment as a readable table: indicator, stage, rating, why.

    With ``changed_only``, only the cells whose reasoning is new at this moment (at the
    first moment, every cell).

    >>> len(reasoning("1997-01-15", changed_only=True)) < 42
    True
    """
    rows = reference(date)
    if changed_only:
        rows = rows[~rows["note"].str.startswith(UNCHANGED)]
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
    where the two ratings differ are listed, stage by stage.

    >>> same = reference("1997-01-15").assign(network="Mine")
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
    date = _check_moment(keys.loc[0, "date"])
    return net_compare(mine, reference(date), only_differences=only_differences)


__all__ = [
    "MOMENTS",
    "PHASES",
    "REFERENCE_NETWORK",
    "TEXT",
    "UNCHANGED",
    "compare",
    "moments",
    "network",
    "phase_table",
    "reasoning",
    "reference",
    "reference_assessments",
    "reported_figures",
]
