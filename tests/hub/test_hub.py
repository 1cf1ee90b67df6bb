"""A real JupyterHub for a cohort, on 127.0.0.1: three trainees and an instructor.

What runs: JupyterHub (pip `jupyterhub`) with configurable-http-proxy (npm, installed by
`make hub-test` into `_build/hub/node_modules`), the shared-password authenticator and the
simple local spawner (homes in a temporary folder). In Debian's Chromium, each trainee logs
in through the hub's login page and follows an nbgitpuller link (jlp.hub.pull_link) to a
clone of this repository; the course is pulled into their home and net-tool opens in
JupyterLab with a kernel. In that kernel the notebook's first cells run, one trainee runs a
whole case notebook, and each trainee drops a scoring into the class folder. The instructor
logs in, the agreement view reads the folder, and its report, opened in the instructor's
browser, shows three assessors and an alpha. A later update of the course is pulled again
without touching a trainee's own edit. Memory and start-up times are measured and written
to `_build/hub/measurements.json` (the deployment page quotes them).

Everything started here is stopped in `finally` blocks: the hub's process group, each
single-user server and kernel (by process id), and the browser contexts.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from servers import free_port

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TRAINEES = {"ana": "Ana", "ben": "Ben", "eva": "Eva"}
INSTRUCTOR = "instructor"
CASE_NOTEBOOK = "notebooks/emasim.ipynb"
OUT = ROOT / "_build" / "hub"


def _proxy() -> str | None:
    candidates = [
        os.environ.get("JLP_CHP"),
        OUT / "node_modules/.bin/configurable-http-proxy",
        shutil.which("configurable-http-proxy"),
    ]
    return next((str(c) for c in candidates if c and Path(c).exists()), None)


def _missing(what: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{what} (CI=true: the hub test must run)")
    pytest.skip(what)


@dataclass
class Hub:
    url: str
    token: str
    user_password: str
    admin_password: str
    work: Path
    classroom: Path
    homes: Path
    repo: Path
    branch: str
    process: subprocess.Popen
    measured: dict = field(default_factory=dict)

    def api(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else {}


def _config(
    hub_port: int,
    inner: int,
    api_port: int,
    work: Path,
    classroom: Path,
    homes: Path,
    token: str,
    user_pw: str,
    admin_pw: str,
    proxy: str,
) -> str:
    env = {
        "JLP_CLASS_FOLDER": str(classroom),
        "PYTHONPATH": str(ROOT / "src"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "PATH": os.environ.get("PATH", ""),
    }
    args = ["--allow-root"] if os.geteuid() == 0 else []
    return f"""
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{hub_port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{inner}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {str(work / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{work / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(work / "cookie_secret")!r}
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {user_pw!r}
c.SharedPasswordAuthenticator.admin_password = {admin_pw!r}
c.Authenticator.admin_users = {{{INSTRUCTOR!r}}}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / "{username}")!r}
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.disable_user_config = True
c.Spawner.environment = {env!r}
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.JupyterHub.services = [{{"name": "hub-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "hub-test", "services": ["hub-test"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}}]
"""


def _descendants(pid: int) -> list[int]:
    import psutil

    with contextlib.suppress(psutil.Error):
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    return []


def _stop(pids: list[int], *, grace: float = 10) -> None:
    import psutil

    alive = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            process = psutil.Process(pid)
            process.terminate()
            alive.append(process)
    _, left = psutil.wait_procs(alive, timeout=grace)
    for process in left:
        with contextlib.suppress(psutil.Error):
            process.kill()


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    pytest.importorskip("jupyterhub")
    pytest.importorskip("nbgitpuller")
    pytest.importorskip("psutil")
    proxy = _proxy()
    if proxy is None:
        _missing("configurable-http-proxy not found: make hub-test installs it with npm")
    work = tmp_path_factory.mktemp("hub")
    classroom, homes = work / "class", work / "homes"
    classroom.mkdir()
    homes.mkdir()
    branch = subprocess.run(
        ["git", "rev-parse", "--abbrev-ref", "HEAD"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    repo = work / "jlp.git"
    subprocess.run(
        ["git", "clone", "--quiet", "--bare", "--branch", branch, str(ROOT), str(repo)],
        check=True,
        timeout=120,
    )
    port, inner, api_port = free_port(), free_port(), free_port()
    token, user_pw, admin_pw = (secrets.token_hex(20) for _ in range(3))
    config = work / "jupyterhub_config.py"
    config.write_text(
        _config(port, inner, api_port, work, classroom, homes, token, user_pw, admin_pw, proxy),
        encoding="utf-8",
    )
    log = (work / "hub.log").open("wb")
    process = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(config)],
        cwd=work,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    servers: list[int] = []
    started = Hub(
        f"http://127.0.0.1:{port}",
        token,
        user_pw,
        admin_pw,
        work,
        classroom,
        homes,
        repo,
        branch,
        process,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                started.api("GET", "/hub/api/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        "the hub did not start:\n" + (work / "hub.log").read_text()[-3000:]
                    ) from None
                time.sleep(0.3)
        started.measured["hub_start_seconds"] = round(60 - (deadline - time.monotonic()), 1)
        yield started
    finally:
        servers = _descendants(process.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        _stop(servers)
        log.close()


# --------------------------------------------------------------------------- kernels


def _execute(hub: Hub, user: str, kernel: str, code: str, timeout: float = 120) -> str:
    """Run code in a user's kernel over the kernel websocket; return its printed output."""
    import websocket

    url = hub.url.replace("http://", "ws://") + f"/user/{user}/api/kernels/{kernel}/channels"
    socket_ = websocket.create_connection(
        url, header=[f"Authorization: token {hub.token}"], timeout=timeout
    )
    try:
        msg_id = uuid.uuid4().hex
        socket_.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": user,
                        "session": uuid.uuid4().hex,
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        # The reply (shell) may come before the printed output (iopub): wait for both the
        # reply and the kernel's "idle" after this request.
        output, replied, idle = [], False, False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (replied and idle):
            message = json.loads(socket_.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                output.append(content["text"])
            elif kind == "error":
                raise AssertionError(
                    f"{user}'s kernel: {content['ename']}: {content['evalue']}\n{code[:300]}"
                )
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
        if replied and idle:
            return "".join(output)
        raise AssertionError(f"{user}'s kernel did not answer in {timeout} s")
    finally:
        socket_.close()


def _notebook_kernel(hub: Hub, user: str, name: str, timeout: float = 60) -> str:
    """The kernel JupyterLab started for a notebook the browser opened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for session in hub.api("GET", f"/user/{user}/api/sessions"):
            if session["path"].endswith(name) and session.get("kernel"):
                return session["kernel"]["id"]
        time.sleep(0.5)
    raise AssertionError(f"no kernel for {name} in {user}'s server")


def _code_cells(path: str) -> list[str]:
    cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def _memory(user: str) -> dict[str, float]:
    """RSS (MB) of a user's single-user server and of everything it started (kernels)."""
    import psutil

    for process in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if "jupyterhub-singleuser" not in " ".join(process.info["cmdline"] or []):
                continue
            if process.environ().get("JUPYTERHUB_USER") != user:
                continue
            children = process.children(recursive=True)
            return {
                "server_mb": round(process.memory_info().rss / 2**20, 1),
                "kernels_mb": round(sum(c.memory_info().rss for c in children) / 2**20, 1),
                "processes": 1 + len(children),
            }
    raise AssertionError(f"no server process for {user}")


def _hub_memory(hub: Hub) -> float:
    """RSS (MB) of the hub and its proxy (not the users' servers)."""
    import psutil

    with contextlib.suppress(psutil.Error):
        hub_process = psutil.Process(hub.process.pid)
        own = [hub_process] + [
            c
            for c in hub_process.children()
            if "jupyterhub-singleuser" not in " ".join(c.cmdline())
        ]
        return round(sum(p.memory_info().rss for p in own) / 2**20, 1)
    return float("nan")


def _login(page, hub: Hub, user: str, password: str, target: str) -> float:
    """Follow ``target`` as a new visitor: the hub's login page, then on to the target."""
    page.goto(target, wait_until="domcontentloaded")
    page.wait_for_selector("#username_input", timeout=30_000)
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    start = time.monotonic()
    page.click("#login_submit")
    return start


# --------------------------------------------------------------------------- the test


def test_a_cohort_on_the_hub(hub: Hub, browser):
    from jlp.hub import pull_link
    from jlp.net.agreement import agreement
    from jlp.net.class_folder import read_scorings

    link = pull_link(hub.url, str(hub.repo), hub.branch, "notebooks/net-tool.ipynb", folder="jlp")
    cells = _code_cells("notebooks/net-tool.ipynb")
    startup, memory = {}, {}
    changes = {
        "ana": {},
        "ben": {2: "achieved", 9: "not_achieved", 30: "achieved"},
        "eva": {2: "not_achieved", 9: "partial", 17: "achieved", 30: "partial"},
    }
    contexts, pages, starts = [], {}, {}
    try:
        # everyone logs in at once, as in a training room: the hub spawns four servers together
        for user in [*TRAINEES, INSTRUCTOR]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            contexts.append(context)
            pages[user] = context.new_page()
            if user == INSTRUCTOR:
                starts[user] = _login(pages[user], hub, user, hub.admin_password, f"{hub.url}/hub/")
            else:
                starts[user] = _login(pages[user], hub, user, hub.user_password, link)
        # the pages load side by side; each time is taken when the test sees that page ready
        kernels = {}
        for user in TRAINEES:
            pages[user].wait_for_url(
                f"**/user/{user}/lab/tree/jlp/notebooks/net-tool.ipynb*", timeout=150_000
            )
            pages[user].wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
            kernels[user] = _notebook_kernel(hub, user, "net-tool.ipynb")
            startup[user] = round(time.monotonic() - starts[user], 1)
        pages[INSTRUCTOR].wait_for_url(f"**/user/{INSTRUCTOR}/lab*", timeout=150_000)
        pages[INSTRUCTOR].wait_for_selector(".jp-LabShell", timeout=90_000)
        startup[INSTRUCTOR] = round(time.monotonic() - starts[INSTRUCTOR], 1)
        for user, name in TRAINEES.items():
            kernel = kernels[user]
            assert (hub.homes / user / "jlp" / "notebooks" / "net-tool.ipynb").exists()
            # the notebook's own first cells, in the trainee's kernel
            for source in cells[:4]:
                _execute(hub, user, kernel, source)
            if user == "ana":  # one whole case notebook, for the memory measure
                for source in _code_cells(CASE_NOTEBOOK):
                    _execute(hub, user, kernel, source, timeout=180)
            memory[user] = _memory(user)
            edits = "\n".join(
                f"mine.loc[mine.index[{k}], 'rating'] = {v!r}" for k, v in changes[user].items()
            )
            saved = _execute(
                hub,
                user,
                kernel,
                f"mine = example.copy()\n{edits}\nprint(net.drop_scoring(mine, assessor={name!r}))",
            )
            assert saved.strip().startswith(str(hub.classroom))

        # the instructor: the agreement view over the class folder, in their own server
        page = pages[INSTRUCTOR]
        kernel = hub.api("POST", f"/user/{INSTRUCTOR}/api/kernels", {"name": "python3"})["id"]
        shown = json.loads(
            _execute(
                hub,
                INSTRUCTOR,
                kernel,
                (
                    "import json\n"
                    "from jlp.widgets import AgreementView\n"
                    "from jlp.report.agreement_report import write_agreement_report\n"
                    "view = AgreementView(n_boot=500)\n"
                    "write_agreement_report(view.result, 'agreement.html')\n"
                    "print(json.dumps({'assessors': view.result.assessors, "
                    "'alpha': view.result.overall}))"
                ),
            )
            .strip()
            .splitlines()[-1]
        )
        assert shown["assessors"] == ["Ana", "Ben", "Eva"]
        expected = agreement(read_scorings([hub.classroom]), n_boot=500)
        assert shown["alpha"] == pytest.approx(expected.overall)
        assert 0 < shown["alpha"] < 1
        page.goto(
            f"{hub.url}/user/{INSTRUCTOR}/files/agreement.html", wait_until="domcontentloaded"
        )
        text = page.inner_text("body")
        assert "scored by 3 assessors" in text
        assert f"α = {expected.overall:.2f}" in text

        # a later update of the course: pulled again, the trainee's own edit stays
        own = hub.homes / "ana" / "jlp" / "README.md"
        own.write_text(own.read_text(encoding="utf-8") + "\nAna's own note.\n", encoding="utf-8")
        upstream = hub.work / "upstream"
        subprocess.run(["git", "clone", "--quiet", str(hub.repo), str(upstream)], check=True)
        (upstream / "notebooks" / "UPDATE.md").write_text("An update of the course.\n")
        git = ["git", "-C", str(upstream), "-c", "user.name=jlp", "-c", "user.email=jlp@localhost"]
        subprocess.run([*git, "add", "notebooks/UPDATE.md"], check=True)
        subprocess.run([*git, "commit", "--quiet", "-m", "update"], check=True)
        subprocess.run([*git, "push", "--quiet", "origin", f"HEAD:{hub.branch}"], check=True)
        page = pages["ana"]
        start = time.monotonic()
        page.goto(link, wait_until="domcontentloaded")
        page.wait_for_url("**/user/ana/lab/tree/jlp/notebooks/net-tool.ipynb*", timeout=90_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        startup["ana_update"] = round(time.monotonic() - start, 1)
        assert (hub.homes / "ana" / "jlp" / "notebooks" / "UPDATE.md").exists()
        assert own.read_text(encoding="utf-8").endswith("Ana's own note.\n")
    except BaseException:
        print("hub log (end):\n" + (hub.work / "hub.log").read_text(errors="replace")[-4000:])
        raise
    finally:
        for context in contexts:
            with contextlib.suppress(Exception):
                context.close()
        hub.measured.update(
            {
                "startup_seconds": startup,
                "memory": memory,
                "hub_and_proxy_mb": _hub_memory(hub),
                "load_average": [round(x, 1) for x in os.getloadavg()],
                "case_notebook": CASE_NOTEBOOK,
                "cpus": os.cpu_count(),
            }
        )
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "measurements.json").write_text(json.dumps(hub.measured, indent=2))
        print(json.dumps(hub.measured, indent=2))
