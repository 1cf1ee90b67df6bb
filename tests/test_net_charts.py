"""NET charts: content, and legibility in grey."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from plotly.colors import hex_to_rgb, unlabel_rgb

from jlp import net
from jlp.viz import net_charts
from jlp.viz.palette import ORDINAL


def luminance(colour: str) -> float:
    rgb = hex_to_rgb(colour) if colour.startswith("#") else unlabel_rgb(colour)
    return 0.2126 * rgb[0] / 255 + 0.7152 * rgb[1] / 255 + 0.0722 * rgb[2] / 255


def test_rating_colours_and_stage_colours_read_in_grey():
    grey = [luminance(c) for c in ORDINAL]
    assert all(b - a > 0.2 for a, b in itertools.pairwise(grey))
    stages = [luminance(c) for c in net_charts.stage_colors().values()]
    assert all(b > a for a, b in itertools.pairwise(stages))


def test_matrix_heatmap_shows_each_rating_and_the_rubric():
    ratings = {("group_cohesion", s): "achieved" for s in net.STAGES}
    ratings[("economic_changes", "decision")] = "not_achieved"
    fig = net_charts.matrix_heatmap(net.from_ratings("A", "1998-01-01", ratings))
    judged, pending = fig.data
    z = np.asarray(judged.z, dtype=float)
    assert np.nansum(z == 2) == 6 and z[5, 2] == 0 and np.isnan(z[1, 1])
    assert pending.text[1][1] == "–" and judged.text[0][0] == "2"
    assert net.cell_text("economic_changes", "decision")[:30] in " ".join(
        judged.customdata[5][2][1].split("<br>")
    )
    assert "index 14.3" in fig.layout.title.text
    assert "✔" not in judged.x[0]  # 2 of 14 points: not consolidated


def test_update_matrix_marks_consolidated_stages():
    fig = net_charts.matrix_figure()
    codes = np.full((7, 6), -1)
    codes[:, 0] = 2
    result = net_charts.update_matrix(fig, codes, network="A", date="1998-01-01")
    assert result["current_stage"][0] == "strategic_planning"
    assert "✔" in fig.data[0].x[0] and "✔" not in fig.data[0].x[1]


def test_progression_lines_differ_by_more_than_colour():
    fig = net_charts.progression_chart(net.progression(net.simulate_programme(4, 2, seed=0)))
    assert len(fig.data) == 4
    assert len({(t.line.dash, t.marker.symbol) for t in fig.data}) == 4


def test_benchmark_bars_by_stage():
    table = net.benchmark(net.simulate_programme(10, 3, seed=2))
    fig = net_charts.benchmark_chart(table, illustrative=True)
    assert sum(len(t.y) for t in fig.data) == len(table)
    assert {t.name for t in fig.data} <= set(net.stage_labels().values()) | {"complete"}
    assert "Illustrative" in fig.layout.title.subtitle.text  # the note under the title


def test_feedback_heatmap_marks_patterns_and_inversions():
    feedback = net.method_feedback(net.simulate_programme(20, 3, seed=11), which="all")
    fig = net_charts.feedback_heatmap(feedback)
    text = " ".join(str(t) for row in fig.data[0].text for t in row)
    assert ("always" in text) == (feedback["pattern"] == "always").any()
    assert ("↯" in text) == (feedback["inversions"] > 0).any()
    assert fig.data[0].zmin == 0 and fig.data[0].zmax == 1


@pytest.mark.parametrize("first_only", [False, True])
def test_indicator_profile(first_only):
    one = net.simulate_programme(1, 2, seed=0)
    dates = [one["date"].min()] if first_only else None
    fig = net_charts.indicator_profile(one, dates=dates)
    assert len(fig.data) == (1 if first_only else min(3, one["date"].nunique()))
    assert all(len(t.x) == 7 for t in fig.data)
    expected = net.indicator_scores(one).iloc[-1][list(net.INDICATORS)].tolist()
    assert list(fig.data[-1].x) == pytest.approx(
        expected
        if not first_only
        else net.indicator_scores(one).iloc[0][list(net.INDICATORS)].tolist()
    )


def test_indicator_profile_refuses_an_unknown_date_or_several_networks():
    from jlp.errors import JlpInputError

    with pytest.raises(JlpInputError, match="one network"):
        net_charts.indicator_profile(net.simulate_programme(2, 1, seed=0))
    with pytest.raises(JlpInputError):
        net_charts.indicator_profile(net.simulate_programme(1, 1, seed=0), dates=["1900-01-01"])
