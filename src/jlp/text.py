"""Text as people type it: one normal form, hidden characters made visible, close names.

Dependency-free helpers shared by every reader and by the error messages:

- :func:`nfc` puts a text in Unicode's composed form, so that ``é`` typed as one character
  and ``e`` followed by a combining accent are the same name;
- :func:`printable` shows control and invisible characters as escapes (``\\x1b``,
  ``\\u200b``), so that no value quoted in a message can move the cursor, clear the screen
  or hide part of itself in a terminal;
- :func:`invisible_note` names the first hidden character of a text and where it is;
- :func:`closest` and :func:`did_you_mean` suggest the nearest known name.

>>> printable("achieved\\u200b"), printable("\\x1b[2J")
('achieved\\\\u200b', '\\\\x1b[2J')
>>> invisible_note("achieved\\u200b")
"it contains an invisible character (zero-width space) after 'achieved'"
>>> did_you_mean("group_cohesin", ["group_cohesion", "decision"])
"did you mean 'group_cohesion'?"
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from jlp.i18n import Messages

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "did_you_mean": "did you mean '{name}'?",
        "one_of": "use one of: {names}",
        "invisible": "it contains an invisible character ({name}) {where}",
        "after": "after '{before}'",
        "at_start": "at the start",
        "control": "control character U+{code:04X}",
    }
)

#: Names of the hidden characters people meet most (others are named by their code).
_CONTROL_NAMES = Messages(
    {
        "\x00": "null character",
        "\t": "tab",
        "\n": "line break",
        "\r": "carriage return",
        "\x1b": "escape",
        "\x7f": "delete",
        "\u00ad": "soft hyphen",
        "\u200b": "zero-width space",
        "\u200c": "zero-width non-joiner",
        "\u200d": "zero-width joiner",
        "\u202e": "right-to-left override",
        "\u2060": "word joiner",
        "\ufeff": "byte-order mark",
    }
)

# Control characters (C0, DEL, C1) and the invisible format characters (zero-width spaces
# and joiners, byte-order marks, direction overrides), plus line and paragraph separators.
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def nfc(text: str) -> str:
    """The composed Unicode form of ``text`` (a no-op on text already composed).

    >>> nfc("Leo\\u0301n") == "León"
    True
    """
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def has_hidden(text: str) -> bool:
    """Whether ``text`` holds a control or invisible character.

    >>> has_hidden("León"), has_hidden("a\\x00b")
    (False, True)
    """
    return _HIDDEN.search(text) is not None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    """``value`` as text safe to print: control and invisible characters become escapes.

    >>> printable("a\\tb\\x00"), printable("\\u202egnp.exe")
    ('a\\\\tb\\\\x00', '\\\\u202egnp.exe')
    """
    text = str(value)
    if not _HIDDEN.search(text):
        return text
    return _HIDDEN.sub(
        lambda m: {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(m.group(0)) or _escape(m), text
    )


def character_name(char: str) -> str:
    """A reader's name for one character.

    >>> character_name("\\u200b"), character_name("\\x1b")
    ('zero-width space', 'escape')
    """
    if char in _CONTROL_NAMES:
        return _CONTROL_NAMES[char]
    name = unicodedata.name(char, "")
    return name.lower() if name else TEXT["control"].format(code=ord(char))


def invisible_note(text: str) -> str | None:
    """Name the first hidden character of ``text`` and what comes before it; ``None`` if none.

    >>> invisible_note("\\ufeffnetwork")
    'it contains an invisible character (byte-order mark) at the start'
    >>> invisible_note("plain") is None
    True
    """
    match = _HIDDEN.search(text)
    if match is None:
        return None
    before = [w.lstrip("'\"«“") for w in text[: match.start()].split()[-1:]]
    before = [w for w in before if w]
    where = TEXT["after"].format(before=printable(before[0][-30:])) if before else TEXT["at_start"]
    return TEXT["invisible"].format(name=character_name(match.group(0)), where=where)


def _simple(text: object) -> str:
    return str(text).strip().lower().replace(" ", "_").replace("-", "_")


def closest(value: object, choices: Iterable[object], *, cutoff: float = 0.5) -> str | None:
    """The choice closest to ``value`` (ignoring case, spaces and hyphens), or ``None``.

    >>> closest("Pilot projects", ["decision", "pilot_projects"])
    'pilot_projects'
    >>> closest("emasim", ["EMASIM", "EcoHamaca"])
    'EMASIM'
    >>> closest("zzz", ["decision"]) is None
    True
    """
    forms = {_simple(c): str(c) for c in reversed(list(choices))}
    found = difflib.get_close_matches(_simple(value), list(forms), n=1, cutoff=cutoff)
    return forms[found[0]] if found else None


def did_you_mean(
    value: object, choices: Iterable[object], *, listed: int = 12, cutoff: float = 0.5
) -> str:
    """A fix suggesting the closest choice, or listing the choices when none is close.

    >>> did_you_mean("xyz", ["a", "b"])
    'use one of: a, b'
    """
    options = [str(c) for c in choices]
    near = closest(value, options, cutoff=cutoff)
    if near is not None:
        return TEXT["did_you_mean"].format(name=printable(near))
    shown = options[:listed] + (["…"] if len(options) > listed else [])
    return TEXT["one_of"].format(names=", ".join(map(printable, shown)))


__all__ = [
    "TEXT",
    "character_name",
    "closest",
    "did_you_mean",
    "has_hidden",
    "invisible_note",
    "nfc",
    "printable",
]
