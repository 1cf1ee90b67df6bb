"""One presenter for every table on a page: human headers, units, no index, nothing cut.

:func:`table_html` turns a pandas ``DataFrame``, ``Series`` or ``Styler``, a ``dict``, a
dataclass or named tuple, or a list of such records into one HTML table for people:

- headers come from the catalogue :data:`COLUMNS` (a column it does not know is written
  as words, never as ``snake_case``); NET stage and indicator names become their labels;
- numbers carry their unit and only the decimals that mean something: ``US$ 4,000``,
  ``20 %`` (a no-break space before ``%``), ``52.4``, ``0.115`` (never more than 3), with
  the separators of the course's language (:mod:`jlp.i18n`);
- a plain row number is not shown (an index is kept only when it names something);
- an empty cell (``NaN``, ``<NA>``, ``None``) reads ``—``; long text wraps, nothing is cut;
- every header and cell is escaped, so a label such as ``<a href=…>`` or ``=HYPERLINK(…)``
  stays text;
- the table takes the theme's style (``table`` class, with cell padding) and sits in a box
  that scrolls sideways, with a visible hint when it is wider than the page.

All words sit in :data:`TEXT`, :data:`COLUMNS` and :data:`UNIT_WORDS`, and are translated
when a table is drawn, in the language of that moment (:mod:`jlp.i18n`).

>>> import pandas as pd
>>> frame = pd.DataFrame({"year": [1, 2], "cost": [4000.0, 4000.0], "fee_share": [0.2, 0.45]})
>>> html = table_html(frame)
>>> "US$\\u00a04,000" in html, "45\\u00a0%" in html, ">Fee share<" in html
(True, True, True)
>>> cell_text(0.11491935483870967), cell_text(None), cell_text(60000.0)
('0.115', '—', '60,000')
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from jlp.i18n import N_, Messages, gettext, language, number_text
from jlp.text import nfc, printable

#: User-facing words, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "empty": "—",
        "yes": "yes",
        "no": "no",
        "what": "What",
        "value": "Value",
        "item": "Item",
        "table": "Table",
        "scroll_hint": "Wide table: scroll sideways to see all {columns} columns →",
        "more_rows": "The first {shown} of {total} rows.",
        "money": "US$\u00a0{number}",
        "percent": "{number}\u00a0%",
        "path": " → ",
        "list": ", ",
        "infinite": "∞",
    }
)

#: Column (or dict key) → (header, kind). Kinds: ``money`` (US$), ``share`` (a fraction shown
#: as %), ``percent`` (already in %), ``count`` (whole number), ``index`` (one decimal),
#: ``year`` (no thousands separator), ``number`` (only the decimals that mean something),
#: ``stage`` and ``indicator`` (NET names), ``name`` (a column name as a value), ``words``
#: (a word from a fixed list, such as a rating: ``not_achieved`` reads "not achieved"), ``text``,
#: ``auto`` (guessed from the values, as for a column the catalogue does not know).
COLUMNS: dict[str, tuple[str, str]] = {
    # fees: ramps, schedules, affordability
    "year": (N_("Year"), "year"),
    "years": (N_("Years"), "count"),
    "ramp": (N_("Ramp"), "text"),
    "cost": (N_("Cost"), "money"),
    "fee": (N_("Fee"), "money"),
    "fees": (N_("Fees"), "money"),
    "fee_share": (N_("Fee share"), "share"),
    "subsidy": (N_("Subsidy"), "money"),
    "recovery": (N_("Cost recovered"), "share"),
    "cumulative_recovery": (N_("Cost recovered so far"), "share"),
    "last_share": (N_("Share in the last year"), "share"),
    "full_cost_year": (N_("Pays the full cost from year"), "year"),
    "subsidised_years": (N_("Free years"), "count"),
    "first_share": (N_("First share"), "share"),
    "step": (N_("Yearly step"), "share"),
    "cap": (N_("Cap"), "share"),
    "margin": (N_("Extra margin"), "money"),
    "fee_to_margin": (N_("Fee as a share of the extra margin"), "share"),
    "dropout": (N_("Risk of drop-out"), "text"),
    "dependency": (N_("Risk of dependency"), "text"),
    "warnings": (N_("Warnings"), "text"),
    "margin_rate": (N_("Margin rate"), "share"),
    "dropout_threshold": (N_("Drop-out threshold"), "share"),
    "dependency_floor": (N_("Dependency floor"), "share"),
    "dependency_years": (N_("Years before dependency"), "count"),
    "parameter": (N_("Parameter"), "name"),
    "provenance": (N_("Reported or illustrative"), "words"),
    "unit": (N_("Unit"), "text"),
    "note": (N_("Note"), "text"),
    "source": (N_("Source"), "text"),
    "reference": (N_("Source"), "text"),
    "labels_source": (N_("Source of the names"), "text"),
    "labels_provenance": (N_("Names reported or illustrative"), "words"),
    "phase_provenance": (N_("Phase reported or illustrative"), "words"),
    "funder": (N_("Funded by"), "text"),
    "country": (N_("Country"), "text"),
    "preset": (N_("Ramp"), "text"),
    "qualifier": (N_("Qualifier"), "text"),
    "period": (N_("Period"), "text"),
    "metric_label": (N_("Figure"), "text"),
    "subject_label": (N_("About"), "text"),
    "value": (N_("Value"), "number"),
    "value_high": (N_("Up to"), "number"),
    # fees: the broker institution
    "new_networks": (N_("New networks"), "count"),
    "active_networks": (N_("Networks served"), "count"),
    "enterprises": (N_("Enterprises"), "count"),
    "brokers": (N_("Brokers"), "count"),
    "new_brokers": (N_("New brokers a year"), "count"),
    "brokers_trained": (N_("Brokers trained"), "count"),
    "first_years": (N_("First years"), "count"),
    "reach_networks": (N_("Networks reached"), "count"),
    "reach_enterprises": (N_("Enterprises reached"), "count"),
    "enterprises_per_network": (N_("Enterprises per network"), "count"),
    "service_fees": (N_("Service fees"), "money"),
    "training_fees": (N_("Training fees"), "money"),
    "membership_fee": (N_("Membership fee"), "money"),
    "membership_fees": (N_("Membership fees"), "money"),
    "public_donor": (N_("Donor"), "money"),
    "public_funds": (N_("Public funds"), "money"),
    "public_pii": (N_("PII"), "money"),
    "public_state_government": (N_("State government"), "money"),
    "public_share": (N_("Public share"), "share"),
    "public_share_donor": (N_("Donor's share"), "share"),
    "public_share_pii": (N_("PII's share"), "share"),
    "public_share_state_government": (N_("State government's share"), "share"),
    "own_share": (N_("Own share"), "share"),
    "membership_share": (N_("Membership share"), "share"),
    "cost_share": (N_("Share of the cost"), "share"),
    "surplus": (N_("Surplus"), "money"),
    "overhead": (N_("Overhead"), "money"),
    "training_cost": (N_("Training cost per broker"), "money"),
    "training_price": (N_("Training price per broker"), "money"),
    "support_years": (N_("Years of support"), "count"),
    "sales_gain": (N_("Sales gain"), "share"),
    "sales_per_worker": (N_("Sales per worker"), "money"),
    "workers_per_enterprise": (N_("Workers per enterprise"), "count"),
    # NET
    "network": (N_("Network"), "text"),
    "date": (N_("Date"), "text"),
    "months": (N_("Months"), "count"),
    "index": (N_("NET index"), "index"),
    "current_stage": (N_("Current stage"), "stage"),
    "completeness": (N_("Completeness"), "share"),
    "assessor": (N_("Assessor"), "text"),
    "assessments": (N_("Assessments"), "count"),
    "networks": (N_("Networks"), "count"),
    "mean_index": (N_("Mean NET index"), "index"),
    "index_gain_per_year": (N_("Index points a year"), "index"),
    "mean_completeness": (N_("Mean completeness"), "share"),
    "inversions_per_assessment": (N_("Out of order per assessment"), "number"),
    "weakest_indicator": (N_("Weakest indicator"), "indicator"),
    "indicator": (N_("Indicator"), "indicator"),
    "indicator_label": (N_("Indicator"), "text"),
    "stage": (N_("Stage"), "stage"),
    "stage_label": (N_("Stage"), "text"),
    "earlier_stage": (N_("Earlier stage"), "stage"),
    "later_stage": (N_("Later stage"), "stage"),
    "earlier_rating": (N_("Rating at the earlier stage"), "words"),
    "rating": (N_("Rating"), "words"),
    "result": (N_("What it asks for"), "text"),
    "evidence": (N_("Where to see it"), "text"),
    "judged": (N_("Networks that judged it"), "count"),
    "achieved": (N_("Achieved"), "count"),
    "partial": (N_("Partial"), "count"),
    "not_achieved": (N_("Not achieved"), "count"),
    "achievement_rate": (N_("Share achieved"), "share"),
    "inversions": (N_("Out of order"), "count"),
    "times": (N_("Times"), "count"),
    "pattern": (N_("Pattern"), "words"),
    "count": (N_("Count"), "count"),
    # graphs
    "id": (N_("Id"), "text"),
    "label": (N_("Name"), "text"),
    "kind": (N_("Kind"), "words"),
    "group": (N_("Group"), "text"),
    "phase": (N_("Phase"), "count"),
    "tie": (N_("Tie"), "words"),
    "nodes": (N_("Actors"), "count"),
    "ties": (N_("Ties"), "count"),
    "linked_pairs": (N_("Linked pairs"), "count"),
    "density": (N_("Density"), "number"),
    "components": (N_("Separate pieces"), "count"),
    "isolates": (N_("Actors with no tie"), "count"),
    "firm_firm_share": (N_("Share of ties between firms"), "share"),
    "firm_institution_share": (N_("Share of ties firm–institution"), "share"),
    "other_share": (N_("Share of other ties"), "share"),
    "average_clustering": (N_("Average clustering"), "number"),
    "degree": (N_("Ties (degree)"), "count"),
    "betweenness": (N_("Betweenness"), "number"),
    "constraint": (N_("Constraint"), "number"),
    "effective_size": (N_("Effective size"), "number"),
    "coordinator": (N_("Coordinator"), "count"),
    "consultant": (N_("Consultant"), "count"),
    "gatekeeper": (N_("Gatekeeper"), "count"),
    "representative": (N_("Representative"), "count"),
    "liaison": (N_("Liaison"), "count"),
    "brokerage": (N_("Brokerage"), "count"),
    "firms_cut_off": (N_("Firms cut off"), "auto"),
    "firms_reaching_after": (N_("Firms still reaching an institution"), "count"),
    "components_added": (N_("Pieces added"), "count"),
    "left_isolated": (N_("Left with no tie"), "count"),
    "largest_after": (N_("Largest piece after"), "count"),
    "tier": (N_("Tier"), "text"),
    "role": (N_("Role"), "text"),
    "sector": (N_("Sector"), "text"),
    "cluster": (N_("Cluster"), "text"),
    "nation": (N_("Nation"), "text"),
    "line": (N_("Service line"), "text"),
    "level": (N_("Level"), "text"),
    # scale (pooled purchasing, the trade-off)
    "members": (N_("Members"), "count"),
    "pooled_members": (N_("Members pooling"), "count"),
    "size": (N_("Members"), "count"),
    "quantity_kg": (N_("Quantity (kg)"), "count"),
    "min_kg": (N_("From (kg)"), "count"),
    "max_kg": (N_("Up to (kg)"), "count"),
    "largest_kg": (N_("Largest order (kg)"), "count"),
    "unit_price": (N_("Price per kg"), "money"),
    "unit_price_usd": (N_("Price per kg"), "money"),
    "best_unit_price": (N_("Best price per kg"), "money"),
    "mean_unit_price": (N_("Mean price per kg"), "money"),
    "purchases": (N_("Purchases"), "money"),
    "cost_alone": (N_("Cost alone"), "money"),
    "saving": (N_("Saving"), "money"),
    "net_saving": (N_("Net saving"), "money"),
    "saving_share": (N_("Saving"), "share"),
    "coordination_cost": (N_("Co-ordination cost"), "money"),
    "benefit": (N_("Benefit"), "money"),
    "net_benefit": (N_("Net benefit"), "money"),
    "net_per_member": (N_("Net benefit per member"), "money"),
    "steepness": (N_("Steepness"), "number"),
    "midpoint": (N_("Midpoint"), "number"),
    "objective": (N_("Best for"), "words"),
}

#: The codes of the bundled tables, by list, → the words a reader sees (translated when
#: read). Only a column of :data:`CODE_COLUMNS` is read through them, and only its cells that
#: are exactly a code; a column of an open list (:data:`OPEN_LISTS`) only when every cell is.
CODES = Messages(
    {
        "provenance": {"reported": "reported", "illustrative": "illustrative"},
        "source": {
            "Box 1": "Box 1",
            "Box 2": "Box 2",
            "Box 3": "Box 3",
            "Box 4": "Box 4",
            "Box 5": "Box 5",
            "Introduction": "Introduction",
            "Methodology section": "Methodology section",
            "Honduras section": "Honduras section",
            "Nicaragua section": "Nicaragua section",
            "Mexico section": "Mexico section",
            "Jamaica section": "Jamaica section",
            "Chile section": "Chile section",
        },
        "kind": {
            "firm": "firm",
            "broker": "broker",
            "institution": "institution",
            "association": "association",
            "enterprise_joint": "joint enterprise",
            "market": "market",
            "network": "network",
            "project": "project",
            "service": "service",
        },
        "group": {
            "associations": "associations",
            "beyond_masaya": "beyond Masaya",
            "broker": "broker",
            "common": "common structures",
            "firms": "firms",
            "hammocks": "hammock makers",
            "jampro": "JAMPRO",
            "markets": "markets",
            "masaya_cluster": "Masaya cluster",
            "members": "members",
            "nation": "national level",
            "networking_unit": "networking unit",
            "networks": "networks",
            "new_brokers": "new brokers",
            "project": "project",
            "service_centres": "service centres",
            "suppliers": "suppliers",
            "support": "support",
            "team": "team",
            "training_education": "training and education",
        },
        "level": {
            "own": "each producer alone",
            "network": "network",
            "sector": "sector",
            "cluster": "cluster",
            "nation": "national level",
            "beyond": "beyond the cluster",
        },
        "qualifier": {
            "about": "about",
            "between": "between",
            "exact": "exact",
            "more_than": "more than",
            "up_to": "up to",
        },
        "rating": {"achieved": "achieved", "partial": "partial", "not_achieved": "not achieved"},
        "pattern": {"always": "always", "never": "never"},
        "ramp": {
            "emasim": "EMASIM",
            "certec": "CERTEC",
            "mexico": "Mexico",
            "default": "the course's default",
            "fast": "fast ramp",
            "gentle": "gentle ramp",
            "none": "no ramp",
        },
        "tie": {
            "coordination": "co-ordination",
            "credit": "credit",
            "export": "export",
            "information": "information",
            "joint_purchase": "joint purchase",
            "ownership": "ownership",
            "shared_order": "shared order",
            "subcontracting": "subcontracting",
            "supply": "supply",
            "training": "training",
        },
        "funder": {
            "Government of Austria": "Government of Austria",
            "Government of the Netherlands": "Government of the Netherlands",
            "United Nations Development Programme (UNDP)": (
                "United Nations Development Programme (UNDP)"
            ),
        },
        "country": {
            "Chile": "Chile",
            "Honduras": "Honduras",
            "Jamaica": "Jamaica",
            "Mexico": "Mexico",
            "Nicaragua": "Nicaragua",
        },
        "sector": {"hammocks": "hammocks", "wood_furniture": "wood furniture"},
        "cluster": {"masaya": "Masaya"},
        "objective": {"total": "the whole group", "per_member": "each member"},
    }
)

#: Column → the list of :data:`CODES` its cells are codes of.
CODE_COLUMNS: dict[str, str] = {
    "provenance": "provenance",
    "labels_provenance": "provenance",
    "phase_provenance": "provenance",
    "source": "source",
    "reference": "source",
    "labels_source": "source",
    "kind": "kind",
    "group": "group",
    "level": "level",
    "qualifier": "qualifier",
    "budget_qualifier": "qualifier",
    "networks_qualifier": "qualifier",
    "enterprises_qualifier": "qualifier",
    "rating": "rating",
    "earlier_rating": "rating",
    "pattern": "pattern",
    "ramp": "ramp",
    "preset": "ramp",
    "tie": "tie",
    "funder": "funder",
    "country": "country",
    "sector": "sector",
    "cluster": "cluster",
    "objective": "objective",
}
#: Lists a user fills with their own words (a group, a sector): such a column is read as
#: codes only when every cell is one, so "members" among a user's own groups stays as typed.
OPEN_LISTS = frozenset({"group", "sector", "cluster"})
#: Columns whose cells may be NET stage ids (a network's phase): shown as the stage's label.
STAGE_COLUMNS = frozenset({"phase", "stage", "earlier_stage", "later_stage", "current_stage"})

#: Unit words in a ``unit`` column → the kind its row's ``value`` is shown as.
UNITS: dict[str, str] = {
    "usd": "money",
    "fraction": "share",
    "percent": "percent",
    "count": "count",
    "years": "count",
    "year": "year",
    "per_year": "count",
}

#: Unit words written after a row's value (one, many); the other units show in the value
#: itself (US$, %) or need no word (a count).
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "years": (N_("year"), N_("years")),
    "per_year": (N_("a year"), N_("a year")),
    "km": ("km", "km"),
}

#: Rows shown at most (the rest are counted under the table, never cut with "…").
MAX_ROWS = 400
#: Text columns whose longest cell has at most this many characters stay on one line; longer
#: ones wrap, but never narrower than a few words.
SHORT_TEXT = 24
#: Estimated width (px) above which a table carries its "scroll sideways" hint.
HINT_WIDTH = 340
_NUMERIC_KINDS = {"money", "share", "percent", "count", "index", "year", "number"}
_NO_BREAK_BEFORE = re.compile(r"(?<=\d) (?=%)")
_NO_BREAK_AFTER = re.compile(r"(US\$) (?=\d)")
_SNAKE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")
_WORD = re.compile(r"^[a-z][a-z0-9]*$")


# --- words ---------------------------------------------------------------------------------


def _net_words() -> dict[str, str]:
    """NET stage and indicator slugs → their labels, in the language in use."""
    return _net_words_in(language())


@lru_cache(maxsize=4)
def _net_words_in(language_code: str) -> dict[str, str]:
    """NET stage and indicator slugs → their labels (from the rubric, read once a language)."""
    from jlp.net.rubric import indicator_labels, stage_labels

    return {**stage_labels(), **indicator_labels()}


@lru_cache(maxsize=4)
def _stage_ids(language_code: str) -> frozenset[str]:
    from jlp.net.rubric import stage_labels

    return frozenset(stage_labels())


def code_word(column: str, value: Any) -> Any:
    """The word a reader sees for ``value``, a code of the bundled tables in ``column``
    (see :data:`CODES`); anything else comes back unchanged.

    >>> code_word("provenance", "reported"), code_word("source", "Box 1")
    ('reported', 'Box 1')
    >>> code_word("kind", "enterprise_joint"), code_word("phase", "promotion_motivation")
    ('joint enterprise', 'Promotion and motivation')
    >>> code_word("label", "reported"), code_word("kind", "=HYPERLINK(1)")
    ('reported', '=HYPERLINK(1)')
    """
    if not isinstance(value, str):
        return value
    if column in STAGE_COLUMNS and value in _stage_ids(language()):
        return _net_words().get(value, value)
    listed = _code_list(column)
    if listed is None:
        return value
    codes = CODES[listed]
    return codes.get(value, value)


def _code_list(name: Any) -> str | None:
    """The list of :data:`CODES` a column holds, by its name or by its header (a table whose
    columns were already named for people, such as "Funded by")."""
    text = str(name)
    if text in CODE_COLUMNS:
        return CODE_COLUMNS[text]
    by_header = {header(column): listed for column, listed in CODE_COLUMNS.items()}
    return by_header.get(text)


def _holds_codes(name: Any, values: pd.Series) -> bool:
    """Whether a column's cells are read as codes: a column of a fixed list always (cell by
    cell), one of an open list only when every cell is a code of it."""
    if str(name) in STAGE_COLUMNS:
        return True
    listed = _code_list(name)
    if listed is None:
        return False
    if listed not in OPEN_LISTS:
        return True
    present = [v for v in values if not _is_empty(v)]
    return bool(present) and all(isinstance(v, str) and v in CODES[listed] for v in present)


def header(name: Any) -> str:
    """The human header of a column called ``name``.

    >>> header("cumulative_recovery"), header("firms_cut_off"), header("decision")
    ('Cost recovered so far', 'Firms cut off', 'Decision')
    >>> header("brand_new_column"), header(2)
    ('Brand new column', '2')
    """
    if isinstance(name, tuple):
        return " · ".join(header(part) for part in name if str(part) != "")
    text = nfc(str(name))
    if text in COLUMNS:
        return gettext(COLUMNS[text][0])
    words = _net_words()
    if text in words:
        return words[text]
    if _SNAKE.match(text) or _WORD.match(text):
        spaced = text.replace("_", " ")
        return spaced[0].upper() + spaced[1:]
    return text


def kind_of(name: Any, values: pd.Series | None = None) -> str:
    """How a column's values are shown: a kind of :data:`COLUMNS`, else guessed from its type.

    >>> kind_of("public_share"), kind_of("decision"), kind_of("x", pd.Series([1, 2]))
    ('share', 'share', 'count')
    """
    text = str(name)
    if text in COLUMNS and COLUMNS[text][1] != "auto":
        return COLUMNS[text][1]
    if text in _net_words():  # a stage or indicator as a column holds a score from 0 to 1
        return "share" if values is None or _is_numeric(values) else "text"
    if values is not None and _is_numeric(values):
        return "count" if _all_whole(values) else "number"
    return "text"


# --- numbers -------------------------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, Sequence | Mapping) else False
    except (TypeError, ValueError):
        return False


def _is_numeric(values: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(values.dtype):
        return False
    if pd.api.types.is_numeric_dtype(values.dtype):
        return True
    present = [v for v in values if not _is_empty(v)]
    return bool(present) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in present
    )


def _numbers(values: Iterable[Any]) -> list[float]:
    out = []
    for value in values:
        if _is_empty(value) or isinstance(value, bool | np.bool_):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            out.append(number)
    return out


def _all_whole(values: Iterable[Any]) -> bool:
    return all(abs(v - round(v)) < 1e-9 for v in _numbers(values))


def decimals(values: Iterable[Any], *, most: int = 3) -> int:
    """The fewest decimals (at most ``most``) that keep three significant digits of the
    largest value and show no non-zero value as 0.

    >>> decimals([0.738095, 0.5]), decimals([60000.0, 4000.0]), decimals([610.17, 1200.0])
    (3, 0, 0)
    >>> decimals([52.4, 25.0]), decimals([0.2, 680000.0])
    (1, 1)
    """
    numbers = _numbers(values)
    if not numbers or _all_whole(numbers):
        return 0
    largest = max(abs(n) for n in numbers)
    places = 0 if largest == 0 else max(0, 2 - math.floor(math.log10(largest)))
    places = min(places, most)
    while places < most and any(n != 0 and round(n, places) == 0 for n in numbers):
        places += 1
    while places > 0 and all(
        round(n, places - 1) == round(n, places) for n in numbers
    ):  # drop decimals that are zero everywhere
        places -= 1
    return places


def cell_text(value: Any, kind: str = "number", places: int | None = None) -> str:
    """One cell as text, shown as ``kind`` (see :data:`COLUMNS`).

    >>> cell_text(4000, "money"), cell_text(0.2, "share"), cell_text(52.43, "index")
    ('US$\\xa04,000', '20\\xa0%', '52.4')
    >>> cell_text(float("nan")), cell_text(pd.NA), cell_text(True), cell_text(("a", "b"))
    ('—', '—', 'yes', 'a, b')
    """
    if isinstance(value, Mapping):
        return TEXT["list"].join(f"{header(k)}: {cell_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        parts = [cell_text(v, kind if kind != "text" else "number") for v in value]
        return TEXT["list"].join(parts) if parts else TEXT["empty"]
    if _is_empty(value):
        return TEXT["empty"]
    if isinstance(value, bool | np.bool_):
        return TEXT["yes"] if value else TEXT["no"]
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else str(value)
    if kind in {"stage", "indicator"} and isinstance(value, str):
        return _net_words().get(value, value)
    if kind == "words" and isinstance(value, str) and _SNAKE.match(value):
        value = value.replace("_", " ")
    if isinstance(value, int | float) and math.isinf(value):
        return ("-" if value < 0 else "") + TEXT["infinite"]
    if isinstance(value, str) or not _numbers([value]):
        return _no_break(printable(nfc(str(value))))
    number = float(value)
    if kind == "share":
        shown = number * 100
        return TEXT["percent"].format(number=number_text(shown, _places(places, shown, 1)))
    if kind == "percent":
        return TEXT["percent"].format(number=number_text(number, _places(places, number, 1)))
    if kind == "money":
        default = 2 if abs(number) < 100 and not _all_whole([number]) else 0
        places = default if places is None else places
        return TEXT["money"].format(number=number_text(number, places))
    if kind == "count":
        return number_text(number, 0 if places is None else min(places, 1))
    if kind == "year":
        return number_text(number, 0, grouped=False)
    if kind == "index":
        return number_text(number, 1 if places is None else places)
    return number_text(number, decimals([number]) if places is None else places)


def _no_break(text: str) -> str:
    """A no-break space where a line must not break: before "%" and after "US$".

    >>> _no_break("20 % of US$ 4,000") == "20\u00a0% of US$\u00a04,000"
    True
    """
    return _NO_BREAK_AFTER.sub("\\1\u00a0", _NO_BREAK_BEFORE.sub("\u00a0", text))


def _places(places: int | None, value: float, most: int) -> int:
    return decimals([value], most=most) if places is None else places


# --- tables --------------------------------------------------------------------------------


def _meaningful_index(index: pd.Index) -> bool:
    """An index worth showing: it has a name, or holds words or dates, not row numbers."""
    if isinstance(index, pd.MultiIndex):
        return True
    if index.name is not None:
        return True
    return not (
        pd.api.types.is_integer_dtype(index.dtype) or pd.api.types.is_float_dtype(index.dtype)
    )


def as_frame(data: Any) -> pd.DataFrame:
    """``data`` as a frame of plain columns (a meaningful index becomes a first column).

    >>> as_frame({"nodes": 32, "density": 0.1149}).columns.tolist()
    ['what', 'value']
    >>> as_frame(pd.Series([3, 2], index=["a", "b"], name="count")).columns.tolist()
    ['', 'count']
    """
    if _is_styler(data):
        return as_frame(_styler_frame(data))
    if isinstance(data, pd.Series):
        name = data.name if data.name is not None else "value"
        data = data.to_frame(name=name)
    if isinstance(data, pd.DataFrame):
        frame = data
        if _meaningful_index(frame.index):
            names = [n if n is not None else "" for n in frame.index.names]
            frame = frame.copy()
            frame.index = frame.index.set_names(names)
            frame = frame.reset_index(allow_duplicates=True)
        else:
            frame = frame.reset_index(drop=True)
        return frame
    if _is_record(data):
        data = _record_dict(data)
    if isinstance(data, Mapping):
        return pd.DataFrame(
            {"what": list(data.keys()), "value": pd.Series(list(data.values()), dtype=object)}
        )
    if isinstance(data, Sequence) and not isinstance(data, str | bytes):
        items = list(data)
        if items and all(_is_record(i) or isinstance(i, Mapping) for i in items):
            return pd.DataFrame([_record_dict(i) if _is_record(i) else dict(i) for i in items])
        return pd.DataFrame({"value": pd.Series(items, dtype=object)})
    raise TypeError(f"cannot show a {type(data).__name__} as a table")


def _is_record(value: Any) -> bool:
    is_dataclass = dataclasses.is_dataclass(value) and not isinstance(value, type)
    return is_dataclass or (isinstance(value, tuple) and hasattr(value, "_fields"))


def _record_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, tuple):
        return dict(value._asdict())
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


def _is_styler(data: Any) -> bool:
    return type(data).__name__ == "Styler" and hasattr(data, "data")


def _styler_frame(styler: Any) -> pd.DataFrame:
    """The frame behind a Styler: hidden columns dropped, its own formats kept as text."""
    frame = styler.data.copy()
    funcs = getattr(styler, "_display_funcs", {}) or {}
    custom = [
        (int(key[0]), int(key[1]))
        for key, func in list(funcs.items())
        if isinstance(key, tuple)
        and getattr(getattr(func, "func", None), "__name__", "") != "_default_formatter"
    ]
    for row, col in custom:
        if row < len(frame) and col < frame.shape[1]:
            value = frame.iat[row, col]
            if not _is_empty(value):
                if frame.dtypes.iloc[col] is not object:
                    frame[frame.columns[col]] = frame[frame.columns[col]].astype(object)
                frame.iat[row, col] = _Formatted(str(_styler_func(funcs, row, col)(value)))
    hidden = set(getattr(styler, "hidden_columns", []) or [])
    keep = [i for i in range(frame.shape[1]) if i not in hidden]
    frame = frame.iloc[:, keep]
    if all(getattr(styler, "hide_index_", [False])):
        frame = frame.reset_index(drop=True)
    return frame


def _styler_func(funcs: Mapping[Any, Any], row: int, col: int) -> Any:
    for key, func in funcs.items():
        if isinstance(key, tuple) and (int(key[0]), int(key[1])) == (row, col):
            return func
    return str


class _Formatted(str):
    """A cell the author formatted (a Styler's ``format``): shown as it is, escaped."""


def _caption_of(data: Any) -> str | None:
    return getattr(data, "caption", None) if _is_styler(data) else None


def _column_kind(name: Any, column: pd.Series) -> str:
    if column.map(lambda v: isinstance(v, _Formatted)).any():
        return "text"
    return kind_of(name, column)


def _row_kinds(frame: pd.DataFrame) -> list[str] | None:
    """Per-row kinds of the ``value`` column when a ``unit`` column says what each row is."""
    if "value" not in frame.columns or "unit" not in frame.columns:
        return None
    return [UNITS.get(str(u), "number") for u in frame["unit"]]


def _id_beside_names(frame: pd.DataFrame) -> bool:
    """Whether a frame's ``id`` column only repeats, as a code, what its ``label`` column
    names for people (every row has a name)."""
    columns = [str(c) for c in frame.columns]
    if columns.count("id") != 1 or columns.count("label") != 1:
        return False
    return not frame["label"].map(_is_empty).any()


def _estimated_width(heads: list[str], rows: list[list[str]]) -> int:
    """A rough width in pixels: 7.5 px a character, at most ~28 characters a column."""
    width = 0
    for col, head in enumerate(heads):
        longest_word = max((len(w) for w in head.split()), default=0)
        cells = [len(r[col]) for r in rows] or [0]
        width += int(max(longest_word, min(max(cells), 28)) * 7.5) + 17
    return width


def table_html(
    data: Any,
    caption: str | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    index: bool | None = None,
    only: Sequence[str] | None = None,
    max_rows: int = MAX_ROWS,
) -> str:
    """``data`` as one HTML table for people (see the module docstring for what it does).

    ``columns`` renames headers and ``kinds`` sets how columns are shown (by column name),
    over the catalogue. ``index=True`` keeps a frame's index even when it is row numbers.
    ``only`` lists the columns to show, in their order (the others are left out).

    >>> print(table_html({"label": "<a href=x>=HYPERLINK(1)</a>"}))  # doctest: +ELLIPSIS
    <div class="jlp-table-wrap">...&lt;a href=x&gt;=HYPERLINK(1)&lt;/a&gt;...
    """
    caption = caption if caption is not None else _caption_of(data)
    if index and isinstance(data, pd.DataFrame | pd.Series):
        data = data.rename_axis([n if n is not None else "" for n in data.index.names])
        data = data.reset_index()
    frame = as_frame(data)
    if only is not None:
        frame = frame.loc[:, list(only)]
    elif _id_beside_names(frame):  # the names say who; the id is the code files join on
        frame = frame.drop(columns="id")
    total = len(frame)
    frame = frame.iloc[:max_rows]
    kinds = dict(kinds or {})
    record_table = (
        list(frame.columns) == ["what", "value"]
        and not isinstance(data, pd.DataFrame | pd.Series)
        and not _is_styler(data)
    )
    row_kinds = _row_kinds(frame)
    units: list[str] = []
    if row_kinds is not None:  # each value shows its own unit: the unit column goes
        units = [str(u) for u in frame["unit"]]
        frame = frame.drop(columns="unit")
    heads = [columns.get(str(c), header(c)) if columns else header(c) for c in frame.columns]
    if record_table:
        heads = [TEXT["what"], TEXT["value"]]
    col_kinds = [kinds.get(str(c)) or _column_kind(c, frame[c]) for c in frame.columns]
    coded = [
        not record_table and _holds_codes(c, frame[c]) and str(c) not in kinds
        for c in frame.columns
    ]
    places = {}
    for position, kind in enumerate(col_kinds):
        if kind in {"number", "share", "percent"} and row_kinds is None:
            values = frame.iloc[:, position]
            numbers = [n * (100 if kind == "share" else 1) for n in _numbers(values)]
            spread = max(map(abs, numbers), default=0) / max(
                min((abs(n) for n in numbers if n), default=1), 1e-12
            )
            if spread < 1000:  # one number of decimals for the whole column
                places[position] = decimals(numbers, most=3 if kind == "number" else 1)
    body: list[list[str]] = []
    numeric: list[list[bool]] = []
    for row_no in range(len(frame)):
        texts, nums = [], []
        for position, name in enumerate(frame.columns):
            value = frame.iat[row_no, position]
            kind = col_kinds[position]
            if record_table and position == 1:
                kind = kind_of(frame.iat[row_no, 0], pd.Series([value]))
            elif row_kinds is not None and str(name) == "value":
                kind = row_kinds[row_no]
            if record_table and position == 0:
                value = header(value)
            per_row = (record_table and position == 1) or (
                row_kinds is not None and str(name) == "value"
            )
            if coded[position] and isinstance(value, str):
                value = code_word(str(name), value)
            if kind == "name" and isinstance(value, str):
                value, kind = header(value), "text"
            text = cell_text(value, kind, None if per_row else places.get(position))
            if row_kinds is not None and str(name) == "value" and text != TEXT["empty"]:
                one, many = UNIT_WORDS.get(units[row_no], ("", ""))
                word = gettext(one if _numbers([value]) == [1.0] else many)
                text = f"{text}\u00a0{word}" if word else text
            texts.append(text)
            nums.append(kind in _NUMERIC_KINDS and bool(_numbers([value])))
        body.append(texts)
        numeric.append(nums)
    return _render(heads, body, numeric, caption, total)


def _render(
    heads: list[str],
    body: list[list[str]],
    numeric: list[list[bool]],
    caption: str | None,
    total: int,
) -> str:
    esc = html.escape
    width = _estimated_width(heads, body)
    label = esc(printable(caption)) if caption else esc(TEXT["table"])
    parts = ['<div class="jlp-table-wrap">']
    if len(heads) > 1:  # shown where the table is likely wider than a phone; on the site a
        # script shows it exactly where the table scrolls
        hint = esc(TEXT["scroll_hint"].format(columns=len(heads)))
        hidden = "" if width > HINT_WIDTH else " hidden"
        parts.append(f'<p class="jlp-table-hint"{hidden}>{hint}</p>')
    parts.append(f'<div class="jlp-table-scroll" role="region" tabindex="0" aria-label="{label}">')
    parts.append('<table class="table dataframe jlp-table">')
    if caption:
        parts.append(f"<caption>{esc(printable(caption))}</caption>")
    numeric_columns = [
        any(row[col] for row in numeric)
        and all(
            row[col] or texts[col] == TEXT["empty"]
            for row, texts in zip(numeric, body, strict=True)
        )
        for col in range(len(heads))
    ]
    parts.append("<thead><tr>")
    parts.extend(
        f'<th scope="col" class="jlp-num">{esc(printable(h))}</th>'
        if is_number
        else f'<th scope="col">{esc(printable(h))}</th>'
        for h, is_number in zip(heads, numeric_columns, strict=True)
    )
    parts.append("</tr></thead><tbody>")
    longest = [max((len(row[col]) for row in body), default=0) for col in range(len(heads))]
    text_class = [' class="jlp-short"' if n <= SHORT_TEXT else ' class="jlp-long"' for n in longest]
    for texts, nums in zip(body, numeric, strict=True):
        cells = "".join(
            f'<td class="jlp-num">{esc(t)}</td>' if n else f"<td{text_class[col]}>{esc(t)}</td>"
            for col, (t, n) in enumerate(zip(texts, nums, strict=True))
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table></div>")
    if total > len(body):
        note = TEXT["more_rows"].format(shown=len(body), total=total)
        parts.append(f'<p class="jlp-table-note">{esc(note)}</p>')
    parts.append("</div>")
    return "".join(parts)


class Table:
    """A table ready to show: displays as HTML in a notebook, and prints as plain text.

    >>> Table({"cost": 4000})._repr_html_().count("<tr>")
    2
    """

    def __init__(self, data: Any, caption: str | None = None, **options: Any) -> None:
        self.data = data
        self.caption = caption
        self.options = options

    def _repr_html_(self) -> str:
        return table_html(self.data, self.caption, **self.options)

    def __repr__(self) -> str:
        frame = as_frame(self.data)
        return frame.to_string(index=False)


__all__ = [
    "CODES",
    "CODE_COLUMNS",
    "COLUMNS",
    "MAX_ROWS",
    "TEXT",
    "UNITS",
    "Table",
    "as_frame",
    "cell_text",
    "code_word",
    "decimals",
    "header",
    "kind_of",
    "number_text",
    "table_html",
]
