"""Value widgets in headless Chromium: Slider, SpinBox, Dial, ScrollBar, ProgressBar.

What a person sees (role, value), driving them by keyboard and pointer, the Python
callback and state, setters that do not echo, and the state after a reload.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.gui_helpers import call, probe, round_trip


def test_slider_int_keys_drag_reload(any_gui: Any) -> None:
    g = any_gui

    def build() -> tuple[Any, ...]:
        s = g.W.Slider(min=0, max=10, step=1, value=3, show_value=True)
        s.on("activated", g.record("slider"))
        return s, probe(g)

    s, p = call(g, build)
    g.show(s, p)
    page = g.page
    slider = page.get_by_role("slider")
    expect(slider).to_have_value("3")
    expect(page.locator(".pgw-slider-value")).to_have_text("3")
    assert s.get_value() == 3

    slider.focus()
    page.keyboard.press("ArrowRight")
    assert g.next_event() == ("slider", (4,))
    page.keyboard.press("End")
    assert g.next_event() == ("slider", (10,))
    assert s.get_value() == 10 and isinstance(s.get_value(), int)

    # a pointer drag reports once, on release (no track)
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] - 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.move(box["x"] + 2, y, steps=5)
    page.mouse.up()
    assert g.next_event() == ("slider", (0,))
    round_trip(g)

    call(g, lambda: (s.set_value(7), s.set_limits(0, 5)))  # clamps to 5, no echo
    expect(slider).to_have_value("5")
    assert s.get_value() == 5
    round_trip(g)
    g.assert_no_event()

    slider.focus()
    page.keyboard.press("ArrowLeft")
    assert g.next_event() == ("slider", (4,))
    g.reload()
    expect(page.get_by_role("slider")).to_have_value("4")
    expect(page.get_by_role("slider")).to_have_attribute("max", "5")


def test_slider_float_tracking_vertical(gui: Any) -> None:
    s = gui.W.Slider(
        dtype="float",
        min=0.0,
        max=1.0,
        step=0.25,
        value=0.5,
        track=True,
        orientation="vertical",
        decimals=2,
        show_value=True,
    )
    s.on("activated", gui.record("v"))
    gui.show(s)
    page = gui.page
    slider = page.get_by_role("slider")
    expect(slider).to_have_attribute("aria-orientation", "vertical")
    expect(page.locator(".pgw-slider-value")).to_have_text("0.50")
    slider.focus()
    page.keyboard.press("ArrowUp")
    assert gui.next_event() == ("v", (0.75,))
    assert s.get_value() == 0.75 and isinstance(s.get_value(), float)
    # tracking: a drag reports while moving, not only at the end
    box = slider.bounding_box()
    x = box["x"] + box["width"] / 2
    page.mouse.move(x, box["y"] + box["height"] - 2)
    page.mouse.down()
    first = gui.next_event()
    assert first == ("v", (0.0,))
    page.mouse.move(x, box["y"] + box["height"] * 0.5, steps=4)
    seen = [gui.next_event()[1][0]]
    while seen[-1] != 0.5:  # each step on the way is reported
        seen.append(gui.next_event()[1][0])
    assert seen == sorted(seen) and s.get_value() == 0.5
    page.mouse.up()
    s.set_tracking(False)
    s.set_decimals(1)
    expect(page.locator(".pgw-slider-value")).to_have_text("0.5")


def test_spinbox_keys_steppers_typing_reload(any_gui: Any) -> None:
    g = any_gui

    def build() -> tuple[Any, ...]:
        i = g.W.SpinBox(min=5, max=20, step=5)
        f = g.W.SpinBox(dtype="float", min=0, max=1, step=0.1, value=0.5, decimals=1)
        i.on("activated", g.record("int"))
        f.on("activated", g.record("float"))
        return i, f, probe(g)

    i, f, p = call(g, build)
    g.show(i, f, p)
    page = g.page
    expect(page.get_by_role("spinbutton")).to_have_count(2)
    spin_i, spin_f = page.get_by_role("spinbutton").all()
    expect(spin_i).to_have_value("5")  # the value defaults to min
    expect(spin_i).to_have_attribute("aria-valuemax", "20")
    expect(spin_f).to_have_value("0.5")
    assert (i.get_value(), f.get_value()) == (5, 0.5)

    spin_i.focus()
    page.keyboard.press("ArrowUp")
    assert g.next_event() == ("int", (10,))
    expect(spin_i).to_have_attribute("aria-valuenow", "10")
    page.keyboard.press("End")
    assert g.next_event() == ("int", (20,))
    spin_i.fill("7")
    page.keyboard.press("Enter")
    assert g.next_event() == ("int", (7,))
    spin_i.fill("999")
    page.keyboard.press("Tab")  # leaving the field commits; out of range clamps
    assert g.next_event() == ("int", (20,))
    expect(spin_i).to_have_value("20")

    page.locator(".pgw-spin-box").nth(1).locator(".pgw-spin-step").first.click()
    assert g.next_event() == ("float", (0.6,))
    assert f.get_value() == 0.6
    spin_f.focus()
    page.keyboard.press("ArrowDown")
    assert g.next_event() == ("float", (0.5,))

    call(g, lambda: (i.set_value(15), f.set_limits(0, 0.3)))
    expect(spin_i).to_have_value("15")
    expect(spin_f).to_have_value("0.3")
    assert (i.get_value(), f.get_value()) == (15, 0.3)
    round_trip(g)
    g.assert_no_event()

    spin_i.focus()
    page.keyboard.press("ArrowDown")
    assert g.next_event() == ("int", (10,))
    g.reload()
    expect(page.get_by_role("spinbutton")).to_have_count(2)
    spin_i, spin_f = page.get_by_role("spinbutton").all()
    expect(spin_i).to_have_value("10")
    expect(spin_f).to_have_value("0.3")


def test_dial_keys_and_drag(gui: Any) -> None:
    d = gui.W.Dial(min=0, max=100, step=1, value=50, show_value=True)
    d.on("activated", gui.record("dial"))
    p = probe(gui)
    gui.show(d, p)
    page = gui.page
    dial = page.get_by_role("slider")
    expect(dial).to_have_attribute("aria-valuenow", "50")
    expect(page.locator(".pgw-dial-value")).to_have_text("50")
    expect(dial).to_have_attribute("tabindex", "0")  # in the Tab order
    dial.focus()
    page.keyboard.press("ArrowUp")
    assert gui.next_event() == ("dial", (51,))
    page.keyboard.press("PageDown")
    assert gui.next_event() == ("dial", (41,))
    page.keyboard.press("Home")
    assert gui.next_event() == ("dial", (0,))

    # drag to straight up (the middle of the 270° sweep), then to the right end
    face = page.locator(".pgw-dial-face").bounding_box()
    cx, cy = face["x"] + face["width"] / 2, face["y"] + face["height"] / 2
    page.mouse.move(cx - 20, cy + 20)
    page.mouse.down()
    page.mouse.move(cx, cy - 25, steps=4)
    page.mouse.up()
    assert gui.next_event() == ("dial", (50,))
    page.mouse.move(cx, cy - 25)
    page.mouse.down()
    page.mouse.move(cx + 25, cy + 25, steps=6)
    page.mouse.up()
    assert gui.next_event() == ("dial", (100,))
    assert d.get_value() == 100

    d.set_value(25)
    d.set_knob_diameter(90)
    expect(dial).to_have_attribute("aria-valuenow", "25")
    expect(page.locator(".pgw-dial-face")).to_have_css("width", "90px")
    round_trip(gui)
    gui.assert_no_event()
    dial.focus()
    page.keyboard.press("ArrowRight")
    assert gui.next_event() == ("dial", (26,))
    gui.reload()
    expect(page.get_by_role("slider")).to_have_attribute("aria-valuenow", "26")


def test_scrollbar_and_progressbar(gui: Any) -> None:
    sb = gui.W.ScrollBar(orientation="horizontal")
    sb.resize(300, None)
    sb.set_thumb_percent(0.25)
    sb.on("activated", gui.record("scroll"))
    bar = gui.W.ProgressBar()
    bar.resize(200, None)
    gui.show(sb, bar)
    page = gui.page
    scroll = page.get_by_role("scrollbar")
    expect(scroll).to_have_attribute("aria-valuenow", "0")
    progress = page.get_by_role("progressbar")
    expect(progress).to_have_text("0%")

    scroll.focus()
    page.keyboard.press("PageDown")
    assert gui.next_event() == ("scroll", (0.25,))
    page.keyboard.press("End")
    assert gui.next_event() == ("scroll", (1.0,))
    expect(scroll).to_have_attribute("aria-valuenow", "100")
    # press the track before the thumb: a page back
    box = scroll.bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)
    assert gui.next_event() == ("scroll", (0.75,))
    # drag the thumb to the start
    thumb = page.locator(".pgw-scrollbar-thumb").bounding_box()
    page.mouse.move(thumb["x"] + 5, thumb["y"] + thumb["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] - 50, thumb["y"] + thumb["height"] / 2, steps=3)
    page.mouse.up()
    name, args = gui.next_event()
    while args[0] != 0.0:  # intermediate positions are reported while dragging
        name, args = gui.next_event()
    assert sb.get_scroll_percent() == 0.0
    assert sb.get_thumb_percent() == 0.25

    bar.set_value(0.42)
    sb.set_scroll_percent(0.5)
    expect(progress).to_have_text("42%")
    expect(progress).to_have_attribute("aria-valuenow", "42")
    assert bar.get_value() == pytest.approx(0.42)
    gui.reload()
    expect(page.get_by_role("progressbar")).to_have_text("42%")
    expect(page.get_by_role("scrollbar")).to_have_attribute("aria-valuenow", "50")
    gui.assert_no_event()
