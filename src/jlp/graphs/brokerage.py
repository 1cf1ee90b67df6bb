"""Gould–Fernandez brokerage roles: who stands between whom, and across which groups.

For every node *b*, count the two-paths a→b→c of the directed view
(:func:`jlp.graphs.build.directed_view`: an undirected tie runs both ways) with a ≠ c
and no tie a→c, so that *b* is the only short way from *a* to *c*. Each is one of five
roles, by the groups of the three nodes (Gould & Fernandez, 1989):

===============  ===========================================  ===========================
role             groups                                       the broker…
===============  ===========================================  ===========================
coordinator      a, b, c in one group                         links members of its own group
consultant       a and c in one group, b in another           serves a group from outside
representative   a and b in one group, c in another           speaks for its group outward
gatekeeper       b and c in one group, a in another           lets outsiders into its group
liaison          a, b and c in three groups                   links groups it belongs to none of
===============  ===========================================  ===========================

The group is the node's ``group`` attribute, or ``kind`` where a node has no group (or any
attribute named by ``group=``). networkx has no brokerage roles; UCINET and R's ``sna``
(``brokerage``) do, with these definitions.

Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
brokerage in transaction networks. *Sociological Methodology* 19, 89–126.

>>> import networkx as nx
>>> g = nx.DiGraph([("buyer", "broker"), ("broker", "firm")])
>>> nx.set_node_attributes(g, {"buyer": "market", "broker": "support", "firm": "firm"}, "group")
>>> brokerage_roles(g).loc["broker"].to_dict()
{'coordinator': 0, 'consultant': 0, 'representative': 0, 'gatekeeper': 0, 'liaison': 1}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from jlp.errors import JlpInputError
from jlp.graphs._paths import Arcs
from jlp.i18n import Messages

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "no_attribute": "no node has the attribute '{group}'",
        "attribute_fix": "group by one of the node table's columns: {columns}",
    }
)

#: The five roles, in the order of the tables.
ROLES: tuple[str, ...] = ("coordinator", "consultant", "representative", "gatekeeper", "liaison")

if TYPE_CHECKING:
    import pandas as pd


def node_groups(graph: nx.Graph, group: str | None = None) -> dict:
    """Each node's group: its ``group`` attribute (or the one named), else its ``kind``.

    A node with neither is in a group of its own (named by its id). Naming an attribute
    that no node has raises :class:`~jlp.errors.JlpInputError`.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("a", kind="firm", group="north")
    >>> g.add_node("b", kind="broker")
    >>> node_groups(g)
    {'a': 'north', 'b': 'broker'}
    """
    attribute = group or "group"
    if group is not None and not any(attribute in d for _, d in graph.nodes(data=True)):
        present = sorted({k for _, d in graph.nodes(data=True) for k in d})
        raise JlpInputError(
            TEXT["no_attribute"].format(group=group),
            column=group,
            fix=TEXT["attribute_fix"].format(columns=", ".join(present)),
        )
    found = {}
    for node, data in graph.nodes(data=True):
        value = data.get(attribute)
        if value is None or value == "":
            value = data.get("kind")
        found[node] = ("\0node", node) if value is None or value == "" else value
    return found


def brokerage_roles(graph: nx.Graph, group: str | None = None) -> pd.DataFrame:
    """Gould–Fernandez role counts per node: a frame indexed by node, one column per role.

    Works on any networkx graph: a jlp multigraph (ties directed where the table says so),
    or a plain ``Graph`` (every tie both ways) or ``DiGraph``.

    >>> import networkx as nx
    >>> star = nx.star_graph(3)  # a hub and three leaves, all in one group
    >>> nx.set_node_attributes(star, "north", "group")
    >>> brokerage_roles(star)["coordinator"].tolist()
    [6, 0, 0, 0]
    """
    import pandas as pd

    order = list(graph.nodes)
    counts = role_counts(graph, group)
    return pd.DataFrame(counts, index=pd.Index(order, name="id"), columns=list(ROLES))


def role_counts(graph: nx.Graph, group: str | None = None) -> dict[str, np.ndarray]:
    """:func:`brokerage_roles` as ``{role: counts}``, in the graph's node order.

    >>> import networkx as nx
    >>> role_counts(nx.path_graph(3))["liaison"].tolist()  # each node its own group
    [0, 2, 0]
    """
    order = list(graph.nodes)
    arcs = Arcs.of_ties(graph, order, directed=True)
    groups = node_groups(graph, group)
    seen: dict[str, int] = {}
    codes = np.array([seen.setdefault(repr(groups[n]), len(seen)) for n in order], dtype=np.int64)
    a, b, c, closed = arcs.two_paths()
    a, b, c = a[~closed], b[~closed], c[~closed]
    ga, gb, gc = codes[a], codes[b], codes[c]
    masks = {
        "coordinator": (ga == gb) & (gb == gc),
        "consultant": (ga == gc) & (ga != gb),
        "representative": (ga == gb) & (gc != gb),
        "gatekeeper": (ga != gb) & (gc == gb),
        "liaison": (ga != gb) & (gb != gc) & (ga != gc),
    }
    counts = {
        role: np.bincount(b[mask], minlength=len(order)).astype(np.int64)
        for role, mask in masks.items()
    }
    return {role: counts[role] for role in ROLES}


__all__ = ["ROLES", "brokerage_roles", "node_groups", "role_counts"]
