"""Take-away copies of the built course: a zip for offline use and a printable PDF.

The zip holds one folder, ``jlp-course/``, with the built site and a short ``README.txt``
(and ``LEEME.txt``, the same in Spanish): unzip, then
``python -m http.server --directory jlp-course 8000`` (or open ``index.html`` directly).
The archive is reproducible: files in sorted order with a fixed timestamp, so the same site
gives the same bytes.

>>> import tempfile, zipfile
>>> site = Path(tempfile.mkdtemp())
>>> _ = (site / "index.html").write_text("<h1>Hi</h1>")
>>> archive = make_zip(site, site.parent / "course-doc.zip")
>>> sorted(zipfile.ZipFile(archive).namelist())
['jlp-course/LEEME.txt', 'jlp-course/README.txt', 'jlp-course/index.html']
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

FOLDER = "jlp-course"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
#: Files a site build leaves that a reader does not need.
SKIP_NAMES = {".buildinfo", ".DS_Store"}

README = """\
Joint learning for network brokers: the course, for use with no internet.

1. Unzip this file. You get a folder called {folder}.
2. Either open {folder}/index.html in a web browser (double-click it), or, for the
   search box and every page to work exactly as online, serve the folder:

       python -m http.server --directory {folder} 8000

   and browse to http://127.0.0.1:8000/ . Stop the server with Ctrl+C.

Nothing in the site loads anything from the internet. The notebooks can be downloaded
from each page (the download button) and run in JupyterLab on your own computer.
"""

LEEME = """\
Aprendizaje conjunto para articuladores de redes: el curso, para usar sin internet.

1. Descomprima este archivo. Obtiene una carpeta llamada {folder}.
2. Abra {folder}/index.html en un navegador (doble clic) o, para que la búsqueda y
   todas las páginas funcionen como en línea, sirva la carpeta:

       python -m http.server --directory {folder} 8000

   y vaya a http://127.0.0.1:8000/ . Detenga el servidor con Ctrl+C.

El sitio no carga nada de internet. Los cuadernos (notebooks) se descargan desde cada
página (botón de descarga) y se ejecutan en JupyterLab en su propia computadora.
"""


def site_files(site: Path) -> list[Path]:
    """The files of a built site that go into the zip (no build leftovers)."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.is_file() and p.name not in SKIP_NAMES and ".doctrees" not in p.parts
    )


def translated_sites(root: Path, output: str | Path) -> dict[str, Path]:
    """The built translations of the edition whose English site is ``root/output``, by the
    folder they take inside it: ``{"es": root/_build/es/html}`` once ``make book-es`` ran."""
    from jlp.editions.language import LANGUAGES, SOURCE_LANGUAGE

    found = {}
    for code, language in LANGUAGES.items():
        built = root / "_build" / code / Path(output).relative_to("_build")
        if code != SOURCE_LANGUAGE and (built / "index.html").exists():
            found[language.folder] = built
    return found


def make_zip(
    site: Path | str, archive: Path | str, translations: dict[str, Path] | None = None
) -> Path:
    """Zip the built ``site`` folder into ``archive`` under ``jlp-course/``; return its path.

    ``translations`` maps a folder inside the site (``es``) to a translated site built
    apart (``_build/es/html``): it goes into the zip there, where the pages' language
    switches look for it.
    """
    site, archive = Path(site), Path(archive)
    if not (site / "index.html").exists():
        raise FileNotFoundError(f"{site} holds no index.html: build the book first (make book)")
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in (("LEEME.txt", LEEME), ("README.txt", README)):
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            z.writestr(info, text.format(folder=FOLDER), compress_type=zipfile.ZIP_DEFLATED)
        placed = [(path, path.relative_to(site).as_posix()) for path in site_files(site)]
        for folder, other in sorted((translations or {}).items()):
            for path in site_files(other):
                placed.append((path, f"{folder}/{path.relative_to(other).as_posix()}"))
        for path, relative in placed:
            name = f"{FOLDER}/{relative}"
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    os.replace(partial, archive)
    return archive


def chromium() -> str | None:
    """Debian's chromium (or ``$JLP_CHROMIUM``), used to print the PDF; None when absent."""
    candidates = [os.environ.get("JLP_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).exists()), None)


def print_pdf(
    page: Path | str, pdf: Path | str, *, paper: str = "A4", budget_ms: int = 30_000
) -> Path | None:
    """Print one HTML page (the single-page print edition) to ``pdf`` with headless chromium.

    Scripts run first (for up to ``budget_ms`` of virtual time), so charts and graphs are
    drawn before printing. ``paper`` is a CSS page size ("A4", "Letter"): chromium's command
    line has no paper option, so a copy of the page beside it names the size, and is removed
    after. Returns None, printing nothing, when no chromium is installed.
    """
    exe = chromium()
    if exe is None:
        return None
    page, pdf = Path(page).resolve(), Path(pdf).resolve()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    sized = page.with_name(f".{page.stem}-{paper.lower()}{page.suffix}")
    rule = f"<style>@page {{ size: {paper}; }}</style>"
    sized.write_text(
        page.read_text(encoding="utf-8").replace("</head>", rule + "</head>", 1), encoding="utf-8"
    )
    try:
        _chromium_pdf(exe, sized, pdf, budget_ms)
    finally:
        sized.unlink(missing_ok=True)
    return pdf


def _chromium_pdf(exe: str, page: Path, pdf: Path, budget_ms: int) -> None:
    subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            f"--virtual-time-budget={budget_ms}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )


__all__ = ["FOLDER", "LEEME", "README", "make_zip", "print_pdf", "site_files"]
