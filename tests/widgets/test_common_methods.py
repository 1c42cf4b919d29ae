"""The methods and callbacks every visual widget shares, checked in Chromium.

These are the reference's ``WIDGET_METHODS`` (show/hide, enabled, tooltip, colours, font,
min/max size, resize/get_size, size policy, padding, destroy, get_position, focus) and the
universal ``resize``/``map`` callbacks. They are implemented once (``static/js/widget.js``,
``widgets/defs/common.py``), so a few widget kinds (Label, Button, TextEntry, VBox) are
enough to show they reach every class. Widgets are found in the page by ``set_name``.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from pgwidgets.exceptions import InvalidState

__all__: list[str] = []

pytestmark = pytest.mark.browser


def named(gui: Any, name: str) -> Any:
    """The page element of the widget named ``name``."""
    return gui.page.locator(f'[data-name="{name}"]')


def make(gui: Any, kind: str, name: str, *args: Any) -> Any:
    w = getattr(gui.W, kind)(*args)
    w.set_name(name)
    return w


KINDS = [
    ("Label", ("label text",)),
    ("Button", ("Press",)),
    ("TextEntry", ("typed",)),
    ("VBox", ()),
]


@pytest.mark.parametrize("kind,args", KINDS, ids=[k for k, _ in KINDS])
def test_show_hide_tooltip_colours_font_padding(gui: Any, kind: str, args: tuple[Any, ...]) -> None:
    w = make(gui, kind, "w", *args)
    w.resize(160, 40)
    gui.show(w)
    el = named(gui, "w")
    expect(el).to_be_visible()

    w.hide()
    expect(el).to_be_hidden()
    assert w.is_visible() is False
    w.show()
    expect(el).to_be_visible()
    assert w.is_visible() is True

    assert w.get_tooltip() is None
    w.set_tooltip("a <b>tip</b>")
    expect(el).to_have_attribute("title", "a <b>tip</b>")
    assert w.get_tooltip() == "a <b>tip</b>"
    w.set_tooltip(None)
    expect(el).not_to_have_attribute("title", "a <b>tip</b>")

    w.set_bg("rgb(10, 20, 30)")
    w.set_fg("rgb(200, 100, 50)")
    expect(el).to_have_css("background-color", "rgb(10, 20, 30)")
    expect(el).to_have_css("color", "rgb(200, 100, 50)")
    w.set_bg(None)
    expect(el).not_to_have_css("background-color", "rgb(10, 20, 30)")

    w.set_font("monospace", 12, "bold", "italic")
    expect(el).to_have_css("font-size", "16px")  # 12 pt = 16 px
    expect(el).to_have_css("font-weight", "700")
    expect(el).to_have_css("font-style", "italic")
    expect(el).to_have_css("font-family", "monospace")

    w.set_padding(7)
    expect(el).to_have_css("padding-top", "7px")
    w.set_padding([1, 2, 3, 4])  # left, top, right, bottom
    expect(el).to_have_css("padding-left", "1px")
    expect(el).to_have_css("padding-top", "2px")
    expect(el).to_have_css("padding-right", "3px")
    expect(el).to_have_css("padding-bottom", "4px")


def test_sizes_and_position(gui: Any) -> None:
    label = make(gui, "Label", "lab", "sized")
    gui.show(label)
    el = named(gui, "lab")
    label.resize(150, 40)
    expect(el).to_have_css("width", "150px")
    assert label.get_size() == (150, 40)
    size = el.evaluate("e => [e.offsetWidth, e.offsetHeight]")
    assert size == [150, 40]

    label.set_min_size(90, 30)
    label.set_max_size(300, None)
    expect(el).to_have_css("min-width", "90px")
    expect(el).to_have_css("min-height", "30px")
    expect(el).to_have_css("max-width", "300px")
    expect(el).to_have_css("max-height", "none")

    gui.top.set_position(40, 60)
    x, y = label.get_position()  # a browser query
    box = el.bounding_box()
    assert (x, y) == (round(box["x"]), round(box["y"]))
    assert x > 40 and y > 60  # inside the moved window


def test_set_expanding_is_a_size_policy(gui: Any) -> None:
    """In a tall VBox, the label that expands vertically takes the spare height."""
    box = make(gui, "VBox", "box")
    rigid = make(gui, "Label", "rigid", "rigid")
    grows = make(gui, "Label", "grows", "grows")
    box.add_widget(rigid)
    box.add_widget(grows)
    box.resize(200, 300)
    gui.show(box, height=420)
    expect(named(gui, "grows")).to_be_visible()
    assert grows.get_expanding() == (False, False)
    grows.set_expanding(False, True)
    assert grows.get_expanding() == (False, True)
    gui.page.wait_for_function(
        "() => document.querySelector('[data-name=grows]').offsetHeight > 200"
    )
    rigid_h = named(gui, "rigid").evaluate("e => e.offsetHeight")
    assert rigid_h < 60


def test_disabled_widget_takes_no_input(gui: Any) -> None:
    off = make(gui, "Button", "off", "Off")
    on = make(gui, "Button", "on", "On")
    entry = make(gui, "TextEntry", "entry", "")
    off.on("activated", gui.record("off"))
    on.on("activated", gui.record("on"))
    gui.show(off, on, entry)
    assert off.get_enabled() is True
    off.set_enabled(False)
    entry.set_enabled(False)
    assert off.get_enabled() is False
    expect(named(gui, "off")).to_have_attribute("aria-disabled", "true")
    expect(named(gui, "entry")).to_have_attribute("aria-disabled", "true")

    # a real pointer click at the button's centre and a key press must not get through
    box = named(gui, "off").bounding_box()
    gui.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    named(gui, "entry").locator("input").click(force=True)
    gui.page.keyboard.type("zz")
    gui.page.get_by_role("button", name="On").click()
    assert gui.next_event() == ("on", ())  # the enabled one's event arrives alone
    gui.assert_no_event()
    assert named(gui, "entry").locator("input").input_value() == ""

    off.set_enabled(True)
    expect(named(gui, "off")).to_have_attribute("aria-disabled", "false")
    gui.page.get_by_role("button", name="Off").click()
    assert gui.next_event() == ("off", ())


def test_set_focus(gui: Any) -> None:
    entry = make(gui, "TextEntry", "entry", "x")
    button = make(gui, "Button", "b", "B")
    gui.show(button, entry)
    entry.set_focus()
    expect(named(gui, "entry").locator("input")).to_be_focused()
    button.set_focus()
    expect(named(gui, "b")).to_be_focused()


def test_destroy_removes_widget_everywhere(gui: Any) -> None:
    label = make(gui, "Label", "gone", "bye")
    box = make(gui, "VBox", "vb")
    inner = make(gui, "Button", "inner", "Inner")
    box.add_widget(inner)
    gui.show(label, box)
    expect(named(gui, "gone")).to_be_visible()
    expect(named(gui, "inner")).to_be_visible()

    label.destroy()
    box.destroy()  # takes its child with it
    expect(named(gui, "gone")).to_have_count(0)
    expect(named(gui, "vb")).to_have_count(0)
    expect(named(gui, "inner")).to_have_count(0)
    assert label.wid is None and inner.wid is None
    assert label not in gui.top.get_children()
    for call in (
        lambda: label.set_text("x"),
        lambda: inner.set_enabled(False),
        lambda: label.get_text(),
        lambda: label.on("resize", print),
    ):
        with pytest.raises(InvalidState):
            call()
    label.destroy()  # a second destroy is harmless

    # the page is rebuilt without them
    gui.reload()
    expect(named(gui, "gone")).to_have_count(0)
    expect(named(gui, "inner")).to_have_count(0)


def _events_until(gui: Any, *wanted: tuple[str, Any]) -> list[tuple[str, Any]]:
    """Take callbacks until each wanted one has arrived (layout may add intermediate ones).

    A wanted entry is ``(name, payload)``, or ``(name, None)`` for any payload.
    """
    seen: list[tuple[str, Any]] = []

    def done() -> bool:
        return all(
            any(n == name and (payload is None or args == (payload,)) for n, args in seen)
            for name, payload in wanted
        )

    while not done():
        seen.append(gui.next_event())
    return seen


def test_resize_and_map_callbacks(gui: Any) -> None:
    label = make(gui, "Label", "lab", "watch me")
    label.resize(120, 30)
    label.on("resize", gui.record("resize"))
    label.on("map", gui.record("map"))
    gui.show(label)
    seen = _events_until(gui, ("resize", {"width": 120, "height": 30}), ("map", None))
    mapped = [args for name, args in seen if name == "map"][-1][0]
    assert mapped["width"] == 120 and mapped["height"] == 30
    box = named(gui, "lab").bounding_box()
    assert (mapped["x"], mapped["y"]) == (round(box["x"]), round(box["y"]))

    label.resize(200, 44)
    _events_until(gui, ("resize", {"width": 200, "height": 44}))

    # hidden -> visible maps again
    label.hide()
    _events_until(gui, ("resize", {"width": 0, "height": 0}))
    label.show()
    seen = _events_until(gui, ("resize", {"width": 200, "height": 44}), ("map", None))
    assert [args for name, args in seen if name == "map"][-1][0]["width"] == 200


def test_shared_methods_in_the_async_api(agui: Any) -> None:
    async def build() -> Any:
        label = await agui.W.Label("async")
        await label.set_name("al")
        await label.on("resize", agui.record("resize"))
        await label.resize(111, 22)
        await agui.show_async(label)
        await label.set_tooltip("tip")
        return label

    label = agui.run(build)
    assert agui.next_event() == ("resize", ({"width": 111, "height": 22},))
    expect(agui.page.locator('[data-name="al"]')).to_have_attribute("title", "tip")

    async def query() -> Any:
        return await label.get_position()

    x, y = agui.run(query)
    box = agui.page.locator('[data-name="al"]').bounding_box()
    assert (x, y) == (round(box["x"]), round(box["y"]))
    assert label.get_tooltip() == "tip"


def test_named_cursor_survives_rebuild(gui: Any) -> None:
    """``add_cursor`` is replayed after ``set_cursor`` on rebuild; the name still resolves."""
    dot = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42"
        "mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
    )
    label = make(gui, "Label", "cur", "cursor")
    gui.show(label)
    label.set_cursor("crosshair")
    expect(named(gui, "cur")).to_have_css("cursor", "crosshair")
    label.add_cursor("dot", dot, 2, 3)
    label.set_cursor("dot")
    expect(named(gui, "cur")).to_have_css("cursor", f'url("{dot}") 2 3, auto')
    gui.reload()
    expect(named(gui, "cur")).to_have_css("cursor", f'url("{dot}") 2 3, auto')
