"""Reading and checking node/edge tables: files, encodings, and every kind of bad input."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

from jlp.errors import JlpInputError
from jlp.graphs import (
    GraphDataWarning,
    graph_from_frames,
    read_graph,
    read_table,
    read_tables,
    template_path,
)

NODES = (
    "id,label,kind,group,phase\nleon,Asociación de León,association,support,1\n"
    "f1,Taller Núñez,firm,north,1\nf2,Carpintería Peña,firm,north,2\n"
)
EDGES = (
    "source,target,tie,directed,phase,weight\nf1,f2,joint_purchase,false,2,2\n"
    "leon,f1,training,true,1,\nf1,f2,shared_order,,2,1.5\n"
)


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def pair(tmp_path, nodes=NODES, edges=EDGES):
    return write(tmp_path / "nodes.csv", nodes), write(tmp_path / "edges.csv", edges)


def problems(err: pytest.ExceptionInfo) -> list[tuple]:
    return [(p.row, p.column, p.message) for p in err.value.problems]


def test_reads_csv_and_keeps_every_attribute_and_parallel_ties(tmp_path):
    graph = read_graph(*pair(tmp_path))
    assert dict(graph.nodes["leon"]) == {
        "label": "Asociación de León",
        "kind": "association",
        "group": "support",
        "phase": 1,
    }
    assert sorted(graph["f1"]["f2"]) == ["joint_purchase", "shared_order"]
    assert graph.edges["f1", "f2", "joint_purchase"] == {
        "tie": "joint_purchase",
        "directed": False,
        "phase": 2,
        "weight": 2.0,
    }
    assert graph.edges["leon", "f1", "training"]["directed"] is True
    assert graph.graph["phases"] == (1, 2)


def test_bom_and_semicolons_are_read(tmp_path):
    nodes = "\ufeff" + NODES.replace(",", ";")
    plain = read_graph(*pair(tmp_path))
    other = tmp_path / "other"
    other.mkdir()
    bom = read_graph(write(other / "n.csv", nodes), write(other / "e.csv", "\ufeff" + EDGES))
    assert dict(bom.nodes(data=True)) == dict(plain.nodes(data=True))
    assert list(bom.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    nodes = "id,label,kind\na,A,firm\n\n\na,A again,firm\n"
    nodes_file, edges_file = pair(tmp_path, nodes, "source,target,tie\n")
    with pytest.raises(JlpInputError) as err:
        read_graph(nodes_file, edges_file)
    assert problems(err) == [(5, "id", "the id 'a' is used twice (first on row 2)")]


def test_headers_ignore_case_and_spaces(tmp_path):
    table = read_table(write(tmp_path / "t.csv", " ID , Label ,KIND\nx , X ,firm\n"))
    assert table.to_dict("records") == [{"id": "x", "label": "X", "kind": "firm", "row": 2}]


def test_xlsx_two_files_and_one_workbook(tmp_path):
    nodes = pd.read_csv(io.StringIO(NODES), dtype=str, keep_default_na=False)
    edges = pd.read_csv(io.StringIO(EDGES), dtype=str, keep_default_na=False)
    nodes.to_excel(tmp_path / "nodes.xlsx", index=False)
    edges.to_excel(tmp_path / "edges.xlsx", index=False)
    with pd.ExcelWriter(tmp_path / "network.xlsx") as book:
        nodes.to_excel(book, sheet_name="Nodes", index=False)
        edges.to_excel(book, sheet_name="edges", index=False)
    from_csv = read_graph(*pair(tmp_path))
    for graph in (
        read_graph(tmp_path / "nodes.xlsx", tmp_path / "edges.xlsx"),
        read_graph(tmp_path / "network.xlsx"),
    ):
        assert dict(graph.nodes(data=True)) == dict(from_csv.nodes(data=True))
        assert list(graph.edges(keys=True, data=True)) == list(from_csv.edges(keys=True, data=True))


def test_workbook_without_edges_sheet(tmp_path):
    pd.DataFrame({"id": ["a"], "label": ["A"], "kind": ["firm"]}).to_excel(
        tmp_path / "only.xlsx", index=False
    )
    with pytest.raises(JlpInputError, match="no sheet named 'nodes' or 'edges'"):
        read_graph(tmp_path / "only.xlsx")


def test_templates_read_cleanly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graph = read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))
    assert graph.number_of_nodes() == 14
    assert {"joint_purchase", "shared_order", "subcontracting"} <= {
        k for *_, k in graph.edges(keys=True)
    }
    with pytest.raises(JlpInputError, match="the nodes table has no rows"):
        read_graph(template_path("nodes.csv"), template_path("edges.csv"))


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_empty_file(tmp_path, text):
    nodes_file, edges_file = pair(tmp_path, nodes=text)
    with pytest.raises(JlpInputError) as err:
        read_graph(nodes_file, edges_file)
    assert err.value.problems[0].file == str(nodes_file)
    assert "empty" in str(err.value)


def test_header_only_edges_is_a_network_without_ties(tmp_path):
    graph = read_graph(*pair(tmp_path, edges="source,target,tie\n"))
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 0


def test_missing_columns_are_all_named(tmp_path):
    nodes_file, edges_file = pair(tmp_path, nodes="id,name\na,A\n", edges="from,to,tie\na,a,x\n")
    with pytest.raises(JlpInputError) as err:
        read_graph(nodes_file, edges_file)
    assert [(p.file, p.row, p.column) for p in err.value.problems] == [
        (str(nodes_file), 1, "label"),
        (str(nodes_file), 1, "kind"),
        (str(edges_file), 1, "source"),
        (str(edges_file), 1, "target"),
    ]
    assert "add a column named 'label'" in str(err.value)


def test_duplicate_ids_are_all_listed_with_rows(tmp_path):
    nodes = "id,label,kind\na,A,firm\nb,B,firm\na,A2,firm\nb,B2,firm\nc,C,firm\na,A3,firm\n"
    with pytest.raises(JlpInputError) as err:
        read_graph(*pair(tmp_path, nodes=nodes, edges="source,target,tie\n"))
    # issue 16: the same mistake on several rows is one problem naming its rows
    assert [(p.rows or (p.row,), p.column) for p in err.value.problems] == [
        ((4, 7), "id"),
        ((5,), "id"),
    ]
    assert "first on row 2" in err.value.problems[0].message
    assert "rows 4, 7" in str(err.value.problems[0])


def test_unknown_nodes_in_edges_are_all_listed_with_rows_and_hints(tmp_path):
    edges = "source,target,tie\nf1,f2,supply\nF1,f2,supply\nf2,nobody,credit\nghost,f1,training\n"
    with pytest.raises(JlpInputError) as err:
        read_graph(*pair(tmp_path, edges=edges))
    found = problems(err)
    assert [(r, c) for r, c, _ in found] == [(3, "source"), (4, "target"), (5, "source")]
    assert [m for *_, m in found] == [
        "unknown node 'F1'",
        "unknown node 'nobody'",
        "unknown node 'ghost'",
    ]
    assert "did you mean 'f1'" in err.value.problems[0].fix


def test_empty_cells_in_required_columns(tmp_path):
    nodes = "id,label,kind\n,Nameless,firm\nb,B,\nc,,firm\n"
    edges = "source,target,tie\nb,,supply\nb,c,\n"
    with pytest.raises(JlpInputError) as err:
        read_graph(*pair(tmp_path, nodes=nodes, edges=edges))
    assert [(r, c) for r, c, _ in problems(err)] == [
        (2, "id"),
        (3, "kind"),
        (2, "target"),
        (3, "tie"),
    ]


def test_bad_directed_weight_and_phase_values(tmp_path):
    edges = (
        "source,target,tie,directed,weight,phase\nf1,f2,supply,maybe,-1,1\n"
        "f1,leon,credit,yes,lots,pilot_projects\n"
    )
    with pytest.raises(JlpInputError) as err:
        read_graph(*pair(tmp_path, edges=edges))
    columns = [(r, c) for p in err.value.problems for r in (p.rows or (p.row,)) for c in [p.column]]
    assert (2, "directed") in columns and (2, "weight") in columns and (3, "weight") in columns
    assert (3, "phase") in columns  # numbers elsewhere, a stage name here
    # the two bad weights are one problem naming both rows (issue 11: one line a column)
    weights = [str(p) for p in err.value.problems if p.column == "weight"]
    assert len(weights) == 1 and "rows 2–3" in weights[0] and "'-1', 'lots'" in weights[0]


def test_not_utf8_names_the_row_and_the_fix(tmp_path):
    nodes_file, edges_file = pair(tmp_path)
    write(nodes_file, NODES, encoding="latin-1")
    with pytest.raises(JlpInputError) as err:
        read_graph(nodes_file, edges_file)
    assert err.value.problems[0].row == 2
    assert "CSV UTF-8" in err.value.problems[0].fix


def test_missing_file_folder_and_unknown_format(tmp_path):
    with pytest.raises(JlpInputError, match="file not found"):
        read_tables(tmp_path / "nope.csv", tmp_path / "nope2.csv")
    with pytest.raises(JlpInputError, match="folder"):
        read_table(tmp_path)
    with pytest.raises(JlpInputError, match=r"cannot read '\.ods' files"):
        read_table(write(tmp_path / "x.ods", "id\n"))
    with pytest.raises(JlpInputError, match="no edges file"):
        read_tables(write(tmp_path / "n.csv", NODES))


def test_unclosed_quote_and_ragged_row_are_input_errors(tmp_path):
    # issue 16: each says what is wrong (they were one "do not line up" message)
    with pytest.raises(JlpInputError, match="opened on this row is never closed"):
        read_graph(*pair(tmp_path, nodes='id,label,kind\na,"A,firm\n'))
    with pytest.raises(JlpInputError, match="this row has 5 cells but the header has 3") as err:
        read_graph(*pair(tmp_path, nodes="id,label,kind\na,A,firm,extra,more\n"))
    assert err.value.problems[0].row == 2


def test_duplicate_column(tmp_path):
    with pytest.raises(JlpInputError, match="the column 'id' appears twice"):
        read_graph(*pair(tmp_path, nodes="id,label,kind,ID\na,A,firm,b\n"))


def test_self_loops_unusual_ties_and_kinds_warn_by_name(tmp_path):
    nodes = NODES + "m,Mercado,marketplace,,\n"
    edges = EDGES + "f1,f1,supply,,,\nf2,m,gossip,,,\nleon,m,gossip,,,\n"
    with pytest.warns(GraphDataWarning) as record:
        graph = read_graph(*pair(tmp_path, nodes=nodes, edges=edges))
    text = [str(w.message) for w in record]
    assert any("unusual node kind 'marketplace'" in t and "row 5" in t for t in text)
    assert any("unusual tie type 'gossip'" in t and "rows 6, 7" in t for t in text)
    assert any("from a node to itself" in t and "'f1' (supply, row 5)" in t for t in text)
    assert graph.has_edge("f1", "f1")  # kept in the graph, left out of the metrics


def test_repeated_tie_warns_and_keeps_the_first(tmp_path):
    edges = EDGES + "f2,f1,joint_purchase,,2,9\nf1,f2,joint_purchase,true,2,9\n"
    with pytest.warns(GraphDataWarning, match="row 5 repeats row 2.*row 6 repeats row 2"):
        graph = read_graph(*pair(tmp_path, edges=edges))
    assert graph.edges["f1", "f2", "joint_purchase"]["weight"] == 2.0
    assert not graph.has_edge("f2", "f1")


def test_opposite_directed_ties_of_one_type_are_both_kept(tmp_path):
    edges = "source,target,tie,directed\nf1,f2,supply,true\nf2,f1,supply,true\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graph = read_graph(*pair(tmp_path, edges=edges))
    assert graph.has_edge("f1", "f2", "supply") and graph.has_edge("f2", "f1", "supply")


def test_tie_before_its_node_warns(tmp_path):
    edges = "source,target,tie,phase\nf1,f2,supply,1\n"
    with pytest.warns(GraphDataWarning, match="dated before one of their ends"):
        read_graph(*pair(tmp_path, edges=edges))


def test_stage_names_order_phases(tmp_path):
    nodes = (
        "id,label,kind,phase\na,A,firm,pilot_projects\nb,B,firm,promotion_motivation\nc,C,firm,\n"
    )
    graph = read_graph(*pair(tmp_path, nodes=nodes, edges="source,target,tie\n"))
    assert graph.graph["phases"] == ("promotion_motivation", "pilot_projects")
    assert "phase" not in graph.nodes["c"]


def test_extra_numeric_columns_become_numbers(tmp_path):
    nodes = "id,label,kind,workers,sales,tax_code\na,A,firm,4,1.5,0123\nb,B,firm,,2,456\n"
    graph = read_graph(*pair(tmp_path, nodes=nodes, edges="source,target,tie\n"))
    assert graph.nodes["a"]["workers"] == 4 and graph.nodes["a"]["sales"] == 1.5
    assert "workers" not in graph.nodes["b"]
    assert graph.nodes["a"]["tax_code"] == "0123"  # a code keeps its leading zero


def test_frames_as_typed_are_accepted_and_not_changed():
    nodes = pd.DataFrame({"id": ["a", "b"], "label": ["A", "B"], "kind": ["firm", "firm"]})
    edges = pd.DataFrame({"source": ["a"], "target": ["b"], "tie": ["supply"], "weight": [3]})
    before = nodes.copy(), edges.copy()
    graph = graph_from_frames(nodes, edges)
    assert graph.edges["a", "b", "supply"]["weight"] == 3.0
    pd.testing.assert_frame_equal(nodes, before[0])
    pd.testing.assert_frame_equal(edges, before[1])
