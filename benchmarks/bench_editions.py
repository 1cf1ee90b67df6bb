"""Edition builds of the whole course (wall clock, seconds) and the offline zip's size.

Builds from the repository into a temporary folder (never into _build), as `make editions`
does: the learner edition first with an empty notebook cache, then the workshop and
instructor editions reusing that cache, then the learner edition again with nothing changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _build(edition: str, out: Path) -> float:
    code = (
        "import sys; from jlp.editions.build import build, build_plan; "
        f"sys.exit(build(build_plan({edition!r}, root={str(ROOT)!r}, "
        f"output={str(out / edition / 'html')!r}, cache={str(out / 'cache')!r}), quiet=True))"
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return time.perf_counter() - started


def edition_builds() -> dict[str, tuple[float, str]]:
    from jlp.editions.offline import make_zip

    out = Path(tempfile.mkdtemp(prefix="jlp-bench-editions-"))
    try:
        rows = {
            "edition_learner_cold": (_build("learner", out), "s"),
            "edition_workshop_cached": (_build("workshop", out), "s"),
            "edition_instructor_cached": (_build("instructor", out), "s"),
            "edition_learner_warm": (_build("learner", out), "s"),
        }
        archive = make_zip(out / "learner" / "html", out / "jlp-course.zip")
        rows["offline_zip_size"] = (archive.stat().st_size / 1e6, "MB")
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return rows


BENCHMARKS = [("edition_builds", edition_builds)]
