"""Reading and writing the files jlp takes in and gives out, safely.

- :mod:`jlp.files.read`: :func:`read_table`, the one reader of CSV and XLSX tables;
- :mod:`jlp.files.cells`: :func:`parse_number` and :func:`parse_bool`, one rule each;
- :mod:`jlp.files.write`: :func:`output_place` (where a file may be written),
  :func:`atomic_write`, formula-safe CSV (:func:`csv_bytes`, :func:`csv_text`) and
  :func:`history_lock`.

>>> parse_number("4000,5")
4000.5
"""

from jlp.files.cells import AmbiguousNumber, parse_bool, parse_number
from jlp.files.read import XLSX_SUFFIXES, as_text, read_table, separator, unprotect
from jlp.files.write import (
    LOCK_TIMEOUT,
    atomic_write,
    csv_bytes,
    csv_text,
    history_lock,
    neutralise,
    neutralised,
    output_place,
    write_error,
)

__all__ = [
    "LOCK_TIMEOUT",
    "XLSX_SUFFIXES",
    "AmbiguousNumber",
    "as_text",
    "atomic_write",
    "csv_bytes",
    "csv_text",
    "history_lock",
    "neutralise",
    "neutralised",
    "output_place",
    "parse_bool",
    "parse_number",
    "read_table",
    "separator",
    "unprotect",
    "write_error",
]
