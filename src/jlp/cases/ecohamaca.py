"""EcoHamaca (Nicaragua, Box 3): the case's tables, shaped for its notebook.

Eleven hammock producers of Masaya who competed at home learned to export together (Ceglie &
Dini, 1999, Box 3). This module loads the case's bundled tables and nothing more:

- :func:`network`: the network over four phases, from ``ecohamaca_nodes`` /
  ``ecohamaca_edges`` (actors and ties the box names are ``reported``; the fine structure is
  ``illustrative``, and so is the phase of every step the box does not date);
- :func:`phase_table`: what each phase holds;
- :func:`reported_figures`: the figures Box 3 reports, with their hedges ("more than", "up to");
- :data:`SCORING`: the course's reference NET scoring at three moments
  (``ecohamaca_net_reference``, ``illustrative``), also as :func:`moments`,
  :func:`reference_assessments`, :func:`reference`, :func:`reasoning` and :func:`compare`
  (a trainee's scoring cell by cell against the reference, with its reasoning).

Measures, drawings and scores come from :mod:`jlp.graphs`, :mod:`jlp.viz` and :mod:`jlp.net`.

>>> g = network()
>>> sum(
...     kind == "firm" and group == "members"
...     for _, kind, group in ((n, d["kind"], d["group"]) for n, d in g.nodes(data=True))
... )
11
>>> reference("1997-08-31")["rating"].eq("achieved").sum() > 0
np.True_
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
REFERENCE_NETWORK = "EcoHamaca (reference)"

#: The three moments of the NET exercise (ISO dates, in order).
MOMENTS: tuple[str, ...] = ("1997-03-31", "1997-08-31", "1999-01-31")

#: The network's phases, in order (the ``phase`` column of the node and edge tables).
PHASES: tuple[int, ...] = (1, 2, 3, 4)

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "phases": {
            1: (
                "Before 1997",
                "Eleven competitors",
                "Each workshop sells on the local market of Masaya, against the others; a few "
                "producers talk shop (illustrative).",
            ),
            2: (
                "Early 1997 to August 1997",
                "The group forms",
                "UNIDO experts visit the producers; they apply for support (March) and found the "
                "association EcoHamaca, signed by all 11 (legal status, August).",
            ),
            3: (
                "Late 1997 (our dating)",
                "First joint steps",
                "Uniform sizes, quality and prices; new wood for the poles; training in dyeing; "
                "the trade fair in Spain (November 1997).",
            ),
            4: (
                "By early 1999 (our dating)",
                "Exporting together",
                "Exports to Sweden, Finland, the USA and Peru; new cotton suppliers; a Chilean "
                "firm "
                "proposes South America; a general director hired.",
            ),
        },
        "phase_columns": ("Phase", "When", "Name", "What the network gained"),
        "moments": {
            "1997-03-31": (
                "Application (March 1997)",
                "After repeated visits by UNIDO experts, the producers apply for the "
                "project's support.",
            ),
            "1997-08-31": (
                "Legal status (August 1997)",
                "All 11 members sign the association's constitution; sizes, quality and "
                "prices are being made uniform.",
            ),
            "1999-01-31": (
                "Early 1999 (our date for the paper's 'to date')",
                "Eight exports, over 3,000 hammocks a month, dyeing cost down by up to "
                "40 %, a trade fair, new suppliers, a hired general director.",
            ),
        },
        **BOX_HEADINGS.source(),
    }
)


# --------------------------------------------------------------------------- the network


def network() -> nx.MultiDiGraph:
    """The EcoHamaca network with its four phases (a :mod:`jlp.graphs` multigraph).

    Nodes and ties carry ``provenance`` (``reported`` / ``illustrative``), ``reference``
    (the box or section) and ``phase_provenance`` (whether the box dates the step).

    >>> network().graph["phases"]
    (1, 2, 3, 4)
    """
    return case_network("ecohamaca")


def phase_table() -> pd.DataFrame:
    """One row per phase: when, a short name, and what the network gained in it.

    >>> phase_table()["Name"].tolist()[-1]
    'Exporting together'
    """
    columns = TEXT["phase_columns"]
    return pd.DataFrame([(p, *TEXT["phases"][p]) for p in PHASES], columns=list(columns))


# --------------------------------------------------------------------------- reported figures


def reported_figures() -> pd.DataFrame:
    """The figures the paper reports in Box 3, as they read: hedges and months kept.

    >>> reported_figures().set_index("Figure").loc[
    ...     "Hammocks exported per month on average", "Value"
    ... ]
    'more than 3,000'
    """
    figures = load("reported_figures")
    rows = figures[figures["source"] == "Box 3"].fillna({"note": "", "period": ""})
    return figure_table(rows, rows["metric_label"].to_numpy())


# --------------------------------------------------------------------------- NET reference

#: The reference NET scoring (``ecohamaca_net_reference``): its cells, reasons and comparison.
#: A cell left empty is *not judged*: the evidence it asks for is not in the paper.
SCORING = ReferenceScoring(
    "ecohamaca_net_reference",
    network=REFERENCE_NETWORK,
    dates=MOMENTS,
    subject="EcoHamaca",
    text=TEXT,
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
    "compare",
    "moments",
    "network",
    "phase_table",
    "reasoning",
    "reference",
    "reference_assessments",
    "reported_figures",
]
