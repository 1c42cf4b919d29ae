"""Buttons and choices in headless Chromium: Button, ToggleButton, RadioButton, CheckBox,
ComboBox. Each test builds widgets through the public API, checks what a person sees,
drives them with the mouse and keyboard, checks the Python callbacks and state, calls
setters (which must not echo back) and reloads to check the state is restored.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.gui_helpers import call, probe, round_trip


# ---------------------------------------------------------------- Button + CheckBox
def test_button_and_checkbox_both_apis(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, ...]:
        button = W.Button("Go")
        button.on("activated", g.record("go"))
        check = W.CheckBox("Remember <me>")
        check.on("activated", g.record("check"))
        return button, check, probe(g)

    button, check, p = call(g, build)
    g.show(button, check, p)
    page = g.page

    go = page.get_by_role("button", name="Go")
    expect(go).to_be_visible()
    box = page.get_by_role("checkbox", name="Remember <me>")
    expect(box).not_to_be_checked()

    go.click()
    assert g.next_event() == ("go", ())
    go.focus()
    page.keyboard.press("Enter")
    assert g.next_event() == ("go", ())
    page.keyboard.press("Space")
    assert g.next_event() == ("go", ())

    box.click()
    assert g.next_event() == ("check", (True,))
    assert check.get_state() is True
    page.keyboard.press("Space")
    assert g.next_event() == ("check", (False,))
    assert check.get_state() is False

    # setters show up and do not echo
    call(
        g,
        lambda: (
            button.set_text("Launch"),
            button.set_color("rgb(10, 20, 30)", None),
            check.set_state(True),
        ),
    )
    launch = page.get_by_role("button", name="Launch")
    expect(launch).to_be_visible()
    expect(launch).to_have_css("background-color", "rgb(10, 20, 30)")
    expect(box).to_be_checked()
    round_trip(g)
    g.assert_no_event()
    assert button.get_text() == "Launch" and check.get_state() is True

    box.click()  # the user's last word wins on reload
    assert g.next_event() == ("check", (False,))
    g.reload()
    expect(page.get_by_role("button", name="Launch")).to_have_css(
        "background-color", "rgb(10, 20, 30)"
    )
    expect(page.get_by_role("checkbox", name="Remember <me>")).not_to_be_checked()
    page.get_by_role("button", name="Launch").click()
    assert g.next_event() == ("go", ())


def test_button_icon_and_hover(gui: Any) -> None:
    W = gui.W
    icon = (
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='8' "
        "height='8'%3E%3C/svg%3E"
    )
    b = W.Button("Iconic")
    b.set_icon(icon, [12, 12])
    b.set_hover("rgb(200, 0, 0)", "rgb(255, 255, 255)")
    gui.show(b)
    button = gui.page.get_by_role("button", name="Iconic")
    img = button.locator("img")
    expect(img).to_have_attribute("width", "12")
    assert img.get_attribute("alt") == ""  # decorative: the text names the button
    assert b.get_icon() == icon
    button.hover()
    expect(button).to_have_css("background-color", "rgb(200, 0, 0)")
    expect(button).to_have_css("color", "rgb(255, 255, 255)")
    b.set_icon(None)
    expect(img).to_have_count(0)
    assert b.get_icon() is None


# ---------------------------------------------------------------- ToggleButton
def test_toggle_buttons_group(gui: Any) -> None:
    W = gui.W
    solo = W.ToggleButton("Bold")
    left = W.ToggleButton("Left")
    centre = W.ToggleButton("Centre", group=left)
    right = W.ToggleButton("Right", group=left)
    for b in (solo, left, centre, right):
        b.on("activated", gui.record(b.get_text()))
    p = probe(gui)
    gui.show(solo, left, centre, right, p)
    page = gui.page
    btn = {n: page.get_by_role("button", name=n) for n in ("Bold", "Left", "Centre", "Right")}
    for b in btn.values():
        expect(b).to_have_attribute("aria-pressed", "false")

    btn["Bold"].click()
    assert gui.next_event() == ("Bold", (True,))
    expect(btn["Bold"]).to_have_attribute("aria-pressed", "true")

    btn["Left"].click()
    assert gui.next_event() == ("Left", (True,))
    btn["Centre"].focus()
    page.keyboard.press("Space")
    # only the pressed one reports; Left was released silently but Python knows it
    assert gui.next_event() == ("Centre", (True,))
    expect(btn["Left"]).to_have_attribute("aria-pressed", "false")
    assert (left.get_state(), centre.get_state(), solo.get_state()) == (False, True, True)
    round_trip(gui)

    # pressing the pressed member releases it
    btn["Centre"].click()
    assert gui.next_event() == ("Centre", (False,))
    assert centre.get_state() is False

    # a setter switches peers off, in the page and in Python, with no callbacks
    right.set_state(True)
    left.set_state(True)
    expect(btn["Left"]).to_have_attribute("aria-pressed", "true")
    expect(btn["Right"]).to_have_attribute("aria-pressed", "false")
    assert right.get_state() is False and left.get_state() is True
    round_trip(gui)
    gui.assert_no_event()

    btn["Right"].click()
    assert gui.next_event() == ("Right", (True,))
    gui.reload()
    states = [
        page.get_by_role("button", name=n).get_attribute("aria-pressed")
        for n in ("Bold", "Left", "Centre", "Right")
    ]
    assert states == ["true", "false", "false", "true"]
    assert [b.get_state() for b in (solo, left, centre, right)] == [True, False, False, True]


# ---------------------------------------------------------------- RadioButton
def test_radio_group_mouse_keys_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, ...]:
        small = W.RadioButton("Small")
        medium = W.RadioButton("Medium", group=small)
        large = W.RadioButton("Large", options={"group": small})
        other = W.RadioButton("Other group")
        for r in (small, medium, large, other):
            r.on("activated", g.record(r.get_text()))
        small.set_state(True)
        return small, medium, large, other, probe(g)

    small, medium, large, other, p = call(g, build)
    g.show(small, medium, large, other, p)
    page = g.page
    radio = {
        n: page.get_by_role("radio", name=n) for n in ("Small", "Medium", "Large", "Other group")
    }
    expect(radio["Small"]).to_be_checked()

    radio["Medium"].click()
    assert g.next_event() == ("Medium", (True,))
    expect(radio["Small"]).not_to_be_checked()
    assert (small.get_state(), medium.get_state()) == (False, True)

    # arrow keys move the choice inside the group only
    radio["Medium"].focus()
    page.keyboard.press("ArrowDown")
    assert g.next_event() == ("Large", (True,))
    expect(radio["Large"]).to_be_checked()
    expect(radio["Large"]).to_be_focused()
    assert (medium.get_state(), large.get_state()) == (False, True)

    radio["Other group"].click()
    assert g.next_event() == ("Other group", (True,))
    expect(radio["Large"]).to_be_checked()  # a different group is not touched

    # Python's choice: peers go off, nothing is reported
    call(g, lambda: small.set_state(True))
    expect(radio["Small"]).to_be_checked()
    expect(radio["Large"]).not_to_be_checked()
    assert large.get_state() is False
    round_trip(g)
    g.assert_no_event()

    radio["Medium"].click()
    assert g.next_event() == ("Medium", (True,))
    g.reload()
    expect(page.get_by_role("radio", name="Medium")).to_be_checked()
    expect(page.get_by_role("radio", name="Small")).not_to_be_checked()
    expect(page.get_by_role("radio", name="Other group")).to_be_checked()
    page.get_by_role("radio", name="Medium").focus()
    page.keyboard.press("ArrowUp")  # grouping survives the rebuild
    assert g.next_event() == ("Small", (True,))
    assert [r.get_state() for r in (small, medium, large)] == [True, False, False]


# ---------------------------------------------------------------- ComboBox
def test_combobox_list_keyboard_mouse_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, ...]:
        combo = W.ComboBox()
        for t in ("pear", "apple"):
            combo.append_text(t)
        combo.insert_alpha("banana")  # goes before the first greater item: "pear"
        combo.on("activated", g.record("combo"))
        return combo, probe(g)

    combo, p = call(g, build)
    g.show(combo, p)
    page = g.page
    box = page.get_by_role("combobox")
    # the first item added is shown; insert_alpha keeps alphabetical position
    expect(box).to_have_value("pear")
    assert combo.get_items() == ["banana", "pear", "apple"]
    assert (combo.get_text(), combo.get_index()) == ("pear", 1)
    expect(box).to_have_attribute("aria-expanded", "false")

    # mouse: open and pick
    box.click()
    expect(box).to_have_attribute("aria-expanded", "true")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_text(["banana", "pear", "apple"])
    expect(listbox.get_by_role("option", name="pear")).to_have_attribute("aria-selected", "true")
    listbox.get_by_role("option", name="apple").click()
    assert g.next_event() == ("combo", (2, "apple"))
    expect(box).to_have_value("apple")
    expect(listbox).to_be_hidden()
    assert (combo.get_index(), combo.get_text()) == (2, "apple")

    # keyboard: open, move, pick; Escape closes without picking
    box.focus()
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Home")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").inner_text() == "banana"
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert g.next_event() == ("combo", (1, "pear"))
    assert combo.get_text() == "pear"

    # setters: no echo; the selection follows its item when items move
    call(g, lambda: (combo.set_index(0), combo.insert_alpha("aardvark")))
    expect(box).to_have_value("banana")
    assert (combo.get_index(), combo.get_text()) == (1, "banana")
    call(g, lambda: combo.delete_alpha("banana"))
    expect(box).to_have_value("aardvark")
    assert combo.get_text() == "aardvark" and combo.get_alpha(1) == "pear"
    round_trip(g)
    g.assert_no_event()

    box.click()
    page.get_by_role("option", name="pear").click()
    assert g.next_event() == ("combo", (1, "pear"))
    g.reload()
    box = page.get_by_role("combobox")
    expect(box).to_have_value("pear")
    box.click()
    expect(page.get_by_role("option")).to_have_text(["aardvark", "pear", "apple"])
    page.keyboard.press("Escape")

    call(g, lambda: combo.clear())
    expect(box).to_have_value("")
    assert (combo.get_items(), combo.get_index(), combo.get_text()) == ([], -1, "")
    call(g, lambda: combo.append_text("only"))
    expect(box).to_have_value("only")
    assert combo.get_text() == "only"


def test_editable_combobox(gui: Any) -> None:
    W = gui.W
    combo = W.ComboBox(editable=True, dropdown_limit=2)
    for t in ("red", "green", "blue"):
        combo.append_text(t)
    combo.on("activated", gui.record("activated"))
    combo.on("modified", gui.record("modified"))
    gui.show(combo)
    page = gui.page
    box = page.get_by_role("combobox")
    expect(box).to_be_editable()
    box.fill("")
    box.press_sequentially("teal")
    assert gui.next_event() == ("modified", ("teal",))
    assert combo.get_text() == "teal" and combo.get_index() == -1
    box.press("Enter")  # new text joins the list
    assert gui.next_event() == ("activated", (3, "teal"))
    assert combo.get_index() == 3 and combo.get_alpha(3) == "teal"
    box.fill("blue")
    box.press("Enter")
    # Enter commits at once: the pending "modified" is dropped
    assert gui.next_event() == ("activated", (2, "blue"))
    assert combo.get_index() == 2
    box.fill("typed, not entered")
    assert gui.next_event() == ("modified", ("typed, not entered",))
    gui.reload()
    expect(page.get_by_role("combobox")).to_have_value("typed, not entered")
    page.get_by_role("combobox").press("ArrowDown")  # the added item survived the reload
    expect(page.get_by_role("option", name="teal")).to_have_count(1)
    page.get_by_role("combobox").press("Escape")
    # dropdown_limit: the open list shows about two rows and scrolls
    page.get_by_role("combobox").press("ArrowDown")
    listbox = page.get_by_role("listbox")
    rows = listbox.evaluate("e => e.clientHeight / e.firstElementChild.offsetHeight")
    assert 1.5 < rows < 3
