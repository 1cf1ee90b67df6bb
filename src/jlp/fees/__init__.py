"""Fee ramps and funding: what a network pays its broker, and who pays for the rest.

Pure functions over validated parameters (no Jupyter, no plotting):

* :mod:`jlp.fees.ramps` — a ramp rule (subsidised years, first share, yearly step, cap),
  the yearly schedule of fee, subsidy and cost recovery, presets;
* :mod:`jlp.fees.affordability` — the fee as a share of the network's extra margin, with
  warnings of drop-out and of dependency;
* :mod:`jlp.fees.institution` — a broker institution's portfolio of networks and its
  revenue by source (service fees from networks and from institutions, membership fees,
  public or donor funds);
* :mod:`jlp.fees.presets` — the presets, read from ``datasets/fee_presets.csv``;
* :mod:`jlp.fees.values` — reading shares (``0.2``, ``20%``), years and amounts.

The reported figures come from Ceglie & Dini (1999): Box 1 (EMASIM's size and gains), the
Honduras section (the fees, CERTEC) and the Mexico section; everything else is illustrative
and marked so in the data.

>>> from jlp import fees
>>> fees.schedule(fees.ramp_preset("emasim"), annual_cost=4000, years=5)["fee"].tolist()
[0.0, 0.0, 0.0, 800.0, 1800.0]
"""

from jlp.fees.affordability import (
    Affordability,
    AffordabilityRule,
    AffordabilityWarning,
    BenefitPath,
    affordability,
    benefit_preset,
    default_thresholds,
    verdicts,
)
from jlp.fees.institution import (
    InstitutionPlan,
    break_even_year,
    finances,
    institution_preset,
    institution_presets,
    institution_scale,
    revenue_sources,
)
from jlp.fees.presets import default_service, parameter_table, preset_names, provenance
from jlp.fees.ramps import (
    SCHEDULE_COLUMNS,
    RampRule,
    compare,
    full_cost_year,
    ramp_preset,
    ramp_presets,
    schedule,
)
from jlp.fees.values import parse_amount, parse_count, parse_percentage, parse_share

__all__ = [
    "SCHEDULE_COLUMNS",
    "Affordability",
    "AffordabilityRule",
    "AffordabilityWarning",
    "BenefitPath",
    "InstitutionPlan",
    "RampRule",
    "affordability",
    "benefit_preset",
    "break_even_year",
    "compare",
    "default_service",
    "default_thresholds",
    "finances",
    "full_cost_year",
    "institution_preset",
    "institution_presets",
    "institution_scale",
    "parameter_table",
    "parse_amount",
    "parse_count",
    "parse_percentage",
    "parse_share",
    "preset_names",
    "provenance",
    "ramp_preset",
    "ramp_presets",
    "revenue_sources",
    "schedule",
    "verdicts",
]
