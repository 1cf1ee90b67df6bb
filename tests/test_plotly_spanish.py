"""Spanish charts write numbers, dates and plotly's own words in Spanish; NET labels wrap
between words and fit their rows."""

from __future__ import annotations

import json
import re

import pytest

from jlp import net
from jlp.i18n import language_set
from jlp.net.rubric import INDICATORS, STAGES, indicator_labels, stage_labels
from jlp.viz import net_charts
from jlp.viz.figures import BookFigure, figure_html
from jlp.viz.plotly_locale import locale_config


def _config_in(fragment: str) -> dict:
    return json.loads(re.search(r"var config = (\{.*?\}), id =", fragment).group(1))


def test_spanish_locale_config_names_months_days_signs_and_buttons():
    with language_set("es"):
        config = locale_config()
    spanish = config["locales"]["es"]
    assert config["locale"] == "es"
    assert spanish["format"]["shortMonths"][:3] == ["ene", "feb", "mar"]
    assert spanish["format"]["days"][0] == "domingo"  # plotly counts from Sunday
    assert (spanish["format"]["decimal"], spanish["format"]["thousands"]) == (",", ".")
    words = spanish["dictionary"]
    assert words["Zoom"] != "Zoom" and words["Pan"] != "Pan"
    assert words["Download plot as a PNG"].startswith("Descargar")


def test_english_needs_no_locale():
    with language_set("en"):
        assert locale_config() == {}


def test_book_page_and_jupyterlab_get_the_spanish_locale():
    example = net.worked_example()
    with language_set("es"):
        fig = net_charts.matrix_heatmap(example)
        fragment = figure_html(fig)
        bundle = BookFigure(fig)._repr_mimebundle_()
    assert _config_in(fragment)["locale"] == "es"
    assert "ene" in _config_in(fragment)["locales"]["es"]["format"]["shortMonths"]
    assert bundle["application/vnd.plotly.v1+json"]["config"]["locale"] == "es"
    assert fig.layout.separators == ",."
    with language_set("en"):
        english = figure_html(net_charts.matrix_heatmap(example))
    assert "locale" not in _config_in(english)


@pytest.mark.parametrize(
    ("code", "index", "score"), [("es", "52,4", "0,71"), ("en", "52.4", "0.71")]
)
def test_matrix_numbers_follow_the_language(code, index, score):
    with language_set(code):
        fig = net_charts.matrix_heatmap(net.worked_example())
    assert f" {index} " in fig.layout.title.text
    assert any(f"<br>{score}" in label for label in fig.data[0].x)


@pytest.mark.parametrize("code", ["es", "en"])
def test_matrix_labels_break_between_words_on_two_lines_at_most(code):
    with language_set(code):
        fig = net_charts.matrix_heatmap(net.worked_example())
        stages = [stage_labels()[s] for s in STAGES]
        indicators = [indicator_labels()[i] for i in INDICATORS]
    for label, tick in zip(stages, fig.data[0].x, strict=True):
        name_lines = tick.split("<br>")[:-1]  # the last line is the stage score
        assert " ".join(name_lines) == label  # every word whole, none split
    for label, tick in zip(indicators, fig.data[0].y, strict=True):
        assert tick.replace("<br>", " ") == label
        assert len(tick.split("<br>")) <= 2
    assert fig.layout.xaxis.dtick == 1  # every stage named, however narrow


def test_feedback_and_profile_numbers_in_spanish():
    programme = net.example_programme()
    with language_set("es"):
        feedback = net_charts.feedback_heatmap(net.method_feedback(programme))
        profile = net_charts.indicator_profile(net.worked_example())
    cells = [text for row in feedback.data[0].text for text in row]
    assert any(re.match(r"\d+\xa0%", text) for text in cells)
    assert "100\xa0%" in feedback.data[0].colorbar.ticktext
    assert feedback.data[0].colorbar.orientation == "h"
    assert all("," in text and "." not in text for text in profile.data[0].text)
