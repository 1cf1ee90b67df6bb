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
- :data:`SCORING`: the course's reference NET scoring at three moments
  (``emasim_net_reference``, ``illustrative``), also as :func:`moments`,
  :func:`reference_assessments`, :func:`reference`, :func:`reasoning` and :func:`compare`
  (a trainee's scoring of one moment against the reference, cell by cell).

Measures, drawings, scores and fee ramps come from :mod:`jlp.graphs`, :mod:`jlp.viz`,
:mod:`jlp.net` and :mod:`jlp.fees` (the ``emasim`` presets).

>>> g = network()
>>> sum(d["kind"] == "firm" for _, d in g.nodes(data=True))
11
>>> [owner for owner, _ in g.in_edges("equipment_enterprise")][:2]
['taller_a', 'taller_b']
>>> len(reasoning(MOMENTS[1], changed_only=True))
13
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from jlp.cases import BOX_HEADINGS, figure_table
from jlp.cases import network as case_network
from jlp.datasets import load
from jlp.i18n import Messages
from jlp.net.reference import ReferenceScoring

#: The name the reference scoring carries in its ``network`` column.
REFERENCE_NETWORK = "EMASIM"

#: The three moments of the NET exercise (ISO dates, in order; the dates are ours).
MOMENTS: tuple[str, ...] = ("1995-12-01", "1997-01-15", "1998-12-01")

#: The network's phases, in order (the ``phase`` column of the node and edge tables).
PHASES: tuple[int, ...] = (1, 2, 3, 4)

#: The reference's note on a cell that has not changed since the previous moment starts so.
UNCHANGED = "As before."

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "phases": {
            1: (
                "1994 (our dating)",
                "A training course",
                "The entrepreneurs meet on a course at INFOP and, with a project consultant, "
                "start to analyse their problems together.",
                "0 % (fully subsidised)",
            ),
            2: (
                "1994–1995 (our dating)",
                "Raw material first",
                "The most urgent problem is the supply and cost of raw material: a common supply "
                "centre, a common loan from PASI and an internal revolving fund for working "
                "capital.",
                "0 % (fully subsidised)",
            ),
            3: (
                "1996 (our dating)",
                "Co-operation in production",
                "The members exchange tools, share large orders (metal construction and "
                "maintenance for supermarkets and banks) and complement their production "
                "processes.",
                "0 % (fully subsidised: the third free year)",
            ),
            4: (
                "1997–1998 (our dating)",
                "A jointly owned enterprise",
                "The members invest together in larger equipment, run by a new, separate "
                "enterprise that serves them, to diversify production and reach new market "
                "segments.",
                "20 % in the first contract, more than 40 % in the second year (reported)",
            ),
        },
        "phase_columns": (
            "Phase",
            "When",
            "Name",
            "What the box reports",
            "Share of the service cost the network pays",
        ),
        "moments": {
            "1995-12-01": (
                "After the supply centre",
                "The supply centre, the PASI loan and the revolving fund are running; "
                "the consultant's help is still free.",
            ),
            "1997-01-15": (
                "At the first fee contract",
                "After three fully subsidised years the network signs its first "
                "contract and pays 20 % of the cost of the services; tools and large "
                "orders are shared.",
            ),
            "1998-12-01": (
                "After the joint enterprise",
                "The new enterprise runs the larger equipment; the fee is above 40 % "
                "of the cost; sales, employment and fixed assets have grown.",
            ),
        },
        **BOX_HEADINGS.source(),
    }
)


# --------------------------------------------------------------------------- the network


def network() -> nx.MultiDiGraph:
    """The EMASIM network with its four phases (a :mod:`jlp.graphs` multigraph).

    Nodes and ties carry ``provenance`` (``reported`` / ``illustrative``), ``reference``
    (the box or section) and a ``note``.

    >>> network().graph["phases"]
    (1, 2, 3, 4)
    """
    return case_network("emasim")


def phase_table() -> pd.DataFrame:
    """One row per phase: when (our dating), a short name, what the box reports, the fee.

    >>> phase_table()["Name"].tolist()[-1]
    'A jointly owned enterprise'
    """
    columns = TEXT["phase_columns"]
    return pd.DataFrame([(p, *TEXT["phases"][p]) for p in PHASES], columns=list(columns)).set_index(
        columns[0]
    )


# --------------------------------------------------------------------------- reported figures


def reported_figures() -> pd.DataFrame:
    """The figures the paper reports about EMASIM, as they read: hedges kept.

    >>> reported_figures().set_index("Figure").loc["Change in fixed assets", "Value"]
    '98 %'
    """
    figures = load("reported_figures")
    rows = figures[(figures["subject"] == "emasim") & (figures["provenance"] == "reported")]
    rows = rows.fillna({"note": "", "period": ""})
    labels = [
        label + (f" ({period})" if period else "")
        for label, period in zip(rows["metric_label"], rows["period"], strict=True)
    ]
    return figure_table(rows, labels)


# --------------------------------------------------------------------------- NET reference

#: The reference NET scoring (``emasim_net_reference``): its cells, reasons and comparison.
SCORING = ReferenceScoring(
    "emasim_net_reference", network=REFERENCE_NETWORK, dates=MOMENTS, subject="EMASIM", text=TEXT
)

#: The shared reference functions under the names the notebook uses (see
#: :class:`~jlp.net.reference.ReferenceScoring` for what each flag means).
moments, reference_assessments, reference, reasoning, compare = SCORING.case_functions()


__all__ = [
    "MOMENTS",
    "PHASES",
    "REFERENCE_NETWORK",
    "SCORING",
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
