"""The NET rubric in Spanish: its English CSV is the source, its Spanish comes through the
table's data catalogue (datasets/locale/es/LC_MESSAGES/net_rubric.po), its slugs never change."""

from __future__ import annotations

from jlp.data_text import FIELDS
from jlp.i18n import language_set
from jlp.net.rubric import INDICATORS, STAGES, cell_text, indicator_labels, rubric, stage_labels


def test_every_rubric_text_is_translated():
    english = rubric()
    with language_set("es"):
        spanish = rubric()
    translated = [c for c in FIELDS if c in english.columns]
    assert translated == ["indicator_label", "stage_label", "result", "evidence"]
    for column in translated:
        same = (english[column] == spanish[column]) & (english[column] != "")
        assert not same.any(), english.loc[same, column].tolist()
    assert spanish[["indicator", "stage"]].equals(english[["indicator", "stage"]])
    assert (spanish["provenance"] == english["provenance"]).all()


def test_labels_and_cells_in_spanish_and_back():
    with language_set("es"):
        assert indicator_labels()["group_cohesion"] == "Cohesión del grupo"
        assert stage_labels()["self_management"] == "Autogestión"
        assert cell_text("economic_changes", "pilot_projects").startswith("El proyecto piloto")
        assert list(indicator_labels()) == list(INDICATORS)
        assert list(stage_labels()) == list(STAGES)
    assert indicator_labels()["group_cohesion"] == "Group cohesion"


def test_a_rubric_of_your_own_is_never_translated(tmp_path):
    own = rubric().assign(result="Texto propio de la institución.")
    path = tmp_path / "propia.csv"
    own.to_csv(path, index=False)
    with language_set("es"):
        assert set(rubric(path)["result"]) == {"Texto propio de la institución."}
        assert rubric(path)["indicator_label"].iloc[0] == "Group cohesion"
