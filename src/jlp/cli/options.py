"""Problems with a command-line option, told in the words the user typed.

The library names a bad parameter by its Python name (``first_share``, ``overwrite=True``);
on the command line the same problem must name the option as typed (``--first-share``)
and say the fix with options, not code.

>>> from jlp.errors import JlpInputError
>>> err = JlpInputError(
...     "-0.1 is below 0", column="first_share", fix="raise cap to at least first_share"
... )
>>> print(as_options(err, {"first_share": "--first-share"}))
option --first-share: -0.1 is below 0 (fix: raise cap to at least --first-share)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from jlp.errors import JlpInputError, Problem
from jlp.i18n import Messages

#: User-facing strings of this module (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages({"option": "option {option}: {message}"})


def _words(text: str | None, names: Mapping[str, str]) -> str | None:
    """``text`` with each Python name (``first_share``, ``overwrite=True``) replaced by its
    option; plain words (``phase``, ``cap``) are left alone, they read as words."""
    if not text:
        return text
    for name, option in sorted(names.items(), key=lambda item: -len(item[0])):
        pattern = re.escape(name) + ("(=True)?" if "_" in name else "=True")
        text = re.sub(rf"(?<![\w-]){pattern}(?![\w-])", option, text)
    return text


def as_options(err: JlpInputError, names: Mapping[str, str]) -> JlpInputError:
    """The same problems; those about a parameter in ``names`` now name its option.

    A problem about a file (one with a file or row) is left as it is.
    """
    problems = []
    for p in err.problems:
        option = names.get(p.column or "") or (
            p.column if (p.column or "").startswith("--") else None
        )
        if p.file or p.row is not None or option is None:
            problems.append(p)
            continue
        message = TEXT["option"].format(option=option, message=_words(p.message, names))
        problems.append(Problem(message, fix=_words(p.fix, names)))
    return JlpInputError(problems=problems)


@contextmanager
def options_named(names: Mapping[str, str]) -> Iterator[None]:
    """Within this block, bad input about a parameter in ``names`` names its option.

    >>> from jlp.errors import JlpInputError
    >>> try:
    ...     with options_named({"phase": "--phase"}):
    ...         raise JlpInputError("there is no phase '9'", column="phase")
    ... except JlpInputError as err:
    ...     print(err)
    option --phase: there is no phase '9'
    """
    try:
        yield
    except JlpInputError as err:
        raise as_options(err, names) from None


__all__ = ["TEXT", "as_options", "options_named"]
