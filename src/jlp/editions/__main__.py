"""``python -m jlp.editions``: build an edition, the print edition, or the offline zip.

    python -m jlp.editions build workshop        # -> _build/workshop/html
    python -m jlp.editions build instructor      # -> _build/instructor/html
    python -m jlp.editions print                 # -> _build/print/html/index.html (+ PDFs:
                                                 #    jlp-course.pdf A4, jlp-course-letter.pdf)
    python -m jlp.editions offline               # -> _build/offline/jlp-course.zip
    python -m jlp.editions build learner --lang es    # -> _build/es/html
    python -m jlp.editions locales               # -> locales/es/LC_MESSAGES/*.po updated
    python -m jlp.editions translations [PO ...] # untranslated messages and broken markup

The Makefile calls these (``make book-workshop``, ``book-instructor``, ``book-print``,
``offline``). Every build is strict: a warning fails it, as with ``make book``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml

from jlp.editions import EDITIONS, edition_named
from jlp.editions.build import build, build_plan
from jlp.editions.language import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE
from jlp.editions.offline import make_zip, print_pdf, translated_sites
from jlp.editions.printing import PAPERS, at_top, printable

REDIRECT = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Redirect</title>'
    '<meta http-equiv="refresh" content="0; url={target}"></head>'
    '<body><p><a href="{target}">The printable course</a></p></body></html>\n'
)


def _one_page(html: str, root_doc: str) -> str:
    """Fix the single page for its place at the top: links into itself and into the site's
    folders, no search index."""
    html = at_top(html.replace(f'href="{root_doc}.html#', 'href="#'), root_doc.count("/"))
    return re.sub(r'<script[^>]*src="searchindex\.js[^"]*"[^>]*></script>\s*', "", html)


def _link_languages(root: Path, output: Path, language: str, default_place: bool) -> None:
    """In ``_build``, put each translated site where the English one's switch looks for it
    (``_build/html/es`` -> ``_build/es/html``), so the language links work from the folder."""
    if language == SOURCE_LANGUAGE or not default_place:
        return
    english = root / "_build" / output.relative_to(root / "_build" / language)
    link = english / LANGUAGES[language].folder
    english.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or not link.exists():
        link.unlink(missing_ok=True)
        link.symlink_to(os.path.relpath(output, english), target_is_directory=True)


def _update_locales(root: Path, *, quiet: bool) -> int:
    """Extract every page's messages and merge them into ``locales/<lang>/LC_MESSAGES``."""
    from sphinx_intl import basic

    # the instructor edition holds every message: the others only leave some out
    plan = build_plan("instructor", root=root, builder="gettext")
    status = build(plan, quiet=quiet)
    if status:
        return status
    others = [code for code in sorted(LANGUAGES) if code != SOURCE_LANGUAGE]
    basic.update(str(root / LOCALE_DIR), str(plan.output), others)
    print(f"Catalogues updated in {root / LOCALE_DIR} for: {', '.join(others)}")
    return 0


def _check_translations(root: Path, lang: str, files: list[Path], *, summary: bool) -> int:
    """Print each catalogue's state and its problems; 1 when any problem is left."""
    from jlp.editions.translations import check_locale

    reports = check_locale(root / LOCALE_DIR / lang, files or None)
    left = 0
    for report in reports:
        print(
            f"{report.translated:4}/{report.total:<4} translated, {report.fuzzy} fuzzy  "
            f"{report.path}"
        )
        if not summary:
            for problem in report.problems:
                if problem.message != "not translated":
                    print(f"    {problem}")
        left += len(report.problems)
    done = sum(r.translated for r in reports)
    total = sum(r.total for r in reports)
    print(f"{done} of {total} messages translated; {left} problems")
    return 1 if left else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m jlp.editions", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--root", default=".", help="the book root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build one edition into its own folder")
    b.add_argument("edition", choices=sorted(EDITIONS))
    b.add_argument("--output", help="HTML folder (default: the edition's folder under _build)")
    b.add_argument("--lang", default=SOURCE_LANGUAGE, choices=sorted(LANGUAGES))
    b.add_argument("--quiet", action="store_true")

    t = sub.add_parser("locales", help="update the message catalogues from the English pages")
    t.add_argument("--quiet", action="store_true")

    c = sub.add_parser("translations", help="check the catalogues: all translated, markup kept")
    c.add_argument("files", nargs="*", type=Path, help=".po files (default: every one)")
    c.add_argument("--lang", default="es", choices=[c for c in sorted(LANGUAGES) if c != "en"])
    c.add_argument("--summary", action="store_true", help="counts only, no problem lines")

    p = sub.add_parser("print", help="one long printable page (and a PDF where chromium is)")
    p.add_argument("--edition", default="learner", choices=sorted(EDITIONS))
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    p.add_argument("--lang", default=SOURCE_LANGUAGE, choices=sorted(LANGUAGES))
    p.add_argument("--quiet", action="store_true")

    o = sub.add_parser("offline", help="zip a built edition for use with no internet")
    o.add_argument("--edition", default="learner", choices=sorted(EDITIONS))
    o.add_argument("--output", help="the zip (default: _build/offline/jlp-course[-EDITION].zip)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root).resolve()
    if args.command == "build":
        plan = build_plan(args.edition, root=root, output=args.output, language=args.lang)
        status = build(plan, quiet=args.quiet)
        if status == 0:
            _link_languages(root, plan.output, args.lang, args.output is None)
            print(f"The {plan.edition} edition is built: {plan.output / 'index.html'}")
        return status
    if args.command == "locales":
        return _update_locales(root, quiet=args.quiet)
    if args.command == "translations":
        return _check_translations(root, args.lang, args.files, summary=args.summary)
    if args.command == "print":
        plan = build_plan(args.edition, root=root, builder="singlehtml", language=args.lang)
        status = build(plan, quiet=args.quiet)
        if status:
            return status
        # The single page is written as <root doc>.html (book/index.html) but its links
        # assume the top folder, so it is served from there as index.html.
        root_doc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))["root"]
        page = plan.output / "index.html"
        written = plan.output / f"{root_doc}.html"
        one_page = _one_page(written.read_text(encoding="utf-8"), root_doc)
        page.write_text(printable(one_page), encoding="utf-8")
        depth = "../" * root_doc.count("/")
        written.write_text(REDIRECT.format(target=f"{depth}index.html"), encoding="utf-8")
        print(f"The print edition is built: {page} (open it and print, or save as PDF)")
        if not args.no_pdf:
            for paper in PAPERS:
                suffix = "" if paper == PAPERS[0] else f"-{paper.lower()}"
                pdf = print_pdf(page, plan.output.parent / f"jlp-course{suffix}.pdf", paper=paper)
                if pdf is None:
                    print("No chromium found: no PDF (print from a browser).")
                    break
                print(f"PDF ({paper}): {pdf}")
        return 0
    edition = edition_named(args.edition)
    suffix = "" if edition.name == "learner" else f"-{edition.name}"
    default = root / "_build" / "offline" / f"jlp-course{suffix}.zip"
    archive = Path(args.output) if args.output else default
    translations = translated_sites(root, edition.output)
    if len(translations) < len(LANGUAGES) - 1:
        print("Not every translation is built (make book-es): the zip holds only the built ones.")
    made = make_zip(root / edition.output, archive, translations)
    size = made.stat().st_size / 1e6
    print(f"Offline copy: {made} ({size:.1f} MB). Unzip it, then:")
    print("    python -m http.server --directory jlp-course 8000")
    return 0


if __name__ == "__main__":
    sys.exit(main())
