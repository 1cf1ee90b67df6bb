"""Check the course's message catalogues: every message translated, and its markup kept.

A page's catalogue (``locales/es/LC_MESSAGES/<page>.po``) holds each paragraph of the
English page in MyST, with its translation. A translation may reword freely, but what
the build reads as markup must survive: link targets, inline code, cross-references
(``{ref}``, ``{doc}``, ``{numref}``), footnote labels and bold markers. A glossary
reference (``{term}``) must name a term of the *translated* glossary, since Sphinx looks
terms up by their name in the page's language: ``{term}`articulador <articulador de
redes>``` rather than ``{term}`broker```.

>>> check_entry("See [the NET](net-tool.md).", "Vea [la NET](net-tool.md).", {"red"})
[]
>>> check_entry("See [the NET](net-tool.md).", "Vea [la NET](net.md).", {"red"})
['link targets differ: net-tool.md -> net.md']
>>> check_entry("A {term}`broker`.", "Un {term}`articulador <red>`.", {"red"})
[]
>>> check_entry("A {term}`broker`.", "Un {term}`broker`.", {"red"})
["{term} names 'broker', not a term of the translated glossary"]

``python -m jlp.editions translations`` prints every problem with its file and line, and
how much of each catalogue is translated.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

#: A MyST role with its content: {term}`text <target>` or {ref}`label`.
ROLE = re.compile(r"\{([a-z][\w:-]*)\}`([^`]*)`")
#: A link target in Markdown: [text](target).
LINK = re.compile(r"\]\(([^)\s]+)\)")
#: Inline code (outside roles): `code`.
CODE = re.compile(r"(?<![}`])(`+)([^`]+?)\1(?!`)")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
#: A message read on its own that starts like this becomes a list, not a heading or text.
LIST_START = re.compile(r"^(\d+[.)]|[-*+])\s")
#: Short words only English uses (Spanish shares "a", "no", "me"): they mark English text.
_ENGLISH = (
    "the and of to is are was were be been in that with for this these those it its on as by "
    "from which what how who whom can will would should must you your they their them has "
    "have had not or at an each every than when where does do did into only also there here "
    "after before about between through because while"
)
ENGLISH_WORDS = frozenset(_ENGLISH.split())
#: Short words only Spanish uses: they mark Spanish text.
_SPANISH = (
    "el la los las de del y que en un una unos unas es son fue por para con se su sus al lo "
    "como más o cada este esta estos estas qué cómo quién puede hay ya entre pero sin le les "
    "muy también cuando donde porque sobre hasta desde"
)
SPANISH_WORDS = frozenset(_SPANISH.split())
#: Text marked as written in another language: ``<span lang="en">Title</span>``.
OTHER_LANGUAGE = re.compile(r'<(\w+)\s[^>]*lang="(?!es)[^"]*"[^>]*>.*?</\1>', re.S)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
#: The glossary's own catalogue, whose translated terms ``{term}`` may name.
GLOSSARY = "book/glossary.po"
TERMINOLOGY = "terminology.csv"


@dataclass(frozen=True)
class Problem:
    """One problem of one message: where it is and what is wrong."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _target(content: str) -> str:
    """The target of a role's content: ``text <target>`` -> target, else the content."""
    match = re.fullmatch(r"(?s).*<([^<>]+)>\s*", content)
    return (match.group(1) if match else content).strip()


def _differ(what: str, english: Counter[str], translated: Counter[str]) -> list[str]:
    if english == translated:
        return []
    lost = ", ".join(sorted((english - translated).elements())) or "nothing"
    added = ", ".join(sorted((translated - english).elements())) or "nothing"
    return [f"{what} differ: {lost} -> {added}"]


def check_entry(english: str, translated: str, terms: set[str]) -> list[str]:
    """What the translation of one message breaks (empty when nothing).

    ``terms`` are the translated glossary's terms, in lower case.
    """
    problems: list[str] = []
    roles_en = [(name, _target(body)) for name, body in ROLE.findall(english)]
    roles_tr = [(name, _target(body)) for name, body in ROLE.findall(translated)]
    problems += _differ(
        "cross-references",
        Counter(f"{{{n}}}{t}" for n, t in roles_en if n != "term"),
        Counter(f"{{{n}}}{t}" for n, t in roles_tr if n != "term"),
    )
    count_en = sum(1 for n, _ in roles_en if n == "term")
    count_tr = sum(1 for n, _ in roles_tr if n == "term")
    if count_tr < count_en:
        problems.append(f"{count_en} glossary links in English, {count_tr} in the translation")
    for name, target in roles_tr:
        if name == "term" and target.lower() not in terms:
            problems.append(f"{{term}} names {target!r}, not a term of the translated glossary")
    problems += _differ(
        "link targets", Counter(LINK.findall(english)), Counter(LINK.findall(translated))
    )
    bare_en, bare_tr = ROLE.sub("", english), ROLE.sub("", translated)
    problems += _differ(
        "inline code",
        Counter(code for _, code in CODE.findall(bare_en)),
        Counter(code for _, code in CODE.findall(bare_tr)),
    )
    problems += _differ(
        "footnotes", Counter(FOOTNOTE.findall(english)), Counter(FOOTNOTE.findall(translated))
    )
    problems += _differ(
        "substitutions",
        Counter(SUBSTITUTION.findall(english)),
        Counter(SUBSTITUTION.findall(translated)),
    )
    if LIST_START.match(translated):
        problems.append(
            "starts like a list item: MyST would read it as a list (write 1\\. or \\- instead)"
        )
    if translated.count("**") % 2:
        problems.append("an odd number of ** (bold left open)")
    dollars = re.compile(r"(?<!\\)\$")
    if len(dollars.findall(english)) != len(dollars.findall(translated)):
        problems.append("a $ lost or added (write US\\$ as in the English)")
    return problems


def english_sentences(text: str, *, least: int = 5) -> list[str]:
    """The sentences of ``text`` that read as English: at least ``least`` words, two or
    more of them English-only small words, and more than twice as many as Spanish ones.

    >>> english_sentences("La red paga una cuota. The network pays its broker a fee.")
    ['The network pays its broker a fee.']
    >>> english_sentences("NET: índice de la red, 2 de 6 etapas consolidadas.")
    []
    >>> english_sentences(
    ...     'Best (1990), <span lang="en">*The New Competition: Institutions of '
    ...     "Industrial Restructuring*</span>, Harvard University Press."
    ... )
    []
    """
    found = []
    text = OTHER_LANGUAGE.sub(" ", text)  # a title of a work cited, marked as English
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", text):
        words = [w.lower() for w in WORD.findall(sentence)]
        if len(words) < least:
            continue
        english = sum(w in ENGLISH_WORDS for w in words)
        spanish = sum(w in SPANISH_WORDS for w in words)
        if english >= 2 and english > 2 * spanish:
            found.append(sentence.strip())
    return found


def glossary_terms(locale_dir: Path) -> set[str]:
    """The translated glossary's terms, lower case: the terminology table's glossary column
    and every translated message of the glossary catalogue that is a single term line."""
    terms: set[str] = set()
    table = locale_dir / TERMINOLOGY
    if table.exists():
        with table.open(encoding="utf-8", newline="") as handle:
            terms |= {row["glossary_term"].lower() for row in csv.DictReader(handle)}
    glossary = locale_dir / "LC_MESSAGES" / GLOSSARY
    if glossary.exists():
        with glossary.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string and "\n" not in message.string:
                    terms.add(str(message.string).strip().lower())
    terms.discard("")
    return terms


@dataclass(frozen=True)
class Report:
    """A catalogue's state: messages, how many translated, and its problems."""

    path: Path
    total: int
    translated: int
    fuzzy: int
    problems: tuple[Problem, ...]


def check_catalogue(path: Path, terms: set[str]) -> Report:
    """Check one ``.po`` file: untranslated and fuzzy messages, and markup problems."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    problems: list[Problem] = []
    total = translated = fuzzy = 0
    for message in catalogue:
        if not message.id:
            continue
        total += 1
        line = message.lineno or 0
        if message.fuzzy:
            fuzzy += 1
            problems.append(Problem(path, line, "fuzzy: check the translation, then unmark"))
        if not message.string:
            problems.append(Problem(path, line, "not translated"))
            continue
        translated += 1
        if english_sentences(str(message.string)):
            problems.append(Problem(path, line, "the translation still reads as English"))
        for text in check_entry(str(message.id), str(message.string), terms):
            problems.append(Problem(path, line, text))
    return Report(path, total, translated, fuzzy, tuple(problems))


def check_locale(locale_dir: Path, only: list[Path] | None = None) -> list[Report]:
    """Check every catalogue of one language (``locales/es``), or ``only`` those."""
    terms = glossary_terms(locale_dir)
    paths = only or sorted((locale_dir / "LC_MESSAGES").rglob("*.po"))
    return [check_catalogue(Path(p), terms) for p in paths]


__all__ = [
    "Problem",
    "Report",
    "check_catalogue",
    "check_entry",
    "check_locale",
    "english_sentences",
    "glossary_terms",
]
