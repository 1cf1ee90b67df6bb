"""Build one edition of the book into its own folder, reusing one notebook cache.

Jupyter Book's command line always writes to ``<path-output>/_build/html``, so it cannot put
an edition in ``_build/workshop/html``. This module calls the same function the command
line calls (``jupyter_book.sphinx.build_sphinx``) with the same configuration, plus:

- ``jlp_edition`` set to the edition (see :mod:`jlp.editions`);
- one execution cache for every edition (``_build/.jupyter_cache``, where ``make book``
  keeps it), so the second and third editions re-use the notebooks' outputs instead of
  running them again;
- hub links taken from the environment when set: ``JLP_REPOSITORY_URL``,
  ``JLP_BINDERHUB_URL``, ``JLP_JUPYTERHUB_URL`` (a programme points the launch buttons at
  its own hub without editing ``_config.yml``).

>>> plan = build_plan("workshop", root=Path("/course"))
>>> plan.output.as_posix(), plan.overrides["jlp_edition"]
('/course/_build/workshop/html', 'workshop')
>>> Path(plan.overrides["nb_execution_cache_path"]).as_posix()
'/course/_build/.jupyter_cache'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jlp.editions import edition_named

#: Environment variables that override the hub settings of ``_config.yml``.
HUB_VARIABLES = {
    "JLP_REPOSITORY_URL": ("repository", "url"),
    "JLP_BINDERHUB_URL": ("launch_buttons", "binderhub_url"),
    "JLP_JUPYTERHUB_URL": ("launch_buttons", "jupyterhub_url"),
}
BUILDERS = {"html": "html", "singlehtml": "singlehtml"}


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
) -> BuildPlan:
    """Work out folders and overrides for one edition build (no side effects)."""
    root = Path(root).resolve()
    chosen = edition_named(edition)
    if builder not in BUILDERS:
        raise ValueError(f"builder {builder!r}: use one of {', '.join(BUILDERS)}")
    default_out = root / chosen.output
    if builder == "singlehtml":  # the print edition: one long page
        default_out = root / "_build" / "print" / "html"
    out = Path(output).resolve() if output else default_out
    overrides: dict[str, Any] = {
        "external_toc_path": (root / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        "jlp_edition": chosen.name,
        "nb_execution_cache_path": str(
            Path(cache).resolve() if cache else root / "_build" / ".jupyter_cache"
        ),
    }
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
    result = build_sphinx(
        str(plan.root),
        str(plan.output),
        noconfig=True,
        path_config=str(_config_file(plan)),
        confoverrides=dict(plan.overrides),
        doctreedir=str(plan.output.parent / ".doctrees"),  # where `jupyter-book build` keeps it
        builder=BUILDERS[plan.builder],
        warningiserror=strict,
        keep_going=strict,
        quiet=quiet,
    )
    if isinstance(result, Exception):
        return 1
    return int(result or 0)


__all__ = ["HUB_VARIABLES", "BuildPlan", "build", "build_plan", "hub_overrides"]
