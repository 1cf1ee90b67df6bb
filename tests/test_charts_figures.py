"""Chart details a reader sees: element ids, legends, notes, colours (no browser needed)."""

from __future__ import annotations

import itertools
import re

import numpy as np
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, unlabel_rgb

from jlp import net, viz
from jlp.fees.institution import finances, institution_preset
from jlp.viz import fee_charts, net_charts, scale_charts


def _id(fragment: str) -> str:
    return re.search(r'<div id="([^"]+)"', fragment).group(1)


def test_the_same_chart_shown_twice_gets_two_ids():
    def make():
        return go.Figure(go.Bar(x=["same"], y=[1]))

    first = viz.show(make())._repr_mimebundle_()["text/html"]
    second = viz.show(make())._repr_mimebundle_()["text/html"]
    assert _id(first) != _id(second)
    assert "getElementById(id)" in first and f'id = "{_id(second)}"' in second


def test_a_chart_waits_until_shown_and_wraps_its_title():
    fragment = viz.show(go.Figure(layout={"title": {"text": "A title"}}))._repr_mimebundle_()
    script = fragment["text/html"]
    assert "ResizeObserver" in script  # drawn when its tab or fold opens
    assert "if (!width" in script  # not while hidden (no width)
    assert "wrap(title.text" in script


def test_a_source_with_no_revenue_has_no_legend_entry():
    table = finances(institution_preset("mexico"))
    assert (table["service_fees"] == 0).all()
    fig = fee_charts.revenue_mix_chart(table)
    shown = {t.name for t in fig.data if t.showlegend is not False}
    assert fee_charts.TEXT["sources"]["service_fees"] not in shown
    assert fee_charts.TEXT["sources"]["membership_fees"] in shown


def test_notes_under_titles_are_at_least_11_px():
    feedback = net.method_feedback(net.simulate_programme(20, 3, seed=11), which="all")
    heat = net_charts.feedback_heatmap(feedback, illustrative=True)
    assert "Illustrative" in heat.layout.title.subtitle.text
    assert heat.layout.title.subtitle.font.size >= 11 and "<sup>" not in heat.layout.title.text
    from jlp import scale

    project = scale.project_preset("joint_export")
    tradeoff = scale_charts.tradeoff_chart(
        scale.net_benefit_table(project, max_size=30), scale.best_size(project, max_size=30)
    )
    assert tradeoff.layout.title.subtitle.font.size >= 11


def test_feedback_colour_bar_lies_under_the_grid_with_nothing_to_cut():
    """The colour bar once had a title printed over its "100 %"; it now lies flat under the
    grid, without a title (the chart's title names the share), its ticks in per cent."""
    feedback = net.method_feedback(net.simulate_programme(20, 3, seed=11), which="all")
    fig = net_charts.feedback_heatmap(feedback)
    colorbar = fig.data[0].colorbar
    assert colorbar.orientation == "h" and not colorbar.title.text
    assert colorbar.ticktext[-1].replace("\u00a0", " ") == "100 %"
    assert "share achieving each cell" in fig.layout.title.text


def _lab(colour: str) -> np.ndarray:
    """CIE L*a*b* of an sRGB colour (D65), to measure how far apart two colours look."""
    rgb = hex_to_rgb(colour) if colour.startswith("#") else unlabel_rgb(colour)
    c = np.array(rgb, dtype=float) / 255
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    matrix = [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    xyz = np.array(matrix) @ c / [0.95047, 1.0, 1.08883]
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_neighbouring_stage_colours_look_apart():
    colours = [_lab(c) for c in net_charts.stage_colors().values()]
    gaps = [float(np.linalg.norm(a - b)) for a, b in itertools.pairwise(colours)]
    assert min(gaps) > 20  # cividis gave navy beside slate: 13 apart (CIE76)
