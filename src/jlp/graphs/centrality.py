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

from collections.abc import Callable

import networkx as nx
import numpy as np

from jlp.graphs._paths import Arcs

#: How many (source, arc) pairs one batch may hold; bounds the memory used (~12 bytes each).
BATCH_PAIRS = 4_000_000


def _expand(
    frontier: np.ndarray, n: int, start: np.ndarray, degree: np.ndarray, neighbours: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For frontier cells ``s*n+v``, every cell ``s*n+w`` with w a neighbour of v."""
    s, v = np.divmod(frontier, n)
    count = degree[v]
    total = int(count.sum())
    first = np.repeat(start[v], count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    w = neighbours[first + offset]
    return np.repeat(frontier, count), np.repeat(s, count) * n + w


def _batch(
    sources: np.ndarray, n: int, start: np.ndarray, degree: np.ndarray, neighbours: np.ndarray
) -> np.ndarray:
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


def _sources(n: int, sources: int | None, seed: int) -> np.ndarray:
    """All nodes, or ``sources`` of them drawn without replacement with ``seed``."""
    if sources is None or sources >= n:
        return np.arange(n, dtype=np.int64)
    return np.sort(np.random.default_rng(seed).choice(n, size=sources, replace=False))


def betweenness_of_arcs(
    arcs: Arcs,
    *,
    sources: int | None = None,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Normalised betweenness of nodes ``0..n-1`` of undirected ``arcs`` (both directions).

    With ``sources`` set, only that many source nodes (drawn with ``seed``) are followed
    and the sums scaled by n / sources: an unbiased estimate (Brandes & Pich, 2007) that
    costs a fraction of the exact count. ``progress(done, total)`` is called after each
    batch of sources.

    Brandes, U. and Pich, C. (2007). Centrality estimation in large networks.
    *International Journal of Bifurcation and Chaos* 17(7), 2303–2318.
    """
    n = arcs.n
    if n < 3:
        return np.zeros(n)
    degree = arcs.out_degree()
    start = np.concatenate(([0], np.cumsum(degree)))
    chosen = _sources(n, sources, seed)
    per_source = max(len(arcs.source), 1)
    size = max(1, min(len(chosen), BATCH_PAIRS // per_source))
    total = np.zeros(n)
    for first in range(0, len(chosen), size):
        total += _batch(chosen[first : first + size], n, start, degree, arcs.target)
        if progress is not None:
            progress(min(first + size, len(chosen)), len(chosen))
    total *= n / len(chosen)
    total /= (n - 1) * (n - 2)
    return total


def betweenness(simple: nx.Graph, *, sources: int | None = None, seed: int = 0) -> dict:
    """Normalised betweenness of every node of an undirected graph (as networkx gives it).

    Direction, weights, parallel edges and self-loops are ignored. ``sources`` asks for
    the estimate from that many source nodes (see :func:`betweenness_of_arcs`).
    """
    order = list(simple.nodes)
    arcs = Arcs.from_graph(simple.to_undirected(as_view=True), order)
    values = betweenness_of_arcs(arcs, sources=sources, seed=seed)
    return dict(zip(order, values.tolist(), strict=True))


__all__ = ["betweenness", "betweenness_of_arcs"]
