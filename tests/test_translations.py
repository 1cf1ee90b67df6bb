"""The catalogue checker (jlp.editions.translations) finds what a translation breaks."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from jlp.editions.translations import check_catalogue, check_entry

TERMS = {"articulador de redes", "red de empresas"}


def test_a_faithful_translation_passes():
    english = (
        "A {term}`broker` reads [the map](graphs.md) with `jlp graph metrics`; "
        "see {ref}`net-stages` and **US\\$ 4,000**[^fee]."
    )
    spanish = (
        "Un {term}`articulador <articulador de redes>` lee [el mapa](graphs.md) con "
        "`jlp graph metrics`; vea {ref}`net-stages` y **US\\$ 4.000**[^fee]."
    )
    assert check_entry(english, spanish, TERMS) == []


def test_each_kind_of_broken_markup_is_named():
    english = "See {ref}`a`, [x](a.md), `code`, **bold**, {term}`network`[^n]."
    assert check_entry(
        english, "Vea {ref}`b`, [x](a.md), `code`, **negrita**, {term}`red de empresas`[^n].", TERMS
    )[0].startswith("cross-references")
    assert "link targets differ: a.md -> b.md" in check_entry(
        english, "{ref}`a` [x](b.md) `code` **b** {term}`red de empresas`[^n]", TERMS
    )
    assert "inline code differ: code -> código" in check_entry(
        english, "{ref}`a` [x](a.md) `código` **b** {term}`red de empresas`[^n]", TERMS
    )
    assert "an odd number of ** (bold left open)" in check_entry(
        english, "{ref}`a` [x](a.md) `code` **b {term}`red de empresas`[^n]", TERMS
    )
    assert "1 glossary links in English, 0 in the translation" in check_entry(
        english, "{ref}`a` [x](a.md) `code` **b** red[^n]", TERMS
    )
    assert "footnotes differ: [^n] -> nothing" in check_entry(
        english, "{ref}`a` [x](a.md) `code` **b** {term}`red de empresas`", TERMS
    )
    assert check_entry("Costs US\\$ 5.", "Cuesta US$ 5.", TERMS) == [
        "a $ lost or added (write US\\$ as in the English)"
    ]


def test_untranslated_and_fuzzy_messages_are_counted(tmp_path: Path):
    catalogue = Catalog(locale="es")
    catalogue.add("The method", "El método")
    catalogue.add("Questions", "")
    catalogue.add("Objectives", "Objetivos", flags=["fuzzy"])
    path = tmp_path / "method.po"
    with path.open("wb") as handle:
        write_po(handle, catalogue)
    report = check_catalogue(path, TERMS)
    assert (report.total, report.translated, report.fuzzy) == (3, 2, 1)
    assert sorted(p.message.split(":")[0] for p in report.problems) == ["fuzzy", "not translated"]


def test_a_translation_that_would_become_a_list_is_named():
    problems = check_entry("1. Start from demand", "1. Partir de la demanda", TERMS)
    assert problems and problems[0].startswith("starts like a list item")
    assert check_entry("1. Start from demand", "1\\. Partir de la demanda", TERMS) == []


def test_every_message_of_the_course_is_translated_and_keeps_its_markup():
    """The committed Spanish catalogues: no message untranslated, fuzzy, still English, or
    with broken markup (`python -m jlp.editions translations` lists them)."""
    from jlp.editions.translations import check_locale

    locale = Path(__file__).resolve().parents[1] / "locales" / "es"
    reports = check_locale(locale)
    assert len(reports) >= 30 and sum(r.total for r in reports) > 2000
    problems = [str(p) for r in reports for p in r.problems]
    assert problems == [], f"{len(problems)} problems, e.g.:\n" + "\n".join(problems[:20])
