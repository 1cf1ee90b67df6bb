"""Illustrative NET examples for teaching: one worked assessment and a small programme.

Neither describes a real network. The paper publishes no NET scores (Ceglie & Dini, 1999,
Box 2 describes the tool only), so the course makes its examples up and says so.

>>> score_row = __import__("jlp.net", fromlist=["score"]).score(worked_example()).iloc[0]
>>> score_row["index"], score_row["current_stage"]
(np.float64(52.4), 'decision')
"""

from __future__ import annotations

import pandas as pd

from jlp.net.assessments import from_ratings, validate
from jlp.vocabulary import INDICATORS

#: Name and date of the worked example (illustrative).
WORKED_NETWORK = "Metal workshops (illustrative)"
WORKED_DATE = "1998-06-01"

_A, _P, _N = "achieved", "partial", "not_achieved"

#: The worked example's ratings, stage by stage (cells not listed are not judged).
WORKED_RATINGS: dict[tuple[str, str], str] = {
    # promotion and motivation: all 7 achieved (14 points)
    **{(i, "promotion_motivation"): _A for i in INDICATORS},
    # strategic planning: 5 achieved, 2 partial (12 points)
    ("group_cohesion", "strategic_planning"): _A,
    ("group_organisation", "strategic_planning"): _A,
    ("problem_analysis", "strategic_planning"): _A,
    ("planning_capacity", "strategic_planning"): _A,
    ("production_changes", "strategic_planning"): _A,
    ("economic_changes", "strategic_planning"): _P,
    ("external_relations", "strategic_planning"): _P,
    # decision: 4 achieved, 2 partial, 1 not achieved (10 points)
    ("group_cohesion", "decision"): _A,
    ("group_organisation", "decision"): _P,
    ("problem_analysis", "decision"): _A,
    ("planning_capacity", "decision"): _A,
    ("production_changes", "decision"): _A,
    ("economic_changes", "decision"): _N,
    ("external_relations", "decision"): _P,
    # pilot projects: 2 achieved, 3 partial, 2 not achieved (7 points)
    ("group_cohesion", "pilot_projects"): _P,
    ("group_organisation", "pilot_projects"): _A,
    ("problem_analysis", "pilot_projects"): _P,
    ("planning_capacity", "pilot_projects"): _P,
    ("production_changes", "pilot_projects"): _A,
    ("economic_changes", "pilot_projects"): _N,
    ("external_relations", "pilot_projects"): _N,
    # strategic projects: 1 partial, 2 not achieved, 4 not judged (1 point)
    ("group_cohesion", "strategic_projects"): _N,
    ("production_changes", "strategic_projects"): _P,
    ("economic_changes", "strategic_projects"): _N,
    # self-management: not judged yet
}


def worked_example() -> pd.DataFrame:
    """The course's worked example: one illustrative network after its first pilot project.

    Index 52.4 (44 of 84 points), current stage *decision*, 31 of 42 cells judged.
    """
    table = from_ratings(WORKED_NETWORK, WORKED_DATE, WORKED_RATINGS, assessor="Trainee")
    table["note"] = "illustrative"
    return table


def example_programme() -> pd.DataFrame:
    """The bundled illustrative programme (``datasets/net_example_assessments.csv``).

    Eight simulated networks over four years, made with
    ``simulate_programme(8, 4, seed=1999)``; every row is illustrative.

    >>> example = example_programme()
    >>> example["network"].nunique(), set(example["provenance"])
    (8, {'illustrative'})
    """
    from jlp.datasets import load

    table = validate(load("net_example_assessments"), file="net_example_assessments.csv")
    table.attrs["provenance"] = "illustrative"
    return table.reset_index(drop=True)


__all__ = ["WORKED_DATE", "WORKED_NETWORK", "WORKED_RATINGS", "example_programme", "worked_example"]
