"""Two-paths a→b→c of a simple directed graph, as numpy arrays (shared by the metrics).

Everything here works on integer node positions ``0..n-1`` and arrays of arcs, so the
cost grows with the number of two-paths (the sum over nodes of in-degree × out-degree),
not with n³: a programme of 1,330 nodes is measured in milliseconds.

>>> import numpy as np
>>> arcs = Arcs.from_pairs(3, [(0, 1), (1, 2), (0, 2)])
>>> a, b, c, closed = arcs.two_paths()
>>> list(zip(a, b, c, closed))
[(np.int64(0), np.int64(1), np.int64(2), np.True_)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np


@dataclass(frozen=True)
class Arcs:
    """The arcs of a simple directed graph on nodes ``0..n-1`` (no self-loops, no repeats)."""

    n: int
    source: np.ndarray
    target: np.ndarray

    @classmethod
    def from_pairs(cls, n: int, pairs: Iterable[tuple[int, int]]) -> Arcs:
        array = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
        array = array[array[:, 0] != array[:, 1]]
        codes = np.unique(array[:, 0] * n + array[:, 1])
        return cls(n, codes // n, codes % n)

    @classmethod
    def from_graph(cls, graph: nx.Graph, order: list) -> Arcs:
        """Arcs of ``graph`` with nodes numbered as in ``order`` (undirected: both ways)."""
        index = {node: i for i, node in enumerate(order)}
        pairs = [(index[u], index[v]) for u, v in graph.edges()]
        if not graph.is_directed():
            pairs += [(v, u) for u, v in pairs]
        return cls.from_pairs(len(order), pairs)

    @classmethod
    def of_ties(cls, graph: nx.Graph, order: list, *, directed: bool) -> Arcs:
        """Arcs straight from ``graph``'s ties, nodes numbered as in ``order``.

        ``directed=False``: every tie both ways (the arcs of
        :func:`jlp.graphs.build.simple_view`); ``directed=True``: one arc per direction a
        tie runs (those of :func:`jlp.graphs.build.directed_view`). No networkx graph is
        built on the way.
        """
        index = {node: i for i, node in enumerate(order)}
        default = graph.is_directed()
        forward, backward = [], []
        for u, v, one_way in graph.edges(data="directed", default=default):
            forward.append((index[u], index[v]))
            if not directed or not one_way:
                backward.append((index[v], index[u]))
        return cls.from_pairs(len(order), forward + backward)

    @property
    def codes(self) -> np.ndarray:
        """``source * n + target``, sorted (the arcs come sorted that way)."""
        return self.source * self.n + self.target

    def index_of(self, source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Position of each arc ``source→target`` in this list, and whether it exists."""
        codes = self.codes
        wanted = source * self.n + target
        position = np.searchsorted(codes, wanted)
        clipped = np.minimum(position, max(len(codes) - 1, 0))
        found = (
            (position < len(codes)) & (codes[clipped] == wanted)
            if len(codes)
            else np.zeros(len(wanted), dtype=bool)
        )
        return clipped, found

    def out_degree(self) -> np.ndarray:
        return np.bincount(self.source, minlength=self.n)

    def two_paths(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every two-path a→b→c with a ≠ c, and whether the arc a→c exists ("closed")."""
        out_degree = self.out_degree()
        start = np.concatenate(([0], np.cumsum(out_degree)))
        count = out_degree[self.target]  # for each arc a→b, the arcs b→c that follow it
        total = int(count.sum())
        a = np.repeat(self.source, count)
        b = np.repeat(self.target, count)
        first = np.repeat(start[self.target], count)
        offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
        c = self.target[first + offset]  # arcs are sorted by source, so b's arcs are a block
        keep = a != c
        a, b, c = a[keep], b[keep], c[keep]
        _, closed = self.index_of(a, c)
        return a, b, c, closed
