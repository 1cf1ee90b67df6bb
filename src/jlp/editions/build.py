"""Build one edition of the book into its own folder, reusing one notebook cache.

Jupyter Book's command line always writes to ``<path-output>/_build/html``, so it cannot put
an edition in ``_build/workshop/html``. This module calls the same function the command
line calls (``jupyter_book.sphinx.build_sphinx``) with the same configuration, plus:

- ``jlp_edition`` set to the edition (see :mod:`jlp.editions`);
- one execution cache for every edition, so the second and third editions re-use the
  notebooks' outputs instead of running them again. The cache is keyed on what the notebooks
  run with as well as on the notebooks themselves: its folder is
  ``_build/.jupyter_cache/<inputs digest>``, where the digest covers the ``jlp`` package that
  is imported and the data package it reads (:func:`inputs_digest`). A change in either
  starts a fresh cache (and removes the stale one), so a cached output never hides a
  change in ``src/jlp`` or ``datasets/``;
- hub links taken from the environment when set: ``JLP_REPOSITORY_URL``,
  ``JLP_BINDERHUB_URL``, ``JLP_JUPYTERHUB_URL`` (a programme points the launch buttons at
  its own hub without editing ``_config.yml``).

>>> plan = build_plan("workshop", root=Path("/course"))
>>> plan.output.as_posix(), plan.overrides["jlp_edition"]
('/course/_build/workshop/html', 'workshop')
>>> cache = Path(plan.overrides["nb_execution_cache_path"])
>>> cache.parent.as_posix(), cache.name == inputs_digest()
('/course/_build/.jupyter_cache', True)

A build in Spanish (:mod:`jlp.editions.language`) goes to its own folder and cache:

>>> plan = build_plan("workshop", root=Path("/course"), language="es")
>>> plan.output.as_posix(), plan.overrides["language"], plan.environ
('/course/_build/es/workshop/html', 'es', {'JLP_LANG': 'es'})
>>> Path(plan.overrides["nb_execution_cache_path"]).parent.as_posix()
'/course/_build/.jupyter_cache/es'
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jlp.editions import edition_named
from jlp.editions.language import LANGUAGES, SOURCE_LANGUAGE, build_settings, language_named

#: Environment variables that override the hub settings of ``_config.yml``.
HUB_VARIABLES = {
    "JLP_REPOSITORY_URL": ("repository", "url"),
    "JLP_BINDERHUB_URL": ("launch_buttons", "binderhub_url"),
    "JLP_JUPYTERHUB_URL": ("launch_buttons", "jupyterhub_url"),
}
BUILDERS = {"html": "html", "singlehtml": "singlehtml", "gettext": "gettext"}
CACHE_ROOT = Path("_build") / ".jupyter_cache"
#: Files that never change what a notebook shows.
_IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def _files(folder: Path) -> Iterable[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not _IGNORED_PARTS.intersection(path.parts):
            yield path


def inputs_digest(package: Path | None = None, data: Path | None = None) -> str:
    """A short digest of the ``jlp`` package and the data package the notebooks run with.

    Defaults to the package actually imported and the data folder :mod:`jlp.datasets` reads,
    so a build of any book (the course, or a test's fixture book) keys its cache on the code
    that really runs.

    >>> len(inputs_digest()), inputs_digest() == inputs_digest()
    (16, True)
    """
    import jlp
    from jlp.datasets import data_dir

    package = package or Path(jlp.__file__).parent
    data = data or data_dir()
    digest = hashlib.sha256()
    for label, folder in (("package", package), ("data", data)):
        for path in _files(folder):
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def cache_folder(
    root: Path, cache: Path | str | None = None, language: str = SOURCE_LANGUAGE
) -> Path:
    """The execution cache for this build: ``cache`` if given, else keyed on the inputs
    (a language other than English keeps its own, since the outputs are in that language)."""
    if cache:
        return Path(cache).resolve()
    folder = root / CACHE_ROOT
    if language != SOURCE_LANGUAGE:
        folder = folder / language_named(language).code
    return folder / inputs_digest()


def _prune_stale_caches(current: Path) -> None:
    """Remove caches of earlier inputs beside ``current`` (only inside the keyed cache root)."""
    keyed = current.parent.name == CACHE_ROOT.name or (
        current.parent.parent.name == CACHE_ROOT.name and current.parent.name in LANGUAGES
    )
    if not keyed or not current.parent.is_dir():
        return
    for sibling in current.parent.iterdir():
        if sibling != current and sibling.is_dir() and len(sibling.name) == 16:
            shutil.rmtree(sibling, ignore_errors=True)


@dataclass
class BuildPlan:
    """Everything one edition build needs: folders, config file and overrides."""

    edition: str
    root: Path
    output: Path
    config: Path
    builder: str = "html"
    overrides: dict[str, Any] = field(default_factory=dict)
    yaml_overrides: dict[str, Any] = field(default_factory=dict)
    language: str = SOURCE_LANGUAGE
    #: Environment the notebooks run with (``JLP_LANG`` for a translated build).
    environ: dict[str, str] = field(default_factory=dict)


def _deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def hub_overrides(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``_config.yml`` keys set from ``JLP_*_URL`` variables that are present and not empty.

    >>> hub_overrides({"JLP_JUPYTERHUB_URL": "https://hub.example.org"})
    {'launch_buttons': {'jupyterhub_url': 'https://hub.example.org'}}
    """
    environ = os.environ if environ is None else environ
    found: dict[str, Any] = {}
    for variable, (section, key) in HUB_VARIABLES.items():
        value = environ.get(variable, "").strip()
        if value:
            found.setdefault(section, {})[key] = value
    return found


def build_plan(
    edition: str,
    *,
    root: Path | str = ".",
    output: Path | str | None = None,
    builder: str = "html",
    cache: Path | str | None = None,
    strict: bool = True,
    environ: Mapping[str, str] | None = None,
    language: str = SOURCE_LANGUAGE,
) -> BuildPlan:
    """Work out folders and overrides for one edition build (no side effects)."""
    root = Path(root).resolve()
    chosen = edition_named(edition)
    code = language_named(language).code
    if builder not in BUILDERS:
        raise ValueError(f"builder {builder!r}: use one of {', '.join(BUILDERS)}")
    relative = Path(chosen.output)
    if builder == "singlehtml":  # the print edition: one long page
        relative = Path("_build") / "print" / "html"
    if builder == "gettext":  # the messages of every page, to translate (no outputs needed)
        # (its own folder, so its doctrees never meet the HTML build's)
        relative = Path("_build") / "gettext" / "messages"
    if code != SOURCE_LANGUAGE:  # _build/html -> _build/es/html, and so on
        relative = Path("_build") / code / relative.relative_to("_build")
    out = Path(output).resolve() if output else root / relative
    overrides: dict[str, Any] = {
        "external_toc_path": (root / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        "jlp_edition": chosen.name,
        "nb_execution_cache_path": str(cache_folder(root, cache, code)),
        **build_settings(code, root),
    }
    if builder == "gettext":
        overrides.update(
            {
                "nb_execution_mode": "off",
                "gettext_compact": False,
                "project": "jlp",  # the catalogues' header names the course
                "copyright": "jlp contributors",
                "version": "",
            }
        )
    if strict:
        overrides["nitpicky"] = True
    return BuildPlan(
        edition=chosen.name,
        root=root,
        output=out,
        config=root / "_config.yml",
        builder=builder,
        overrides=overrides,
        yaml_overrides=hub_overrides(environ),
        language=code,
        environ={} if code == SOURCE_LANGUAGE else {"JLP_LANG": code},
    )


def _config_file(plan: BuildPlan) -> Path:
    """The config to build with: ``_config.yml``, or a merged copy when hub URLs are set."""
    if not plan.yaml_overrides:
        return plan.config
    base = yaml.safe_load(plan.config.read_text(encoding="utf-8"))
    merged = _deep_merge(base, plan.yaml_overrides)
    target = plan.output.parent / f"_config.{plan.edition}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def build(plan: BuildPlan, *, strict: bool = True, quiet: bool = False) -> int:
    """Run Sphinx for ``plan``; the exit status (0 when the book built without warnings)."""
    from jupyter_book.sphinx import build_sphinx

    plan.output.mkdir(parents=True, exist_ok=True)
    _prune_stale_caches(Path(plan.overrides["nb_execution_cache_path"]))
    saved = {key: os.environ.get(key) for key in plan.environ}
    os.environ.update(plan.environ)  # the notebooks' kernels inherit it
    try:
        result = build_sphinx(
            str(plan.root),
            str(plan.output),
            noconfig=True,
            path_config=str(_config_file(plan)),
            confoverrides=dict(plan.overrides),
            doctreedir=str(plan.output.parent / ".doctrees"),  # as `jupyter-book build` does
            builder=BUILDERS[plan.builder],
            warningiserror=strict,
            keep_going=strict,
            quiet=quiet,
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if isinstance(result, Exception):
        return 1
    return int(result or 0)


__all__ = [
    "HUB_VARIABLES",
    "BuildPlan",
    "build",
    "build_plan",
    "cache_folder",
    "hub_overrides",
    "inputs_digest",
]
