"""jlp's words in Spanish: what the catalogue costs a process, and a word looked up.

The Spanish catalogue (``src/jlp/locale/es/LC_MESSAGES/jlp.po``) is read with Babel the
first time a Spanish word is asked for, once per process; English reads no catalogue.
``i18n_catalogue_load_s`` is the median wall time that first read adds to a fresh process
(5 runs, Babel's import included); ``i18n_lookup_*_us`` is one ``TEXT[key]`` of a
:class:`jlp.i18n.Messages` dict, translated at that moment (a plain dict for comparison).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = 5
LOOKUPS = 200_000
_TIMED = (
    "import time; from jlp import i18n; t = time.perf_counter(); {call}; "
    "print(time.perf_counter() - t)"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    return env


def _in_fresh_process(call: str) -> float:
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", _TIMED.format(call=call)],
            env=_env(),
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(float(done.stdout.strip()))
    return statistics.median(runs)


def catalogue_load() -> dict[str, tuple[float, str]]:
    """Wall time of the first Spanish word in a fresh process."""
    return {"i18n_catalogue_load_s": (_in_fresh_process('i18n.translations("es")'), "s")}


def lookup() -> dict[str, tuple[float, str]]:
    """One translated lookup in a Messages dict, in Spanish and in English."""
    from jlp import i18n
    from jlp.viz.fee_charts import TEXT

    plain = TEXT.source()
    rows = {}
    for code in ("es", "en"):
        with i18n.language_set(code):
            TEXT["year"]
            seconds = timeit.timeit(lambda: TEXT["year"], number=LOOKUPS) / LOOKUPS
        rows[f"i18n_lookup_{code}_us"] = (seconds * 1e6, "µs")
    seconds = timeit.timeit(lambda: plain["year"], number=LOOKUPS) / LOOKUPS
    rows["i18n_lookup_plain_dict_us"] = (seconds * 1e6, "µs")
    return rows


BENCHMARKS = [("i18n_catalogue_load", catalogue_load), ("i18n_lookup", lookup)]
