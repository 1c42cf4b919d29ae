"""Reorderable tabs in headless Chromium: drag and keyboard moves, mirrored in Python.

``TabWidget(reorderable=True)``: a tab dragged along the bar with the pointer, or moved
with Ctrl+Shift+Arrow/Home/End, changes the page's order, Python's order (``index_of``,
``index_to_widget``, ``get_index``) and what a reload shows, keeps the selected tab
selected, and reports ``page-move(child, from_index, to_index)``. A TabWidget that is not
reorderable does not move, and a move Python refuses is undone in the page.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.gui_helpers import call, probe, round_trip

TITLES = ["Tab 0", "Tab 1", "Tab 2"]


def build_tabs(g: Any, **options: Any) -> tuple[Any, list[Any]]:
    """A TabWidget with pages "content 0..2" under "Tab 0..2", recording its callbacks."""
    W = g.W

    async def build_async() -> Any:
        tabs = await W.TabWidget(**options)
        pages = [await W.Label(f"content {i}") for i in range(3)]
        for p, title in zip(pages, TITLES, strict=True):
            await tabs.add_widget(p, title=title)
        await tabs.on("page-move", g.record("move"))
        await tabs.on("page-switch", g.record("switch"))
        await tabs.resize(420, 160)
        await g.show_async(tabs, probe(g))
        return tabs, pages

    if hasattr(g, "run"):
        return g.run(build_async)  # type: ignore[no-any-return]
    tabs = W.TabWidget(**options)
    pages = [W.Label(f"content {i}") for i in range(3)]
    for p, title in zip(pages, TITLES, strict=True):
        tabs.add_widget(p, {"title": title})
    tabs.on("page-move", g.record("move"))
    tabs.on("page-switch", g.record("switch"))
    tabs.resize(420, 160)
    g.show(tabs, probe(g))
    return tabs, pages


def drag(page: Any, name: str, to_x: float) -> None:
    """Press tab ``name`` in its middle, move the pointer to ``to_x``, release."""
    box = page.get_by_role("tab", name=name).bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(to_x, y, steps=12)
    page.mouse.up()


def assert_python_order(tabs: Any, pages: list[Any], order: list[int], selected: int) -> None:
    """Python's view: ``order`` lists the page numbers by position; ``selected`` a page."""
    assert tabs.get_children() == [pages[i] for i in order]
    assert [tabs.index_of(pages[i]) for i in range(3)] == [order.index(i) for i in range(3)]
    assert [tabs.index_to_widget(k) for k in range(3)] == [pages[i] for i in order]
    assert tabs.index_to_widget(selected) is not None
    assert tabs.get_index() == order.index(selected)


def assert_page_order(page: Any, order: list[int], selected: int) -> None:
    expect(page.get_by_role("tab")).to_have_text([TITLES[i] for i in order])
    expect(page.get_by_role("tab", name=TITLES[selected])).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.get_by_text(f"content {selected}")).to_be_visible()


def test_drag_moves_a_tab_and_python_and_reload_follow(any_gui: Any) -> None:
    g = any_gui
    tabs, pages = build_tabs(g, reorderable=True)
    page = g.page
    page.get_by_role("tab", name="Tab 1").click()
    assert g.next_event() == ("switch", (pages[1], 1))

    # drag the first tab past the middle of the last one
    last = page.get_by_role("tab", name="Tab 2").bounding_box()
    drag(page, "Tab 0", last["x"] + last["width"] - 2)
    assert g.next_event() == ("move", (pages[0], 0, 2))
    assert_page_order(page, [1, 2, 0], selected=1)
    assert_python_order(tabs, pages, [1, 2, 0], selected=1)
    expect(page.get_by_role("tab", name="Tab 0")).not_to_have_attribute("data-dragging", "")

    # drag the selected tab back to the front: the selection goes with it
    first = page.get_by_role("tab", name="Tab 1").bounding_box()
    drag(page, "Tab 2", first["x"] + 2)
    assert g.next_event() == ("move", (pages[2], 1, 0))
    assert_page_order(page, [2, 1, 0], selected=1)
    assert_python_order(tabs, pages, [2, 1, 0], selected=1)
    round_trip(g)
    g.assert_no_event()  # a drag is not a click: no page-switch

    g.reload()
    assert_page_order(page, [2, 1, 0], selected=1)
    assert_python_order(tabs, pages, [2, 1, 0], selected=1)

    # the order Python holds is the one its own calls see
    call(g, lambda: tabs.set_index(0))
    assert_page_order(page, [2, 1, 0], selected=2)
    assert tabs.get_index() == 0


def test_keyboard_moves_the_focused_tab(any_gui: Any) -> None:
    g = any_gui
    tabs, pages = build_tabs(g, reorderable=True)
    page = g.page
    tab0 = page.get_by_role("tab", name="Tab 0")
    expect(tab0).to_have_attribute(
        "aria-keyshortcuts",
        "Control+Shift+ArrowLeft Control+Shift+ArrowRight Control+Shift+Home Control+Shift+End",
    )
    tab0.focus()

    page.keyboard.press("Control+Shift+ArrowRight")
    assert g.next_event() == ("move", (pages[0], 0, 1))
    assert_page_order(page, [1, 0, 2], selected=0)
    expect(tab0).to_be_focused()
    assert_python_order(tabs, pages, [1, 0, 2], selected=0)

    page.keyboard.press("Control+Shift+End")
    assert g.next_event() == ("move", (pages[0], 1, 2))
    page.keyboard.press("Control+Shift+ArrowRight")  # already last: nothing moves
    page.keyboard.press("Control+Shift+Home")
    assert g.next_event() == ("move", (pages[0], 2, 0))
    page.keyboard.press("Control+Shift+ArrowLeft")  # already first
    assert_page_order(page, [0, 1, 2], selected=0)
    expect(tab0).to_be_focused()
    round_trip(g)
    g.assert_no_event()

    # plain arrows still select; the moved order is the one they walk
    tab0.focus()
    page.keyboard.press("Control+Shift+ArrowRight")
    assert g.next_event() == ("move", (pages[0], 0, 1))
    page.keyboard.press("ArrowLeft")
    assert g.next_event() == ("switch", (pages[1], 0))
    assert_python_order(tabs, pages, [1, 0, 2], selected=1)

    # tabs at the side move with Up/Down
    call(g, lambda: tabs.set_tab_position("left"))
    tab1 = page.get_by_role("tab", name="Tab 1")
    expect(tab1).to_have_attribute(
        "aria-keyshortcuts",
        "Control+Shift+ArrowUp Control+Shift+ArrowDown Control+Shift+Home Control+Shift+End",
    )
    tab1.focus()
    page.keyboard.press("Control+Shift+ArrowDown")
    assert g.next_event() == ("move", (pages[1], 0, 1))
    assert_python_order(tabs, pages, [0, 1, 2], selected=1)

    g.reload()
    assert_page_order(page, [0, 1, 2], selected=1)


def test_tabs_that_are_not_reorderable_do_not_move(gui: Any) -> None:
    tabs, pages = build_tabs(gui)
    page = gui.page
    tab0 = page.get_by_role("tab", name="Tab 0")
    expect(tab0).to_have_attribute("aria-selected", "true")
    assert tab0.get_attribute("aria-keyshortcuts") is None
    assert page.get_by_role("tablist").get_attribute("data-reorderable") is None
    last = page.get_by_role("tab", name="Tab 2").bounding_box()
    drag(page, "Tab 0", last["x"] + last["width"] - 2)
    assert_page_order(page, [0, 1, 2], selected=0)
    tab0.focus()
    page.keyboard.press("Control+Shift+End")  # plain End: selects the last tab
    page.get_by_role("button", name="Probe").click()
    events = []
    while not events or events[-1][0] != "probe":
        events.append(gui.next_event())
    assert events == [("switch", (pages[2], 2)), ("probe", ())]
    assert_page_order(page, [0, 1, 2], selected=2)
    assert_python_order(tabs, pages, [0, 1, 2], selected=2)


def test_a_refused_move_is_undone_in_the_page(gui: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A bad report (here: an index out of range) changes nothing in Python, is logged,
    and the page is put back to Python's order."""
    tabs, pages = build_tabs(gui, reorderable=True)
    page = gui.page
    with caplog.at_level(logging.WARNING, logger="pgwidgets.protocol.session"):
        page.locator(".pgw-tab-widget").evaluate(
            """el => { const w = el.__pgw; const before = [...w.children];
                       w._order([w.children[1], w.children[0], w.children[2]]);
                       w.emit('page-move', before[0], 0, 7, before); }"""
        )
        assert_page_order(page, [0, 1, 2], selected=0)
        round_trip(gui)
    assert "to_index 7 is out of range" in caplog.text
    gui.assert_no_event()
    assert tabs.get_children() == pages

    # the widget still works after that
    page.get_by_role("tab", name="Tab 0").focus()
    page.keyboard.press("Control+Shift+ArrowRight")
    assert gui.next_event() == ("move", (pages[0], 0, 1))
    assert_python_order(tabs, pages, [1, 0, 2], selected=0)
