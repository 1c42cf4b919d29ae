"""Layout widgets in headless Chromium: what a person sees, drives, and gets back on reload.

Boxes, ButtonBox, GridBox, FixedLayout, Frame, Separator, Expander, Splitter, ScrollArea,
AbstractScrollArea, TabWidget and StackWidget, through the public Python API (both APIs
for a representative subset via ``any_gui``).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.gui_helpers import call


# ---------------------------------------------------------------- boxes & simple layouts
def test_boxes_grid_fixed_frame_separator(gui: Any) -> None:
    W = gui.W
    row = W.HBox(spacing=7)
    a, b = W.Label("A"), W.Label("B")
    row.add_widget(a, 0)
    row.add_widget(b, 1)
    row.insert_widget(0, W.Label("first"))
    row.set_align("center")
    column = W.VBox()
    column.set_spacing(3)
    buttons = W.ButtonBox(halign="right")
    buttons.add_widget(W.Button("OK"))
    buttons.add_widget(W.Button("A much longer label"))
    grid = W.GridBox(rows=1, columns=1)
    grid.set_spacing(5)
    grid.add_widget(W.Label("r0c0"), 0, 0)
    grid.add_widget(W.Label("r2c1"), 2, 1)
    fixed = W.FixedLayout()
    fixed.resize(200, 60)
    fixed.add_widget(W.Label("pinned"), 30, 12)
    frame = W.Frame(title="<i>Group</i>")
    frame.set_widget(W.Label("inside"))
    sep = W.Separator("horizontal")
    gui.show(row, column, buttons, grid, fixed, frame, sep)
    page = gui.page

    assert row.get_spacing() == 7 and column.get_spacing() == 3
    assert row.get_align() == "center"
    hbox = page.locator(".pgw-hbox").first
    expect(hbox).to_have_css("column-gap", "7px")
    expect(hbox).to_have_css("align-items", "center")
    texts = hbox.locator(".pgw-label").all_inner_texts()
    assert texts == ["first", "A", "B"]
    # stretch 1 takes the spare width
    widths = page.evaluate("""() => [...document.querySelectorAll('.pgw-hbox > .pgw-label')]
        .map(e => e.getBoundingClientRect().width)""")
    assert widths[2] > widths[0] + 50

    # ButtonBox: both buttons as wide as the widest, packed to the right
    ok = page.get_by_role("button", name="OK")
    long = page.get_by_role("button", name="A much longer label")
    assert abs(ok.bounding_box()["width"] - long.bounding_box()["width"]) < 1
    box_right = page.locator(".pgw-button-box").bounding_box()
    assert (
        abs(
            (long.bounding_box()["x"] + long.bounding_box()["width"])
            - (box_right["x"] + box_right["width"])
        )
        < 2
    )

    # GridBox grew to 3 x 2 and places by cell
    cell = page.locator(".pgw-grid-box > .pgw-label", has_text="r2c1")
    assert cell.evaluate("e => [e.style.gridRow, e.style.gridColumn]") == ["3", "2"]
    assert grid.get_row_column_count() == [3, 2]
    assert grid.get_widget_at_cell(2, 1) is grid.get_children()[1]

    pinned = page.get_by_text("pinned").bounding_box()
    origin = page.locator(".pgw-fixed-layout").bounding_box()
    assert (round(pinned["x"] - origin["x"]), round(pinned["y"] - origin["y"])) == (30, 12)

    # Frame: a named group whose legend is text, never markup
    group = page.get_by_role("group", name="<i>Group</i>")
    expect(group).to_contain_text("inside")
    assert frame.get_text() == "<i>Group</i>"
    frame.set_text("Renamed")
    expect(page.get_by_role("group", name="Renamed")).to_be_visible()

    expect(page.get_by_role("separator")).to_have_attribute("aria-orientation", "horizontal")
    sep.set_orientation("vertical")
    expect(page.get_by_role("separator")).to_have_attribute("aria-orientation", "vertical")

    gui.reload()
    expect(page.get_by_role("group", name="Renamed")).to_be_visible()
    assert page.locator(".pgw-hbox .pgw-label").all_inner_texts() == ["first", "A", "B"]
    expect(page.get_by_role("separator")).to_have_attribute("aria-orientation", "vertical")
    assert (
        page.locator(".pgw-grid-box > .pgw-label", has_text="r2c1").evaluate("e => e.style.gridRow")
        == "3"
    )


# ----------------------------------------------------------------------- Expander
def test_expander_click_keyboard_and_restore(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    async def build_async() -> Any:
        exp = await W.Expander(title="Details")
        await exp.set_widget(await W.Label("hidden text"))
        await exp.on("toggled", g.record("toggled"))
        await g.show_async(exp)
        return exp

    if hasattr(g, "run"):
        exp = g.run(build_async)
    else:
        exp = W.Expander(title="Details")
        exp.set_widget(W.Label("hidden text"))
        exp.on("toggled", g.record("toggled"))
        g.show(exp)
    page = g.page
    header = page.get_by_role("button", name="Details")
    expect(header).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text("hidden text")).to_be_visible()

    header.click()
    assert g.next_event() == ("toggled", (True,))
    expect(header).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("hidden text")).to_be_hidden()
    assert exp.get_collapsed() is True

    header.focus()
    page.keyboard.press("Enter")
    assert g.next_event() == ("toggled", (False,))
    page.keyboard.press("Space")
    assert g.next_event() == ("toggled", (True,))

    # Python's setter changes the page and does not come back as a callback
    call(g, lambda: exp.set_collapsed(False))
    expect(header).to_have_attribute("aria-expanded", "true")
    call(g, exp.toggleContent)
    expect(header).to_have_attribute("aria-expanded", "false")
    assert exp.get_collapsed() is True
    header.click()
    assert g.next_event() == ("toggled", (False,))  # the next event is the click's, no echo
    header.click()
    assert g.next_event() == ("toggled", (True,))

    g.reload()
    expect(page.get_by_role("button", name="Details")).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("hidden text")).to_be_hidden()


# ----------------------------------------------------------------------- Splitter
def _handle_value(page: Any) -> int:
    return int(page.get_by_role("separator").get_attribute("aria-valuenow"))


def test_splitter_keyboard_drag_and_restore(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    async def build_async() -> Any:
        sp = await W.Splitter(orientation="horizontal")
        await sp.add_widget(await W.Label("left pane"))
        await sp.add_widget(await W.Label("right pane"))
        await sp.resize(400, 120)
        await sp.set_sizes([100, 300])
        await sp.on("sizing", g.record("sizing"))
        await g.show_async(sp, width=460)
        return sp

    if hasattr(g, "run"):
        sp = g.run(build_async)
    else:
        sp = W.Splitter(orientation="horizontal")
        sp.add_widget(W.Label("left pane"))
        sp.add_widget(W.Label("right pane"))
        sp.resize(400, 120)
        sp.set_sizes([100, 300])
        sp.on("sizing", g.record("sizing"))
        g.show(sp, width=460)
    page = g.page
    handle = page.get_by_role("separator", name="Resize panes")
    expect(handle).to_have_attribute("aria-valuenow", "25")
    expect(handle).to_have_attribute("aria-orientation", "vertical")
    left = page.locator(".pgw-splitter-pane").first
    w0 = left.bounding_box()["width"]

    handle.focus()
    page.keyboard.press("ArrowRight")
    name, (sizes,) = g.next_event()
    assert name == "sizing" and len(sizes) == 2
    assert sizes[0] == pytest.approx(w0 + 10, abs=1)
    assert sp.get_sizes() == sizes
    page.keyboard.press("Home")
    name, (sizes,) = g.next_event()
    assert sizes[0] == pytest.approx(20, abs=1)  # the default minimum pane size
    expect(handle).to_have_attribute("aria-valuenow", "5")

    # drag with the mouse (pointer events)
    box = handle.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 152, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    name, (sizes,) = g.next_event()
    assert name == "sizing" and sizes[0] == pytest.approx(170, abs=2)
    assert sp.get_sizes() == sizes
    now = _handle_value(page)

    g.reload()
    expect(page.get_by_role("separator")).to_have_attribute("aria-valuenow", str(now))
    assert page.locator(".pgw-splitter-pane").first.bounding_box()["width"] == pytest.approx(
        170, abs=2
    )

    # removing a pane removes its handle (the reference left both behind)
    call(g, lambda: sp.remove(sp.get_children()[1]))
    expect(page.get_by_role("separator")).to_have_count(0)
    expect(page.locator(".pgw-splitter-pane")).to_have_count(1)


def test_vertical_splitter_arrow_keys(gui: Any) -> None:
    sp = gui.W.Splitter(orientation="vertical")
    for text in ("top", "middle", "bottom"):
        sp.add_widget(gui.W.Label(text))
    sp.resize(200, 300)
    sp.on("sizing", gui.record("sizing"))
    gui.show(sp)
    handles = gui.page.get_by_role("separator")
    expect(handles).to_have_count(2)
    expect(handles.first).to_have_attribute("aria-orientation", "horizontal")
    handles.nth(1).focus()
    gui.page.keyboard.press("Shift+ArrowUp")
    _, (sizes,) = gui.next_event()
    assert len(sizes) == 3 and sizes[1] < sizes[0] and sizes[2] > sizes[0]
    # a finger drags the first handle down by 30 px
    cdp = gui.page.context.new_cdp_session(gui.page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    box = handles.first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for kind, dy in (("touchStart", 0), ("touchMove", 15), ("touchMove", 30), ("touchEnd", 30)):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y + dy}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    _, (after,) = gui.next_event()
    # (Chromium's touch slop may swallow a few pixels of the first move)
    assert sizes[0] + 20 <= after[0] <= sizes[0] + 30
    assert after[0] + after[1] == sizes[0] + sizes[1] and after[2] == sizes[2]


# -------------------------------------------------------------------- ScrollArea
def settled(g: Any, scroller: Any, last: float) -> float:
    """Read ``scrolled`` reports until the latest matches the page's vertical position.

    Reports are throttled, so the last one of a gesture may come well after the gesture on
    a loaded machine: waiting for the one that matches is a condition, where waiting for a
    quiet period was a guess.
    """
    while True:
        now = scroller.evaluate("e => e.scrollTop / (e.scrollHeight - e.clientHeight)")
        if abs(last - now) <= 0.01:
            return last
        _, (_, last) = g.next_event()


def test_scroll_area_wheel_touch_keys_and_restore(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    async def build_async() -> Any:
        area = await W.ScrollArea()
        tall = await W.Label("top of the content")
        await tall.resize(900, 1200)
        await area.set_widget(tall)
        await area.resize(300, 200)
        await area.on("scrolled", g.record("scrolled"))
        await g.show_async(area)
        return area

    if hasattr(g, "run"):
        area = g.run(build_async)
    else:
        area = W.ScrollArea()
        tall = W.Label("top of the content")
        tall.resize(900, 1200)
        area.set_widget(tall)
        area.resize(300, 200)
        area.on("scrolled", g.record("scrolled"))
        g.show(area)
    page = g.page
    scroller = page.get_by_role("region", name="Scrollable area")
    expect(scroller).to_be_visible()

    # the wheel scrolls it (the reference's ScrollArea ignored the wheel)
    box = scroller.bounding_box()
    page.mouse.move(box["x"] + 100, box["y"] + 100)
    page.mouse.wheel(0, 300)
    name, (h, v) = g.next_event()
    assert name == "scrolled" and h == 0 and 0 < v <= 1
    page.wait_for_function("() => document.querySelector('.pgw-scroller').scrollTop > 0")
    # the wheel may come as several throttled reports: read them until one matches where
    # the page is (a fixed quiet period would break on a loaded machine)
    last = settled(g, scroller, v)
    top = scroller.evaluate("e => e.scrollTop")
    assert last == pytest.approx(top / 1000, abs=0.01)
    assert area.get_scroll_position() == (0, last)

    # touch: a finger drag upwards scrolls the content down
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    x = box["x"] + 150
    for kind, y in (
        ("touchStart", 180),
        ("touchMove", 140),
        ("touchMove", 100),
        ("touchMove", 60),
        ("touchEnd", 60),
    ):
        points = [] if kind == "touchEnd" else [{"x": x, "y": box["y"] + y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    page.wait_for_function(f"() => document.querySelector('.pgw-scroller').scrollTop > {top}")
    name, (h, v) = g.next_event()
    v = settled(g, scroller, v)
    assert v > last

    # keyboard: the area is focusable and End scrolls to the bottom
    scroller.focus()
    page.keyboard.press("End")
    page.wait_for_function(
        "() => { const s = document.querySelector('.pgw-scroller');"
        " return s.scrollTop >= s.scrollHeight - s.clientHeight - 1; }"
    )
    v = settled(g, scroller, v)
    assert v == 1

    # Python sets a position: the page scrolls, no echo comes back
    call(g, lambda: area.set_scroll_position(0.5, 0.25))
    page.wait_for_function(
        "() => Math.abs(document.querySelector('.pgw-scroller').scrollTop - 250) < 1.5"
    )
    assert scroller.evaluate("e => e.scrollLeft") == pytest.approx(300, abs=1.5)
    assert area.get_scroll_percent() == (0.5, 0.25)
    page.mouse.wheel(0, -100)
    name, (h, v) = g.next_event()
    while h == 0:  # a late repeat of the End key's report (throttled) may come first
        name, (h, v) = g.next_event()
    assert name == "scrolled" and h == pytest.approx(0.5, abs=0.01) and v < 0.25

    g.reload()
    page.wait_for_function(
        "() => { const s = document.querySelector('.pgw-scroller');"
        " return s && s.scrollTop > 0 && s.scrollLeft > 0; }"
    )
    h_now, v_now = area.get_scroll_position()
    restored = page.locator(".pgw-scroller").evaluate(
        "s => [s.scrollLeft / (s.scrollWidth - s.clientWidth),"
        " s.scrollTop / (s.scrollHeight - s.clientHeight)]"
    )
    assert restored == [pytest.approx(h_now, abs=0.01), pytest.approx(v_now, abs=0.01)]


def test_abstract_scroll_area_reports_fractions(gui: Any) -> None:
    area = gui.W.AbstractScrollArea(thickness=10)
    view = gui.W.Label("virtual view")
    area.set_widget(view)
    area.set_thumb_percent(0.5, 0.25)
    area.resize(300, 200)
    area.on("area-resize", gui.record("area-resize"))
    gui.show(area)
    page = gui.page
    name, (width, height, vbar, hbar) = gui.next_event()
    # (headless Chromium hides scroll bars, so they may take no room here)
    assert name == "area-resize" and vbar in (0, 10) and hbar in (0, 10)
    assert (width + vbar, height + hbar) == (300, 200)
    area.on("scrolled", gui.record("scrolled"))
    label = page.get_by_text("virtual view")
    before = label.bounding_box()
    page.mouse.move(before["x"] + 20, before["y"] + 20)
    page.mouse.wheel(0, 200)
    name, (h, v) = gui.next_event()
    assert name == "scrolled" and h == 0 and 0 < v <= 1
    # the child stays in view (sticky) while the virtual area scrolls
    page.wait_for_function("() => document.querySelector('.pgw-scroller').scrollTop > 0")
    assert label.bounding_box()["y"] == pytest.approx(before["y"], abs=1)
    # thumb 0.25: the scrollable height is 3 views of 200 px (minus a bar)
    assert (
        page.locator(".pgw-scroller").evaluate("s => Math.round(s.scrollHeight / s.clientHeight)")
        == 4
    )
    area.set_scroll_percent(0, 1)
    page.wait_for_function(
        "() => { const s = document.querySelector('.pgw-scroller');"
        " return s.scrollTop >= s.scrollHeight - s.clientHeight - 1; }"
    )
    assert area.get_thumb_percent() == (0.5, 0.25)
    gui.reload()
    page.wait_for_function(
        "() => { const s = document.querySelector('.pgw-scroller');"
        " return s && s.scrollTop > 0 && "
        "s.scrollTop >= s.scrollHeight - s.clientHeight - 1; }"
    )


# --------------------------------------------------------------- TabWidget / Stack
def test_tabs_click_keys_close_and_restore(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    async def build_async() -> Any:
        tabs = await W.TabWidget(closable=True)
        pages = [await W.Label(f"content {i}") for i in range(3)]
        for i, p in enumerate(pages):
            await tabs.add_widget(p, title=f"Tab {i}")
        await tabs.on("page-switch", g.record("switch"))
        await tabs.on("page-close", g.record("close"))
        await tabs.resize(360, 160)
        await g.show_async(tabs)
        return tabs, pages

    if hasattr(g, "run"):
        tabs, pages = g.run(build_async)
    else:
        tabs = W.TabWidget(closable=True)
        pages = [W.Label(f"content {i}") for i in range(3)]
        for i, p in enumerate(pages):
            tabs.add_widget(p, {"title": f"Tab {i}"})
        tabs.on("page-switch", g.record("switch"))
        tabs.on("page-close", g.record("close"))
        tabs.resize(360, 160)
        g.show(tabs)
    page = g.page
    tablist = page.get_by_role("tablist")
    expect(tablist.get_by_role("tab")).to_have_count(3)
    first = page.get_by_role("tab", name="Tab 0")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name="Tab 0")).to_contain_text("content 0")
    expect(page.get_by_text("content 1")).to_be_hidden()
    assert tabs.get_index() == 0

    page.get_by_role("tab", name="Tab 1").click()
    assert g.next_event() == ("switch", (pages[1], 1))
    expect(page.get_by_text("content 1")).to_be_visible()
    expect(page.get_by_role("tab", name="Tab 1")).to_have_attribute("tabindex", "0")
    page.keyboard.press("ArrowRight")
    assert g.next_event() == ("switch", (pages[2], 2))
    expect(page.get_by_role("tab", name="Tab 2")).to_be_focused()
    page.keyboard.press("ArrowRight")  # wraps around
    assert g.next_event() == ("switch", (pages[0], 0))
    page.keyboard.press("End")
    assert g.next_event() == ("switch", (pages[2], 2))
    assert tabs.get_index() == 2
    page.keyboard.press("Delete")  # a close request, nothing removed
    assert g.next_event() == ("close", (pages[2],))
    page.get_by_role("tab", name="Tab 0").locator(".pgw-tab-close").click()
    assert g.next_event() == ("close", (pages[0],))
    expect(tablist.get_by_role("tab")).to_have_count(3)

    # Python switches: the page follows, no callback
    call(g, lambda: tabs.show_widget(pages[1]))
    expect(page.get_by_role("tab", name="Tab 1")).to_have_attribute("aria-selected", "true")
    assert tabs.get_index() == 1 and tabs.index_of(pages[2]) == 2
    assert tabs.index_to_widget(0) is pages[0]
    page.get_by_role("tab", name="Tab 0").click()
    assert g.next_event() == ("switch", (pages[0], 0))
    page.get_by_role("tab", name="Tab 1").click()
    assert g.next_event() == ("switch", (pages[1], 1))

    g.reload()
    expect(page.get_by_role("tab", name="Tab 1")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("content 1")).to_be_visible()

    call(g, lambda: tabs.close_widget(pages[0]))
    expect(page.get_by_role("tab")).to_have_count(2)
    assert tabs.get_index() == 1
    expect(page.get_by_role("tab", name="Tab 2")).to_have_attribute("aria-selected", "true")


def test_tab_positions_and_stack(gui: Any) -> None:
    W = gui.W
    tabs = W.TabWidget(tab_position="left")
    tabs.add_widget(W.Label("one"), {"title": "One"})
    tabs.add_widget(W.Label("two"), {"title": "Two"})
    stack = W.StackWidget()
    s1, s2 = W.Label("stack first"), W.Label("stack second")
    stack.add_widget(s1)
    stack.add_widget(s2)
    tabs.on("page-switch", gui.record("switch"))
    gui.show(tabs, stack)
    page = gui.page
    expect(page.get_by_role("tablist")).to_have_attribute("aria-orientation", "vertical")
    page.get_by_role("tab", name="One").focus()
    page.keyboard.press("ArrowDown")
    assert gui.next_event()[1][1] == 1
    expect(page.get_by_text("stack first")).to_be_visible()
    expect(page.get_by_text("stack second")).to_be_hidden()
    assert page.locator(".pgw-stack-widget [role=tab]").count() == 0
    stack.show_widget(s2)
    expect(page.get_by_text("stack second")).to_be_visible()
    expect(page.get_by_text("stack first")).to_be_hidden()
    assert stack.get_index() == 1
    tabs.set_tab_position("bottom")
    expect(page.get_by_role("tablist")).to_have_attribute("aria-orientation", "horizontal")
    gui.reload()
    expect(page.get_by_text("stack second")).to_be_visible()
    expect(page.get_by_role("tab", name="Two")).to_have_attribute("aria-selected", "true")
    assert page.locator(".pgw-tab-widget").get_attribute("data-position") == "bottom"


def test_grid_rows_columns_and_alignment_checks(gui: Any) -> None:
    W = gui.W
    grid = W.GridBox(rows=1, columns=2)
    a, b = W.Label("a"), W.Label("b")
    grid.add_widget(a, 0, 0)
    grid.add_widget(b, 0, 1)
    c, d = W.Label("c"), W.Label("d")
    grid.append_row([c, d])  # row 1
    top = W.Label("new top")
    grid.insert_row(0, [top])  # everything moves down one row
    side = W.Label("side")
    grid.insert_column(0, [None, side])  # side at row 1, column 0
    gui.show(grid)
    page = gui.page

    def cell(text: str) -> list[str]:
        return (
            page.locator(".pgw-grid-box > .pgw-label")
            .filter(has_text=re.compile(f"^{text}$"))
            .evaluate("e => [e.style.gridRow, e.style.gridColumn]")
        )

    expect(page.get_by_text("side")).to_be_visible()
    assert cell("new top") == ["1", "2"]
    assert cell("side") == ["2", "1"]
    assert cell("a") == ["2", "2"] and cell("b") == ["2", "3"]
    assert cell("c") == ["3", "2"] and cell("d") == ["3", "3"]
    assert grid.get_row_column_count() == [3, 3]
    assert set(grid.get_children()) == {a, b, c, d, top, side}
    assert grid.get_widget_at_cell(1, 0) is side
    gui.reload()
    assert cell("d") == ["3", "3"] and cell("side") == ["2", "1"]

    # deleting a row: its widgets leave the page and Python's children alike
    grid.delete_row(1)
    in_grid = page.locator(".pgw-grid-box > .pgw-label")
    expect(in_grid).to_have_count(3)
    assert set(grid.get_children()) == {top, c, d}
    assert cell("c") == ["2", "2"] and cell("d") == ["2", "3"]
    gui.reload()
    expect(in_grid).to_have_count(3)
    assert cell("c") == ["2", "2"] and cell("new top") == ["1", "2"]

    # a wrong alignment fails in Python, at the call
    with pytest.raises(ValueError, match="left, center, right"):
        W.VBox().set_align("top")
    with pytest.raises(ValueError, match="top, center, bottom"):
        W.Box(orientation="horizontal").set_align("left")
    assert W.Box(orientation="vertical").set_align("right") is None
