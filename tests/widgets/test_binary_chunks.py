"""Payloads of many chunks in headless Chromium: a multi-MB image is reassembled and shown,
what Python set after it shows too, and after it, never before; a reload shows the image
again; ``FileDialog.save`` of a multi-chunk payload downloads the exact bytes.
"""

from __future__ import annotations

import os
import struct
import zlib
from typing import Any

from playwright.sync_api import expect

from pgwidgets.protocol.outgoing import OUTGOING_CHUNK_SIZE
from tests.gui_helpers import call, natural_size

#: records, in the order the page made the changes, when a blob image and the label's
#: texts appear (Label.set_text replaces its text node: each text is an added node)
WATCH_ORDER = """() => {
  window.__order = [];
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.tagName === 'IMG'
          && String(r.target.getAttribute('src')).startsWith('blob:')) {
        window.__order.push('image');
      }
      for (const node of r.type === 'childList' ? r.addedNodes : []) {
        if (['after the image', 'set later'].includes(node.textContent)) {
          window.__order.push(node.textContent);
        }
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true,
                              attributeFilter: ['src'] });
}"""


def noisy_png(width: int, height: int) -> bytes:
    """A valid RGB PNG of random pixels, stored uncompressed: about 3 bytes a pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    pixels = os.urandom(width * height * 3)
    row = width * 3
    rows = b"".join(b"\x00" + pixels[y * row : (y + 1) * row] for y in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows, 0))
        + chunk(b"IEND", b"")
    )


def test_a_multi_megabyte_image_shows_and_what_follows_shows_after_it(any_gui: Any) -> None:
    g = any_gui
    W = g.W
    big = noisy_png(1400, 1000)
    assert len(big) > 16 * OUTGOING_CHUNK_SIZE  # ~4.2 MB: many chunks

    def build() -> tuple[Any, Any]:
        return W.Image(alt="big"), W.Label("waiting")

    img, label = call(g, build)
    g.show(img, label)
    g.page.evaluate(WATCH_ORDER)

    # the label's text is in the same frame as the image, right after it
    call(g, lambda: (img.set_binary_image(big, format="png"), label.set_text("after the image")))
    call(g, lambda: label.set_text("set later"))  # and this comes in a later frame
    expect(g.page.get_by_text("set later")).to_be_visible()
    assert natural_size(g, "big") == [1400, 1000]
    assert g.page.evaluate("window.__order") == ["image", "after the image", "set later"]

    g.reload()  # the image is state: the rebuild streams it again
    assert natural_size(g, "big") == [1400, 1000]
    expect(g.page.get_by_text("set later")).to_be_visible()


def test_save_of_a_multi_chunk_payload_downloads_every_byte(gui: Any) -> None:
    fd = gui.W.FileDialog()
    gui.show(gui.W.Label("downloads"))
    payload = os.urandom(12 * OUTGOING_CHUNK_SIZE + 123)
    with gui.page.expect_download() as download:
        fd.save("big.bin", payload)
    assert download.value.suggested_filename == "big.bin"
    with open(download.value.path(), "rb") as f:
        assert f.read() == payload
