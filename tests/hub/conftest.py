"""The hub test runs only when asked for (`make hub-test`, i.e. `pytest -m hub tests/hub`):
it starts a JupyterHub, four servers and a browser, which takes minutes."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hub: starts a real JupyterHub on 127.0.0.1 (make hub-test)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "hub" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="the hub test runs with `make hub-test` (pytest -m hub)")
    for item in items:
        if item.get_closest_marker("hub") is not None:
            item.add_marker(skip)
