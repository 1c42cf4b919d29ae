"""GridBox's Python model follows the page: deleted rows/columns and evicted cells
leave ``get_children()``, and a rebuild replays exactly what is left."""

from __future__ import annotations

import pytest

from pgwidgets.sync import Application
from pgwidgets.widgets.defs.layout import grid_cells


@pytest.fixture
def W():
    return Application(ws_port=0).create_session().get_widgets()


def test_delete_row_and_column_drop_their_widgets(W) -> None:
    grid = W.GridBox(rows=2, columns=2)
    a, b, c, d = (W.Label(t) for t in "abcd")
    grid.add_widget(a, 0, 0)
    grid.add_widget(b, 0, 1)
    grid.add_widget(c, 1, 0)
    grid.add_widget(d, 1, 1)
    grid.delete_row(0)
    assert grid.get_children() == [c, d]
    assert a.get_parent() is None and c.get_parent() is grid
    grid.delete_column(1)
    assert grid.get_children() == [c]
    rec = grid.session._core.widgets[grid.wid]
    cells, rows, cols = grid_cells(rec.options, rec.log)
    assert cells == {c.wid: [0, 0]} and (rows, cols) == (1, 1)


def test_a_taken_cell_evicts_its_widget(W) -> None:
    grid = W.GridBox()
    a, b = W.Label("a"), W.Label("b")
    grid.add_widget(a, 0, 0)
    grid.add_widget(b, 0, 0)
    assert grid.get_children() == [b]
    rebuilt = grid.session._core.rebuild_messages()
    placed = [
        m["args"][0]["__wid__"]
        for m in rebuilt
        if m.get("wid") == grid.wid and m.get("method") == "add_widget"
    ]
    assert placed == [b.wid]


def test_rows_inserted_before_shift_cells_and_negative_indices(W) -> None:
    grid = W.GridBox(rows=1, columns=2)
    a, b, c = W.Label("a"), W.Label("b"), W.Label("c")
    grid.add_widget(a, 0, 0)
    grid.insert_row(0, [b])  # b at (0, 0); a moves to (1, 0)
    grid.append_row([None, c])  # c at (2, 1): row -1 is the new last row
    rec = grid.session._core.widgets[grid.wid]
    cells, rows, cols = grid_cells(rec.options, rec.log)
    assert cells == {a.wid: [1, 0], b.wid: [0, 0], c.wid: [2, 1]} and rows == 3
    grid.delete_row(1)
    assert grid.get_children() == [b, c]
    with pytest.raises(TypeError):
        grid.add_widget("not a widget", 0, 0)
