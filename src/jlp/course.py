"""Everything a course notebook needs, in one short import line.

A notebook of the course starts with one line such as::

    from jlp.course import emasim, show

Importing this module makes every table a page shows go through the one table presenter
(:mod:`jlp.viz.tables`): a pandas ``DataFrame``, ``Series`` or ``Styler``, a ``dict``, a
named tuple or a list of records left as the last line of a cell is drawn for people, with
human headers, units and no row numbers. :func:`show` does the same explicitly (with a
caption), and draws a chart or a graph as well.

The names below are loaded only when imported, so the one line stays quick:

- the cases: ``emasim``, ``ecohamaca``, ``masaya``, ``jampro``;
- the toolkit: ``datasets``, ``fees``, ``graphs``, ``net``, ``programme``, ``scale``, ``viz``;
- charts and pictures: ``charts`` (every one of them: ``charts.revenue_mix_chart``, …),
  ``fee_charts``, ``net_charts``, ``programme_charts``, ``scale_charts``, ``static_picture``,
  ``graph_frame``, ``described``, ``actors_frame``, ``evaluation_chart``;
- a bundled network: ``network`` (:func:`jlp.cases.network`);
- widgets: ``FactsBrowser``, ``FeeRampTuner``, ``GraphExplorer``, ``NetScorer``,
  ``PoolChooser``, ``AgreementView``;
- tables: ``show``, ``table``, ``reported_facts`` (also ``facts``), ``reported_figures``.

>>> from jlp.course import fees, table
>>> "Cost recovered so far" in table(fees.schedule(fees.ramp_preset("emasim")))._repr_html_()
True
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pandas as pd

from jlp.i18n import Messages
from jlp.viz.tables import Table, as_frame, table_html

#: Name → (module, attribute or None for the module itself); loaded on first use.
EXPORTS: dict[str, tuple[str, str | None]] = {
    "emasim": ("jlp.cases.emasim", None),
    "ecohamaca": ("jlp.cases.ecohamaca", None),
    "masaya": ("jlp.cases.masaya", None),
    "jampro": ("jlp.cases.jampro", None),
    "datasets": ("jlp.datasets", None),
    "fees": ("jlp.fees", None),
    "graphs": ("jlp.graphs", None),
    "net": ("jlp.net", None),
    "programme": ("jlp.programme", None),
    "scale": ("jlp.scale", None),
    "viz": ("jlp.viz", None),
    "fee_charts": ("jlp.viz.fee_charts", None),
    "net_charts": ("jlp.viz.net_charts", None),
    "programme_charts": ("jlp.viz.programme_charts", None),
    "scale_charts": ("jlp.viz.scale_charts", None),
    "static_picture": ("jlp.viz.graph_static", "static_picture"),
    "graph_frame": ("jlp.viz.graph_pages", "graph_frame"),
    "described": ("jlp.viz.alt_text", "described"),
    "actors_frame": ("jlp.viz.programme_charts", "actors_frame"),
    "evaluation_chart": ("jlp.viz.programme_charts", "evaluation_chart"),
    "FactsBrowser": ("jlp.widgets", "FactsBrowser"),
    "FeeRampTuner": ("jlp.widgets", "FeeRampTuner"),
    "GraphExplorer": ("jlp.widgets", "GraphExplorer"),
    "NetScorer": ("jlp.widgets", "NetScorer"),
    "PoolChooser": ("jlp.widgets", "PoolChooser"),
    "AgreementView": ("jlp.widgets", "AgreementView"),
    "network": ("jlp.cases", "network"),
}

#: The modules whose drawing functions :data:`charts` gathers, searched in this order.
CHART_MODULES = (
    "jlp.viz.fee_charts",
    "jlp.viz.net_charts",
    "jlp.viz.programme_charts",
    "jlp.viz.scale_charts",
    "jlp.viz.graph_static",
    "jlp.viz.graph_pages",
)


class _Charts:
    """Every chart and picture of the course under one name: ``charts.revenue_mix_chart``,
    ``charts.static_picture``, … (each loaded from its module of :mod:`jlp.viz` on first use).

    >>> charts.schedule_chart.__module__
    'jlp.viz.fee_charts'
    """

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("_"):
            for module_name in CHART_MODULES:
                module = importlib.import_module(module_name)
                if name in getattr(module, "__all__", ()):
                    return getattr(module, name)
        raise AttributeError(f"no chart called {name!r} in jlp.viz")

    def __dir__(self) -> list[str]:
        names: set[str] = set()
        for module_name in CHART_MODULES:
            module = importlib.import_module(module_name)
            names.update(n for n in module.__all__ if n[:1].islower())
        return sorted(names)


charts = _Charts()


def tr(sentence: str) -> str:
    """A sentence a notebook writes (a chart's title, the words describing a figure) in the
    reader's language: ``tr("…")`` marks it for jlp's catalogue (``make messages``).

    >>> from jlp.i18n import language_set
    >>> with language_set("es"):
    ...     tr("Year")
    'Año'
    """
    from jlp.i18n import gettext

    return gettext(sentence)


#: Result records of jlp that a notebook may leave as a cell's last line: shown as tables.
RECORDS = (("jlp.scale.tradeoff", "Optimum"),)

#: User-facing words, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "facts_caption": "What Ceglie & Dini (1999) report for {country}, with the box or section.",
        "who": "Who",
        "what": "What",
        "value": "Value",
        "source": "Source",
        "nothing": "none",
        "gaps": "Where your scoring differs from the reference, cell by cell (gap: your points"
        " minus the reference's).",
        "not_scored": "Nothing is scored yet (as on the course's website): the reference's ratings"
        " stand alone. Score the grid in the live notebook and run this cell again to see where"
        " yours differ.",
    }
)


def __getattr__(name: str) -> Any:
    if name not in EXPORTS:
        raise AttributeError(f"module 'jlp.course' has no attribute {name!r}")
    module_name, attribute = EXPORTS[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *EXPORTS])


def table(data: Any, caption: str | None = None, **options: Any) -> Table:
    """``data`` as a table for people, to leave as the last line of a cell.

    The options are those of :func:`jlp.viz.tables.table_html` (``columns``, ``kinds``,
    ``index``, ``max_rows``).

    >>> table({"cost": 4000}).data
    {'cost': 4000}
    """
    return Table(data, caption, **options)


def _is_figure(obj: Any) -> bool:
    return type(obj).__module__.startswith("plotly.")


def _is_table(obj: Any) -> bool:
    try:
        as_frame(obj)
    except (TypeError, ValueError):
        return False
    return True


def show(obj: Any, caption: str | None = None, **options: Any) -> None:
    """Show a table, a chart or anything else on the page, now (any line of a cell).

    A table goes through the presenter (:func:`table`, with ``caption`` and the options);
    a plotly chart through :func:`jlp.viz.show`. Outside a notebook the table is printed.

    >>> show({"cost": 4000, "fee_share": 0.2})
    What      Value
    Cost      US$ 4,000
    Fee share 20 %
    """
    if _is_figure(obj):
        from jlp.viz import show as show_figure

        shown: Any = show_figure(obj)
    elif _is_table(obj) and not isinstance(obj, str):
        shown = Table(obj, caption, **options)
    else:
        shown = obj
    shell = _shell()
    if shell is None:
        print(_plain(shown) if isinstance(shown, Table) else shown)
        return
    from IPython.display import display

    display(shown)


def _plain(shown: Table) -> str:
    """A table as aligned text, for a terminal (the cells as the page shows them)."""
    import html
    import re

    page = table_html(shown.data, shown.caption, **shown.options)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        rows.append([html.unescape(c).replace("\u00a0", " ") for c in cells])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    return "\n".join(
        " ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


def reported_facts(country: str) -> Table:
    """Every figure the paper reports for ``country``, with its box or section, as a table.

    >>> "Honduras section" in reported_facts("Honduras")._repr_html_()
    True
    """
    from jlp.widgets.facts import figure_value, figures_for

    figures = figures_for(country)
    rows = pd.DataFrame(
        {
            TEXT["who"]: figures["subject_label"].tolist(),
            TEXT["what"]: figures["metric_label"].tolist(),
            TEXT["value"]: [figure_value(r) for _, r in figures.iterrows()],
            TEXT["source"]: figures["source"].tolist(),
        }
    )
    return Table(rows, TEXT["facts_caption"].format(country=country))


def reported_figures(*ids: str, caption: str | None = None) -> Table:
    """The figures of the paper named by their ids in ``reported_figures.csv``, with the box
    or section of each, as a table (in the order given).

    >>> page = reported_figures("emasim_fee_year1", "emasim_fee_year2")._repr_html_()
    >>> "more than 40\u00a0%" in page, "Honduras section" in page
    (True, True)
    """
    from jlp.datasets import load
    from jlp.reported import figure_value

    figures = load("reported_figures").set_index("id")
    missing = [i for i in ids if i not in figures.index]
    if missing:
        raise KeyError(f"no reported figure with the id {missing[0]!r}")
    rows = figures.loc[list(ids)]
    frame = pd.DataFrame(
        {
            TEXT["who"]: rows["subject_label"].tolist(),
            TEXT["what"]: rows["metric_label"].tolist(),
            TEXT["value"]: [figure_value(r) for _, r in rows.iterrows()],
            TEXT["source"]: rows["source"].tolist(),
        }
    )
    return Table(frame, caption)


def gaps(case: Any, mine: pd.DataFrame, **options: Any) -> Table:
    """A trainee's NET scoring against a case's reference, as a table for people.

    ``case`` is a case module (``emasim``, ``ecohamaca``, ``masaya``, ``jampro``) and the
    options are those of its ``compare``. With nothing scored in ``mine`` (a scorer not used
    yet, as on the course's website) there is no gap to show: the reference's cells stand
    alone and the caption says how to see the gaps.

    >>> from jlp import net
    >>> from jlp.cases import emasim
    >>> empty = net.template("Me", emasim.MOMENTS[0])
    >>> list(gaps(emasim, empty).data.columns)[:3]
    ['Indicator', 'Stage', 'Reference']
    >>> "Nothing is scored yet" in gaps(emasim, empty).caption
    True
    """
    from jlp.net.compare import TEXT as COMPARE_TEXT

    compared = case.compare(mine, **options)
    if (mine["rating"].fillna("").astype(str) != "").any():
        return Table(compared, TEXT["gaps"])
    _, _, yours, _, gap, _ = COMPARE_TEXT["columns"]
    return Table(compared.drop(columns=[yours, gap]), TEXT["not_scored"])


#: A shorter name for :func:`reported_facts`, to keep a notebook's import line short.
facts = reported_facts


# --- the display hook ----------------------------------------------------------------------


def _shell() -> Any:
    """The running IPython shell, if any (without importing IPython when it is not loaded)."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def _html(obj: Any) -> str | None:
    """The presenter's HTML for ``obj``, or None to leave it to its own display."""
    if isinstance(obj, dict | list | tuple) and not obj:
        return f'<p class="jlp-nothing">{TEXT["nothing"]}</p>'
    if isinstance(obj, dict | list | tuple) and not _plain_container(obj):
        return None
    try:
        return table_html(obj)
    except (TypeError, ValueError):
        return None


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | pd.Timestamp)


def _plain_container(obj: Any) -> bool:
    """Whether a dict, list or tuple holds only plain values (or records), so it reads as a
    table; anything else (a dict of charts, a list of widgets) keeps its own display."""
    from jlp.viz.tables import _is_record

    if not obj:
        return False
    values = list(obj.values()) if isinstance(obj, dict) else list(obj)
    if _is_record(obj):
        return True

    def plain(value: Any) -> bool:
        if _scalar(value) or _is_record(value):
            return True
        if isinstance(value, list | tuple | set | frozenset):
            return all(_scalar(v) for v in value)
        return isinstance(value, dict) and all(_scalar(v) for v in value.values())

    return all(plain(v) for v in values)


def use_presenter(shell: Any = None) -> bool:
    """Draw every DataFrame, Series, Styler, plain dict, tuple and list of this notebook
    through the presenter. Done on import; returns whether a notebook shell was found.

    >>> use_presenter()  # not in a notebook: nothing to do
    False
    """
    shell = shell or _shell()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    for kind in (pd.DataFrame, pd.Series, dict, list, tuple):
        formatter.for_type(kind, _html)
    formatter.for_type_by_name("pandas.io.formats.style", "Styler", _html)
    for module, name in RECORDS:
        formatter.for_type_by_name(module, name, _html)
    return True


use_presenter()

__all__ = [
    "EXPORTS",
    "CHART_MODULES",
    "TEXT",
    "Table",
    "charts",
    "facts",
    "gaps",
    "reported_facts",
    "reported_figures",
    "show",
    "tr",
    "table",
    "use_presenter",
    *EXPORTS,
]
