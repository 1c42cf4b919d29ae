"""Windows and dialogs in headless Chromium: move, resize, states, raise, close requests,
modal dialogs with focus handling, and everything restored by a reload.

Scenarios run against both APIs (``any_gui``): each build is one coroutine that awaits
what the async API returns and takes the sync API's plain values as they are.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import Any

from playwright.sync_api import expect


async def v(value: Any) -> Any:
    """A call's result in either API (the async API's results are awaitable)."""
    return await value if inspect.isawaitable(value) else value


def run(g: Any, fn: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run a build/driver coroutine where its API wants it.

    With the sync API nothing in it ever suspends (every ``v()`` gets a plain value), so
    one ``send`` runs it to the end on the test thread.
    """
    if hasattr(g, "run"):
        return g.run(fn)
    coro = fn()
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise AssertionError("a sync-API build suspended")


async def show(g: Any, *widgets: Any, **kwargs: Any) -> None:
    if hasattr(g, "show_async"):
        await g.show_async(*widgets, **kwargs)
    else:
        g.show(*widgets, **kwargs)


def geometry(locator: Any) -> list[int]:
    """[left, top, width, height] of a window, in page pixels relative to its parent."""
    return locator.evaluate("e => [e.offsetLeft, e.offsetTop, e.offsetWidth, e.offsetHeight]")


def drag(
    page: Any, locator: Any, dx: float, dy: float, *, at: tuple[float, float] = (0.5, 0.5)
) -> None:
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] * at[0], box["y"] + box["height"] * at[1]
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=4)
    page.mouse.up()


# ------------------------------------------------------------------------ TopLevel
def test_window_move_resize_states_and_restore(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    async def build() -> Any:
        win = await v(W.TopLevel(title="Tools", minimizable=True, maximizable=True))
        await v(win.set_widget(await v(W.Label("window content"))))
        await v(win.resize(300, 200))
        await v(win.set_position(50, 60))
        for action in ("move", "resized", "close", "window-state"):
            await v(win.on(action, g.record(action)))
        await v(win.show())
        return win

    win = run(g, build)
    page = g.page
    window = page.get_by_role("dialog", name="Tools")
    expect(window).to_be_visible()
    expect(window).to_have_attribute("aria-modal", "false")
    assert geometry(window) == [50, 60, 300, 200]
    bar = window.locator(".pgw-titlebar")

    drag(page, bar, 40, 30, at=(0.3, 0.5))
    assert g.next_event() == ("move", (90, 90))
    assert win.get_position() == (90, 90)

    drag(page, window.locator(".pgw-grip-e"), 50, 0)
    assert g.next_event() == ("resized", (350, 200))
    drag(page, window.locator(".pgw-grip-w"), -20, 0)
    assert g.next_event() == ("resized", (370, 200))
    assert g.next_event() == ("move", (70, 90))
    drag(page, window.locator(".pgw-grip-n"), 0, 10)
    assert g.next_event() == ("resized", (370, 190))
    assert g.next_event() == ("move", (70, 100))
    drag(page, window.locator(".pgw-grip-se"), 10, 20)
    assert g.next_event() == ("resized", (380, 210))
    assert win.get_size() == (380, 210)

    # keyboard: arrows move, Shift+arrows resize
    bar.focus()
    page.keyboard.press("ArrowRight")
    assert g.next_event() == ("move", (80, 100))
    page.keyboard.press("Shift+ArrowDown")
    assert g.next_event() == ("resized", (380, 220))
    assert geometry(window) == [80, 100, 380, 220]

    # maximise with the title-bar button; reload keeps it maximised
    window.get_by_role("button", name="Maximize").click()
    assert g.next_event() == ("window-state", ("maximized",))
    assert win.get_window_state() == "maximized"
    root = page.locator("#pgw-root").evaluate("e => [e.clientWidth, e.clientHeight]")
    assert geometry(window) == [0, 0, *root]
    g.reload()
    window = page.get_by_role("dialog", name="Tools")
    expect(window).to_have_attribute("data-state", "maximized")
    window.get_by_role("button", name="Restore").click()
    assert g.next_event() == ("window-state", ("normal",))
    assert geometry(window) == [80, 100, 380, 220]  # position and size survived the reload

    window.get_by_role("button", name="Minimize").click()
    assert g.next_event() == ("window-state", ("minimized",))
    expect(window.get_by_text("window content")).to_be_hidden()
    run(g, lambda: v(win.toggle_minimize()))  # from Python: no callback comes back
    expect(window).to_have_attribute("data-state", "normal")
    expect(window.get_by_text("window content")).to_be_visible()
    assert win.get_window_state() == "normal"

    window.locator(".pgw-title").dblclick()  # shade
    assert g.next_event() == ("window-state", ("shaded",))
    expect(window.get_by_text("window content")).to_be_hidden()
    window.locator(".pgw-title").dblclick()
    assert g.next_event() == ("window-state", ("normal",))

    # close is a request: the window stays until the app hides it
    window.get_by_role("button", name="Close").click()
    assert g.next_event() == ("close", ())
    expect(window).to_be_visible()
    window.get_by_text("window content").click()
    page.keyboard.press("Escape")
    assert g.next_event() == ("close", ())
    run(g, lambda: v(win.close()))
    expect(window).to_be_hidden()
    assert win.is_visible() is False
    g.reload()
    expect(page.get_by_role("dialog", name="Tools")).to_have_count(0)


def test_windows_raise_on_click_and_lower(gui: Any) -> None:
    W = gui.W
    wins = []
    for i, (x, y) in enumerate(((20, 20), (150, 60))):
        w = W.TopLevel(title=f"W{i}", lowerable=True)
        w.set_widget(W.Label(f"body {i}"))
        w.resize(200, 150)
        w.set_position(x, y)
        w.show()
        wins.append(w)
    page = gui.page
    first, second = (page.get_by_role("dialog", name=n) for n in ("W0", "W1"))
    expect(second).to_be_visible()

    def z(loc: Any) -> int:
        return int(loc.evaluate("e => getComputedStyle(e).zIndex"))

    assert z(second) > z(first)
    page.mouse.click(30, 100)  # a part of W0 that W1 does not cover
    assert z(first) > z(second)
    second.get_by_role("button", name="Lower").click()
    assert z(second) < z(first)
    # not resizable, not moveable: no grips and a drag does nothing
    wins[0].set_resizable(False)
    wins[0].set_moveable(False)
    expect(first.locator(".pgw-grip-se")).to_be_hidden()
    drag(page, first.locator(".pgw-titlebar"), 50, 50, at=(0.2, 0.5))
    assert geometry(first)[:2] == [20, 20]
    # a finger drags a window by its title bar (pointer events, not mouse events)
    wins[1].on("move", gui.record("move"))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    bar = second.locator(".pgw-title").bounding_box()
    x0, y0 = bar["x"] + bar["width"] - 10, bar["y"] + bar["height"] / 2  # clear of W0
    for kind, dx in (("touchStart", 0), ("touchMove", 10), ("touchMove", 25), ("touchEnd", 25)):
        points = [] if kind == "touchEnd" else [{"x": x0 + dx, "y": y0 + dx}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    assert gui.next_event() == ("move", (175, 85))
    assert wins[1].get_position() == (175, 85)
    wins[1].set_title("<b>Second</b>")
    expect(page.get_by_role("dialog", name="<b>Second</b>")).to_be_visible()


# -------------------------------------------------------------------------- Dialog
def test_modal_dialog_focus_buttons_autoclose_and_restore(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    async def build() -> Any:
        opener = await v(W.Button("Open"))
        await show(g, opener)
        dlg = await v(W.Dialog("Confirm", [["OK", 1], ["Cancel", 0]], autoclose=True, modal=True))
        entry = await v(W.TextEntry("name"))
        await v(dlg.add_widget(entry))
        await v(dlg.add_widget(await v(W.Label("Really?"))))
        await v(dlg.on("activated", g.record("activated")))
        await v(dlg.on("close", g.record("close")))
        await v(dlg.resize(320, 180))
        return dlg

    dlg = run(g, build)
    page = g.page
    page.get_by_role("button", name="Open").focus()
    run(g, lambda: v(dlg.popup()))
    dialog = page.get_by_role("dialog", name="Confirm")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(page.locator(".pgw-dialog-overlay")).to_be_visible()
    entry = dialog.get_by_role("textbox")
    expect(entry).to_be_focused()  # initial focus: the first field
    # centred horizontally
    left, _, width, _ = geometry(dialog)
    root_w = page.locator("#pgw-root").evaluate("e => e.clientWidth")
    assert abs(left + width / 2 - root_w / 2) <= 1
    # Tab stays inside: entry -> OK -> Cancel -> (wraps) Close -> entry
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="OK")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    # the overlay takes clicks meant for the page behind
    page.mouse.click(5, 5)
    assert dialog.evaluate("e => e.contains(document.activeElement)")

    dialog.get_by_role("button", name="OK").click()
    assert g.next_event() == ("activated", (1,))
    expect(dialog).to_be_hidden()
    expect(page.locator(".pgw-dialog-overlay")).to_be_hidden()
    expect(page.get_by_role("button", name="Open")).to_be_focused()  # focus came back
    g.reload()
    expect(page.get_by_role("button", name="Open")).to_be_visible()
    expect(page.get_by_role("dialog", name="Confirm")).to_have_count(0)
    assert dlg.is_visible() is False

    run(g, lambda: v(dlg.popup(40, 30)))
    dialog = page.get_by_role("dialog", name="Confirm")
    expect(dialog).to_be_visible()
    assert geometry(dialog)[:2] == [40, 30]
    page.keyboard.press("Escape")
    assert g.next_event() == ("close", ())
    expect(dialog).to_be_hidden()  # autoclose: Escape closes too
    assert dlg.is_visible() is False


def test_non_modal_dialog_add_button_and_spacing(gui: Any) -> None:
    W = gui.W
    dlg = W.Dialog("Options", buttons=["Apply"], modal=False)
    extra = W.Button("Extra")
    dlg.add_button(extra, "extra-value")
    dlg.add_widget(W.Label("first"))
    dlg.add_widget(W.Label("second"))
    dlg.set_spacing(9)
    dlg.on("activated", gui.record("activated"))
    dlg.popup(10, 10)
    page = gui.page
    dialog = page.get_by_role("dialog", name="Options")
    expect(dialog).to_have_attribute("aria-modal", "false")
    expect(page.locator(".pgw-dialog-overlay")).to_have_count(0)
    dialog.get_by_role("button", name="Apply").click()
    assert gui.next_event() == ("activated", ("Apply",))
    dialog.get_by_role("button", name="Extra").click()
    assert gui.next_event() == ("activated", ("extra-value",))
    expect(dialog).to_be_visible()  # no autoclose
    expect(dialog.locator(".pgw-dialog-content")).to_have_css("row-gap", "9px")
    dlg.set_modal(True)
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(page.locator(".pgw-dialog-overlay")).to_be_visible()
    gui.reload()
    dialog = page.get_by_role("dialog", name="Options")
    expect(dialog).to_have_attribute("aria-modal", "true")
    assert geometry(dialog)[:2] == [10, 10]
    dialog.get_by_role("button", name="Extra").click()
    assert gui.next_event() == ("activated", ("extra-value",))
    # set_widget replaces the content, never the buttons
    dlg.set_widget(W.Label("only content"))
    expect(dialog.locator(".pgw-dialog-content")).to_have_text("only content")
    gui.reload()
    dialog = page.get_by_role("dialog", name="Options")
    expect(dialog.locator(".pgw-dialog-content")).to_have_text("only content")
    expect(dialog.get_by_role("button", name="Extra")).to_be_visible()


# ---------------------------------------------------------------------------- Page
def test_page_fills_the_browser(gui: Any) -> None:
    page_widget = gui.W.Page()
    box = gui.W.VBox()
    box.add_widget(gui.W.Label("full page"))
    page_widget.set_widget(box)
    page_widget.show()
    page = gui.page
    main = page.get_by_role("main")
    expect(main).to_contain_text("full page")
    size = page.evaluate("() => [window.innerWidth, window.innerHeight]")
    bb = main.bounding_box()
    assert [round(bb["width"]), round(bb["height"])] == size
    replacement = gui.W.Label("replaced")
    page_widget.set_widget(replacement)  # replaces (the reference appended)
    expect(main).to_have_text("replaced")
    gui.reload()
    expect(page.get_by_role("main")).to_have_text("replaced")
