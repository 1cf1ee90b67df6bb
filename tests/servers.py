"""The servers the tests and the benchmarks start: a folder of static files (a built site) or
a JupyterLab, each on 127.0.0.1 only, at a free port, stopped when the ``with`` block ends.

A static server is a thread of the process that asked for it, so it ends with that process.
A JupyterLab runs in its own process group (the server and its kernels), is stopped as a
group, and stops itself after ``idle_stop`` seconds without activity if its test process
died before it could stop it. The benchmarks import this file by path
(``sys.path.insert(0, "tests")``).

    with static_site(Path("_build/html")) as url:     # http://127.0.0.1:<port>
        ...
    with jupyterlab(folder) as lab:                  # lab.url, lab.token, lab.log
        ...
"""

from __future__ import annotations

import functools
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (for a server that must be told its port)."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def static_site(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class DidNotStart(RuntimeError):
    """The server did not answer in time (the message ends with its log)."""


@dataclass
class Lab:
    """A running JupyterLab: its base URL, its token and its log file."""

    url: str
    token: str
    root: Path
    log: Path


def stop_group(process: subprocess.Popen, grace: float = 15) -> None:
    """Stop a server started in its own process group (it and its kernels), politely first."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def jupyterlab(
    root: Path,
    *,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    start_limit: float = 60,
    idle_stop: int = 900,
) -> Iterator[Lab]:
    """JupyterLab over ``root`` on 127.0.0.1 (a free port, a new token), with ``options``
    added to its command line and ``env`` as its environment (default: this process's, with
    this checkout's ``src`` first on ``PYTHONPATH``). Fails with the log's end if it does not
    answer within ``start_limit`` seconds."""
    port, token = free_port(), secrets.token_hex(16)
    if env is None:
        src = str(Path(__file__).resolve().parents[1] / "src")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        f"--ServerApp.ip={LOOPBACK}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.shutdown_no_activity_timeout={idle_stop}",  # stops itself if left behind
        *options,
    ]
    log = log or root / "lab.log"
    url = f"http://{LOOPBACK}:{port}"
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, env=dict(env), stdout=out, stderr=out, start_new_session=True
        )
        try:
            deadline = time.monotonic() + start_limit
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        end = log.read_text(errors="replace")[-3000:]
                        raise DidNotStart(f"JupyterLab did not start:\n{end}") from None
                    time.sleep(0.3)
            yield Lab(url, token, root, log)
        finally:
            stop_group(server)
