"""``Image(use_animation_frame=True)`` in Chromium: a canvas showing the newest image.

Images are drawn on the browser's next animation frame, newest only, so a burst sent
faster than the screen refreshes is coalesced; the pixels are read back from the canvas.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest
from playwright.sync_api import expect

__all__: list[str] = []

pytestmark = pytest.mark.browser

RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 160, 0)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


PIXEL = """(el) => {
  const c = el.querySelector('canvas');
  if (!c || !c.width) return null;
  const d = c.getContext('2d').getImageData(0, 0, 1, 1).data;
  return [c.width, c.height, d[0], d[1], d[2], Number(c.dataset.drawn || 0)];
}"""


def canvas_state(gui: Any, name: str) -> Any:
    return gui.page.locator(f'[data-name="{name}"]').evaluate(PIXEL)


def wait_for_colour(gui: Any, name: str, size: tuple[int, int], rgb: tuple[int, int, int]) -> int:
    """Wait until the canvas shows ``rgb`` at ``size``; returns how many draws it took."""
    gui.page.wait_for_function(
        f"""() => {{
          const el = document.querySelector('[data-name="{name}"]');
          const s = el && ({PIXEL})(el);
          return s && s[0] === {size[0]} && s[1] === {size[1]} && s[2] === {rgb[0]}
                 && s[3] === {rgb[1]} && s[4] === {rgb[2]};
        }}""",
        timeout=10_000,
    )
    return int(canvas_state(gui, name)[5])


def test_animation_mode_draws_on_a_canvas_and_survives_reload(gui: Any) -> None:
    image = gui.W.Image(use_animation_frame=True, alt="stream")
    image.set_name("anim")
    gui.show(image)
    element = gui.page.locator('[data-name="anim"]')
    expect(element.locator("canvas")).to_have_count(1)
    expect(element.locator("img")).to_have_count(0)
    expect(element).to_have_attribute("aria-label", "stream")
    image.set_binary_image(png(4, 3, RED), "png")
    assert wait_for_colour(gui, "anim", (4, 3), RED) == 1
    gui.reload()  # the last image is state: replayed into the new page's canvas
    wait_for_colour(gui, "anim", (4, 3), RED)


def test_a_burst_is_coalesced_and_the_newest_image_wins(gui: Any) -> None:
    image = gui.W.Image(use_animation_frame=True)
    image.set_name("burst")
    gui.show(image)
    image.set_binary_image(png(2, 2, GREEN), "png")
    wait_for_colour(gui, "burst", (2, 2), GREEN)

    def burst() -> None:
        # one handler turn: the 40 images leave as one batch of frames
        for i in range(39):
            image.set_binary_image(png(5, 5, RED if i % 2 else GREEN), "png")
        image.set_binary_image(png(6, 6, BLUE), "png")

    gui.session.gui_call(burst)
    drawn = wait_for_colour(gui, "burst", (6, 6), BLUE)
    # 41 images were sent; far fewer were drawn, and the newest one stays
    assert 2 <= drawn < 41
    state = canvas_state(gui, "burst")
    assert state[:5] == [6, 6, *BLUE]


def test_plain_mode_is_still_an_img(gui: Any) -> None:
    image = gui.W.Image()
    image.set_name("plain")
    gui.show(image)
    image.set_binary_image(png(3, 3, BLUE), "png")
    element = gui.page.locator('[data-name="plain"]')
    expect(element.locator("img")).to_have_count(1)
    expect(element.locator("canvas")).to_have_count(0)
    gui.page.wait_for_function(
        "() => { const i = document.querySelector('[data-name=\"plain\"] img');"
        " return i && i.complete && i.naturalWidth === 3; }"
    )
