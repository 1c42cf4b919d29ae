"""The data views' Python model (pgwidgets.widgets.dataview), with no browser.

Browser input is fed as ``_ui`` arguments; what goes out is read from ``drain``: per
connection, only the rows of that browser's window.
"""

from __future__ import annotations

from typing import Any

import pytest

from pgwidgets.exceptions import ConfigurationError, ProtocolError
from pgwidgets.widgets.dataview import CallableRows, DataView

COLS = [
    {"label": "N", "key": "n", "type": "int"},
    {"label": "Name", "key": "name"},
    {"label": "OK", "key": "ok", "type": "boolean", "editable": True},
]
A, B = "conn-a", "conn-b"


def table(n: int = 1000, **kw: Any) -> DataView:
    v = DataView(COLS, **kw)
    v.set_data([{"n": i, "name": f"row {i}", "ok": i % 2 == 0} for i in range(n)])
    v.drain([])
    return v


def shown(out: list[Any], conn: Any) -> dict[int, list[Any]]:
    """display position -> values of the rows sent to ``conn``."""
    rows: dict[int, list[Any]] = {}
    for target, method, args in out:
        if target != conn:
            continue
        if method == "dv_reset":
            start, data = args[1], args[2]
        elif method == "dv_rows":
            start, data = args[1], args[2]
        else:
            continue
        for k, r in enumerate(data):
            rows[start + k] = r[0]
    return rows


def test_columns_auto_keys_types_and_alignment() -> None:
    v = DataView([{"label": "A"}, {"label": "B", "type": "number"}, "C", {"type": "icon"}])
    assert [c.key for c in v.columns] == ["_col0", "_col1", "_col2", "_col3"]
    assert [c.halign for c in v.columns] == ["left", "right", "left", "center"]
    assert v.columns[1].type == "float" and v.columns[3].icon_size == 16
    for bad, word in [
        ([{"type": "date"}], "type"),
        ([{"key": "a"}, {"key": "a"}], "twice"),
        ("abc", "list"),
        ([{"widget": "slider"}], "widget"),
    ]:
        with pytest.raises(ConfigurationError, match=word):
            DataView(bad)


def test_only_the_window_is_sent_and_each_browser_gets_its_own() -> None:
    v = table(100_000)
    assert v.handle(A, ["range", v.gen, 50_000, 40, 50_010, 0]) == [
        ("scrolled", v.scroll_position())
    ]
    v.handle(B, ["range", v.gen, 0, 40, 0, 0])
    out = v.drain([A, B])
    a, b = shown(out, A), shown(out, B)
    assert sorted(a) == list(range(50_000, 50_040)) and a[50_000][1] == "row 50000"
    assert sorted(b) == list(range(40))
    # a cell change goes only to the browser showing that row, as one row
    v.set_cell([50_005], "name", "changed")
    v.set_cell([99_999], "name", "not shown")
    out = v.drain([A, B])
    assert out == [
        (A, "dv_rows", [v.gen, 50_005, [[[50_005, "changed", False], 0, 0, None, None, None]]])
    ]
    # a relayout resets every browser with the rows of its own window only
    v.sort_by("n", False)
    out = v.drain([A, B])
    assert {t for t, m, _ in out if m == "dv_reset"} == {A, B}
    assert shown(out, A)[50_000][0] == 100_000 - 1 - 50_000
    assert len(shown(out, A)) == 40


def test_window_requests_are_clamped() -> None:
    v = table(10)
    v.handle(A, ["range", v.gen, 5, 10_000, 5, 0])
    assert sorted(shown(v.drain([A]), A)) == list(range(5, 10))
    with pytest.raises(ProtocolError):
        v.handle(A, ["range", v.gen, "x", 1, 0, 0])
    with pytest.raises(ProtocolError):
        v.handle(A, ["nonsense", v.gen])


def test_sorting_is_stable_typed_and_keeps_paths_selection_and_colours() -> None:
    v = DataView([{"key": "k", "type": "int"}, {"key": "s"}])
    v.set_data([{"k": 2, "s": "b"}, {"k": None, "s": "a"}, {"k": 1, "s": "c"}, {"k": 2, "s": "a"}])
    v.select([[0]], True)
    v.set_row_color([0], "red", None, None)
    v.sort_by("k", True)
    assert list(v.order or []) == [2, 0, 3, 1]  # None last, ties in model order
    v.sort_by("k", False)
    assert list(v.order or []) == [0, 3, 2, 1]
    assert v.selected_items() == [{"path": ["0"], "values": {"k": 2, "s": "b"}}]
    assert v.rows_wire(0, 1)[0][3] == ["red", None, None]
    v.sort_by("s")
    assert [v.values(v.rid_at(i))["s"] for i in range(4)] == ["a", "a", "b", "c"]
    # a string among numbers sorts after the numbers, not with a TypeError
    v.set_cell([1], "k", "x")
    v.sort_by("k")
    assert v.values(v.rid_at(3))["k"] == "x"


def test_clicks_and_keys_select_in_python_across_any_window() -> None:
    v = table(1000, selection_mode="multiple")
    v.handle(A, ["range", v.gen, 0, 40, 0, 0])
    v.drain([A])
    events = v.handle(A, ["click", v.gen, 10, 1, False, False])
    assert events[0][0] == "selected" and events[0][1][0][0]["path"] == ["10"]
    # Shift+PageDown far past the browser's window: Python selects the whole range
    for _ in range(10):
        events = v.handle(A, ["key", v.gen, "PageDown", True, False, 20])
    assert len(v.selected) == 201 and v.cursor == (210, 1)
    out = v.drain([A])
    cursor = [args for t, m, args in out if m == "dv_cursor" and t == A]
    assert cursor[-1] == [v.gen, 210, 1, True]  # the browser scrolls the cursor into view
    # Ctrl moves the cursor without selecting; Space toggles it
    v.handle(A, ["key", v.gen, "ArrowDown", False, True, 20])
    assert v.cursor == (211, 1) and 211 not in v.selected
    v.handle(A, ["key", v.gen, " ", False, False, 20])
    assert 211 in v.selected
    v.handle(A, ["key", v.gen, "End", False, True, 20])
    assert v.selected == {999}
    # Ctrl+A
    v.handle(A, ["key", v.gen, "a", False, True, 20])
    assert len(v.selected) == 1000


def test_stale_requests_are_dropped() -> None:
    v = table(10)
    old = v.gen
    v.sort_by("n", False)
    assert v.handle(A, ["click", old, 0, 0, False, False]) == []
    assert v.selected == set()


def test_cell_modes_and_tsv_round_trip() -> None:
    v = DataView(
        [{"key": "a", "editable": True}, {"key": "b", "type": "int", "editable": True}],
        selection_mode="multiple-cell",
    )
    rows = [{"a": f"a{i}", "b": i} for i in range(5)]
    v.set_data(rows)
    v.handle(A, ["click", v.gen, 1, 0, False, False])
    ev = v.handle(A, ["click", v.gen, 2, 1, True, False])
    assert ev[0][0] == "cell_selected" and len(ev[0][1][0]) == 4
    ev = v.handle(A, ["copy", v.gen])
    assert ev == [("copy", ("a1\t1\na2\t2\n",))]
    v.handle(A, ["click", v.gen, 3, 0, False, False])
    ev = v.handle(A, ["paste", v.gen, "a1\t1\na2\t2\n"])
    assert ev[0] == ("paste", ("a1\t1\na2\t2\n",))
    assert ("cell_edited", (["3"], "b", 3, 1)) in ev
    assert rows[3] == {"a": "a1", "b": 1} and rows[4] == {"a": "a2", "b": 2}


def test_edit_reports_old_and_new_and_coerces_by_type() -> None:
    v = DataView([{"key": "n", "type": "int", "editable": True}, {"key": "s"}])
    rows = [[1, "x"], [2, "y"]]
    v.set_data(rows)
    assert v.handle(A, ["edit", v.gen, 1, 0, "42"]) == [("cell_edited", (["1"], "n", 2, 42))]
    assert rows[1] == [42, "y"]
    # not a number: nothing changes, the browser gets the old value back
    assert v.handle(A, ["edit", v.gen, 1, 0, "abc"]) == []
    assert rows[1][0] == 42 and v._rows_due == {1}
    # not editable
    assert v.handle(A, ["edit", v.gen, 1, 1, "zz"]) == []


def test_bad_input_names_the_argument_and_changes_nothing() -> None:
    v = table(10)
    before = (v.gen, list(v.columns), dict(v.row_colors))
    with pytest.raises(ConfigurationError, match="col_key.*unknown column 'zz'"):
        v.set_cell([1], "zz", 1)
    with pytest.raises(ConfigurationError, match="path: no row"):
        v.set_cell([10], "n", 1)
    with pytest.raises(ConfigurationError, match="value: a cell cannot show a dict"):
        v.set_cell([1], "n", {"a": 1})
    with pytest.raises(ConfigurationError, match="values: unknown column key"):
        v.insert_rows(0, [{"bogus": 1}])
    with pytest.raises(ConfigurationError, match=r"spec\['rows'\]\[1\]\['path'\]"):
        v.set_colors({"rows": [{"path": [1], "bg": "red"}, {"path": [99], "bg": "red"}]})
    with pytest.raises(ConfigurationError, match="data\\[0\\] has 5 cells"):
        v.set_data([[1, 2, 3, 4, 5]])
    assert (v.gen, list(v.columns), dict(v.row_colors)) == before
    assert len(v.source) == 10


def test_inserts_and_deletes_move_selection_and_colours_with_their_rows() -> None:
    v = table(5)
    v.select([[3]], True)
    v.set_row_color([4], None, "yellow", None)
    v.insert_rows(0, [{"n": -1, "name": "new", "ok": False}])
    assert v.selected == {4} and v.row_colors == {5: [None, "yellow", None]}
    v.delete_rows([0, 1])
    assert v.selected == {2} and v.values(2)["n"] == 3


def test_colours_resolve_per_level_and_batch() -> None:
    v = table(3)
    v.set_colors(
        {
            "cells": [{"path": [0], "col_key": "n", "fg": "red"}],
            "rows": [{"path": [0], "bg": "blue", "bold": True}],
            "columns": [{"col_key": "name", "fg": "green"}],
            "table": {"bg": "white"},
        }
    )
    row = v.rows_wire(0, 1)[0]
    assert row[3] == [None, "blue", True] and row[4] == {"0": ["red", None, None]}
    meta = v.meta()
    assert meta["column_colors"] == {"1": ["green", None, None]}
    assert meta["table_color"] == [None, "white", None]
    v.set_cell_color([0], "n", None, None, None)
    assert v.rows_wire(0, 1)[0][4] is None
    v.clear_all_colors()
    assert v.meta()["table_color"] is None and v.row_colors == {}


def test_tree_flattening_expansion_and_sort_keep_paths() -> None:
    v = DataView([{"key": "NAME"}, {"key": "SIZE", "type": "int"}], tree=True)
    v.set_tree(
        {
            "b": {"x.txt": {"SIZE": 5}, "a.txt": {"SIZE": 9}},
            "a": {"__values__": {"SIZE": 1}},
            "c.txt": {"SIZE": 2},
        }
    )
    assert [n[0] for n in v.nodes] == [("b",), ("a",), ("c.txt",)]
    assert v.values(("b",)) == {"NAME": "b"}  # the first column shows the key
    ev = v.handle(A, ["toggle", v.gen, 0])
    assert ev == [("expanded", ({"NAME": "b"}, ["b"]))]
    assert [n[0] for n in v.nodes][:3] == [("b",), ("b", "x.txt"), ("b", "a.txt")]
    v.sort_by("NAME")
    assert [n[0] for n in v.nodes] == [("a",), ("b",), ("b", "a.txt"), ("b", "x.txt"), ("c.txt",)]
    v.select([["b", "x.txt"]], True)
    v.sort_by("SIZE", False)
    assert v.selected_items()[0]["path"] == ["b", "x.txt"]
    row = v.rows_wire(v.index_of(("b",)), 1)[0]
    assert row[1] == 2 | 4 and row[2] == 0  # interior, expanded, depth 0
    assert v.rows_wire(v.index_of(("b", "x.txt")), 1)[0][2] == 1
    # Left on an expanded folder collapses it
    v.cursor = (("b",), 0)
    assert v.handle(A, ["key", v.gen, "ArrowLeft", False, False, 10])[0][0] == "collapsed"


def test_expand_all_of_100k_leaves_is_one_relayout() -> None:
    tree = {f"d{i}": {f"f{j}": {"SIZE": j} for j in range(100)} for i in range(1000)}
    v = DataView([{"key": "NAME"}, {"key": "SIZE", "type": "int"}], tree=True)
    v.set_tree(tree)
    v.drain([A])
    v.expand_all(True)
    out = v.drain([A])
    assert [m for _, m, _ in out] == ["dv_reset"]
    assert out[0][2][0]["total"] == 101_000
    assert len(out[0][2][2]) == 80  # only the rows near the view


def test_update_tree_keeps_state_and_sends_only_changed_cells() -> None:
    v = DataView([{"key": "NAME"}, {"key": "SIZE", "type": "int"}], tree=True)
    v.set_tree({"a": {"x": {"SIZE": 1}, "y": {"SIZE": 2}}, "b": {}})
    v.expand([("a")], True)
    v.select([["a", "y"]], True)
    v.handle(A, ["range", v.gen, 0, 10, 0, 0])
    v.drain([A])
    gen = v.gen
    v.update_tree({"a": {"x": {"SIZE": 7}, "y": {"SIZE": 2}}, "b": {}})
    out = v.drain([A])
    assert v.gen == gen and [m for _, m, _ in out] == ["dv_rows"]
    v.update_tree({"a": {"y": {"SIZE": 2}}, "c": {}})
    assert v.expanded == {("a",)} and v.selected == {("a", "y")}
    assert [n[0] for n in v.nodes] == [("a",), ("a", "y"), ("c",)]


def test_callable_numpy_and_pandas_models_are_read_lazily() -> None:
    calls: list[tuple[int, int]] = []

    def fetch(start: int, count: int) -> list[list[Any]]:
        calls.append((start, count))
        return [[i, f"r{i}", True] for i in range(start, start + count)]

    v = DataView(COLS)
    v.set_data(CallableRows(fetch, 10_000_000))
    assert v.count() == 10_000_000 and calls == []
    v.handle(A, ["range", v.gen, 5_000_000, 30, 5_000_000, 0])
    assert calls == [(5_000_000, 30)]
    np = pytest.importorskip("numpy")
    arr = np.arange(30_000_000, dtype=np.int64).reshape(-1, 3)
    v.set_data(arr)
    assert v.count() == 10_000_000
    assert v.rows_wire(9_999_999, 1)[0][0] == [29_999_997, 29_999_998, 29_999_999]
    v.sort_by("n", False)
    assert v.rid_at(0) == 9_999_999
    v.set_cell([0], "name", 5)
    assert arr[0, 1] == 5
    rec = np.zeros(3, dtype=[("n", "i8"), ("name", "U8")])
    rec["name"] = ["c", "a", "b"]
    v.set_data(rec)
    v.sort_by("name")
    assert [v.values(v.rid_at(i))["name"] for i in range(3)] == ["a", "b", "c"]
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"n": [3, 1, 2], "name": ["x", "y", "z"]})
    v.set_data(df)
    v.sort_by("n")
    assert [v.values(v.rid_at(i))["name"] for i in range(3)] == ["y", "z", "x"]
    v.set_cell([0], "name", "q")
    assert df.iat[0, 1] == "q"


def test_rebuild_sends_state_and_only_rows_at_the_scroll_position() -> None:
    v = table(1_000_000, selection_mode="multiple")
    v.handle(A, ["range", v.gen, 500_000, 40, 500_010, 25.0])
    v.select([[500_012]], True)
    v.set_column_width("name", 222)
    v.sort_by("n", True)
    [(method, (meta, start, rows))] = v.rebuild()
    assert method == "dv_reset" and meta["top"] == 500_010 and meta["h"] == 25.0
    assert meta["columns"][1]["width"] == 222 and meta["sort"] == [0, True]
    assert 490_000 < start <= 500_010 and len(rows) <= 100
    assert any(r[1] & 1 for r in rows)  # the selected row is among them, marked
