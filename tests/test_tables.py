"""The table presenter (jlp.viz.tables) and the notebooks' import line (jlp.course)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest

from jlp import course, fees, net, programme
from jlp.viz import tables
from jlp.viz.tables import cell_text, decimals, header, table_html

NBSP = "\u00a0"


def cells(page: str) -> list[list[str]]:
    """The text of every row of a presenter table (header row first), unescaped."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    return [
        [html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        for row in rows
    ]


# --- formats -------------------------------------------------------------------------------


def test_money_shares_and_counts_read_as_people_write_them():
    frame = pd.DataFrame(
        {
            "year": [1997, 1998],
            "cost": [4000.0, 186000.0],
            "fee_share": [0.2, 0.45],
            "reach_enterprises": [610.17, 1200.0],
        }
    )
    rows = cells(table_html(frame))
    assert rows[0] == ["Year", "Cost", "Fee share", "Enterprises reached"]
    assert rows[1] == ["1997", f"US${NBSP}4,000", f"20{NBSP}%", "610"]
    assert rows[2] == ["1998", f"US${NBSP}186,000", f"45{NBSP}%", "1,200"]


def test_no_number_carries_more_than_three_decimals_or_meaningless_zeros():
    frame = pd.DataFrame({"density": [0.11491935483870967, 0.5], "other": [60000.0, 4.0]})
    rows = cells(table_html(frame))
    assert rows[1] == ["0.115", "60,000"]
    assert rows[2] == ["0.5", "4"] or rows[2] == ["0.500", "4"]
    for row in rows[1:]:
        for text in row:
            assert not re.search(r"\d\.\d{4,}", text), text


def test_decimals_keep_small_values_visible():
    assert decimals([0.2, 680000.0]) == 1
    assert cell_text(0.0004, "number") == "0"  # more than 3 decimals are never shown
    assert cell_text(float("inf"), "share") == "∞"


def test_a_percent_sign_never_starts_a_line():
    assert cell_text("more than 40 %") == f"more than 40{NBSP}%"
    assert cell_text("above 25% of the margin") == "above 25% of the margin".replace("25%", "25%")
    assert cell_text("costs US$ 4,000") == f"costs US${NBSP}4,000"


def test_net_words_and_slugs_become_labels():
    assert header("promotion_motivation") == "Promotion and motivation"
    assert header("firms_cut_off") == "Firms cut off"
    assert header("a_column_nobody_named") == "A column nobody named"
    assert cell_text("decision", "stage") == "Decision"
    assert cell_text("not_achieved", "words") == "not achieved"


# --- empty cells, index, long text ----------------------------------------------------------


def test_empty_cells_read_as_a_dash():
    frame = pd.DataFrame(
        {
            "a": [np.nan, 1.0],
            "b": pd.array([pd.NA, 2], dtype="Int64"),
            "c": [None, "x"],
            "d": [pd.NaT, pd.Timestamp("1998-06-01")],
        }
    )
    rows = cells(table_html(frame))
    assert rows[1] == ["—", "—", "—", "—"]
    assert rows[2] == ["1", "2", "x", "1998-06-01"]
    page = table_html(frame)
    for word in ("NaN", "&lt;NA&gt;", "None", "NaT"):
        assert word not in page


def test_row_numbers_are_not_shown_but_a_named_index_is():
    plain = pd.DataFrame({"cost": [1.0, 2.0]}, index=[5, 9])
    assert cells(table_html(plain))[0] == ["Cost"]
    named = fees.compare(fees.ramp_presets())  # index "ramp"
    rows = cells(table_html(named))
    assert rows[0][0] == "Ramp" and rows[1][0] == "EMASIM"  # the preset code shown as its name
    forced = cells(table_html(plain, index=True))
    assert forced[1][0] == "5"


def test_long_text_is_kept_whole_and_left_to_wrap():
    note = "word " * 80
    page = table_html(pd.DataFrame({"note": [note]}))
    assert note.strip() in html.unescape(page)
    assert "…" not in page and "..." not in page


def test_more_rows_than_shown_are_counted_never_cut():
    page = table_html(pd.DataFrame({"year": range(1, 11)}), max_rows=3)
    assert len(cells(page)) == 4
    assert "The first 3 of 10 rows." in page


# --- escaping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        '<a href="https://example.org">click</a>',
        '=HYPERLINK("http://x","y")',
        "<script>alert(1)</script>",
        "\x1b[2Jcleared",
    ],
)
def test_hostile_labels_stay_text(label):
    frame = pd.DataFrame({label: [label], "label": [label]})
    page = table_html(frame, caption=label)
    assert "<a href" not in page and "<script" not in page
    assert "\x1b" not in page
    text = cells(page)
    assert text[1][1].startswith(("=HYPERLINK", "<a", "<script", "\\x1b"))


def test_accents_in_another_unicode_form_are_composed():
    rows = cells(table_html(pd.DataFrame({"label": ["Leo\u0301n"]})))
    assert rows[1] == ["León"]


# --- shapes of data ---------------------------------------------------------------------------


def test_styler_keeps_its_own_formats_and_hides_what_it_hides():
    frame = pd.DataFrame({"a": [0.5], "b": [1.0], "secret": ["x"]})
    styler = frame.style.hide(axis="index").hide(["secret"], axis="columns").format({"a": "{:.0%}"})
    rows = cells(table_html(styler))
    assert rows == [["A", "B"], ["50%", "1"]]


def test_dicts_records_and_series_become_two_column_tables():
    rows = cells(table_html({"nodes": 32, "density": 0.11491935483870967, "firm_firm_share": 0.2}))
    assert rows == [
        ["What", "Value"],
        ["Actors", "32"],
        ["Density", "0.115"],
        ["Share of ties between firms", f"20{NBSP}%"],
    ]

    class Optimum(NamedTuple):
        size: int
        net_benefit: float

    @dataclass
    class Point:
        size: int
        net_benefit: float

    assert cells(table_html(Optimum(36, 9139.200000000004)))[2] == [
        "Net benefit",
        f"US${NBSP}9,139",
    ]
    many = cells(table_html([Point(36, 9139.2), Point(28, 7765.2)]))
    assert many[0] == ["Members", "Net benefit"] and len(many) == 3
    counted = pd.Series([3, 2], index=pd.Index(["decision", "pilot_projects"], name="stage"))
    assert cells(table_html(counted))[1] == ["Decision", "3"]


def test_a_table_wider_than_a_phone_says_it_scrolls():
    wide = pd.DataFrame({f"column_{i}": ["some longer words"] for i in range(8)})
    page = table_html(wide)
    assert '<p class="jlp-table-hint">' in page and "all 8 columns" in page
    narrow = table_html(pd.DataFrame({"year": [1]}))
    assert "jlp-table-hint" not in narrow
    assert 'class="table dataframe jlp-table"' in page


# --- jlp.course ---------------------------------------------------------------------------------


def test_course_exports_load_on_demand():
    from jlp.course import charts, emasim, show  # noqa: F401

    assert emasim.__name__ == "jlp.cases.emasim"
    assert charts.revenue_mix_chart.__module__ == "jlp.viz.fee_charts"
    with pytest.raises(AttributeError):
        course.no_such_name  # noqa: B018


def test_importing_course_routes_every_table_through_the_presenter():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert course.use_presenter(shell)
        formatter = shell.display_formatter.formatters["text/html"]
        frame = fees.schedule(fees.ramp_preset("emasim"))
        assert "Cost recovered so far" in formatter(frame)
        assert "Cost recovered so far" in formatter(frame.style.hide(axis="index"))
        assert "Actors" in formatter({"nodes": 3})
        assert formatter({"chart": object()}) is None  # not a table: its own display
        assert "none" in formatter(())
        from jlp import scale

        assert "Net benefit" in formatter(scale.best_row(scale.pool_tradeoff()))
    finally:
        InteractiveShell.clear_instance()


def test_show_prints_outside_a_notebook(capsys):
    course.show({"cost": 4000})
    out = capsys.readouterr().out
    assert "Cost" in out and "US$ 4,000" in out


def test_reported_figures_keep_their_hedges_and_sources():
    rows = cells(course.reported_figures("emasim_fee_year2")._repr_html_())
    assert rows[1][2:] == [f"more than 40{NBSP}%", "Honduras section"]
    with pytest.raises(KeyError):
        course.reported_figures("no_such_figure")


# --- the library functions the notebooks call ----------------------------------------------------


def test_verdicts_lists_each_ramps_warnings():
    table = fees.verdicts(fees.ramp_presets(), annual_cost=4000, years=10)
    by_ramp = dict(zip(table["ramp"], table["warnings"], strict=True))
    assert by_ramp["emasim"] == "no warning"
    assert "drop out" in by_ramp["fast"]


def test_frequent_inversions_counts_each_pair_once():
    programme_ = net.example_programme()
    counted = net.frequent_inversions(programme_, top=None)
    assert counted["times"].sum() == len(net.order_inversions(programme_))
    assert counted["times"].is_monotonic_decreasing


def test_projects_table_for_one_country():
    assert set(programme.projects_table("Honduras")["Country"]) == {"Honduras"}
    with pytest.raises(Exception, match="Atlantis"):
        programme.projects_table("Atlantis")


def test_catalogue_has_no_snake_case_header():
    assert not [h for h, _ in tables.COLUMNS.values() if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h)]


# --- codes of the bundled tables -----------------------------------------------------------


def test_codes_of_the_bundled_tables_read_as_words_in_both_languages():
    from jlp.i18n import language_set

    nodes = pd.DataFrame(
        {
            "id": ["supply_centre", "taller_a"],
            "label": ["Supply centre", "Taller A"],
            "kind": ["enterprise_joint", "firm"],
            "group": ["common", "members"],
            "phase": ["promotion_motivation", "strategic_planning"],
            "provenance": ["reported", "illustrative"],
            "source": ["Box 1", "Honduras section"],
        }
    )
    with language_set("en"):
        english = cells(table_html(nodes))
    with language_set("es"):
        spanish = cells(table_html(nodes))
    assert "Id" not in english[0] and "supply_centre" not in str(english)  # names say who
    assert english[1] == [
        "Supply centre",
        "joint enterprise",
        "common structures",
        "Promotion and motivation",
        "reported",
        "Box 1",
    ]
    assert spanish[1][1:] == [
        "empresa conjunta",
        "estructuras comunes",
        "Promoción y motivación",
        "reportado",
        "Recuadro 1",
    ]
    assert spanish[2][1:] == [
        "empresa",
        "miembros",
        "Planificación estratégica",
        "ilustrativo",
        "sección de Honduras",
    ]


def test_a_users_own_words_stay_as_typed():
    from jlp.i18n import language_set

    typed = pd.DataFrame(
        {
            "label": ["reported", "=HYPERLINK(1)"],
            "group": ["members", "Carpinteros del norte"],  # an open list: one own word
            "note": ["Box 1", "firm"],
            "kind": ["firm", "=HYPERLINK(1)"],
        }
    )
    with language_set("es"):
        rows = cells(table_html(typed))
    assert rows[1] == ["reported", "members", "Box 1", "empresa"]
    assert rows[2] == ["=HYPERLINK(1)", "Carpinteros del norte", "firm", "=HYPERLINK(1)"]


def test_a_table_already_named_for_people_still_shows_words():
    from jlp.i18n import language_set

    with language_set("es"):
        rows = cells(table_html(programme.projects_table("Honduras")))
    assert "Gobierno de los Países Bajos" in rows[1] and "sección de Honduras" in rows[1]
    assert "Government of the Netherlands" not in str(rows)


def test_every_code_has_a_spanish_word():
    from babel.messages.pofile import read_po

    from jlp.i18n_extract import CATALOGUES

    with (CATALOGUES / "es" / "LC_MESSAGES" / "jlp.po").open("rb") as handle:
        catalogue = read_po(handle)
    words = {w for codes in tables.CODES.source().values() for w in codes.values()}
    missing = sorted(w for w in words if not (w in catalogue and catalogue[w].string))
    fuzzy = sorted(w for w in words if w in catalogue and catalogue[w].fuzzy)
    assert (missing, fuzzy) == ([], [])


def test_reported_figures_take_the_separators_of_the_language():
    from jlp.i18n import language_set

    with language_set("es"):
        rows = cells(table_html(programme.projects_table("Honduras")))
    assert "alrededor de US$\u00a0680.000" in rows[1]
    assert not any(re.search(r"\d,\d{3}\b", cell) for row in rows for cell in row)
