"""Menus and toolbars in headless Chromium: MenuBar, Menu, MenuAction, ToolBar,
ToolBarAction. Built through the public API (both facades for the representative tests),
driven with mouse and keyboard; checked: roles and ARIA states, callbacks and their
arguments, Python state, no echo of setters, and state restored after a reload.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.gui_helpers import call, probe, round_trip


def test_menubar_mouse_keyboard_submenu_and_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, ...]:
        bar = W.MenuBar()
        file = _v(bar.add_name("File"))
        opened = _v(file.add_name("Open"))
        opened.on("activated", g.record("open"))
        file.add_separator()
        autosave = _v(file.add_name("Autosave", checkable=True))
        autosave.on("activated", g.record("autosave"))
        recent = _v(file.add_menu("Recent"))
        a_txt = _v(recent.add_name("a.txt"))
        a_txt.on("activated", g.record("a.txt"))
        edit = _v(bar.add_name("Edit"))
        undo = _v(edit.add_name("Undo <all>"))
        undo.on("activated", g.record("undo"))
        return bar, file, recent, autosave, probe(g)

    bar, file, recent, autosave, p = call(g, build)
    assert bar.get_menu("File") is file and file.get_menu("Recent") is recent
    assert bar.get_menu("Nope") is None
    g.show(bar, p)
    page = g.page

    menubar = page.get_by_role("menubar")
    file_title = menubar.get_by_role("menuitem", name="File")
    expect(file_title).to_have_attribute("aria-expanded", "false")
    expect(file_title).to_have_attribute("tabindex", "0")
    expect(menubar.get_by_role("menuitem", name="Edit")).to_have_attribute("tabindex", "-1")

    # mouse: open, look, choose
    file_title.click()
    menu = page.get_by_role("menu").filter(has_text="Open")
    expect(menu).to_be_visible()
    expect(file_title).to_have_attribute("aria-expanded", "true")
    check = page.get_by_role("menuitemcheckbox", name="Autosave")
    expect(check).to_have_attribute("aria-checked", "false")
    expect(menu.get_by_role("separator")).to_have_count(1)
    expect(page.get_by_role("menuitem", name="Recent")).to_have_attribute("aria-haspopup", "menu")
    page.get_by_role("menuitem", name="Open").click()
    assert g.next_event() == ("open", ())
    expect(menu).to_be_hidden()

    # keyboard: Down opens on the first item, Down again, Space toggles the check
    file_title.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name="Open")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(check).to_be_focused()
    page.keyboard.press("Space")
    assert g.next_event() == ("autosave", (True,))
    assert autosave.get_checked() is True and autosave.get_state() is True
    expect(menu).to_be_hidden()
    expect(file_title).to_be_focused()  # focus came back to the bar

    # Up wraps to the last item (the submenu), Right opens it, Enter chooses
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("menuitem", name="Recent")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("menuitem", name="a.txt")).to_be_focused()
    page.keyboard.press("ArrowLeft")  # closes the submenu only
    expect(page.get_by_role("menuitem", name="Recent")).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    assert g.next_event() == ("a.txt", ())

    # Right on a plain item moves to the next menu of the bar; Escape closes it
    file_title.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    undo = page.get_by_role("menuitem", name="Undo <all>")
    expect(undo).to_be_focused()
    page.keyboard.press("Escape")
    expect(undo).to_be_hidden()
    expect(menubar.get_by_role("menuitem", name="Edit")).to_be_focused()

    # hover switches between open menus; a press outside closes
    file_title.click()
    menubar.get_by_role("menuitem", name="Edit").hover()
    expect(undo).to_be_visible()
    page.mouse.click(5, 5)
    expect(undo).to_be_hidden()

    # a setter shows and does not echo; then a reload restores it
    call(g, lambda: autosave.set_checked(False))
    file_title.click()
    expect(check).to_have_attribute("aria-checked", "false")
    page.keyboard.press("Escape")
    round_trip(g)
    g.assert_no_event()
    call(g, lambda: autosave.set_state(True))
    g.reload()
    page.get_by_role("menuitem", name="File").click()
    expect(page.get_by_role("menuitemcheckbox", name="Autosave")).to_have_attribute(
        "aria-checked", "true"
    )
    expect(page.get_by_role("menuitem", name="Recent")).to_be_visible()
    page.get_by_role("menuitem", name="Open").click()
    assert g.next_event() == ("open", ())


def _v(value: Any) -> Any:
    """The value of a non-waiting call in either API (async returns ``Ready``)."""
    return getattr(value, "value", value)


def test_context_menu_popup_escape_and_outside_press(gui: Any) -> None:
    W = gui.W
    ctx = W.Menu()
    cut = ctx.add_name("Cut")
    cut.on("activated", gui.record("cut"))
    ctx.add_name("Copy")
    label = W.Label("right-click target")
    gui.show(label)
    page = gui.page
    menu = page.get_by_role("menu")
    expect(menu).to_be_hidden()

    ctx.popup(120, 90)
    expect(menu).to_be_visible()
    box = menu.bounding_box()
    assert box is not None and (round(box["x"]), round(box["y"])) == (120, 90)
    expect(page.get_by_role("menuitem", name="Cut")).to_be_focused()
    page.keyboard.press("End")
    expect(page.get_by_role("menuitem", name="Copy")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()

    ctx.popup(60, 60)
    expect(menu).to_be_visible()
    page.mouse.click(400, 300)
    expect(menu).to_be_hidden()

    ctx.popup(60, 60)
    page.get_by_role("menuitem", name="Cut").click()
    assert gui.next_event() == ("cut", ())
    expect(menu).to_be_hidden()


def test_menu_factories_work_headless(sync_app: Any) -> None:
    """No browser at all: factories still create, link and find children."""
    session = sync_app().create_session()
    W = session.get_widgets()
    bar = W.MenuBar()
    view = bar.add_name("View")
    zoom = view.add_menu("Zoom")
    big = zoom.add_name("Big", checkable=True)
    big.set_checked(True)
    assert bar.get_menu("View") is view and view.get_menu("Zoom") is zoom
    assert zoom.get_children() == [big] and big.get_checked() is True
    assert big.get_text() == "Big"
    tb = W.ToolBar()
    act = tb.add_action({"text": "Run"}, toggle=True)
    assert tb.get_children() == [act] and act.get_text() == "Run"


def test_toolbar_toggles_groups_menu_and_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, ...]:
        tb = W.ToolBar()
        run = _v(tb.add_action("Run"))
        run.on("activated", g.record("run"))
        bold = _v(tb.add_action("Bold", toggle=True))
        bold.on("activated", g.record("bold"))
        left = _v(tb.add_action({"text": "Left", "toggle": True}))
        left.on("activated", g.record("left"))
        right = _v(tb.add_action("Right", toggle=True, group=left))
        right.on("activated", g.record("right"))
        tb.add_separator()
        tb.add_spacer()
        more_menu = W.Menu()
        opt = _v(more_menu.add_name("Option"))
        opt.on("activated", g.record("option"))
        _v(tb.add_action("More", menu=more_menu))
        return tb, bold, left, right, probe(g)

    tb, bold, left, right, p = call(g, build)
    g.show(tb, p)
    page = g.page

    bar = page.get_by_role("toolbar")
    expect(bar).to_have_attribute("aria-orientation", "horizontal")
    run_b = bar.get_by_role("button", name="Run")
    bold_b = bar.get_by_role("button", name="Bold")
    left_b = bar.get_by_role("button", name="Left")
    right_b = bar.get_by_role("button", name="Right")
    expect(bold_b).to_have_attribute("aria-pressed", "false")
    expect(run_b).not_to_have_attribute("aria-pressed", "false")
    expect(run_b).to_have_attribute("tabindex", "0")  # one Tab stop for the bar
    expect(bold_b).to_have_attribute("tabindex", "-1")
    expect(bar.get_by_role("separator")).to_have_count(1)

    run_b.click()
    assert g.next_event() == ("run", ())
    bold_b.click()
    assert g.next_event() == ("bold", (True,))
    expect(bold_b).to_have_attribute("aria-pressed", "true")
    assert bold.get_state() is True

    # arrows move between buttons, Space presses
    run_b.focus()
    page.keyboard.press("ArrowRight")
    expect(bold_b).to_be_focused()
    page.keyboard.press("Space")
    assert g.next_event() == ("bold", (False,))
    assert bold.get_state() is False
    page.keyboard.press("End")
    expect(bar.get_by_role("button", name="More")).to_be_focused()

    # exclusive group: pressing Right releases Left, in the page and in Python
    left_b.click()
    assert g.next_event() == ("left", (True,))
    right_b.click()
    assert g.next_event() == ("right", (True,))
    expect(left_b).to_have_attribute("aria-pressed", "false")
    round_trip(g)
    assert left.get_state() is False and right.get_state() is True
    right_b.click()  # a group keeps one pressed
    expect(right_b).to_have_attribute("aria-pressed", "true")

    # a setter from Python: shown, the group follows, no echo
    call(g, lambda: left.set_state(True))
    expect(left_b).to_have_attribute("aria-pressed", "true")
    expect(right_b).to_have_attribute("aria-pressed", "false")
    assert right.get_state() is False
    round_trip(g)
    g.assert_no_event()

    # a menu button opens its menu below, focus on the first item
    more = bar.get_by_role("button", name="More")
    expect(more).to_have_attribute("aria-haspopup", "menu")
    more.click()
    option = page.get_by_role("menuitem", name="Option")
    expect(option).to_be_focused()
    page.keyboard.press("Enter")
    assert g.next_event() == ("option", ())
    expect(option).to_be_hidden()
    more.click()  # a second press on the button closes its open menu
    expect(option).to_be_visible()
    expect(more).to_have_attribute("aria-expanded", "true")
    more.click()
    expect(option).to_be_hidden()
    expect(more).to_have_attribute("aria-expanded", "false")

    call(g, lambda: bold.set_state(True))
    g.reload()
    expect(page.get_by_role("button", name="Left")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Right")).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("button", name="Bold")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("toolbar").get_by_role("separator")).to_have_count(1)


def test_touch_and_typeahead(sync_app: Any, page_factory: Any) -> None:
    """Taps work like clicks (pointer events), and a letter jumps to a matching item."""
    from tests.gui_helpers import Gui

    g = Gui(sync_app(), page_factory(has_touch=True))
    bar = g.W.MenuBar()
    tools = bar.add_name("Tools")
    for name in ("Alpha", "Beta", "Bravo"):
        tools.add_name(name).on("activated", g.record(name))
    grid = tools.add_name("Grid", checkable=True)
    grid.on("activated", g.record("grid"))
    tb = g.W.ToolBar()
    pin = tb.add_action("Pin", toggle=True)
    pin.on("activated", g.record("pin"))
    g.show(bar, tb)
    page = g.page

    page.get_by_role("menuitem", name="Tools").tap()
    page.get_by_role("menuitemcheckbox", name="Grid").tap()
    assert g.next_event() == ("grid", (True,))
    page.get_by_role("button", name="Pin").tap()
    assert g.next_event() == ("pin", (True,))

    page.get_by_role("menuitem", name="Tools").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("b")
    expect(page.get_by_role("menuitem", name="Beta")).to_be_focused()
    page.keyboard.press("b")
    expect(page.get_by_role("menuitem", name="Bravo")).to_be_focused()
    page.keyboard.press("g")  # a checked item still matches by its label
    expect(page.get_by_role("menuitemcheckbox", name="Grid")).to_be_focused()
    page.keyboard.press("a")
    page.keyboard.press("Enter")
    assert g.next_event() == ("Alpha", ())


def test_toolbar_group_forgets_a_destroyed_action(gui: Any) -> None:
    """The browser's one group helper (button-group.js) drops a destroyed ToolBarAction:
    the action left alone is no longer held pressed, so a second press releases it."""
    W = gui.W
    tb = W.ToolBar()
    left = tb.add_action("Left", toggle=True)
    right = tb.add_action("Right", toggle=True, group=left)
    left.on("activated", gui.record("left"))
    gui.show(tb, probe(gui))
    left_b = gui.page.get_by_role("button", name="Left")
    left_b.click()
    assert gui.next_event() == ("left", (True,))
    left_b.click()  # a group of two keeps one pressed
    round_trip(gui)
    gui.assert_no_event()
    expect(left_b).to_have_attribute("aria-pressed", "true")

    right.destroy()
    expect(gui.page.get_by_role("button", name="Right")).to_have_count(0)
    left_b.click()
    assert gui.next_event() == ("left", (False,))
    expect(left_b).to_have_attribute("aria-pressed", "false")
    assert left.get_state() is False
