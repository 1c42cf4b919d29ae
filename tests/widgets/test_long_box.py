"""Long boxes in headless Chromium: children out of view are skipped until they come near.

A Box with ``LONG_BOX`` (50) or more children gets ``pgw-long``: its children carry
``content-visibility: auto`` (box.css), so a 300-row list is styled, laid out and painted
only where it shows. These tests pin what must not change for the user: rows that come
into view render at their real size and work, measurements answer real sizes, keyboard
focus reaches any row, and popups inside a long box are neither misplaced nor clipped.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

LONG_BOX = 50  # pgwidgets/static/js/widgets/Box.js

#: is the element rendered, counting content skipped by content-visibility as not?
RENDERED = "e => e.checkVisibility({contentVisibilityAuto: true})"


def _rows(gui: Any, n: int, *, height: int = 300) -> tuple[Any, list[Any]]:
    """A window showing a VBox of ``n`` rows (a Label and a Button each)."""
    W = gui.W
    rows = W.VBox(spacing=2)
    buttons = []
    for i in range(n):
        row = W.HBox(spacing=4)
        row.add_widget(W.Label(f"row {i}"), 1)
        button = W.Button(f"b {i}")
        button.on("activated", gui.record(f"b {i}"))
        buttons.append(button)
        row.add_widget(button, 0)
        rows.add_widget(row, 0)
    top = W.TopLevel(title="Rows")
    top.resize(360, height)
    top.set_widget(rows)
    top.show()
    expect(gui.page.get_by_role("button", name=f"b {n - 1}", exact=True)).to_be_attached()
    return rows, buttons


def _js_text(text: str) -> str:
    """A JS expression: the element whose text is ``text`` (a label's text span)."""
    return (
        f"[...document.querySelectorAll('.pgw-label-text')].find(e => e.textContent === {text!r})"
    )


def test_rows_out_of_view_are_skipped_until_scrolled_to(gui: Any) -> None:
    rows, _ = _rows(gui, 300)
    page = gui.page
    box = page.locator(".pgw-top-level .pgw-vbox")
    expect(box).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")
    first = page.get_by_text("row 0", exact=True)
    last = page.get_by_text("row 299", exact=True)
    assert first.evaluate(RENDERED) is True
    assert last.evaluate(RENDERED) is False
    first_height = first.evaluate("e => e.closest('.pgw-hbox').offsetHeight")

    # the last row comes into view: rendered at the same height as the first, clickable
    page.get_by_role("button", name="b 299", exact=True).click()
    assert gui.next_event() == ("b 299", ())
    page.wait_for_function(f"() => ({RENDERED})({_js_text('row 299')})")
    assert last.evaluate("e => e.closest('.pgw-hbox').offsetHeight") == first_height
    assert last.is_visible()


def test_keyboard_focus_reaches_a_skipped_row(gui: Any) -> None:
    _rows(gui, 120)
    page = gui.page
    button = page.get_by_role("button", name="b 119", exact=True)
    assert button.evaluate(RENDERED) is False
    button.focus()
    page.keyboard.press("Enter")
    assert gui.next_event() == ("b 119", ())
    page.wait_for_function(
        "() => document.activeElement.checkVisibility({contentVisibilityAuto: true})"
    )
    expect(button).to_be_in_viewport()


def test_get_size_of_a_skipped_widget_is_its_real_size(gui: Any) -> None:
    W = gui.W
    rows = W.VBox()
    labels = [W.Label("same text") for _ in range(200)]
    for label in labels:
        rows.add_widget(label, 0)
    top = W.TopLevel(title="Sizes")
    top.resize(300, 200)
    top.set_widget(rows)
    top.show()
    page = gui.page
    texts = page.locator(".pgw-label", has_text="same text")
    expect(texts).to_have_count(200)
    # the label's own box takes part in layout; its text inside is what is skipped
    assert texts.last.locator(".pgw-label-text").evaluate(RENDERED) is False
    near, far = labels[0].get_size(), labels[-1].get_size()
    assert far == near
    assert far.height != 28  # not the long box's placeholder (--pgw-long-box-estimate)
    # and Python's copy stays real: no placeholder size is ever reported back
    rows.insert_widget(0, W.Label("a new first row"))
    assert labels[-1].get_size() == near


def test_get_size_inside_a_skipped_row_is_its_real_size(gui: Any) -> None:
    _, buttons = _rows(gui, 200, height=200)
    button = gui.page.get_by_role("button", name="b 199", exact=True)
    assert button.locator(".pgw-button-text").evaluate(RENDERED) is False
    size = buttons[-1].get_size()
    button.scroll_into_view_if_needed()
    gui.page.wait_for_function(
        "() => [...document.querySelectorAll('.pgw-button-text')].pop()"
        ".checkVisibility({contentVisibilityAuto: true})"
    )
    assert button.evaluate("e => [e.offsetWidth, e.offsetHeight]") == list(size)


def test_box_turns_long_and_back_with_its_child_count(gui: Any) -> None:
    W = gui.W
    box = W.VBox()
    labels = [W.Label(f"l {i}") for i in range(LONG_BOX - 1)]
    for label in labels:
        box.add_widget(label, 0)
    gui.show(box)
    page = gui.page
    inner = page.locator(".pgw-vbox", has=page.get_by_text("l 0", exact=True)).last
    expect(inner.locator(":scope > .pgw-label")).to_have_count(LONG_BOX - 1)
    assert "pgw-long" not in (inner.get_attribute("class") or "")

    extra = W.Label("one more")
    box.add_widget(extra, 0)
    expect(inner).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical pgw-long pgw-flow")
    box.remove(extra)
    expect(inner).to_have_class("pgw-widget pgw-vbox pgw-box pgw-vertical")
    # a short box's children have no containment
    assert (
        inner.locator(":scope > .pgw-label").first.evaluate(
            "e => getComputedStyle(e).contentVisibility"
        )
        == "visible"
    )


def test_combo_box_list_in_a_long_box_opens_where_the_box_is(gui: Any) -> None:
    W = gui.W
    rows = W.VBox(spacing=2)
    combo = W.ComboBox()
    for text in ("red", "green", "blue"):
        combo.append_text(text)
    combo.on("activated", gui.record("activated"))
    rows.add_widget(combo, 0)
    for i in range(LONG_BOX + 10):
        rows.add_widget(W.Label(f"row {i}"), 0)
    top = W.TopLevel(title="Combo")
    top.resize(300, 260)
    top.set_widget(rows)
    top.show()
    page = gui.page
    expect(page.locator(".pgw-vbox.pgw-long")).to_have_count(1)
    field = page.get_by_role("combobox")
    field.click()
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    field_box, list_box = field.bounding_box(), listbox.bounding_box()
    assert abs(list_box["y"] - (field_box["y"] + field_box["height"])) <= 3
    assert abs(list_box["x"] - field_box["x"]) <= 3
    # nothing covers or clips it: the point under "blue" is the option itself
    blue = page.get_by_role("option", name="blue")
    b = blue.bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).textContent",
        [b["x"] + b["width"] / 2, b["y"] + b["height"] / 2],
    )
    assert hit == "blue"
    blue.click()
    assert gui.next_event() == ("activated", (2, "blue"))
    expect(listbox).to_be_hidden()
    # closed, the list is back inside its widget
    assert page.locator(".pgw-combo-box .pgw-combo-list").count() == 1


def test_combo_box_destroyed_while_open_leaves_no_list(gui: Any) -> None:
    W = gui.W
    combo = W.ComboBox()
    combo.append_text("only")
    gui.show(combo)
    page = gui.page
    page.get_by_role("combobox").click()
    expect(page.get_by_role("listbox")).to_be_visible()
    combo.destroy()
    expect(page.locator(".pgw-combo-list")).to_have_count(0)
