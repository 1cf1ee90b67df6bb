"""The ``jlp`` command, for instructors and broker institutions who work from files.

Each family of commands lives in its own module and is registered here. Bad input
(:class:`jlp.errors.JlpInputError`) is printed as one line per problem and exits 2.
The command speaks English or Spanish: ``--lang es`` (anywhere on the line) or a
Spanish locale (``LANG=es_HN.UTF-8``) chooses Spanish (see :mod:`jlp.cli.language`).

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
from jlp.cli.language import TEXT as LANGUAGE_TEXT
from jlp.cli.language import language_option, localise, take_language, usage_error_text
from jlp.errors import JlpInputError
from jlp.i18n import N_, Messages, language_set
from jlp.i18n import gettext as _

#: Help texts of the root command (English; translated by :func:`jlp.cli.language.localise`).
HELP = {
    "app": N_("Tools for network brokers: data checks, NET scoring, fee ramps, inter-firm graphs."),
    "version": N_("Show the version and exit."),
}

#: Messages of the root command.
TEXT = Messages(
    {
        "error": "error: {problem}",
        "interrupted": "error: interrupted; no file was changed",
        "aborted": "aborted",
    }
)

app = typer.Typer(
    name="jlp",
    help=HELP["app"],
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(data.app, name="data")
app.add_typer(fees.app, name="fees")
app.add_typer(graph.app, name="graph")
app.add_typer(net.app, name="net")


def _language_of(code: str) -> str:
    """The language ``--lang`` asks for; refuse one jlp lacks (bad input: exit 2)."""
    if not code.strip():
        raise JlpInputError(_(LANGUAGE_TEXT["lang_missing"]), fix=_(LANGUAGE_TEXT["lang_fix"]))
    try:
        with language_set(code) as chosen:  # checks the code, changes nothing yet
            return chosen
    except ValueError:
        raise JlpInputError(
            _(LANGUAGE_TEXT["lang_bad"]).format(code=code), fix=_(LANGUAGE_TEXT["lang_fix"])
        ) from None


def _lang_callback(ctx: typer.Context, param: object, value: str | None) -> None:
    """``--lang`` given to the Typer app itself (not through :func:`main`): the language
    holds until the command ends."""
    if value is not None:
        ctx.with_resource(language_set(_language_of(value)))


def _version(value: bool) -> None:
    if value:
        from jlp import __version__

        typer.echo(f"jlp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=HELP["version"]
    ),
    lang: str | None = language_option(_lang_callback),
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
        args, code = take_language(sys.argv[1:] if argv is None else argv)
        try:
            chosen = _language_of(code) if code is not None else None
        except JlpInputError as err:
            return _run_failed(err)
        with language_set(chosen) if chosen else contextlib.nullcontext():
            return _run(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run_failed(err: JlpInputError) -> int:
    for problem in err.problems:
        print(TEXT["error"].format(problem=problem), file=sys.stderr)
    return 2


def _run(args: list[str]) -> int:
    """Build the command in the current language and run it; every ending as an exit code."""
    try:
        command = localise(typer.main.get_command(app))
        command.main(args=args, prog_name="jlp", standalone_mode=False)
    except KeyboardInterrupt:
        print(TEXT["interrupted"], file=sys.stderr)
        return 130
    except JlpInputError as err:
        return _run_failed(err)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        print(TEXT["aborted"], file=sys.stderr)
        return 1
    except Exception as err:
        # Usage errors (unknown command, bad option) carry their own message and exit code 2;
        # they are click exceptions, vendored inside typer from 0.29, so match them by shape.
        code = getattr(err, "exit_code", None)
        if callable(getattr(err, "format_message", None)) and isinstance(code, int):
            if "NoArgsIsHelpError" in {kind.__name__ for kind in type(err).__mro__}:
                err.show()  # the command's help, already in the language
            else:
                print(usage_error_text(err), file=sys.stderr)
            return code
        raise
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
