"""FileDialog in headless Chromium: the browser's chooser opened from a button handler,
files streamed to Python in chunks and delivered whole, the size limit refusing an upload
with a clear error (and nothing delivered), cancel reported, and ``save`` downloading
bytes sent as a binary frame.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from tests.gui_helpers import Gui, call


def build(g: Any, **options: Any) -> Any:
    def make() -> tuple[Any, Any]:
        fd = g.W.FileDialog(**options)
        for action in ("activated", "error", "cancelled"):
            fd.on(action, g.record(action))
        opener = g.W.Button("Upload")
        opener.on("activated", lambda: fd.open())
        return fd, opener

    fd, opener = call(g, make)
    g.show(opener)
    return fd


def choose(g: Any, files: list[dict[str, Any]]) -> None:
    with g.page.expect_file_chooser() as chooser:
        g.page.get_by_role("button", name="Upload").click()
    chooser.value.set_files(files)


def test_upload_several_files_in_chunks(any_gui: Any) -> None:
    gui = any_gui
    fd = build(gui, mode="files", accept=".txt,.bin")
    assert fd.get_mode() == "files" and fd.get_accept() == ".txt,.bin"
    big = os.urandom(700 * 1024)  # several 256 KiB chunks
    with gui.page.expect_file_chooser() as chooser:
        gui.page.get_by_role("button", name="Upload").click()
    assert chooser.value.is_multiple()
    chooser.value.set_files(
        [
            {"name": "notes <1>.txt", "mimeType": "text/plain", "buffer": b"hello\n"},
            {"name": "blob.bin", "mimeType": "application/octet-stream", "buffer": big},
        ]
    )
    name, (result,) = gui.next_event()
    assert name == "activated"
    files = result["files"]
    assert [(f["name"], f["type"], f["size"]) for f in files] == [
        ("notes <1>.txt", "text/plain", 6),
        ("blob.bin", "application/octet-stream", len(big)),
    ]
    assert files[0]["data"] == b"hello\n" and files[1]["data"] == big

    call(gui, lambda: fd.set_mode("file"))
    with gui.page.expect_file_chooser() as chooser:
        gui.page.get_by_role("button", name="Upload").click()
    assert not chooser.value.is_multiple()
    chooser.value.set_files([{"name": "e.txt", "mimeType": "text/plain", "buffer": b""}])
    name, (result,) = gui.next_event()
    assert name == "activated" and result["files"][0]["data"] == b""


def test_upload_over_the_limit_is_refused_whole(sync_app: Callable[..., Any], page: Any) -> None:
    g = Gui(sync_app(max_upload_size=1000), page)
    build(g)
    choose(g, [{"name": "big.bin", "mimeType": "application/octet-stream", "buffer": b"x" * 5000}])
    name, (message,) = g.next_event()
    assert name == "error"
    assert "5000 bytes" in message and "limit of 1000 bytes" in message
    # the session goes on: a file within the limit still arrives
    choose(g, [{"name": "ok.txt", "mimeType": "text/plain", "buffer": b"fine"}])
    assert g.next_event()[0] == "activated"
    g.assert_no_event()


def test_cancel_is_reported(gui: Any) -> None:
    build(gui)
    choose(gui, [])
    assert gui.next_event() == ("cancelled", ())


def test_save_downloads_bytes_and_text(gui: Any) -> None:
    fd = gui.W.FileDialog()
    gui.show(gui.W.Label("downloads"))
    payload = bytes(range(256)) * 40
    with gui.page.expect_download() as download:
        fd.save("data.bin", payload)
    assert download.value.suggested_filename == "data.bin"
    with open(download.value.path(), "rb") as f:
        assert f.read() == payload
    with gui.page.expect_download() as download:
        fd.save("hi.txt", "h\u00e9llo", "text/plain")
    with open(download.value.path(), "rb") as f:
        assert f.read() == "h\u00e9llo".encode()
