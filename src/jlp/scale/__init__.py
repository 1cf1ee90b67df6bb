"""Economies of scale in joint action: pooled purchasing and the best size of a group (Masaya).

Box 4 of Ceglie & Dini (1999): in Masaya (Nicaragua) the price of a hammock depends mainly
on the cost of its cotton yarn, and the best yarn prices come only with quantities larger
than any single network buys — hence a purchase centre for the whole hammock sector; then
design and new products with the wood and furniture sector, export promotion and a common
"made in Masaya" brand for the cluster; and measures for all Nicaraguan exporters. The
lesson: choose the scale of each joint action (network, sector, cluster, nation) to get
the most from economies of scale and scope.

Pure functions, no Jupyter and no plotting (charts: :mod:`jlp.viz.scale_charts`; widget:
:class:`jlp.widgets.PoolChooser`):

* :mod:`jlp.scale.prices` — yarn price curves by quantity: :class:`TierTable` (all-units
  tiers, the bundled list :func:`yarn_prices`) and :class:`SmoothPrice`;
* :mod:`jlp.scale.pooling` — producers and their yarn needs (:func:`producers`), one pool
  (:func:`pool_purchase`), and what each level saves (:func:`savings_by_level`);
* :mod:`jlp.scale.coordination` — the co-ordination cost of a group
  (:class:`CoordinationCost`);
* :mod:`jlp.scale.tradeoff` — critical mass against co-ordination cost
  (:class:`JointProject`, :func:`best_size`, :func:`pool_tradeoff`).

The paper gives no prices, quantities or costs: every such number here, in the bundled
tables and in the presets, is **illustrative**. Amounts are US$ a month, quantities kg a
month.

>>> from jlp import scale
>>> table = scale.savings_by_level()
>>> table.set_index("level")["best_unit_price"].tolist()
[3.6, 3.15, 2.8, 2.8]
>>> scale.best_size(scale.project_preset("joint_export"), max_size=100).size
10
"""

from jlp.scale.coordination import CoordinationCost
from jlp.scale.pooling import (
    LEVELS,
    PoolResult,
    check_producers,
    choice_label,
    group_label,
    groups,
    pool_choices,
    pool_purchase,
    producers,
    purchases,
    savings_by_level,
)
from jlp.scale.prices import (
    PriceCurve,
    SmoothPrice,
    TierTable,
    price_table,
    tiers_from_table,
    yarn_prices,
)
from jlp.scale.tradeoff import (
    OBJECTIVES,
    PRESETS,
    TABLE_COLUMNS,
    JointProject,
    Optimum,
    best_row,
    best_size,
    net_benefit_table,
    pool_tradeoff,
    project_label,
    project_preset,
    project_presets,
)

__all__ = [
    "LEVELS",
    "OBJECTIVES",
    "PRESETS",
    "TABLE_COLUMNS",
    "CoordinationCost",
    "JointProject",
    "Optimum",
    "PoolResult",
    "PriceCurve",
    "SmoothPrice",
    "TierTable",
    "best_row",
    "best_size",
    "check_producers",
    "choice_label",
    "group_label",
    "groups",
    "net_benefit_table",
    "pool_choices",
    "pool_purchase",
    "pool_tradeoff",
    "price_table",
    "producers",
    "project_label",
    "project_preset",
    "project_presets",
    "purchases",
    "savings_by_level",
    "tiers_from_table",
    "yarn_prices",
]
