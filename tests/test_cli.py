"""The jlp command: help, version, and bad usage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jlp
from jlp.cli import main

JLP = Path(sys.executable).parent / "jlp"


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"jlp {jlp.__version__}"


def test_help_lists_command_families(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "data" in out


def test_unknown_command_exits_2(capsys):
    assert main(["no-such-command"]) == 2
    assert "No such command" in capsys.readouterr().err


def test_console_script_runs():
    done = subprocess.run([str(JLP), "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("jlp ")
