"""A small Sphinx extension that serves plotly.js from the site itself.

Registered in ``_config.yml`` (``sphinx.extra_extensions``). It copies ``plotly.min.js``
from the installed ``plotly`` package into the site's ``_static`` folder (so the page and
the Python library always agree on the version) and adds the script only to the pages
that hold a plotly chart, so text-only pages stay light on a slow connection.

>>> plotly_js_path().name
'plotly.min.js'
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

PLOTLY_JS = "plotly.min.js"


def plotly_js_path() -> Path:
    """Where the installed plotly package keeps its bundled ``plotly.min.js``."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / PLOTLY_JS


def _add_plotly_where_needed(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if "plotly-graph-div" in context.get("body", ""):
        app.add_js_file(PLOTLY_JS, priority=400)


def _copy_plotly(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / PLOTLY_JS
    source = plotly_js_path()
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("html-page-context", _add_plotly_where_needed)
    app.connect("build-finished", _copy_plotly)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
