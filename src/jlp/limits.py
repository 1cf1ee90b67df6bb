"""How large a network jlp measures, and when it estimates instead of counting exactly.

The course's networks hold tens to a few thousand actors (CERTEC's 1997–1998 programme:
about 1,330). jlp measures far larger ones on a modest laptop, and refuses, with a clear
message naming the limit, what it cannot measure in reasonable time and memory: such a
file is almost always a mistake (a whole register exported instead of a network).

- at most :data:`MAX_TABLE_ROWS` rows in a nodes or an edges table (checked before the
  file is read, from its size);
- at most :data:`MAX_NODES` nodes and :data:`MAX_TIES` ties in a network;
- betweenness is exact up to :data:`EXACT_BETWEENNESS_MAX_NODES` nodes; above, it is
  estimated from :data:`BETWEENNESS_SOURCES` source nodes drawn with a fixed seed (the
  same file gives the same numbers), and the output says so;
- pictures are drawn up to :data:`DRAW_MAX_NODES` nodes (beyond, they show nothing a
  reader can follow, and laying them out takes minutes).

>>> check_size(nodes=100, ties=300)
>>> check_size(nodes=MAX_NODES + 1, ties=0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
jlp.errors.JlpInputError: the network has 50,001 nodes, more than jlp measures (50,000) ...
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from jlp.errors import JlpInputError
from jlp.i18n import Messages, format_number

#: The most rows a nodes or edges table (CSV or XLSX sheet) may hold.
MAX_TABLE_ROWS = 250_000
#: The most nodes of a network jlp measures.
MAX_NODES = 50_000
#: The most ties of a network jlp measures.
MAX_TIES = 250_000
#: Betweenness is exact up to this many nodes, estimated above.
EXACT_BETWEENNESS_MAX_NODES = 2_500
#: Source nodes of the betweenness estimate (drawn with :data:`BETWEENNESS_SEED`).
BETWEENNESS_SOURCES = 250
#: The seed of the sources drawn for the estimate.
BETWEENNESS_SEED = 0
#: The most nodes a picture (page or still) is drawn with.
DRAW_MAX_NODES = 5_000

#: User-facing messages (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "too_many": "the network has {count} nodes, more than jlp measures ({limit})",
        "too_many_ties": "the network has {count} ties, more than jlp measures ({limit})",
        "too_many_fix": "split it into the networks it is made of, or keep only the ties you need",
        "rows": "the table has more than {limit} rows, the most jlp reads",
        "rows_fix": "keep only one network's nodes and ties in the file",
        "draw": "the network has {count} nodes, more than a picture can show ({limit})",
        "draw_fix": "draw one network or programme at a time: keep only its rows in the tables",
        "estimate": "betweenness is estimated from {sources:,} of {nodes:,} nodes (seed {seed}): "
        "exact counting stops at {limit:,} nodes",
    }
)


def check_size(*, nodes: int, ties: int) -> None:
    """Refuse a network above :data:`MAX_NODES` nodes or :data:`MAX_TIES` ties."""
    for count, key, limit in ((nodes, "too_many", MAX_NODES), (ties, "too_many_ties", MAX_TIES)):
        if count > limit:
            raise JlpInputError(
                TEXT[key].format(count=format_number(count), limit=format_number(limit)),
                fix=TEXT["too_many_fix"],
            )


def check_drawable(nodes: int) -> None:
    """Refuse to draw more than :data:`DRAW_MAX_NODES` nodes."""
    if nodes > DRAW_MAX_NODES:
        raise JlpInputError(
            TEXT["draw"].format(count=format_number(nodes), limit=format_number(DRAW_MAX_NODES)),
            fix=TEXT["draw_fix"],
        )


def _xlsx_rows(path: Path) -> int:
    """The largest row count a workbook's sheets declare (0 when they declare none)."""
    import re

    most = 0
    try:
        with zipfile.ZipFile(path) as book:
            for name in book.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with book.open(name) as sheet:
                        head = sheet.read(4096).decode("utf-8", "replace")
                    found = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+\d+:?[A-Z]*(\d*)"', head)
                    if found and found.group(1):
                        most = max(most, int(found.group(1)))
    except (OSError, zipfile.BadZipFile):
        return 0  # the reader reports a file it cannot open
    return most


def check_table_rows(path: str | Path) -> None:
    """Refuse a table file above :data:`MAX_TABLE_ROWS` rows, before reading it.

    CSV rows are counted as line ends (quick, a few ms a megabyte); a workbook's rows are
    what its sheets declare. A file that cannot be opened is left to the reader.
    """
    path = Path(path)
    if not path.is_file():
        return
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        count = _xlsx_rows(path)
    else:
        count = 0
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    count += chunk.count(b"\n")
                    if count > MAX_TABLE_ROWS + 1:
                        break
        except OSError:
            return
    if count > MAX_TABLE_ROWS + 1:  # the header is a row too
        raise JlpInputError(
            TEXT["rows"].format(limit=format_number(MAX_TABLE_ROWS)),
            file=str(path),
            fix=TEXT["rows_fix"],
        )


__all__ = [
    "BETWEENNESS_SEED",
    "BETWEENNESS_SOURCES",
    "DRAW_MAX_NODES",
    "EXACT_BETWEENNESS_MAX_NODES",
    "MAX_NODES",
    "MAX_TABLE_ROWS",
    "MAX_TIES",
    "TEXT",
    "check_drawable",
    "check_size",
    "check_table_rows",
]
