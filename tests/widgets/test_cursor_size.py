"""``add_cursor(..., size)``: the image is redrawn at the size asked for, in Chromium.

Browsers show a cursor image at its own size, so a sized cursor is drawn onto a canvas
first (``static/js/widget.js``). The cursor's PNG is read back from the page and its
header checked.
"""

from __future__ import annotations

import base64
import re
import struct
from typing import Any

import pytest
from playwright.sync_api import expect

__all__: list[str] = []

pytestmark = pytest.mark.browser

#: a 64x64 SVG: a cursor image far larger than the cursor wanted
BIG_SVG = (
    "data:image/svg+xml;base64,"
    + base64.b64encode(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
        b'<circle cx="32" cy="32" r="30" fill="red"/></svg>'
    ).decode()
)
PNG_CURSOR = re.compile(r'^url\("(data:image/png;base64,[^"]+)"\) 3 4, auto$')


def cursor_of(gui: Any, name: str) -> str:
    return str(
        gui.page.locator(f'[data-name="{name}"]').evaluate("(el) => getComputedStyle(el).cursor")
    )


def png_size(data_url: str) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    raw = base64.b64decode(data_url.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", raw[16:24])
    return width, height


def test_sized_cursor_is_redrawn_at_that_size_and_after_reload(gui: Any) -> None:
    label = gui.W.Label("sized cursor")
    label.set_name("cur")
    gui.show(label)
    label.add_cursor("big", BIG_SVG, 3, 4, (16, 16))
    label.set_cursor("big")
    element = gui.page.locator('[data-name="cur"]')
    expect(element).to_have_css("cursor", PNG_CURSOR)
    match = PNG_CURSOR.match(cursor_of(gui, "cur"))
    assert match is not None
    assert png_size(match.group(1)) == (16, 16)

    gui.reload()  # replayed: drawn again in the new page
    expect(gui.page.locator('[data-name="cur"]')).to_have_css("cursor", PNG_CURSOR)
    match = PNG_CURSOR.match(cursor_of(gui, "cur"))
    assert match is not None and png_size(match.group(1)) == (16, 16)


def test_unsized_and_undrawable_cursors_use_the_image_as_it_is(gui: Any) -> None:
    label = gui.W.Label("plain cursors")
    label.set_name("plain")
    gui.show(label)
    label.add_cursor("own-size", BIG_SVG, 1, 2)
    label.set_cursor("own-size")
    element = gui.page.locator('[data-name="plain"]')
    expect(element).to_have_css("cursor", f'url("{BIG_SVG}") 1 2, auto')

    broken = "data:image/png;base64,bm90IGFuIGltYWdl"  # "not an image"
    with gui.page.expect_console_message(
        lambda m: m.type == "warning" and "cursor broken kept at its own size" in m.text,
        timeout=5000,
    ):
        label.add_cursor("broken", broken, 0, 0, [16, 16])
        label.set_cursor("broken")
    # the drawing failed (and said so, as a warning): the image is used as it is
    expect(element).to_have_css("cursor", f'url("{broken}") 0 0, auto')
