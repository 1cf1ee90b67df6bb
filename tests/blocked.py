"""Make a package unimportable for the length of a ``with`` block.

>>> import json
>>> with unimportable("json"):
...     import json
Traceback (most recent call last):
ModuleNotFoundError: json is blocked by the test
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.abc import MetaPathFinder


class _Blocker(MetaPathFinder):
    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} is blocked by the test", name=fullname)
        return None


@contextmanager
def unimportable(*names: str) -> Iterator[None]:
    """Hide ``names`` (top-level packages) from ``import``, including already loaded ones."""
    hidden = {key: sys.modules.pop(key) for key in list(sys.modules) if key.split(".")[0] in names}
    blocker = _Blocker(names)
    sys.meta_path.insert(0, blocker)
    try:
        yield
    finally:
        sys.meta_path.remove(blocker)
        for key in [key for key in sys.modules if key.split(".")[0] in names]:
            del sys.modules[key]
        sys.modules.update(hidden)
