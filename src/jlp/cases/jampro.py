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
- :data:`SCORING`: the course's reference NET scoring of an illustrative Kingston garment
  network at two moments (``jampro_net_reference``, every row ``illustrative``), also as
  :func:`moments`, :func:`reference_assessments`, :func:`reference`, :func:`reasoning` and
  :func:`compare` (a trainee's scoring, cell by cell, against the reference).

>>> g = network()
>>> g.nodes[HUB]["label"], g.nodes["atc_kingston"]["reference"]
('Productivity Centre', 'Box 5')
>>> reference(MOMENTS[1])["rating"].eq("achieved").sum()
np.int64(23)
>>> len(reasoning(MOMENTS[0], ratings=["achieved", "partial"]))
10
>>> len(reasoning(MOMENTS[1], changed_only=True))
24
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from jlp.cases import network as case_network
from jlp.datasets import load
from jlp.i18n import Messages
from jlp.net.reference import ReferenceScoring
from jlp.reported import hedged

#: The hub of the support network: JAMPRO's Productivity Centre.
HUB = "productivity_centre"

#: The name the reference scoring carries in its ``network`` column.
REFERENCE_NETWORK = "Kingston garment network"

#: The two moments of the NET exercise (illustrative dates: the paper describes no network).
MOMENTS: tuple[str, ...] = ("1997-10-01", "1999-02-01")

#: The projects table's rows for Jamaica: the project and its second phase.
PROJECT_IDS: tuple[str, ...] = ("jm_project", "jm_phase2")

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "project_columns": ("Project or phase", "From", "Years", "Budget", "Funded by", "Source"),
        "phase": "{project}, phase {phase}",
        "budget_scope": {"both_phases": " (both phases together)"},
        "missing": "—",
        "moments": {
            "1997-10-01": (
                "After the centre's course (our date)",
                "Four firms met on the Kingston centre's course in pattern grading; they "
                "meet monthly and name shared problems; no workplan, no money yet.",
            ),
            "1999-02-01": (
                "After the first joint actions (our date)",
                "A signed agreement, a common fund, a workplan; three joint fabric "
                "purchases, a joint stand at a fair, one order from abroad; no fee to "
                "the centre, which charges none.",
            ),
        },
        "moment_columns": ("Date", "Moment", "What the story says by then (illustrative)"),
    }
)


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
    return case_network("jampro")


def projects() -> pd.DataFrame:
    """The project and its second phase as the paper reports them: dates, length, budget.

    >>> projects()["Budget"].tolist()
    ['about US$ 1,500,000 (both phases together)', '—']
    """
    table = load("projects").set_index("id").loc[list(PROJECT_IDS)]
    missing = TEXT["missing"]
    rows = []
    for _, row in table.iterrows():
        name = (
            TEXT["phase"].format(project=row["project"], phase=int(row["phase"]))
            if pd.notna(row["phase"])
            else row["project"]
        )
        budget = hedged(row["budget_usd"], unit="usd", qualifier=row["budget_qualifier"])
        if pd.notna(row["budget_usd"]):
            budget += TEXT["budget_scope"].get(str(row["budget_scope"]), "")
        rows.append(
            (
                name,
                str(row["start_year"]),
                str(row["duration_years"]) if pd.notna(row["duration_years"]) else missing,
                budget,
                row["funder"],
                row["source"],
            )
        )
    return pd.DataFrame(rows, columns=list(TEXT["project_columns"]))


# --------------------------------------------------------------------------- NET reference

#: The reference NET scoring of the illustrative Kingston garment network
#: (``jampro_net_reference``). Every cell is judged; the ``note`` of each cell judged other
#: than *not achieved* gives the evidence behind it.
SCORING = ReferenceScoring(
    "jampro_net_reference",
    network=REFERENCE_NETWORK,
    dates=MOMENTS,
    subject=f"the {REFERENCE_NETWORK}",
    text=TEXT,
)

#: The shared reference functions under the names the notebook uses (see
#: :class:`~jlp.net.reference.ReferenceScoring` for what each flag means).
moments, reference_assessments, reference, reasoning, compare = SCORING.case_functions()


__all__ = [
    "HUB",
    "MOMENTS",
    "PROJECT_IDS",
    "REFERENCE_NETWORK",
    "SCORING",
    "TEXT",
    "compare",
    "moments",
    "network",
    "projects",
    "reasoning",
    "reference",
    "reference_assessments",
]
