"""The ``jlp`` command, for instructors and broker institutions who work from files.

Each family of commands lives in its own module and is registered here. Bad input
(:class:`jlp.errors.JlpInputError`) is printed as one line per problem and exits 2.

>>> from typer.testing import CliRunner
>>> CliRunner().invoke(app, ["--version"]).exit_code
0
"""

from __future__ import annotations

import contextlib
import signal
import sys

import typer

from jlp.cli import data, fees, graph, net
from jlp.errors import JlpInputError

app = typer.Typer(
    name="jlp",
    help="Tools for network brokers: data checks, NET scoring, fee ramps, inter-firm graphs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(data.app, name="data")
app.add_typer(fees.app, name="fees")
app.add_typer(graph.app, name="graph")
app.add_typer(net.app, name="net")


def _version(value: bool) -> None:
    if value:
        from jlp import __version__

        typer.echo(f"jlp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Tools for network brokers (Ceglie & Dini, 1999)."""


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (2 on bad input).

    A termination signal (SIGTERM) stops the command like Ctrl-C, so that a file being
    written is left as it was and no temporary file stays behind.
    """
    previous = None
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        app(args=argv, prog_name="jlp", standalone_mode=False)
    except KeyboardInterrupt:
        print("error: interrupted; no file was changed", file=sys.stderr)
        return 130
    except JlpInputError as err:
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        print("aborted", file=sys.stderr)
        return 1
    except Exception as err:
        # Usage errors (unknown command, bad option) carry their own message and exit code 2;
        # they are click exceptions, vendored inside typer from 0.29, so match them by shape.
        show, code = getattr(err, "show", None), getattr(err, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            return code
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
