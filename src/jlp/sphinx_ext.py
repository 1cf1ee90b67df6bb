"""A small Sphinx extension that serves plotly.js and vis-network from the site itself.

Registered in ``_config.yml`` (``sphinx.extra_extensions``). It copies ``plotly.min.js``
from the installed ``plotly`` package into the site's ``_static`` folder (so the page and
the Python library always agree on the version) and adds the script only to the pages
that hold a plotly chart, so text-only pages stay light on a slow connection.

Network pictures are sandboxed frames that carry their own copy of vis-network
(:func:`jlp.viz.network_page.vis_block`, about 470 KB). Once the site is written, every page
that holds such a frame (in the page or in a widget's saved state) loses those copies and
gains one script, ``_static/jlp-vis.js`` (:func:`vis_loader`), which the browser fetches once
and caches: it hands vis-network to each frame that asks (a message, which works offline and
from ``file://``) and sets each frame's height to what the frame reports. Still pictures of
maps (``<picture class="jlp-still">``, a laptop and a phone image) leave the page for files
in ``_images``, so a reader downloads only the one that fits the screen
(:func:`extract_stills`).

>>> plotly_js_path().name
'plotly.min.js'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

PLOTLY_JS = "plotly.min.js"
VIS_JS = "jlp-vis.js"
#: anywidget's front end for pages without JupyterLab (an AMD module the widget manager loads).
ANYWIDGET_JS = "anywidget/index.js"
#: What a page says in place of the vis-network copy it no longer holds.
VIS_REMOVED = "<!-- vis-network: from the site (_static/jlp-vis.js) -->"

_LOADER = """// Hands vis-network to the network pictures of this page (sandboxed frames that
// ask for it by message) and sets each frame's height to what it reports. Written by jlp.
(function () {
  var source = %s;
  window.addEventListener("message", function (event) {
    var asked = event.data;
    if (!asked || typeof asked !== "object") { return; }
    if (asked.jlp === "need-vis") {
      event.source.postMessage({jlp: "vis", js: source}, "*");
    } else if (asked.jlp === "height" && asked.height > 0) {
      var frames = document.querySelectorAll("iframe.jlp-graph-frame");
      for (var i = 0; i < frames.length; i++) {
        if (frames[i].contentWindow === event.source) {
          frames[i].style.height = Math.ceil(asked.height + 4) + "px";
        }
      }
    }
  });
})();
"""


def vis_loader() -> str:
    """The script a site serves once for all its network pictures (vis-network inside).

    >>> vis_loader().count("need-vis")
    1
    """
    from jlp.viz.network_page import vis_js_path

    return _LOADER % json.dumps(vis_js_path().read_text(encoding="utf-8"))


def _encodings(text: str) -> list[str]:
    """``text`` as it stands inside a frame's ``srcdoc``, inside a widget's saved state, and
    as a page inside a widget's saved state (the explorer's map; ``</script`` may be written
    ``<\\/`` there)."""
    attribute = html.escape(text, quote=True)
    raw = json.dumps(text)[1:-1]
    return [attribute, json.dumps(attribute)[1:-1], raw, raw.replace("</script", "<\\/script")]


def lighten_page(page: str, static_url: str) -> str:
    """``page`` without its copies of vis-network, and with the site's loader when it had any.

    >>> from jlp.viz.network_page import vis_block
    >>> page = "<head></head><iframe srcdoc='" + html.escape(vis_block(), quote=True) + "'>"
    >>> light = lighten_page(page, "_static/")
    >>> len(light) < 2000 and "_static/jlp-vis.js" in light
    True
    """
    from jlp.viz.network_page import vis_block

    for block, removed in zip(_encodings(vis_block()), _encodings(VIS_REMOVED), strict=True):
        page = page.replace(block, removed)
    tag = f'<script src="{html.escape(static_url)}{VIS_JS}"></script>'
    if tag not in page and any(removed in page for removed in _encodings(VIS_REMOVED)):
        # the page's own head ends last: a widget's saved state (in the head) may hold pages
        end = page.rfind("</head>")
        page = page[:end] + tag + page[end:] if end >= 0 else tag + page
    paths = json.dumps({"anywidget": static_url + ANYWIDGET_JS.removesuffix(".js")})
    config = f"<script>require.config({{paths: {paths}}});</script>"
    if '"_model_module": "anywidget"' in page and config not in page:
        # the explorer's map: anywidget from the site. The widget manager reads the mere
        # presence of data-jupyter-widgets-cdn-only (even "false") as "only from the CDN".
        page = page.replace('data-jupyter-widgets-cdn-only="false" ', "", 1)
        page = re.sub(
            r"<script[^>]*require\.js[^>]*></script>", lambda m: m.group(0) + config, page, count=1
        )
    return page


_WIDGET_STATE = re.compile(
    r'(<script type="application/vnd\.jupyter\.widget-state\+json">)(.*?)(</script>)', re.S
)
_PLOTLY_MIME = "application/vnd.plotly.v1+json"


def drop_unread_figures(page: str) -> str:
    """``page`` without the plotly data that saved widget outputs carry twice: the static
    widget manager draws a chart from the output's HTML, so the JSON copy beside it is
    never read on the site (JupyterLab keeps both).

    >>> state = {
    ...     "state": {
    ...         "m": {
    ...             "model_name": "OutputModel",
    ...             "state": {
    ...                 "outputs": [
    ...                     {"data": {"text/html": "<div>chart</div>", _PLOTLY_MIME: {"data": []}}}
    ...                 ]
    ...             },
    ...         }
    ...     }
    ... }
    >>> page = (
    ...     '<script type="application/vnd.jupyter.widget-state+json">'
    ...     + json.dumps(state)
    ...     + "</script>"
    ... )
    >>> _PLOTLY_MIME in drop_unread_figures(page), "chart" in drop_unread_figures(page)
    (False, True)
    """

    def lighter(model: dict) -> None:
        for output in model.get("state", {}).get("outputs", []) or []:
            data = output.get("data", {}) if isinstance(output, dict) else {}
            if _PLOTLY_MIME in data and "text/html" in data:
                del data[_PLOTLY_MIME]

    return _each_saved_model(page, lighter)


def drop_unset_styles(page: str) -> str:
    """``page`` with its saved widgets' layouts and styles written without the properties
    left unset: a layout saves some forty CSS properties, nearly all ``null``, which the
    widget manager takes as its defaults anyway (a page with two NET scorers holds about two
    hundred layouts).

    >>> state = {
    ...     "state": {
    ...         "m": {
    ...             "model_name": "LayoutModel",
    ...             "state": {"_model_name": "LayoutModel", "width": "50%", "height": None},
    ...         }
    ...     }
    ... }
    >>> page = (
    ...     '<script type="application/vnd.jupyter.widget-state+json">'
    ...     + json.dumps(state)
    ...     + "</script>"
    ... )
    >>> "height" in drop_unset_styles(page), "50%" in drop_unset_styles(page)
    (False, True)
    """

    def lighter(model: dict) -> None:
        name = str(model.get("model_name", ""))
        values = model.get("state")
        if (name == "LayoutModel" or name.endswith("StyleModel")) and isinstance(values, dict):
            model["state"] = {k: v for k, v in values.items() if v is not None}

    return _each_saved_model(page, lighter)


def _each_saved_model(page: str, edit: Callable[[dict], None]) -> str:
    """``page`` with ``edit`` applied to every model of its saved widget state (a state that
    does not parse is left as it is)."""

    def edited(match: re.Match) -> str:
        try:
            state = json.loads(match.group(2))
        except ValueError:
            return match.group(0)
        for model in state.get("state", {}).values():
            edit(model)
        text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        return match.group(1) + text.replace("</", "<\\/") + match.group(3)

    return _WIDGET_STATE.sub(edited, page)


_STILL = re.compile(r'<picture class="jlp-still">.*?</picture>', re.S)
_DATA_PNG = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


def extract_stills(page: str, images: Path, images_url: str) -> str:
    """``page`` with the images of its still map pictures written to ``images`` (named by
    their content) and linked from ``images_url`` instead of carried inside the page.

    >>> import base64, tempfile
    >>> data = base64.b64encode(b"png").decode()
    >>> page = f'<picture class="jlp-still"><img src="data:image/png;base64,{data}"></picture>'
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     extract_stills(page, Path(folder), "../_images/")
    '<picture class="jlp-still"><img src="../_images/jlp-map-8f8cbb7dcf.png"></picture>'
    """

    def to_file(found: re.Match) -> str:
        data = base64.b64decode(found.group(1))
        name = f"jlp-map-{hashlib.sha256(data).hexdigest()[:10]}.png"
        target = images / name
        if not target.exists():
            images.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return images_url + name

    return _STILL.sub(lambda picture: _DATA_PNG.sub(to_file, picture.group(0)), page)


def _lighten_site(outdir: Path) -> None:
    loader = outdir / "_static" / VIS_JS
    written = False
    for path in outdir.rglob("*.html"):
        if path.is_relative_to(outdir / "_static"):
            continue
        page = path.read_text(encoding="utf-8")
        depth = len(path.relative_to(outdir).parts) - 1
        light = drop_unread_figures(lighten_page(page, "../" * depth + "_static/"))
        light = drop_unset_styles(light)
        light = extract_stills(light, outdir / "_images", "../" * depth + "_images/")
        if light != page:
            path.write_text(light, encoding="utf-8")
            if not written:
                loader.parent.mkdir(parents=True, exist_ok=True)
                loader.write_text(vis_loader(), encoding="utf-8")
                _copy_anywidget(outdir / "_static" / ANYWIDGET_JS)
                written = True


def _copy_anywidget(target: Path) -> None:
    import anywidget

    source = Path(anywidget.__file__).parent / "nbextension" / "index.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


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
    _lighten_site(Path(app.outdir))
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
