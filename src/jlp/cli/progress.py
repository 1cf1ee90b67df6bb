"""A progress bar for long work, on stderr, only when a person watches a terminal.

Output for a pipe or a file stays clean: without a terminal on stderr, or for work too
small to need one, :func:`progress_bar` gives ``None`` and nothing is drawn.

>>> with progress_bar("measuring", size=10) as update:
...     update is None
True
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Work below this size (nodes) ends in about a second: no bar.
SHOW_FROM = 2_000


@contextmanager
def progress_bar(description: str, *, size: int) -> Iterator[Callable[[int, int], None] | None]:
    """Yield ``update(done, total)`` drawing a bar on stderr, or ``None`` when not needed."""
    if size < SHOW_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


__all__ = ["SHOW_FROM", "progress_bar"]
