"""The Network Evaluation Tool (NET) of Ceglie & Dini (1999, Box 2), as a library.

NET judges a network on a matrix of 7 development indicators × 6 development stages. The
paper names the indicators and stages but publishes neither the cell texts nor the scoring
numbers; jlp's rubric and default scoring rule are *our operationalisation*, documented on
the course page "The Network Evaluation Tool" and configurable.

* :mod:`jlp.net.rubric` — the indicators, the stages and the 42 cell texts;
* :mod:`jlp.net.assessments` — the assessment table: checking and normalising;
* :mod:`jlp.net.files` — CSV/XLSX files and the atomic history file;
* :mod:`jlp.net.scoring` — points, stage/indicator scores, index, current stage;
* :mod:`jlp.net.analysis` — progression, benchmarking, method and broker feedback;
* :mod:`jlp.net.compare` — one scoring against another (a trainee's against a reference);
* :mod:`jlp.net.agreement` — several assessors' scorings of one moment: spread, alpha,
  consensus;
* :mod:`jlp.net.class_folder` — the shared folder where trainees drop their scorings;
* :mod:`jlp.net.simulate` — an illustrative programme for exercises and scale tests;
* :mod:`jlp.net.examples` — the worked example and the bundled illustrative programme.

Nothing here imports Jupyter or plotly; charts live in :mod:`jlp.viz.net_charts`.

>>> from jlp import net
>>> a = net.from_ratings("Emasim", "1998-03-01", {("group_cohesion", "promotion_motivation"): 2})
>>> net.score(a).loc[0, "index"]
np.float64(2.4)
"""

from jlp.net.agreement import Agreement, Scoring, agreement, krippendorff_alpha
from jlp.net.analysis import (
    benchmark,
    broker_feedback,
    extremes,
    frequent_inversions,
    method_feedback,
    months_between,
    order_inversions,
    progression,
    scores_over_time,
)
from jlp.net.assessments import (
    COLUMNS,
    RATINGS,
    REQUIRED_COLUMNS,
    assessment_keys,
    combine,
    from_ratings,
    select,
    template,
    validate,
)
from jlp.net.class_folder import drop_scoring, read_scorings
from jlp.net.compare import compare
from jlp.net.examples import example_programme, worked_example
from jlp.net.files import (
    ASSESSMENT_SHEET,
    SaveResult,
    read_assessments,
    save_assessment,
    write_assessments,
    write_template,
)
from jlp.net.rubric import (
    CELLS,
    INDICATORS,
    STAGES,
    cell_text,
    indicator_labels,
    rubric,
    stage_labels,
)
from jlp.net.scoring import (
    COMPLETE,
    DEFAULT_RULE,
    SCORE_COLUMNS,
    ScoringRule,
    cell_matrix,
    indicator_scores,
    score,
    summary,
)
from jlp.net.simulate import simulate_programme

__all__ = [
    "ASSESSMENT_SHEET",
    "CELLS",
    "COLUMNS",
    "COMPLETE",
    "DEFAULT_RULE",
    "INDICATORS",
    "RATINGS",
    "REQUIRED_COLUMNS",
    "SCORE_COLUMNS",
    "STAGES",
    "Agreement",
    "SaveResult",
    "Scoring",
    "ScoringRule",
    "agreement",
    "assessment_keys",
    "benchmark",
    "broker_feedback",
    "cell_matrix",
    "cell_text",
    "combine",
    "compare",
    "drop_scoring",
    "example_programme",
    "extremes",
    "frequent_inversions",
    "from_ratings",
    "indicator_labels",
    "indicator_scores",
    "krippendorff_alpha",
    "method_feedback",
    "months_between",
    "order_inversions",
    "progression",
    "read_assessments",
    "read_scorings",
    "rubric",
    "save_assessment",
    "score",
    "scores_over_time",
    "select",
    "simulate_programme",
    "stage_labels",
    "summary",
    "template",
    "validate",
    "worked_example",
    "write_assessments",
    "write_template",
]
