"""MenuBar press-drag-release in Chromium, with a real mouse (Playwright's).

A press on a title opens its menu; dragging to an item and releasing there chooses it;
releasing on the title leaves the menu open; releasing elsewhere closes it without a
choice; dragging across titles switches menus on the way.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.gui_helpers import probe, round_trip

__all__: list[str] = []

pytestmark = pytest.mark.browser


def _center(locator: Any) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _build(g: Any) -> None:
    W = g.W
    bar = W.MenuBar()
    file = bar.add_name("File")
    file.add_name("Open").on("activated", g.record("open"))
    file.add_name("Save").on("activated", g.record("save"))
    edit = bar.add_name("Edit")
    edit.add_name("Undo").on("activated", g.record("undo"))
    disabled = edit.add_name("Redo")
    disabled.on("activated", g.record("redo"))
    disabled.set_enabled(False)
    g.show(bar, probe(g), width=400, height=300)


def test_press_drag_release_chooses_the_item(gui: Any) -> None:
    _build(gui)
    page = gui.page
    file_title = page.get_by_role("menubar").get_by_role("menuitem", name="File")
    page.mouse.move(*_center(file_title))
    page.mouse.down()
    menu = page.get_by_role("menu").filter(has_text="Save")
    expect(menu).to_be_visible()  # opened by the press, before any release
    save = page.get_by_role("menuitem", name="Save")
    page.mouse.move(*_center(save), steps=6)
    expect(save).to_be_focused()  # the item under the held pointer is highlighted
    page.mouse.up()
    assert gui.next_event() == ("save", ())
    expect(menu).to_be_hidden()
    expect(file_title).to_have_attribute("aria-expanded", "false")


def test_release_on_the_title_keeps_the_menu_open_and_a_second_press_closes(gui: Any) -> None:
    _build(gui)
    page = gui.page
    file_title = page.get_by_role("menubar").get_by_role("menuitem", name="File")
    menu = page.get_by_role("menu").filter(has_text="Save")
    file_title.click()
    expect(menu).to_be_visible()
    expect(file_title).to_have_attribute("aria-expanded", "true")
    file_title.click()
    expect(menu).to_be_hidden()
    # a plain click still chooses, as before
    file_title.click()
    page.get_by_role("menuitem", name="Open").click()
    assert gui.next_event() == ("open", ())
    round_trip(gui)
    gui.assert_no_event()


def test_release_elsewhere_closes_without_a_choice(gui: Any) -> None:
    _build(gui)
    page = gui.page
    file_title = page.get_by_role("menubar").get_by_role("menuitem", name="File")
    menu = page.get_by_role("menu").filter(has_text="Save")
    x, y = _center(file_title)
    page.mouse.move(x, y)
    page.mouse.down()
    expect(menu).to_be_visible()
    page.mouse.move(x + 300, y + 200, steps=6)  # empty page, far from the menu
    page.mouse.up()
    expect(menu).to_be_hidden()
    round_trip(gui)
    gui.assert_no_event()


def test_drag_across_titles_switches_menus_and_skips_disabled_items(gui: Any) -> None:
    _build(gui)
    page = gui.page
    bar = page.get_by_role("menubar")
    file_menu = page.get_by_role("menu").filter(has_text="Save")
    edit_menu = page.get_by_role("menu").filter(has_text="Undo")
    page.mouse.move(*_center(bar.get_by_role("menuitem", name="File")))
    page.mouse.down()
    expect(file_menu).to_be_visible()
    page.mouse.move(*_center(bar.get_by_role("menuitem", name="Edit")), steps=6)
    expect(edit_menu).to_be_visible()
    expect(file_menu).to_be_hidden()
    # releasing on a disabled item chooses nothing and leaves the menu open
    page.mouse.move(*_center(page.get_by_role("menuitem", name="Redo")), steps=6)
    page.mouse.up()
    expect(edit_menu).to_be_visible()
    page.keyboard.press("Escape")  # (the open menu covers the probe button)
    expect(edit_menu).to_be_hidden()
    round_trip(gui)
    gui.assert_no_event()
    # a press on the open menu's title closes it; the next press opens it again
    edit_title = bar.get_by_role("menuitem", name="Edit")
    edit_title.click()
    expect(edit_menu).to_be_visible()
    page.mouse.move(*_center(edit_title))
    page.mouse.down()
    expect(edit_menu).to_be_hidden()
    page.mouse.up()
    expect(edit_menu).to_be_hidden()
    page.mouse.down()
    expect(edit_menu).to_be_visible()
    page.mouse.move(*_center(page.get_by_role("menuitem", name="Undo")), steps=6)
    page.mouse.up()
    assert gui.next_event() == ("undo", ())
    expect(edit_menu).to_be_hidden()
