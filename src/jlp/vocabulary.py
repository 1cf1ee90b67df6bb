"""The words of the Network Evaluation Tool (NET), in one place and with no dependencies.

Ceglie & Dini (1999, Box 2) name 7 development indicators and 6 development stages; their
42 cells are each rated ``achieved``, ``partial`` or ``not_achieved``. Every module that
needs these words (NET scoring, the graph tables' phases, the widgets) imports them from
here.

>>> len(INDICATORS), len(STAGES), len(CELLS)
(7, 6, 42)
>>> RATING_WORDS["2"], RATING_WORDS["partly_achieved"], RATING_WORDS["no_logrado"]
('achieved', 'partial', 'not_achieved')
"""

from __future__ import annotations

#: The 7 development indicators, in order (Box 2).
INDICATORS: tuple[str, ...] = (
    "group_cohesion",
    "group_organisation",
    "problem_analysis",
    "planning_capacity",
    "production_changes",
    "economic_changes",
    "external_relations",
)

#: The 6 development stages, in order (Box 2).
STAGES: tuple[str, ...] = (
    "promotion_motivation",
    "strategic_planning",
    "decision",
    "pilot_projects",
    "strategic_projects",
    "self_management",
)

#: The 42 cells as (indicator, stage) pairs, indicator-major.
CELLS: tuple[tuple[str, str], ...] = tuple((i, s) for i in INDICATORS for s in STAGES)

#: The allowed ratings, from lowest to highest.
RATINGS: tuple[str, ...] = ("not_achieved", "partial", "achieved")

#: What a rating cell may hold (lower case, spaces and hyphens as ``_``) → the rating word;
#: ``''`` is a cell not judged yet.
RATING_WORDS: dict[str, str] = {
    "achieved": "achieved",
    "2": "achieved",
    "partial": "partial",
    "partly_achieved": "partial",
    "partially_achieved": "partial",
    "1": "partial",
    "not_achieved": "not_achieved",
    "0": "not_achieved",
    # the same words in Spanish (a Spanish spreadsheet reads as well as an English one)
    "logrado": "achieved",
    "lograda": "achieved",
    "parcial": "partial",
    "parcialmente_logrado": "partial",
    "parcialmente_lograda": "partial",
    "no_logrado": "not_achieved",
    "no_lograda": "not_achieved",
    "": "",
}

__all__ = ["CELLS", "INDICATORS", "RATINGS", "RATING_WORDS", "STAGES"]
