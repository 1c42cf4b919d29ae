"""Long vertical boxes lay out in flow: the same geometry as the flex column, cheaper updates.

In a flex column Chromium lays every child out twice on each relayout, so one label's new
text cost a 300-row window ~4 ms more layout than a 10-row one (issue 12; Box.js FLOW,
docs/performance.md). A long vertical box whose children do not grow and fill its width
therefore lays out in flow (``pgw-flow``). These tests pin that the user sees the same
thing: every child in view sits exactly where the flex column puts it (inline-level
widgets, explicit sizes, margins, hidden children and spacing included), and boxes that
need flex (a growing child, an alignment, a grid, a row) stay flex.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

LONG_BOX = 50  # pgwidgets/static/js/widgets/Box.js

#: the box's children in view: [left, top, width, height] relative to the box
GEOMETRY = """
(box) => {
  const b = box.getBoundingClientRect();
  return [...box.children].filter((c) => c.checkVisibility())
    .filter((c) => c.getBoundingClientRect().top < b.top + 400)
    .map((c) => {
      const r = c.getBoundingClientRect();
      return [r.left - b.left, r.top - b.top, r.width, r.height].map((v) => Math.round(v * 10));
    });
}
"""


def _mixed_box(gui: Any, **box_options: Any) -> tuple[Any, list[Any]]:
    """A shown window with a long VBox of mixed children; returns (box, children)."""
    W = gui.W
    box = W.VBox(spacing=3, **box_options)
    children: list[Any] = []
    for i in range(LONG_BOX + 10):
        kind = i % 6
        if kind == 0:
            w = W.Label(f"label {i}")
        elif kind == 1:
            w = W.Button(f"button {i}")  # inline-flex on its own
        elif kind == 2:
            w = W.CheckBox(f"check {i}")
        elif kind == 3:
            w = W.Label(f"sized {i}")
            w.resize(120, 40)
        elif kind == 4:
            w = W.Label(f"margined {i}")
            w.set_margins([5, 7, 2, 11])  # top, right, bottom, left
        else:
            w = W.HBox(spacing=4)
            w.add_widget(W.Label(f"row {i}"), 1)
            w.add_widget(W.Button(f"b {i}"), 0)
        box.add_widget(w, 0)
        children.append(w)
    children[7].hide()
    children[8].set_max_size(80, None)
    top = W.TopLevel(title="Flow")
    top.resize(400, 500)
    top.set_widget(box)
    top.show()
    return box, children


def _box_locator(gui: Any) -> Any:
    box = gui.page.locator(".pgw-top-level .pgw-vbox.pgw-long")
    expect(box.locator(":scope > .pgw-widget")).to_have_count(LONG_BOX + 10)
    return box


def test_flow_gives_the_flex_columns_geometry(gui: Any) -> None:
    _mixed_box(gui)
    box = _box_locator(gui)
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")
    assert box.evaluate("e => getComputedStyle(e).display") == "flow-root"
    in_flow = box.evaluate(GEOMETRY)
    box.evaluate("e => e.classList.remove('pgw-flow')")
    assert box.evaluate("e => getComputedStyle(e).display") == "flex"
    in_flex = box.evaluate(GEOMETRY)
    assert len(in_flow) >= 8
    assert in_flow == in_flex


def test_growing_child_keeps_the_box_flex(gui: Any) -> None:
    box_w, children = _mixed_box(gui)
    box = _box_locator(gui)
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")
    children[0].set_expanding(False, True)
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long")
    children[0].set_expanding(True, False)  # growing across a column is filling: flow
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")

    stretched = gui.W.Label("stretched")
    box_w.add_widget(stretched, 1)
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long")
    box_w.remove(stretched)
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")


def test_aligned_box_stays_flex(gui: Any) -> None:
    box_w, _ = _mixed_box(gui)
    box = _box_locator(gui)
    box_w.set_align("center")
    expect(box).not_to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")
    assert box.evaluate("e => getComputedStyle(e).display") == "flex"
    box_w.set_align("fill")
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")


def test_rows_and_button_boxes_never_flow(gui: Any) -> None:
    W = gui.W
    column = W.VBox()
    row = W.HBox()
    buttons = W.ButtonBox(orientation="vertical")
    for i in range(LONG_BOX + 1):
        row.add_widget(W.Label(f"r{i}"), 0)
        buttons.add_widget(W.Button(f"k{i}"), 0)
    column.add_widget(row, 0)
    column.add_widget(buttons, 0)
    gui.show(column)
    page = gui.page
    expect(page.locator(".pgw-long")).to_have_count(2)
    expect(page.locator(".pgw-flow")).to_have_count(0)


def test_spacing_counts_between_visible_children_only(gui: Any) -> None:
    W = gui.W
    box = W.VBox(spacing=10)
    labels = [W.Label(f"s{i}") for i in range(LONG_BOX)]
    for label in labels:
        box.add_widget(label, 0)
    labels[0].hide()
    gui.show(box)
    page = gui.page
    inner = page.locator(".pgw-vbox.pgw-flow")
    expect(inner).to_have_count(1)
    tops = inner.evaluate(
        "b => [...b.children].slice(1, 3).map((c) => c.getBoundingClientRect().top"
        " - b.getBoundingClientRect().top)"
    )
    height = page.get_by_text("s1", exact=True).evaluate(
        "e => e.closest('.pgw-label').getBoundingClientRect().height"
    )
    assert tops == [0, height + 10]
