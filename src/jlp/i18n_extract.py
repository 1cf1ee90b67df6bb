"""Babel's extractor for jlp: the strings of every :class:`jlp.i18n.Messages` dict, and the
arguments of ``gettext``, ``ngettext``, ``pgettext``, ``N_`` and ``_`` calls; and
``python -m jlp.i18n_extract`` (``make messages``), which brings the catalogues up to date.

Babel's own Python extractor sees only calls (``_("…")``), not the values of a dict literal,
so this one reads the module's syntax tree instead. It is registered in
``src/jlp/locale/babel.cfg`` (``pybabel extract -F src/jlp/locale/babel.cfg src/jlp`` uses it
too). Each message carries the module and line of its string; a comment starting
``TRANSLATORS:`` on the lines just above reaches the translator. The catalogues' dates change
only when their messages do, so a branch that adds no string leaves them as they were.

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
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

from jlp.i18n import CATALOGUES, DOMAIN, LANGUAGES, SOURCE_LANGUAGE

#: Calls whose first argument is a dict of messages.
MESSAGE_DICTS = frozenset({"Messages"})
#: The package the catalogue covers, and the Babel mapping ``make messages`` uses.
PACKAGE = Path(__file__).parent
MAPPING = CATALOGUES / "babel.cfg"
TEMPLATE = CATALOGUES / f"{DOMAIN}.pot"
COMMENT_TAGS = ("TRANSLATORS:",)
#: Line width of the catalogue files (long messages wrap there).
WIDTH = 100
HEADER = """\
# {kind} of jlp's own words (charts, widgets, tables, messages).
# Written by `make messages` (python -m jlp.i18n_extract) from the strings of src/jlp;
# translate the msgstr lines. Keep the {{name}} fields, plotly's %{{…}} fields and HTML tags
# such as <b> as they are (a test checks); their order may change.
# This file is distributed under the same license as jlp."""

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
    catalogue = Catalog(
        project="jlp", version="0.1.0", copyright_holder="the jlp authors", domain=DOMAIN
    )
    found = extract_from_dir(
        PACKAGE, method_map, options_map, keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS
    )
    for filename, line, message, comments, context in found:
        where = f"src/jlp/{Path(filename).as_posix()}"
        catalogue.add(message, None, [(where, line)], auto_comments=comments, context=context)
    for where, line, message in notebook_messages(PACKAGE.parents[1] / "notebooks"):
        catalogue.add(message, None, [(where, line)])
    return catalogue


#: The course's notebooks (a source checkout): their sentences in ``tr("…")`` are jlp's too.
NOTEBOOKS = PACKAGE.parents[1] / "notebooks"
NOTEBOOK_CALLS = frozenset({"tr"})


def notebook_messages(folder: Path = NOTEBOOKS) -> list[tuple[str, int, str]]:
    """The sentences a notebook marks with ``tr("…")`` (a chart's title, the text that
    describes a figure): ``(notebook, cell number, text)``, in file order.

    >>> any(where.endswith("emasim.ipynb") for where, _, _ in notebook_messages())
    True
    """
    import json

    found: list[tuple[str, int, str]] = []
    for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells, start=1):
            if cell["cell_type"] != "code":
                continue
            try:
                tree = ast.parse("".join(cell["source"]))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and _name(node) in NOTEBOOK_CALLS and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        found.append((f"notebooks/{path.name}", number, first.value))
    return found


def _content(catalogue: Catalog) -> list[tuple]:
    return [
        (m.context, m.id, tuple(m.locations), tuple(m.auto_comments), tuple(sorted(m.flags)))
        for m in catalogue
        if m.id
    ]


def _read(path: Path, code: str | None = None) -> Catalog | None:
    from babel.messages.pofile import read_po

    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def _write(path: Path, catalogue: Catalog, **options: Any) -> None:
    from babel.messages.pofile import write_po

    from jlp.files import atomic_write

    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=WIDTH, ignore_obsolete=True, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, buffer.getvalue())


def update_catalogues(languages: Collection[str] = LANGUAGES[1:]) -> dict[str, Counter]:
    """Write :func:`template` to ``jlp.pot`` and merge it into each language's ``jlp.po``:
    new strings come empty (or fuzzy, from a near match), strings gone from the code go.
    Returns, per file, how many messages it holds, and how many are ``untranslated`` or
    ``fuzzy``."""
    new = template()
    new.header_comment = HEADER.format(kind="Template")
    old = _read(TEMPLATE)
    changed = old is None or _content(old) != _content(new)
    if old is not None and not changed:
        new.creation_date = old.creation_date
    _write(TEMPLATE, new)
    counts = {TEMPLATE.name: Counter(messages=len(_content(new)))}
    for code in languages:
        path = CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        catalogue = _read(path, code)
        if catalogue is None:
            from babel.messages.catalog import Catalog

            catalogue = Catalog(locale=code, domain=DOMAIN, project="jlp")
            catalogue.header_comment = HEADER.format(kind=f"The {code} translation")
        catalogue.update(new, update_creation_date=changed)
        _write(path, catalogue)
        entries = [m for m in catalogue if m.id]
        counts[f"{code}/{path.name}"] = Counter(
            messages=len(entries),
            untranslated=sum(not all(_forms(m.string)) for m in entries),
            fuzzy=sum(m.fuzzy for m in entries),
        )
    return counts


def _forms(value: str | tuple) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def main(argv: list[str] | None = None) -> int:
    """``python -m jlp.i18n_extract [LANGUAGE …]``: update the catalogues, say what is left."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m jlp.i18n_extract", description="Update jlp's message catalogues."
    )
    others = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    parser.add_argument(
        "languages", nargs="*", metavar="LANGUAGE", help=f"default: {' '.join(others)}"
    )
    args = parser.parse_args(argv)
    unknown = [code for code in args.languages if code not in others]
    if unknown:
        parser.error(f"jlp is translated into {', '.join(others)}, not {', '.join(unknown)}")
    for name, count in update_catalogues(args.languages or others).items():
        todo = (
            ""
            if "untranslated" not in count
            else (f"; to translate: {count['untranslated']} new, {count['fuzzy']} fuzzy")
        )
        print(f"{name}: {count['messages']} messages{todo}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "COMMENT_TAGS",
    "MAPPING",
    "MESSAGE_DICTS",
    "PACKAGE",
    "TEMPLATE",
    "extract",
    "main",
    "template",
    "update_catalogues",
]
