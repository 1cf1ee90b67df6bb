"""Babel's extractor for jlp: the strings of every :class:`jlp.i18n.Messages` dict, and the
arguments of ``gettext``, ``ngettext``, ``pgettext``, ``N_`` and ``_`` calls.

Babel's own Python extractor sees only calls (``_("…")``), not the values of a dict literal,
so this one reads the module's syntax tree instead. It is registered in
``src/jlp/locale/babel.cfg`` and run by ``make messages``. Each message carries the line of
its string; a comment starting ``TRANSLATORS:`` on the lines just above reaches the
translator.

>>> import io
>>> source = b'''
... TEXT = Messages({
...     # TRANSLATORS: the x axis of the fee charts
...     "year": "Year",
...     "sources": {"fees": "Service fees", "n": 3},
... })
... ngettext("{n} year", "{n} years", n)
... '''
>>> for found in extract(io.BytesIO(source), ["ngettext"], ["TRANSLATORS:"], {}):
...     print(found)
(4, None, 'Year', ['TRANSLATORS: the x axis of the fee charts'])
(5, None, 'Service fees', [])
(7, 'ngettext', ('{n} year', '{n} years', None), [])
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

#: Calls whose first argument is a dict of messages.
MESSAGE_DICTS = frozenset({"Messages"})
#: The package the catalogue covers, and the Babel mapping ``make messages`` uses.
PACKAGE = Path(__file__).parent
MAPPING = PACKAGE / "locale" / "babel.cfg"
COMMENT_TAGS = ("TRANSLATORS:",)

_Found = tuple[int, str | None, str | tuple[str | None, ...], list[str]]


def _name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _strings(node: ast.AST) -> Iterator[ast.Constant]:
    """The string constants among a message dict's values, at any depth (keys skipped)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _strings(value)
    elif isinstance(node, ast.Tuple | ast.List):
        for item in node.elts:
            yield from _strings(item)
    elif isinstance(node, ast.Call) and _name(node) in MESSAGE_DICTS and node.args:
        yield from _strings(node.args[0])


def _comments(source: bytes, tags: Collection[str]) -> dict[int, str]:
    """Line → the text of a comment there that starts with one of ``tags``."""
    found: dict[int, str] = {}
    if not tags:
        return found
    try:
        for token in tokenize.tokenize(io.BytesIO(source).readline):
            if token.type == tokenize.COMMENT:
                text = token.string.lstrip("#").strip()
                if any(text.startswith(tag) for tag in tags):
                    found[token.start[0]] = text
    except (tokenize.TokenError, SyntaxError):
        pass
    return found


def _above(line: int, comments: dict[int, str]) -> list[str]:
    lines: list[str] = []
    while line - 1 in comments:
        line -= 1
        lines.insert(0, comments[line])
    return lines


def extract(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[_Found]:
    """Yield ``(line, function, message(s), comments)`` for Babel, in the file's order."""
    source = fileobj.read()
    tree = ast.parse(source)
    comments = _comments(source, comment_tags)
    found: list[_Found] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        if name in MESSAGE_DICTS and node.args:
            for constant in _strings(node.args[0]):
                line = constant.lineno
                found.append((line, None, constant.value, _above(line, comments)))
        elif name in keywords and node.args:
            values = tuple(
                arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                for arg in node.args
            )
            line = node.args[0].lineno
            found.append((line, name, values, _above(node.lineno, comments)))
    # a Messages dict nested in another is walked twice: keep each string once
    unique = dict.fromkeys((line, name, value, tuple(c)) for line, name, value, c in found)
    for line, name, value, comment in sorted(unique, key=lambda f: f[0]):
        yield line, name, value, list(comment)


def template() -> Catalog:
    """What ``make messages`` writes to ``jlp.pot``, built in memory (without writing it).

    >>> catalogue = template()
    >>> "Fee paid by the network" in catalogue
    True
    >>> catalogue["Fee paid by the network"].locations[0][0]
    'src/jlp/viz/fee_charts.py'
    """
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with MAPPING.open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping, str(MAPPING))
    catalogue = Catalog(project="jlp", domain="jlp")
    found = extract_from_dir(
        PACKAGE, method_map, options_map, keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS
    )
    for filename, line, message, comments, context in found:
        where = f"src/jlp/{Path(filename).as_posix()}"
        catalogue.add(message, None, [(where, line)], auto_comments=comments, context=context)
    return catalogue


__all__ = ["COMMENT_TAGS", "MAPPING", "MESSAGE_DICTS", "PACKAGE", "extract", "template"]
