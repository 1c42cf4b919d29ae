"""Display and pickers in headless Chromium: Image (URL and binary frames), ColorWidget,
ColorDialog. Built through the public API (both facades for the representative tests),
driven with pointer and keyboard; checked: roles, what is shown, callbacks and their
arguments, Python state, no echo of setters, state restored after a reload.
"""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Any

from playwright.sync_api import expect

from tests.gui_helpers import call, natural_size, probe, round_trip


def png(width: int, height: int, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid RGB PNG of one colour (so the browser decodes a real image)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_image_url_binary_interactive_and_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W
    url = "data:image/png;base64," + base64.b64encode(png(3, 2)).decode()

    def build() -> tuple[Any, ...]:
        by_url = W.Image(url=url, alt="from a URL")
        by_bytes = W.Image(interactive=True, alt="from bytes")
        by_bytes.set_binary_image(png(5, 4), format="png")
        by_bytes.on("click", g.record("click"))
        return by_url, by_bytes, probe(g)

    by_url, by_bytes, p = call(g, build)
    g.show(by_url, by_bytes, p)
    page = g.page

    assert natural_size(g, "from a URL") == [3, 2]
    assert natural_size(g, "from bytes") == [5, 4]
    src = page.get_by_role("img", name="from bytes").locator("img").get_attribute("src")
    assert src is not None and src.startswith("blob:")  # bytes, not a base64 URL
    assert by_url.get_image() == url and by_bytes.get_image() is None

    target = page.get_by_role("img", name="from bytes")
    target.click(position={"x": 2, "y": 1})
    name, (info,) = g.next_event()
    assert name == "click" and info["type"] == "click"
    assert (info["x"], info["y"]) == (2, 1) and info["button_trigger"] == 1
    expect(target).to_have_attribute("tabindex", "0")
    # the reference's conventions, as Label reports them: callback names as types, and
    # button_mask 0x1 left / 0x2 middle / 0x4 right (the DOM has middle and right swapped)
    call(g, lambda: by_bytes.on("pointer-down", g.record("down")))
    target.click(button="right", position={"x": 3, "y": 2})
    name, (info,) = g.next_event()
    assert name == "down" and info["type"] == "pointer-down"
    assert info["button_trigger"] == 3 and info["button_mask"] == 4

    # the last image wins, and is what a reload shows again
    call(g, lambda: (by_bytes.set_binary_image(png(7, 6), "png"), by_url.set_alt("renamed")))
    page.wait_for_function(
        "() => [...document.querySelectorAll('img')].some(i => i.naturalWidth === 7)"
    )
    round_trip(g)
    g.assert_no_event()
    g.reload()
    assert natural_size(g, "from bytes") == [7, 6]
    assert natural_size(g, "renamed") == [3, 2]
    call(g, lambda: by_bytes.set_image(url))
    page.wait_for_function(
        "() => [...document.querySelectorAll('img')].filter(i => i.naturalWidth === 3).length === 2"
    )
    assert by_bytes.get_image() == url


def test_image_rejects_wrong_input(gui: Any) -> None:
    img = gui.W.Image()
    try:
        img.set_binary_image("not bytes")  # type: ignore[arg-type]
    except TypeError as exc:
        assert "bytes" in str(exc)
    else:
        raise AssertionError("a str was accepted as image bytes")
    try:
        img.set_binary_image(b"x", format="exe")
    except ValueError as exc:
        assert "format" in str(exc)
    else:
        raise AssertionError("an unknown format was accepted")


def test_color_widget_keyboard_pointer_hex_and_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, ...]:
        cw = W.ColorWidget(color="#336699")
        cw.on("pick", g.record("pick"))
        return cw, probe(g)

    cw, p = call(g, build)
    g.show(cw, p)
    page = g.page

    plane = page.get_by_role("slider", name="Saturation and brightness")
    hue = page.get_by_role("slider", name="Hue")
    hex_box = page.get_by_role("textbox", name="Hex")
    expect(hex_box).to_have_value("#336699")
    expect(hue).to_have_attribute("aria-valuenow", "210")
    assert cw.get_color() == "#336699"

    # keyboard: Home drops saturation to 0 (a grey of the same brightness)
    plane.focus()
    page.keyboard.press("Home")
    assert g.next_event() == ("pick", ("#999999",))
    assert cw.get_color() == "#999999"
    expect(plane).to_have_attribute("aria-valuetext", "saturation 0%, brightness 60%")

    # typing a hex value
    hex_box.fill("#00ff00")
    hex_box.press("Enter")
    assert g.next_event() == ("pick", ("#00ff00",))
    expect(hue).to_have_attribute("aria-valuenow", "120")

    # the red/green/blue entries follow, and edit too
    red = page.get_by_role("spinbutton", name="Red")
    expect(red).to_have_value("0")
    expect(page.get_by_role("spinbutton", name="Green")).to_have_value("255")
    red.fill("128")
    red.press("Enter")
    assert g.next_event() == ("pick", ("#80ff00",))
    expect(hex_box).to_have_value("#80ff00")

    # pointer: a press in the plane's top-left corner is (nearly) white
    box = plane.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 1, box["y"] + 1)
    name, (picked,) = g.next_event()
    assert name == "pick" and picked.startswith("#f")
    assert cw.get_color() == picked

    # setter: shown, not echoed; reload restores
    call(g, lambda: cw.set_color("#123456"))
    expect(hex_box).to_have_value("#123456")
    round_trip(g)
    g.assert_no_event()
    g.reload()
    expect(page.get_by_role("textbox", name="Hex")).to_have_value("#123456")


def test_color_dialog_ok_cancel_focus_and_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, ...]:
        dlg = W.ColorDialog(color="#ff0000", modal=True)
        for action in ("activated", "pick", "cancelled", "move"):
            dlg.on(action, g.record(action))
        opener = W.Button("Colour…")
        opener.on("activated", lambda *a: dlg.popup())
        return dlg, opener, probe(g)

    dlg, opener, p = call(g, build)
    g.show(opener, p)
    page = g.page
    dialog = page.get_by_role("dialog", name="Choose Color")
    expect(dialog).to_be_hidden()
    assert dlg.is_visible() is False

    opener_b = page.get_by_role("button", name="Colour…")
    opener_b.click()
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(dialog.get_by_role("slider", name="Saturation and brightness")).to_be_focused()
    hex_box = dialog.get_by_role("textbox", name="Hex")
    hex_box.fill("#0000ff")
    hex_box.press("Enter")
    assert g.next_event() == ("pick", ("#0000ff",))
    dialog.get_by_role("button", name="OK").click()
    assert g.next_event() == ("activated", ("#0000ff",))
    expect(dialog).to_be_hidden()
    expect(opener_b).to_be_focused()  # focus returns to where it was
    assert dlg.get_color() == "#0000ff" and dlg.is_visible() is False

    # Cancel (by Escape) reverts to the colour the dialog opened with
    opener_b.click()
    hex_box.fill("#00ff00")
    hex_box.press("Enter")
    assert g.next_event() == ("pick", ("#00ff00",))
    page.keyboard.press("Escape")
    assert g.next_event() == ("cancelled", ("#0000ff",))
    expect(dialog).to_be_hidden()
    assert dlg.get_color() == "#0000ff"

    # Tab stays inside while open
    opener_b.click()
    for _ in range(6):
        page.keyboard.press("Tab")
        assert dialog.evaluate("d => d.contains(document.activeElement)")

    # move the dialog by its title bar: Python learns the position
    bar = dialog.locator(".pgw-titlebar")
    bb = bar.bounding_box()
    assert bb is not None
    page.mouse.move(bb["x"] + 30, bb["y"] + 10)
    page.mouse.down()
    page.mouse.move(bb["x"] + 30 - 15, bb["y"] + 10 + 25, steps=4)
    page.mouse.up()
    name, moved = g.next_event()
    assert name == "move" and dlg.get_position() == moved
    call(g, lambda: dlg.set_color("#abcdef"))
    expect(hex_box).to_have_value("#abcdef")

    g.reload()
    dialog = page.get_by_role("dialog", name="Choose Color")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("textbox", name="Hex")).to_have_value("#abcdef")
    x, y = moved
    box = dialog.bounding_box()
    root = page.locator("#pgw-root").bounding_box()
    assert box is not None and root is not None
    assert (round(box["x"] - root["x"]), round(box["y"] - root["y"])) == (x, y)
    dialog.get_by_role("button", name="Cancel").click()
    assert g.next_event() == ("cancelled", ("#abcdef",))


def test_files_dropped_on_an_image_arrive_whole(gui: Any) -> None:
    img = gui.W.Image(alt="drop zone")
    img.resize(120, 80)
    for action in ("drop-start", "drop-progress", "drop-end"):
        img.on(action, gui.record(action))
    gui.show(img)
    data = bytes(range(256)) * 1200  # two chunks
    gui.page.get_by_role("img", name="drop zone").evaluate(
        """(el, size) => {
          const bytes = new Uint8Array(size).map((_, i) => i % 256);
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], 'pic <1>.raw', { type: 'application/x-raw' }));
          const r = el.getBoundingClientRect();
          const at = { bubbles: true, cancelable: true, dataTransfer: dt,
                       clientX: r.left + 10, clientY: r.top + 20 };
          el.dispatchEvent(new DragEvent('dragover', at));
          el.dispatchEvent(new DragEvent('drop', at));
        }""",
        len(data),
    )
    name, (start,) = gui.next_event()
    assert name == "drop-start" and (start["x"], start["y"]) == (10, 20)
    assert start["files"] == [
        {"name": "pic <1>.raw", "size": len(data), "type": "application/x-raw", "data": None}
    ]
    name, (progress,) = gui.next_event()
    assert name == "drop-progress" and progress["total_bytes"] == len(data)
    while name == "drop-progress":
        name, (end,) = gui.next_event()
    assert name == "drop-end" and (end["x"], end["y"]) == (10, 20)
    assert end["files"][0]["name"] == "pic <1>.raw" and end["files"][0]["data"] == data


def test_color_picker_by_touch(sync_app: Any, page_factory: Any) -> None:
    """A tap on the hue strip picks (pointer events: touch works as well as a mouse)."""
    from tests.gui_helpers import Gui

    g = Gui(sync_app(), page_factory(has_touch=True))
    cw = g.W.ColorWidget(color="#ff0000")
    cw.on("pick", g.record("pick"))
    g.show(cw)
    hue = g.page.get_by_role("slider", name="Hue")
    box = hue.bounding_box()
    assert box is not None
    hue.tap(position={"x": box["width"] / 3, "y": box["height"] / 2})  # a third: green
    name, (picked,) = g.next_event()
    assert name == "pick" and cw.get_color() == picked
    r, gr, b = (int(picked[i : i + 2], 16) for i in (1, 3, 5))
    assert gr == 255 and r < 40 and b < 40
    assert 105 <= int(hue.get_attribute("aria-valuenow") or "-1") <= 135
