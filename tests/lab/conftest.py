"""The JupyterLab test runs only when asked for (`make lab-test`, i.e. `pytest -m lab tests/lab`).

It starts a real JupyterLab on 127.0.0.1 (a free port, a token) over fresh trainee copies of
the notebooks, made by jlp.editions.copies as `make lab` makes them; the server stops itself
when idle and is stopped at the end of the session.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    """JupyterLab on 127.0.0.1 over fresh workshop copies of the notebooks."""
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
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.shutdown_no_activity_timeout=900",  # it stops itself if left behind
        "--ContentsManager.pre_save_hook=jlp.editions.copies.pre_save_hook",
        f"--LabApp.workspaces_dir={root / '.workspaces'}",
        f"--LabApp.user_settings_dir={root / '.settings'}",
        "--LabApp.news_url=",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = (root / "server.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (root / "server.log").read_text())
                time.sleep(0.3)
        yield Lab(url, token, root, "my-notebooks")
    finally:
        _stop(server)
        log.close()


def _stop(server: subprocess.Popen) -> None:
    """Stop the server and its kernels (its own process group), politely first."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


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
