"""The import rule of DESIGN.md, "Layers and the import rule".

The models (data loading, NET, fees, graphs, scale, the cases) compute and never draw or
talk to Jupyter or Sphinx; the library and the ``jlp`` command work without the book
toolchain. Each check runs in a fresh interpreter, so modules imported by other tests do not
count.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

#: Packages no model module may import (drawing, notebooks, the book toolchain).
FRONT_ENDS = {
    "plotly",
    "pyvis",
    "matplotlib",
    "ipywidgets",
    "IPython",
    "sphinx",
    "docutils",
    "myst_nb",
    "jupyter_book",
}
#: The book toolchain, which the library and the command line must not need.
BOOK_TOOLCHAIN = {"sphinx", "docutils", "myst_nb", "jupyter_book", "sphinx_book_theme"}

#: The layers that may draw or talk to Jupyter or Sphinx; every other module of jlp is a model
#: (so a new module is held to the rule unless it is placed here on purpose).
FRONT_END_LAYERS = (
    "viz",
    "widgets",
    "report",
    "cli",
    "editions",
    "selfcheck",
    "sphinx_ext",
    "course",  # the notebooks' one import line: it shows tables and charts
)
#: The front ends that must stay free of Sphinx (the `book` extra is optional).
LIBRARY_FRONT_ENDS = ["jlp.viz", "jlp.widgets", "jlp.report", "jlp.cli", "jlp.sphinx_ext"]


def _model_modules() -> list[str]:
    import jlp

    return [
        info.name
        for info in pkgutil.walk_packages(jlp.__path__, "jlp.")
        if info.name.split(".")[1] not in FRONT_END_LAYERS
    ]


def _top_level_imports(modules: list[str]) -> set[str]:
    """Top-level names in ``sys.modules`` after a fresh interpreter imports ``modules``."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({key.split('.')[0] for key in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


def test_the_model_list_is_complete():
    modules = set(_model_modules())
    assert {"jlp.datasets", "jlp.net.scoring", "jlp.fees.ramps", "jlp.graphs.brokerage"} <= modules
    assert {"jlp.scale.pooling", "jlp.cases.emasim", "jlp.reported"} <= modules
    assert not any(name.startswith(("jlp.viz", "jlp.editions")) for name in modules)


def test_models_import_no_front_end():
    modules = _model_modules()
    # One interpreter importing every model module holds everything any single one imports;
    # only when the union is not clean is each module tried alone, to name the culprit.
    if not _top_level_imports(modules) & FRONT_ENDS:
        return
    culprits = {
        name: sorted(found)
        for name in modules
        if (found := _top_level_imports([name]) & FRONT_ENDS)
    }
    pytest.fail(f"model modules import front ends (see DESIGN.md, Layers): {culprits}")


def test_library_and_command_need_no_book_toolchain():
    found = _top_level_imports(LIBRARY_FRONT_ENDS)
    assert "plotly" in found  # the probe does see what a module imports
    if found & BOOK_TOOLCHAIN:
        culprits = {
            name: sorted(_top_level_imports([name]) & BOOK_TOOLCHAIN) for name in LIBRARY_FRONT_ENDS
        }
        pytest.fail(f"these need the book toolchain, which is an optional extra: {culprits}")


def test_measuring_a_network_loads_no_pandas_and_no_drawing_code():
    """`jlp graph metrics` only reads, measures and prints: the slow imports stay out."""
    from jlp.graphs import template_path

    nodes, edges = template_path("example_nodes.csv"), template_path("example_edges.csv")
    code = (
        "import json, sys\n"
        "from jlp.cli import main\n"
        f"code = main(['graph', 'metrics', {str(nodes)!r}, {str(edges)!r}, '--format', 'csv'])\n"
        "print(json.dumps([code, sorted({k.split('.')[0] for k in sys.modules})]), "
        "file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    exit_code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert exit_code == 0 and done.stdout.startswith("id,label,kind,degree,betweenness")
    assert not set(loaded) & (FRONT_ENDS | {"pandas", "jinja2", "openpyxl", "scipy"})


def test_no_module_hides_a_name_its_package_exports():
    """A submodule named like a function its package exports (``jlp.viz.plotly_text`` was
    one) replaces that function on the package once imported: every export stays itself
    after every module of jlp is loaded (in a fresh interpreter)."""
    code = (
        "import importlib, inspect, json, pkgutil, jlp\n"
        "names = [i.name for i in pkgutil.walk_packages(jlp.__path__, 'jlp.')]\n"
        "skip = ('jlp.editions', 'jlp.selfcheck', 'jlp.__main__')\n"
        "for name in names:\n"
        "    if not name.startswith(skip):\n"
        "        importlib.import_module(name)\n"
        "hidden = []\n"
        "for name in ['jlp'] + names:\n"
        "    module = importlib.import_module(name) if not name.startswith(skip) else None\n"
        "    for export in getattr(module, '__all__', []):\n"
        "        value = getattr(module, export, None)\n"
        "        if inspect.ismodule(value) and value.__name__ == f'{name}.{export}':\n"
        "            hidden.append(f'{name}.{export}')\n"
        "print(json.dumps(hidden))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
