"""Illustrative networks built for teaching and for measuring speed (not data).

:func:`illustrative_programme` lays out a broker programme of any size as node and edge
tables, as a broker institution might type them: brokers trained by the institution,
each organising one or more networks of enterprises; enterprises tied to their network,
buying and selling together inside it, a few supplying firms of other networks, some
trained by a training centre or financed by a credit programme. Its default size is the
reach CERTEC reported for 1997–1998 (71 brokers, 59 networks, 1,200 enterprises:
Ceglie & Dini, 1999, Honduras section); **every tie and name is made up**: the paper
reports no such map.

>>> nodes, edges = illustrative_programme(brokers=2, networks=3, enterprises=20, seed=1)
>>> len(nodes), set(nodes["provenance"])
(29, {'illustrative'})
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_TRADES = (
    "Taller",
    "Carpintería",
    "Metálicas",
    "Confecciones",
    "Hamacas",
    "Calzado",
    "Cerámica",
    "Muebles",
    "Panadería",
    "Tejidos",
)
_NAMES = (
    "Núñez",
    "Peña",
    "López",
    "Ramírez",
    "Sánchez",
    "Muñoz",
    "Pérez",
    "Güell",
    "Ordóñez",
    "Martínez",
    "Gómez",
    "Zúñiga",
    "Álvarez",
    "Báez",
)
INSTITUTIONS = (
    ("institute", "Broker institute (illustrative)", "institution", "support"),
    ("training_centre", "Training centre (illustrative)", "institution", "support"),
    ("credit_programme", "Credit programme (illustrative)", "institution", "support"),
    ("association", "Producers' association (illustrative)", "association", "support"),
)


def illustrative_programme(
    *,
    brokers: int = 71,
    networks: int = 59,
    enterprises: int = 1200,
    seed: int = 1,
    phases: int = 3,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables (strings, as read from files) of an illustrative programme.

    Node ids: ``broker_1…``, ``network_1…``, ``firm_1…`` and four institutions; every
    row says ``provenance = illustrative``. Networks and their members join in phases
    1…``phases``; each broker, network and enterprise is one node (so the default has
    71 + 59 + 1,200 + 4 nodes).
    """
    rng = np.random.default_rng(seed)
    node_rows: list[dict] = []
    edge_rows: list[dict] = []

    def node(id_: str, label: str, kind: str, group: str, phase: int | str = "") -> None:
        node_rows.append(
            {
                "id": id_,
                "label": label,
                "kind": kind,
                "group": group,
                "phase": str(phase),
                "provenance": "illustrative",
            }
        )

    def tie(s: str, t: str, kind: str, directed: bool, phase: int | str = "") -> None:
        edge_rows.append(
            {
                "source": s,
                "target": t,
                "tie": kind,
                "directed": "true" if directed else "false",
                "phase": str(phase),
                "provenance": "illustrative",
            }
        )

    for id_, label, kind, group in INSTITUTIONS:
        node(id_, label, kind, group)
    network_phase = rng.integers(1, phases + 1, size=networks)
    for b in range(1, brokers + 1):
        node(f"broker_{b}", f"Broker {b}", "broker", "brokers")
        tie("institute", f"broker_{b}", "training", True)
    for k in range(1, networks + 1):
        node(f"network_{k}", f"Network {k}", "network", f"network_{k}", network_phase[k - 1])
        organisers = rng.choice(brokers, size=1 + int(rng.random() < 0.3), replace=False)
        for b in organisers:
            tie(f"broker_{b + 1}", f"network_{k}", "coordination", False, network_phase[k - 1])
        if rng.random() < 0.3:
            tie("association", f"network_{k}", "information", False, network_phase[k - 1])
    # enterprises: every network gets at least 3 members, the rest are spread at random
    membership = np.concatenate(
        [
            np.repeat(np.arange(networks), 3),
            rng.integers(0, networks, size=max(enterprises - 3 * networks, 0)),
        ]
    )[:enterprises]
    rng.shuffle(membership)
    members: dict[int, list[int]] = {}
    for f, k in enumerate(membership, start=1):
        members.setdefault(int(k), []).append(f)
        phase = int(network_phase[k])
        label = f"{_TRADES[f % len(_TRADES)]} {_NAMES[(f * 7) % len(_NAMES)]} {f}"
        node(f"firm_{f}", label, "firm", f"network_{k + 1}", phase)
        tie(f"firm_{f}", f"network_{k + 1}", "coordination", False, phase)
        if rng.random() < 0.12:
            tie("training_centre", f"firm_{f}", "training", True, phase)
        if rng.random() < 0.08:
            tie("credit_programme", f"firm_{f}", "credit", True, min(phase + 1, phases))
    for k, firms in members.items():
        phase = int(network_phase[k])
        for i, a in enumerate(firms):
            for b in firms[i + 1 :]:
                if rng.random() < 0.12:
                    kind = ("joint_purchase", "shared_order", "subcontracting")[rng.integers(3)]
                    tie(
                        f"firm_{a}",
                        f"firm_{b}",
                        kind,
                        kind == "subcontracting",
                        min(phase + int(rng.integers(0, 2)), phases),
                    )
    supplied = set()
    for _ in range(enterprises // 12):  # a few supply ties across networks
        a, b = (int(x) for x in rng.integers(1, enterprises + 1, size=2))
        if membership[a - 1] != membership[b - 1] and (a, b) not in supplied:
            supplied.add((a, b))
            tie(f"firm_{a}", f"firm_{b}", "supply", True, phases)
    return pd.DataFrame(node_rows), pd.DataFrame(edge_rows)


__all__ = ["INSTITUTIONS", "illustrative_programme"]
