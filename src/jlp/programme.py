"""The programme facts the paper reports, shaped for the course's first chapter.

Pure functions over the bundled tables ``projects``, ``reported_figures`` and the Honduras
actors (``honduras_actors_nodes`` / ``honduras_actors_edges``). Every figure here is
``reported`` in Ceglie & Dini (1999) and carries the box or section it comes from.

>>> ranges = evaluation_ranges()
>>> ranges.loc["sales_change", ["low", "high"]].tolist()
[35.0, 200.0]
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from jlp.datasets import load
from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.reported import hedged

#: The three results the Honduras evaluation reports (Box 1 reports the same three for
#: EMASIM, but measured differently: see :func:`evaluation_ranges`).
EVALUATED_METRICS = ("sales_change", "employment_change", "fixed_assets_change")

#: User-facing labels, translated when read (jlp.i18n).
LABELS = Messages(
    {
        "sales_change": "Sales",
        "employment_change": "Employment",
        "fixed_assets_change": "Fixed assets",
        "country": "Country",
        "project": "Project or phase",
        "start_label": "From",
        "funder": "Funded by",
        "budget_usd": "Budget",
        "national_consultants": "Consultants",
        "networks": "Networks",
        "enterprises": "Enterprises",
        "source": "Source",
        "missing": "—",
        "phase": ", phase {phase}",
        "no_projects": "no projects reported for '{country}'",
        "no_figures": "no reported figures for '{country}'",
        "country_fix": "choose one of {countries}",
    }
)

#: The columns of :func:`projects_table`, in order.
PROJECT_COLUMNS = (
    "country",
    "project",
    "start_label",
    "funder",
    "budget_usd",
    "national_consultants",
    "networks",
    "enterprises",
    "source",
)


def countries() -> list[str]:
    """Countries with reported figures, in the order of the paper's cases.

    >>> countries()[:2]
    ['Honduras', 'Nicaragua']
    """
    order = ["Honduras", "Nicaragua", "Mexico", "Jamaica", "Chile"]
    present = set(load("reported_figures")["country"].dropna())
    return [c for c in order if c in present] + sorted(present - set(order))


def _hedged(
    table: pd.DataFrame, column: str, qualifier: str | None = None, unit: str = "count"
) -> list[str]:
    """A column of figures written with their hedges (a missing one reads "—")."""
    hedges = table[qualifier] if qualifier else pd.Series("exact", index=table.index)
    return [
        LABELS["missing"] if pd.isna(v) else hedged(v, unit=unit, qualifier=q)
        for v, q in zip(table[column], hedges, strict=True)
    ]


def projects_table(country: str | None = None) -> pd.DataFrame:
    """The projects and phases as a readable table: labelled columns, hedges kept, no blanks.

    A budget reads "about US$ 680,000"; what the paper does not say reads "—".
    ``country`` keeps that country's projects only (one of :func:`countries`).

    >>> projects_table().iloc[0]["Budget"]
    'about US$ 680,000'
    >>> projects_table("Mexico")["Country"].unique().tolist()
    ['Mexico']
    """
    projects = load("projects")
    if country is not None:
        if country not in set(projects["country"]):
            raise JlpInputError(
                LABELS["no_projects"].format(country=country),
                column="country",
                fix=LABELS["country_fix"].format(
                    countries=", ".join(sorted(set(projects["country"])))
                ),
            )
        projects = projects[projects["country"] == country].reset_index(drop=True)
    shown = pd.DataFrame(
        {
            LABELS["country"]: projects["country"],
            LABELS["project"]: projects["project"]
            + projects["phase"].map(
                lambda p: LABELS["phase"].format(phase=int(p)) if pd.notna(p) else ""
            ),
            LABELS["start_label"]: projects["start_label"],
            LABELS["funder"]: projects["funder"],
            LABELS["budget_usd"]: _hedged(projects, "budget_usd", "budget_qualifier", "usd"),
            LABELS["national_consultants"]: _hedged(projects, "national_consultants"),
            LABELS["networks"]: _hedged(projects, "networks", "networks_qualifier"),
            LABELS["enterprises"]: _hedged(projects, "enterprises", "enterprises_qualifier"),
            LABELS["source"]: projects["source"],
        }
    )
    return shown.fillna(LABELS["missing"]).astype(str)


def figures_for(country: str) -> pd.DataFrame:
    """The reported figures of one country: subject, what was measured, value, source.

    >>> bool(figures_for("Honduras")["source"].str.len().gt(0).all())
    True
    """
    figures = load("reported_figures")
    if country not in set(figures["country"]):
        raise JlpInputError(
            LABELS["no_figures"].format(country=country),
            column="country",
            fix=LABELS["country_fix"].format(countries=", ".join(countries())),
        )
    rows = figures[figures["country"] == country]
    return rows[
        ["subject_label", "metric_label", "value", "value_high", "unit", "qualifier", "source"]
    ].reset_index(drop=True)


def evaluation_ranges() -> pd.DataFrame:
    """The Honduras evaluation (6 of 33 networks) as low–high ranges.

    One row per metric of :data:`EVALUATED_METRICS`; values are percent changes from the
    start of the project. EMASIM's results (Box 1) are not among them: the paper does not
    say EMASIM was one of the six, and its sales figure compares the network's collective
    sales with its members' individual sales before, a different measure.
    """
    figures = load("reported_figures").set_index("id")
    rows = []
    for metric in EVALUATED_METRICS:
        evaluation = figures[
            (figures["subject"] == "hn_evaluation") & (figures["metric"] == metric)
        ].iloc[0]
        rows.append(
            {
                "metric": metric,
                "label": LABELS[metric],
                "low": float(evaluation["value"]),
                "high": float(evaluation["value_high"]),
                "source": evaluation["source"],
            }
        )
    return pd.DataFrame(rows).set_index("metric")


def honduras_actors() -> nx.DiGraph:
    """The Honduras project's actors and the ties the paper names between them.

    >>> g = honduras_actors()
    >>> g.nodes["pasi"]["kind"], g.has_edge("pasi", "emasim")
    ('institution', True)
    """
    nodes = load("honduras_actors_nodes")
    edges = load("honduras_actors_edges")
    graph = nx.DiGraph()
    for row in nodes.to_dict("records"):
        graph.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    for row in edges.to_dict("records"):
        graph.add_edge(
            row["source"],
            row["target"],
            **{k: v for k, v in row.items() if k not in ("source", "target")},
        )
    return graph


__all__ = [
    "EVALUATED_METRICS",
    "LABELS",
    "PROJECT_COLUMNS",
    "countries",
    "evaluation_ranges",
    "figures_for",
    "honduras_actors",
    "projects_table",
]
