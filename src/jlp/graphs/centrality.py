"""Betweenness centrality, vectorised: networkx's numbers, fast enough for a programme.

The same measure as ``networkx.betweenness_centrality(graph, normalized=True)`` on an
undirected graph (Brandes, 2001: count shortest paths forward from every source, then
accumulate dependencies backward), but run for many sources at once with numpy arrays
instead of one Python loop per source. On this project's 2-core machine networkx took
4–7 s on a 1,330-node programme graph; this takes a fraction of a second. The tests check
that both agree on random graphs.

Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
Mathematical Sociology* 25(2), 163–177.

>>> import networkx as nx
>>> b = betweenness(nx.path_graph(4))
>>> [round(b[n], 4) for n in range(4)]
[0.0, 0.6667, 0.6667, 0.0]
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from jlp.graphs._paths import Arcs

#: How many (source, arc) pairs one batch may hold; bounds the memory used (~12 bytes each).
BATCH_PAIRS = 4_000_000


def _expand(frontier: np.ndarray, n: int, start: np.ndarray, degree: np.ndarray,
            neighbours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For frontier cells ``s*n+v``, every cell ``s*n+w`` with w a neighbour of v."""
    s, v = np.divmod(frontier, n)
    count = degree[v]
    total = int(count.sum())
    first = np.repeat(start[v], count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    w = neighbours[first + offset]
    return np.repeat(frontier, count), np.repeat(s, count) * n + w


def _batch(sources: np.ndarray, n: int, start: np.ndarray, degree: np.ndarray,
           neighbours: np.ndarray) -> np.ndarray:
    size = len(sources)
    cells = size * n
    dist = np.full(cells, -1, dtype=np.int32)
    sigma = np.zeros(cells)
    frontier = np.arange(size, dtype=np.int64) * n + sources
    dist[frontier] = 0
    sigma[frontier] = 1.0
    levels = []
    depth = 0
    while frontier.size:
        from_cell, to_cell = _expand(frontier, n, start, degree, neighbours)
        reached = dist[to_cell]
        dist[to_cell[reached == -1]] = depth + 1
        fresh = np.flatnonzero(dist == depth + 1)
        on_path = (reached == -1) | (reached == depth + 1)
        from_cell, to_cell = from_cell[on_path], to_cell[on_path]
        sigma += np.bincount(to_cell, weights=sigma[from_cell], minlength=cells)
        levels.append((from_cell, to_cell))
        frontier = fresh
        depth += 1
    delta = np.zeros(cells)
    for from_cell, to_cell in reversed(levels):
        share = sigma[from_cell] / sigma[to_cell] * (1.0 + delta[to_cell])
        delta += np.bincount(from_cell, weights=share, minlength=cells)
    delta[np.arange(size, dtype=np.int64) * n + sources] = 0.0
    return delta.reshape(size, n).sum(axis=0)


def betweenness(simple: nx.Graph) -> dict:
    """Normalised betweenness of every node of an undirected graph (as networkx gives it).

    Direction, weights, parallel edges and self-loops are ignored.
    """
    order = list(simple.nodes)
    n = len(order)
    if n < 3:
        return dict.fromkeys(order, 0.0)
    arcs = Arcs.from_graph(simple.to_undirected(as_view=True), order)
    degree = arcs.out_degree()
    start = np.concatenate(([0], np.cumsum(degree)))
    per_source = max(len(arcs.source), 1)
    size = max(1, min(n, BATCH_PAIRS // per_source))
    total = np.zeros(n)
    for first in range(0, n, size):
        sources = np.arange(first, min(first + size, n), dtype=np.int64)
        total += _batch(sources, n, start, degree, arcs.target)
    total /= (n - 1) * (n - 2)
    return dict(zip(order, total.tolist(), strict=True))


__all__ = ["betweenness"]
