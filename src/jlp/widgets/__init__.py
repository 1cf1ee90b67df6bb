"""ipywidgets front-ends. Each only wires controls to tested functions elsewhere in jlp.

In the static book a widget shows the state it was saved in; moving a control there
computes nothing. Run the notebook (``make lab`` or a hub) to use it live.
"""

from jlp.widgets.agreement import AgreementView as AgreementView
from jlp.widgets.facts import FactsBrowser
from jlp.widgets.fee_tuner import FeeRampTuner as FeeRampTuner
from jlp.widgets.graph_explorer import GraphExplorer as GraphExplorer
from jlp.widgets.net_scorer import NetScorer as NetScorer
from jlp.widgets.pool_chooser import PoolChooser as PoolChooser

__all__ = ["FactsBrowser"]
