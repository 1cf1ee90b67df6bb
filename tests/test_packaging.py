"""The requirement files and locks agree (DESIGN.md, Environments and packaging).

A learner's image installs requirements.txt (pinned by the runtime lock); CI and the Makefile
install requirements-lock.txt; the `book` extra of pyproject.toml is the book toolchain.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
CHECK_TOOLS = {
    "pytest",
    "pytest-xdist",
    "hypothesis",
    "nbval",
    "playwright",
    "axe-playwright-python",
    "ruff",
    "krippendorff",
    "uv",
}
BOOK_TOOLS = {"jupyter-book", "sphinx", "myst-nb", "sphinx-book-theme", "sphinx-exercise"}


def requirements(name: str) -> tuple[list[Requirement], list[str]]:
    """The named requirements of a file (following ``-r``) and its other lines."""
    named, other = [], []
    for raw in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            more, rest = requirements(line[3:].strip())
            named += more
            other += rest
        elif line.startswith("-") or line == ".":
            other.append(line)
        else:
            named.append(Requirement(line))
    return named, other


def pins(lock: str) -> dict[str, str]:
    found = {}
    for requirement in requirements(lock)[0]:
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{lock}: {requirement} is not pinned"
        found[canonicalize_name(requirement.name)] = spec.version
    return found


def names(requirement_list: list[Requirement]) -> set[str]:
    return {canonicalize_name(r.name) for r in requirement_list}


def test_runtime_installs_jlp_through_the_runtime_lock_and_no_check_or_book_tool():
    named, other = requirements("requirements.txt")
    assert "." in other and "-c requirements-runtime-lock.txt" in other
    assert not names(named) & (CHECK_TOOLS | BOOK_TOOLS)
    assert not set(pins("requirements-runtime-lock.txt")) & (CHECK_TOOLS | BOOK_TOOLS)


def test_the_book_extra_and_requirements_book_are_the_same_list():
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["book"]
    assert sorted(map(str, map(Requirement, extra))) == sorted(
        map(str, requirements("requirements-book.txt")[0])
    )


def test_dev_holds_runtime_book_and_checks():
    dev = names(requirements("requirements-dev.txt")[0])
    assert names(requirements("requirements.txt")[0]) <= dev
    assert names(requirements("requirements-book.txt")[0]) <= dev
    assert CHECK_TOOLS.issubset(dev)


@pytest.mark.parametrize(
    ("inputs", "lock"),
    [
        ("requirements.txt", "requirements-runtime-lock.txt"),
        ("requirements-dev.txt", "requirements-lock.txt"),
    ],
)
def test_every_requirement_is_pinned_within_its_range(inputs, lock):
    pinned = pins(lock)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = requirements(inputs)[0] + [Requirement(d) for d in project["dependencies"]]
    if lock == "requirements-lock.txt":
        wanted += [Requirement(d) for d in project["optional-dependencies"]["book"]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is missing from {lock}: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {name}=={pinned[name]}, outside {requirement}: run make lock"
        )


def test_the_two_locks_agree_on_shared_packages():
    runtime, dev = pins("requirements-runtime-lock.txt"), pins("requirements-lock.txt")
    assert set(runtime) <= set(dev)
    assert {n: v for n, v in runtime.items() if dev[n] != v} == {}
