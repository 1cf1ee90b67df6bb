"""The JupyterLab test runs only when asked for (`make lab-test`, i.e. `pytest -m lab tests/lab`).

It starts a real JupyterLab on 127.0.0.1 (a free port, a token) over fresh trainee copies of
the notebooks, made by jlp.editions.copies as `make lab` makes them; the server stops itself
when idle and is stopped at the end of the session.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "lab: starts a real JupyterLab on 127.0.0.1 (make lab-test)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "lab" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="the JupyterLab test runs with `make lab-test` (pytest -m lab)")
    for item in items:
        if item.get_closest_marker("lab") is not None:
            item.add_marker(skip)


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    folder: str  # the copies' folder, relative to the server's root

    def tree(self, name: str, folder: str | None = None) -> str:
        return f"{self.url}/lab/tree/{folder or self.folder}/{name}?token={self.token}&reset"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 over fresh workshop copies of the notebooks (tests/servers.py:
    a free port, a token, stopped at the end of the session or when left idle)."""
    from servers import DidNotStart, jupyterlab

    from jlp.editions.copies import refresh

    root = tmp_path_factory.mktemp("lab")
    refresh(ROOT / "notebooks", root / "my-notebooks", "workshop")
    refresh(ROOT / "notebooks", root / "instructor-notebooks", "instructor")
    news = root / ".settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    notebook = root / ".settings" / "@jupyterlab" / "notebook-extension"
    notebook.mkdir(parents=True)  # every cell drawn, so the test can read them all
    (notebook / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    options = [
        "--ContentsManager.pre_save_hook=jlp.editions.copies.pre_save_hook",
        f"--LabApp.workspaces_dir={root / '.workspaces'}",
        f"--LabApp.user_settings_dir={root / '.settings'}",
        "--LabApp.news_url=",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    try:
        with jupyterlab(root, options=options, env=env, log=root / "server.log") as server:
            yield Lab(server.url, server.token, root, "my-notebooks")
    except DidNotStart as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def chromium():
    """Debian chromium driven by playwright."""
    from browser import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        if IN_CI:
            pytest.fail("no chromium found (CI=true: the lab test must run)")
        pytest.skip("no chromium found: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
