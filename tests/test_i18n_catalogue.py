"""jlp's own words in Spanish: one gettext catalogue (src/jlp/locale), complete, in step with
the code, and chosen at the moment a word is used."""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from jlp import i18n
from jlp.i18n import CATALOGUES, Messages, gettext, language_set, ngettext, set_language
from jlp.i18n_extract import template

PO = CATALOGUES / "es" / "LC_MESSAGES" / "jlp.po"
POT = CATALOGUES / "jlp.pot"
PLOTLY_FIELD = re.compile(r"%\{[^}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _read(path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def spanish():
    return _read(PO)


@pytest.fixture(scope="module")
def extracted():
    return template()


def _entries(catalogue):
    return [m for m in catalogue if m.id]


def _key(message):
    return (message.context, message.id)


def _strings(message):
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strs = message.string if isinstance(message.string, tuple) else (message.string,)
    return ids, strs


def test_every_message_is_translated_and_none_is_fuzzy(spanish):
    untranslated = [m.id for m in _entries(spanish) if not all(_strings(m)[1])]
    fuzzy = [m.id for m in _entries(spanish) if m.fuzzy]
    assert not untranslated, f"translate these in {PO.name}: {untranslated}"
    assert not fuzzy, f"check and unmark these fuzzy entries in {PO.name}: {fuzzy}"


def test_the_catalogue_holds_exactly_the_strings_of_the_code(spanish, extracted):
    in_code = {_key(m) for m in _entries(extracted)}
    in_po = {_key(m) for m in _entries(spanish)}
    in_pot = {_key(m) for m in _entries(_read(POT))}
    assert in_code - in_po == set(), "strings the .po lacks: run `make messages`, then translate"
    assert in_po - in_code == set(), "strings no longer in the code: run `make messages`"
    assert in_pot == in_code, "jlp.pot is out of date: run `make messages`"


def test_every_string_carries_its_module_and_line(extracted):
    for message in _entries(extracted):
        assert message.locations, message.id
        for path, line in message.locations:
            in_code = path.startswith("src/jlp/") and path.endswith(".py")
            # a notebook's tr("…") sentence: the notebook and its cell's number
            in_notebook = path.startswith("notebooks/") and path.endswith(".ipynb")
            assert (in_code or in_notebook) and line > 0, (path, line)


def _fields(text):
    brace = Counter(
        (name, spec, conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )
    return brace, Counter(PLOTLY_FIELD.findall(text)), Counter(TAG.findall(text))


def test_every_placeholder_has_a_name_a_translator_can_move(extracted):
    for message in _entries(extracted):
        for text in _strings(message)[0]:
            names = [name for name, _, _ in _fields(text)[0]]
            assert all(name and not name[0].isdigit() for name in names), (message.id, names)


def test_placeholders_and_markup_are_the_same_in_both_languages(spanish):
    for message in _entries(spanish):
        ids, strs = _strings(message)
        for text in strs:
            assert _fields(text) == _fields(ids[-1]), (message.id, text)


def test_a_message_dict_reads_in_the_language_of_the_moment():
    text = Messages({"fee": "Fee", "nested": {"year": "Year"}, "pair": ("Year", 3)})
    with language_set("es"):
        assert (text["fee"], text["nested"]["year"], text["pair"]) == ("Cuota", "Año", ("Año", 3))
        with language_set("en"):
            assert text.as_dict() == {"fee": "Fee", "nested": {"year": "Year"}, "pair": ("Year", 3)}
        assert text["fee"] == "Cuota"
    assert text.source()["nested"] == {"year": "Year"}


def test_switching_back_and_forth_in_one_process(monkeypatch):
    monkeypatch.delenv("JLP_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    try:
        assert set_language("es") == "es" and gettext("Year") == "Año"
        assert set_language("en") == "en" and gettext("Year") == "Year"
        assert set_language("es") == "es" and gettext("Year") == "Año"
    finally:
        set_language(None)
    assert gettext("Year") == "Year"
    monkeypatch.setenv("JLP_LANG", "es")
    assert gettext("Year") == "Año"


def test_an_unknown_message_and_a_plural_fall_back_to_english():
    with language_set("es"):
        assert gettext("no such sentence in the catalogue") == "no such sentence in the catalogue"
        assert ngettext("{n} apple", "{n} apples", 2) == "{n} apples"


def test_the_catalogue_is_read_once_per_language():
    assert i18n.translations("es") is i18n.translations("es")


# --------------------------------------------------------------------------- in use


def _chart_words(fig) -> str:
    layout = fig.layout
    parts = [layout.title.text, layout.title.subtitle.text]
    parts += [layout[name].title.text for name in layout if name.startswith(("xaxis", "yaxis"))]
    parts += [trace.name for trace in fig.data]
    return " | ".join(str(p) for p in parts if p)


def _fee_chart():
    from jlp import fees
    from jlp.viz import fee_charts

    rule = fees.ramp_preset("emasim")
    return fee_charts.schedule_chart(fees.schedule(rule, 4000, 10), rule=rule)


def _net_chart():
    from jlp import net
    from jlp.viz import net_charts

    return net_charts.benchmark_chart(net.benchmark(net.simulate_programme(6, 2, seed=2)))


def _scale_chart():
    from jlp import scale
    from jlp.viz import scale_charts

    return scale_charts.price_curve_chart(scale.yarn_prices())


@pytest.mark.parametrize(
    ("draw", "english", "spanish"),
    [
        (_fee_chart, ("Fee ramp: who pays", "Year", "Subsidy"), ("Escala de cuotas", "Año")),
        (_net_chart, ("Benchmark", "NET index (0–100)"), ("Comparación", "Índice NET (0–100)")),
        (_scale_chart, ("Yarn price by quantity", "Price per kg"), ("Precio del hilo", "por kg")),
    ],
    ids=["fee", "net", "scale"],
)
def test_a_chart_speaks_the_language_it_is_drawn_in(draw, english, spanish):
    with language_set("es"):
        words_es = _chart_words(draw())
    words_en = _chart_words(draw())  # English again, in the same process
    assert all(w in words_es for w in spanish), words_es
    assert not any(w in words_es for w in english), words_es
    assert all(w in words_en for w in english), words_en
    with language_set("es"):
        assert _chart_words(draw()) == words_es


def test_the_widgets_label_their_controls_in_spanish():
    from jlp.widgets import FeeRampTuner
    from jlp.widgets.net_scorer import NetScorer

    with language_set("es"):
        scorer, tuner = NetScorer(network="A", date="1998-01-01"), FeeRampTuner()
    assert (scorer.network.description, scorer.date.description) == ("Red", "Fecha")
    assert tuner.preset.description == "Escala"
    assert tuple(tuner.tabs.titles) == ("Cuota y subsidio", "Capacidad de pago", "Institución")
    assert "año 8" in tuner.summary.value
    english = NetScorer(network="A", date="1998-01-01")
    assert (english.network.description, english.date.description) == ("Network", "Date")


def test_a_table_presenter_writes_its_headers_in_the_language_of_the_moment():
    import pandas as pd

    from jlp.viz.tables import header, table_html

    frame = pd.DataFrame({"year": [1, 2], "fee_share": [0.2, 0.45], "subsidy": [3200.0, 2200.0]})
    with language_set("es"):
        spanish = table_html(frame)
        assert (header("year"), header("cumulative_recovery")) == (
            "Año",
            "Costo recuperado hasta ahora",
        )
    assert ">Año<" in spanish and ">Porcentaje de la cuota<" in spanish and ">Subsidio<" in spanish
    assert "US$\u00a02.200" in spanish and "45\u00a0%" in spanish
    english = table_html(frame)
    assert ">Year<" in english and ">Fee share<" in english and "US$\u00a02,200" in english


def test_a_text_summary_follows_the_language_unless_one_is_given():
    import plotly.graph_objects as go

    from jlp.viz.alt_text import described, summarize_figure

    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    with language_set("es"):
        assert summarize_figure(fig).startswith("Gráfico.")
        assert "Descripción en texto" in described(fig, "Una barra.").html
        assert summarize_figure(fig, language="en").startswith("Chart.")
    assert summarize_figure(fig).startswith("Chart.")


def test_numbers_inside_a_message_are_written_the_languages_way(monkeypatch):
    from jlp.viz import fee_charts
    from jlp.widgets.fee_tuner import TEXT as TUNER

    values = {"years": 10, "recovery": 0.555, "fees": 12345.6, "cost": 40000}
    with language_set("es"):
        assert TUNER["recovery"].format(**values) == (
            "Después de 10 años, las cuotas han cubierto el <b>56\u00a0%</b> del costo "
            "(US$ 12.346 de US$ 40.000)."
        )
        assert _fee_chart().layout.separators == ",."
        assert fee_charts.TEXT["never_full"].format(cap=0.8).endswith("(tope: 80\u00a0%).")
        monkeypatch.setenv("JLP_NUMBER_LOCALE", "es_HN")  # Honduras: 4,000.5 in Spanish too
        assert "US$ 40,000" in TUNER["recovery"].format(**values)
    monkeypatch.delenv("JLP_NUMBER_LOCALE")
    assert TUNER["recovery"].format(**values).endswith("(US$ 12,346 of US$ 40,000).")
    assert _fee_chart().layout.separators is None  # English: plotly's own


def test_a_spanish_spreadsheet_s_rating_words_read_as_the_english_ones():
    from jlp.net.assessments import normalise_rating

    spanish = ["Logrado", "parcial", "No logrado", "no-lograda", "Parcialmente logrado", ""]
    assert [normalise_rating(w) for w in spanish] == [
        "achieved",
        "partial",
        "not_achieved",
        "not_achieved",
        "partial",
        "",
    ]


def test_make_messages_adds_a_new_string_for_the_translator_and_drops_a_gone_one(
    tmp_path, monkeypatch
):
    from jlp import i18n_extract

    package, catalogues = tmp_path / "jlp", tmp_path / "locale"
    (package / "viz").mkdir(parents=True)
    (package / "viz" / "charts.py").write_text(
        'TEXT = Messages({"year": "Year", "new": "A brand new caption"})\n'
        'NOTE = N_("Marked now, translated where used")\n',
        encoding="utf-8",
    )
    po = catalogues / "es" / "LC_MESSAGES" / "jlp.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(PO.read_bytes())
    monkeypatch.setattr(i18n_extract, "PACKAGE", package)
    monkeypatch.setattr(i18n_extract, "CATALOGUES", catalogues)
    monkeypatch.setattr(i18n_extract, "TEMPLATE", catalogues / "jlp.pot")
    counts = i18n_extract.update_catalogues()
    assert counts["es/jlp.po"]["messages"] == 3
    assert counts["es/jlp.po"]["untranslated"] + counts["es/jlp.po"]["fuzzy"] == 2
    spanish = _read(po)
    assert spanish["Year"].string == "Año"  # kept
    assert spanish["A brand new caption"].locations == [("src/jlp/viz/charts.py", 1)]
    assert not spanish["Marked now, translated where used"].string or (
        spanish["Marked now, translated where used"].fuzzy
    )
    assert "Fee paid by the network" not in spanish  # gone from the code, gone from the .po
    before = po.read_bytes()
    i18n_extract.update_catalogues()
    assert po.read_bytes() == before  # nothing new: the files stay as they are


def test_a_network_page_in_spanish_says_so_and_titles_itself_in_spanish():
    import networkx as nx

    from jlp.viz.network_page import network_page, show_graph

    graph = nx.Graph([("León", "Masaya")])
    with language_set("es"):
        page, frame = network_page(graph), show_graph(graph)
    assert 'lang="es"' in page and "<title>Red</title>" in page
    assert 'title="Grafo de la red"' in frame.html
    assert 'lang="en"' in network_page(graph) and "<title>Network</title>" in network_page(graph)
