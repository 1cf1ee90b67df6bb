"""Hostile input through the ``jlp`` command: one clear line, exit 2, nothing written; and
what a user typed never becomes mathematics, a terminal command or invalid JSON."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jlp.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"


def jlp(*args: object, timeout: float = 120, cwd: Path | None = None,
        ) -> subprocess.CompletedProcess[str]:
    """Run ``python -m jlp ARGS`` as a process, this checkout's source first."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH",
                                                                                 "")]))
    return subprocess.run([sys.executable, "-m", "jlp", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout, env=env, cwd=cwd,
                          check=False)


def _tables(folder: Path, labels: tuple[str, str]) -> tuple[Path, Path]:
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    nodes.write_text("id,label,kind\n" + "".join(f'n{i},"{label}",firm\n'
                                                 for i, label in enumerate(labels)),
                     encoding="utf-8")
    edges.write_text("source,target,tie\nn0,n1,supply\n", encoding="utf-8")
    return nodes, edges


def test_python_dash_m_jlp_runs_the_command():
    done = jlp("--version")
    assert done.returncode == 0 and done.stdout.startswith("jlp ")


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_glyph_the_font_lacks_gives_one_warning_and_the_command_ends(tmp_path, suffix):
    nodes, edges = _tables(tmp_path, ("中文 Firm", "Taller B"))
    out = tmp_path / f"map{suffix}"
    done = jlp("graph", "render", nodes, edges, "-o", out, timeout=90)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    warned = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1 and "中文" in warned[0] and "Traceback" not in done.stderr


def test_dollar_signs_are_drawn_as_typed(tmp_path):
    nodes, edges = _tables(tmp_path, ("Fee US$ 5 to US$ 10", "B"))
    out = tmp_path / "map.svg"
    assert main(["graph", "render", str(nodes), str(edges), "-o", str(out),
                 "--title", "Costs $x^2$"]) == 0
    svg = out.read_text(encoding="utf-8")
    # matplotlib writes each text as a comment before its glyphs: the text as drawn
    assert "Fee US$ 5 to US$ 10" in svg and "Costs $x^2$" in svg
    assert "Oblique" not in svg  # mathtext would draw "to" and "x" in italic glyphs


def test_no_text_of_a_still_picture_is_parsed_as_mathematics():
    import networkx as nx
    from matplotlib.text import Text

    from jlp.viz.graph_static import static_figure

    graph = nx.MultiDiGraph()
    graph.add_node("a", label="US$ 5", kind="fir$m")
    graph.add_node("b", label="US$ 10", kind="firm")
    graph.add_edge("a", "b", tie="sup$ply")
    fig = static_figure(graph, title="$\\alpha$", size_by=None)
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    assert {"US$ 5", "US$ 10", "$\\alpha$"} <= {t.get_text() for t in texts}
    assert not any(t.get_parse_math() for t in texts)
