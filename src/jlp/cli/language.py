"""The language of the ``jlp`` command: ``--lang``, and its help and usage errors in it.

``jlp --lang es …`` (the option may stand anywhere before a ``--``) or a Spanish locale
(``LANG=es_HN.UTF-8``) makes the command speak Spanish; see :mod:`jlp.i18n` for how the
language is chosen. The help texts are written in English in the command modules and
marked for the catalogue; :func:`localise` puts them in the chosen language when the
command is built, together with the words of the command-line framework itself
(``Usage:``, the panel titles, ``[required]``) and the messages of a mistyped command
(:func:`usage_error_text`).

>>> take_language(["net", "score", "--lang=es", "a.csv"])
(['net', 'score', 'a.csv'], 'es')
>>> take_language(["net", "score", "--", "--lang", "es"])
(['net', 'score', '--', '--lang', 'es'], None)
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Sequence
from typing import Any

from jlp.i18n import N_, format_number
from jlp.i18n import gettext as _

LANG_OPTION = "--lang"

#: User-facing strings of this module.
TEXT = {
    "lang_help": N_("Language of the messages: en or es (default: the system's locale)."),
    "lang_bad": N_("option --lang: jlp speaks en or es, not '{code}'"),
    "lang_fix": N_("write --lang es or --lang en"),
    "lang_missing": N_("option --lang needs a language"),
    "help_option": N_("Show this message and exit."),
    "usage": N_("Usage: "),
    "try_help": N_("Try '{command} {option}' for help."),
    "error": N_("Error: {message}"),
}

#: The words of Typer's help pages (module constant → English text marked for the catalogue).
FRAMEWORK = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEFAULT_STRING": N_("[default: {default}]"),
    "ABORTED_TEXT": N_("Aborted."),
}

#: The placeholders of a usage line (the framework's English → the same marked for the catalogue).
METAVARS = {
    "options_metavar": N_("[OPTIONS]"),
    "subcommand_metavar": N_("COMMAND [ARGS]..."),
}

#: The usage errors of the framework, as it words them, and the same in the catalogue.
USAGE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"Missing argument '(?P<name>.+)'\.", N_("Missing argument '{name}'.")),
    (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (
        r"No such command '(?P<name>.+)'\. Did you mean (?P<close>.+)\?",
        N_("No such command '{name}'. Did you mean {close}?"),
    ),
    (r"No such command '(?P<name>.+)'\.", N_("No such command '{name}'.")),
    (
        r"No such option: (?P<name>\S+) Did you mean (?P<close>.+)\?",
        N_("No such option: {name}. Did you mean {close}?"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (
        r"Got unexpected extra arguments? \((?P<extra>.*)\)",
        N_("Got unexpected extra argument(s) ({extra})"),
    ),
    (r"Option (?P<name>.+) requires an argument\.", N_("Option {name} requires an argument.")),
    (
        r"Option (?P<name>.+) requires (?P<n>\d+) arguments\.",
        N_("Option {name} requires {n} arguments."),
    ),
    (r"Option (?P<name>.+) does not take a value\.", N_("Option {name} does not take a value.")),
    (
        r"Invalid value for (?P<name>.+?): (?:Value error, )?'(?P<value>.*)' is not one of "
        r"(?P<choices>.+)\.",
        N_("Invalid value for {name}: '{value}' is not one of {choices}."),
    ),
    (
        r"Invalid value for (?P<name>.+?): (?:Value error, )?'(?P<value>.*)' is not a valid "
        r"integer\.",
        N_("Invalid value for {name}: '{value}' is not a whole number."),
    ),
    (
        r"Invalid value for (?P<name>.+?): (?:Value error, )?'(?P<value>.*)' is not a valid "
        r"float\.",
        N_("Invalid value for {name}: '{value}' is not a number."),
    ),
    (r"Invalid value for (?P<name>.+?): (?P<detail>.+)", N_("Invalid value for {name}: {detail}")),
)
_USAGE_ERRORS = [(re.compile(pattern, re.DOTALL), text) for pattern, text in USAGE_ERRORS]


def take_language(argv: Sequence[str]) -> tuple[list[str], str | None]:
    """``argv`` without ``--lang X`` or ``--lang=X`` (looked for before a ``--``), and X.

    >>> take_language(["--lang", "es", "--help"])
    (['--help'], 'es')
    >>> take_language(["data", "check"])
    (['data', 'check'], None)
    """
    rest: list[str] = []
    code: str | None = None
    items = list(argv)
    position = 0
    while position < len(items):
        item = items[position]
        if item == "--":
            rest.extend(items[position:])
            break
        if item == LANG_OPTION:
            code = items[position + 1] if position + 1 < len(items) else ""
            position += 2
            continue
        if item.startswith(LANG_OPTION + "="):
            code = item.split("=", 1)[1]
        else:
            rest.append(item)
        position += 1
    return rest, code


#: Help texts with numbers in them: the English text as shown → its message and numbers.
_FILLED: dict[str, tuple[str, dict[str, float]]] = {}


def filled_help(message: str, **numbers: float) -> str:
    """A help text with numbers (``{rows}``), in English for the command's definition;
    :func:`localise` translates the message and writes the numbers the language's way.

    >>> filled_help(N_("At most {rows} rows."), rows=250_000)
    'At most 250,000 rows.'
    """
    from jlp.i18n import language_set

    with language_set("en"):
        text = message.format(**{k: format_number(v) for k, v in numbers.items()})
    _FILLED[text] = (message, numbers)
    return text


def in_language(text: str) -> str:
    """A help text of the command's definition (English) in the current language.

    >>> in_language(filled_help(N_("At most {rows} rows."), rows=250_000))
    'At most 250,000 rows.'
    """
    message, numbers = _FILLED.get(text, (text, {}))
    if not numbers:
        return _(message)
    return _(message).format(**{k: format_number(v) for k, v in numbers.items()})


def _translated(obj: Any, attribute: str) -> None:
    """Set ``obj.attribute`` to its catalogue text, keeping the English source aside so
    that the command can be localised again in another language."""
    sources = obj.__dict__.setdefault("_jlp_sources", {})
    source = sources.setdefault(attribute, getattr(obj, attribute, None))
    if isinstance(source, str) and source:
        setattr(obj, attribute, in_language(source))


def _help_in_language(self: Any, ctx: Any, formatter: Any) -> None:
    """The command's help page, Typer's own words (panel titles) in the language too; they
    are set only when a help page is drawn, so a plain run never loads Typer's help code."""
    _framework_words()
    type(self).format_help(self, ctx, formatter)


def _usage_in_language(self: Any, ctx: Any, formatter: Any) -> None:
    formatter.write_usage(
        ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_(TEXT["usage"])
    )


def _framework_words() -> None:
    """Typer's own words (panel titles, ``[required]``) in the current language."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - rich is a dependency of typer
        return
    for name, text in FRAMEWORK.items():
        # Typer fills its default in with a positional field; the catalogue names it
        setattr(rich_utils, name, _(text).replace("{default}", "{}"))


def localise(command: Any) -> Any:
    """Put the help texts of ``command`` (a click command built by Typer) and of all its
    subcommands in the current language; return ``command``.

    >>> import typer
    >>> from jlp.i18n import language_set
    >>> from jlp.cli import app
    >>> with language_set("es"):
    ...     root = localise(typer.main.get_command(app))
    >>> root.commands["net"].commands["score"].help.startswith("Califica")
    True
    """
    from typer.main import _click

    pending = [command]
    while pending:
        current = pending.pop()
        for attribute in ("help", "short_help", "epilog", *METAVARS):
            _translated(current, attribute)
        current.format_usage = types.MethodType(_usage_in_language, current)
        current.format_help = types.MethodType(_help_in_language, current)
        help_option = current.get_help_option(_click.Context(current, info_name=current.name))
        for param in [*current.params, *([help_option] if help_option else [])]:
            if param is help_option:
                param.__dict__.setdefault("_jlp_sources", {})["help"] = TEXT["help_option"]
            _translated(param, "help")
        pending.extend(getattr(current, "commands", {}).values())
    return command


def usage_error_text(err: Any) -> str:
    """What a usage error (an unknown command, a missing argument) prints, in the current
    language: the usage line, where to find help, and the error.

    >>> class Mistyped:
    ...     ctx, message = None, "Missing argument 'FILE'."
    ...
    ...     def format_message(self):
    ...         return self.message
    >>> print(usage_error_text(Mistyped()))
    Error: Missing argument 'FILE'.
    """
    lines = []
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _(TEXT["try_help"]).format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
            )
        lines.append("")
    lines.append(_(TEXT["error"]).format(message=usage_message(err.format_message())))
    return "\n".join(lines)


def usage_message(message: str) -> str:
    """A usage error of the framework, in the current language.

    >>> usage_message("Got unexpected extra argument(s) (b)")
    'Got unexpected extra argument(s) (b)'
    """
    for pattern, text in _USAGE_ERRORS:
        found = pattern.fullmatch(message.strip())
        if found:
            return _(text).format(**found.groupdict())
    return message


def language_option(callback: Callable[[str | None], None]) -> Any:
    """The root ``--lang`` option (for the help page and for callers of the Typer app)."""
    import typer

    return typer.Option(
        None,
        LANG_OPTION,
        metavar="LANG",
        callback=callback,
        is_eager=True,
        expose_value=False,
        help=TEXT["lang_help"],
    )


__all__ = [
    "FRAMEWORK",
    "LANG_OPTION",
    "METAVARS",
    "TEXT",
    "USAGE_ERRORS",
    "filled_help",
    "in_language",
    "language_option",
    "localise",
    "take_language",
    "usage_error_text",
    "usage_message",
]
