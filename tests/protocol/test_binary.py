"""Binary payloads both ways: headers paired FIFO with frames, replay, bounded uploads.

The core is driven directly (sans-I/O: bytes in, frames out); one test runs the real
aiohttp transport with a raw WebSocket client to show the frames cross the wire.
"""

from __future__ import annotations

import asyncio
import json
import struct
import threading
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest

from pgwidgets.protocol import CallbackEvent, SessionCore
from pgwidgets.protocol.outgoing import OutgoingPayload
from pgwidgets.protocol.rules import SyncRule
from pgwidgets.protocol.transfers import PAYLOAD_KEY


@dataclass
class Kind:
    name: str = "FileDialog"
    callbacks: frozenset[str] = frozenset({"activated", "progress", "error"})
    sync: dict[str, tuple[SyncRule, ...]] = field(default_factory=dict)
    post_keys: frozenset[str] = frozenset()


def attached(**limits: Any) -> tuple[SessionCore, object, int]:
    core = SessionCore()
    for k, v in limits.items():
        setattr(core.uploads, k, v)
    conn = object()
    core.attach(conn, resumed=False)
    core.frames_to_send()
    wid = core.create(Kind(), [], {})
    core.frames_to_send()
    return core, conn, wid


def texts_and_bytes(
    frames: list[tuple[object, str | OutgoingPayload]],
) -> tuple[list[Any], list[bytes]]:
    msgs = [m for _, f in frames if isinstance(f, str) for m in json.loads(f)]
    return msgs, [f.data for _, f in frames if isinstance(f, OutgoingPayload)]


def chunk(tid: int, data: bytes) -> bytes:
    return struct.pack(">I", tid) + data


def test_payloads_follow_their_frame_in_header_order() -> None:
    core, conn, wid = attached()
    core.send_binary(wid, "show", ["png"], b"first")
    core.action(wid, "other", [])
    core.send_binary(wid, "show", ["jpeg"], b"second")
    frames = core.frames_to_send()
    assert [type(f) for _, f in frames] == [str, OutgoingPayload, OutgoingPayload]
    msgs, blobs = texts_and_bytes(frames)
    headers = [m for m in msgs if m["type"] == "binary"]
    assert [h["args"] for h in headers] == [["png"], ["jpeg"]]
    assert [h["size"] for h in headers] == [5, 6]
    assert blobs == [b"first", b"second"]
    assert all(PAYLOAD_KEY not in m for m in msgs)  # bytes never leak into JSON


def test_keyed_payload_is_state_replayed_and_replaced_by_a_setter() -> None:
    core, conn, wid = attached()
    core.send_binary(wid, "set_binary_image", ["png"], b"\x89PNG", key="image")
    core.frames_to_send()
    other = object()
    core.attach(other, resumed=True)
    msgs, blobs = texts_and_bytes(core.frames_to_send())
    assert [m["method"] for m in msgs if m["type"] == "binary"] == ["set_binary_image"]
    assert blobs == [b"\x89PNG"]
    core.set_state(wid, "image", "set_image", ["/x.png"])
    core.frames_to_send()
    core.attach(object(), resumed=True)
    msgs, blobs = texts_and_bytes(core.frames_to_send())
    assert blobs == []
    assert {"type": "call", "wid": wid, "method": "set_image", "args": ["/x.png"]} in msgs


def test_upload_delivers_all_files_whole_with_progress() -> None:
    core, conn, wid = attached()
    core.listen(wid, "progress")
    start = {
        "type": "upload-start",
        "transfer": 7,
        "wid": wid,
        "action": "activated",
        "files": [
            {"name": "a.txt", "size": 3, "type": "text/plain"},
            {"name": "b.bin", "size": 4, "type": ""},
        ],
    }
    assert core.receive_text(conn, json.dumps(start)) == []
    progress = core.receive_bytes(conn, chunk(7, b"abcd"))
    assert isinstance(progress[0], CallbackEvent) and progress[0].action == "progress"
    assert progress[0].args[0]["transferred_bytes"] == 4
    core.receive_bytes(conn, chunk(7, b"efg"))
    (done,) = core.receive_text(conn, json.dumps({"type": "upload-end", "transfer": 7}))
    assert isinstance(done, CallbackEvent) and done.action == "activated"
    files = done.args[0]["files"]
    assert [(f["name"], f["data"]) for f in files] == [("a.txt", b"abc"), ("b.bin", b"defg")]
    assert len(core.uploads) == 0


def test_oversized_upload_is_refused_up_front_and_nothing_is_delivered() -> None:
    core, conn, wid = attached(max_size=10)
    start = {
        "type": "upload-start",
        "transfer": 1,
        "wid": wid,
        "action": "activated",
        "files": [{"name": "big", "size": 11}],
    }
    (err,) = core.receive_text(conn, json.dumps(start))
    assert err.action == "error" and "larger than the limit of 10 bytes" in err.args[0]
    msgs, _ = texts_and_bytes(core.frames_to_send())
    assert msgs[0]["type"] == "upload-error" and msgs[0]["transfer"] == 1
    # chunks the browser sent before it heard the refusal are dropped quietly
    assert core.receive_bytes(conn, chunk(1, b"x" * 5)) == []
    assert core.receive_text(conn, json.dumps({"type": "upload-end", "transfer": 1})) == []
    assert core.frames_to_send() == []


def test_lying_upload_fails_whole() -> None:
    core, conn, wid = attached()
    start = {
        "type": "upload-start",
        "transfer": 2,
        "wid": wid,
        "action": "activated",
        "files": [{"name": "f", "size": 2}],
    }
    core.receive_text(conn, json.dumps(start))
    (err,) = core.receive_bytes(conn, chunk(2, b"too long"))
    assert err.action == "error" and "more bytes than it declared" in err.args[0]
    assert core.receive_text(conn, json.dumps({"type": "upload-end", "transfer": 2})) == []


def test_concurrent_uploads_are_bounded_and_dropped_with_the_connection() -> None:
    core, conn, wid = attached(max_concurrent=2)
    for tid in (1, 2, 3):
        events = core.receive_text(
            conn,
            json.dumps(
                {
                    "type": "upload-start",
                    "transfer": tid,
                    "wid": wid,
                    "action": "activated",
                    "files": [{"name": "f", "size": 1}],
                }
            ),
        )
    assert events and "too many uploads" in events[0].args[0]
    assert len(core.uploads) == 2
    core.detach(conn)
    assert len(core.uploads) == 0


@pytest.mark.parametrize("frame", [b"\x00\x01", b"\x00\x00\x00\x09data"])
def test_stray_binary_frames_change_nothing(frame: bytes) -> None:
    core, conn, wid = attached()
    assert core.receive_bytes(conn, frame) == []
    assert core.widgets[wid].state == {}


def test_binary_frames_cross_the_real_transport() -> None:
    """An image set in Python reaches a raw WebSocket client as header + binary frame, and
    an upload from that client arrives in the FileDialog handler whole.

    Runs on its own loop in its own thread, so it does not depend on which event loop the
    main thread has (a session-wide sync Playwright keeps one running there)."""
    result: list[BaseException | None] = []

    def run() -> None:
        try:
            asyncio.run(_transport_round_trip())
            result.append(None)
        except BaseException as exc:  # handed to the test thread
            result.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert result, "the transport round trip did not finish in 30 s"
    if result[0] is not None:
        raise result[0]


async def _transport_round_trip() -> None:
    from pgwidgets.async_ import Application

    got: list[Any] = []
    arrived = asyncio.Event()

    def on_files(value: Any) -> None:
        got.append(value)
        arrived.set()

    async def build(session: Any) -> None:
        W = session.get_widgets()
        img = await W.Image()
        await img.set_binary_image(b"\x89PNG-bytes", format="png")
        fd = await W.FileDialog()
        await fd.on("activated", on_files)

    app = Application(ws_port=0, max_upload_size=1000)
    app.on_connect(build)
    task = asyncio.get_running_loop().create_task(app.run())
    await asyncio.wait_for(app.wait_started(), 5)
    try:
        await _talk(f"ws://127.0.0.1:{app.ws_port}/ws", arrived)
    finally:
        task.cancel()
        await asyncio.wait([task], timeout=10)
    assert got[0]["files"][0]["data"] == b"hello!"


async def _talk(url: str, arrived: asyncio.Event) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(url, protocols=("pgwidgets",)) as ws:
            await ws.send_str(json.dumps({"type": "hello"}))
            header = None
            while header is None:
                msg = await ws.receive(timeout=5)
                assert msg.type is aiohttp.WSMsgType.TEXT, msg
                header = next((m for m in json.loads(msg.data) if m["type"] == "binary"), None)
                fd_wid = next(
                    (m["wid"] for m in json.loads(msg.data) if m.get("class") == "FileDialog"), None
                )
            payload = await ws.receive(timeout=5)
            assert payload.type is aiohttp.WSMsgType.BINARY
            assert payload.data == b"\x89PNG-bytes" and header["size"] == len(payload.data)
            assert header["method"] == "set_binary_image" and header["args"] == ["png"]
            if fd_wid is None:  # created in a later frame
                while fd_wid is None:
                    msg = await ws.receive(timeout=5)
                    fd_wid = next(
                        (m["wid"] for m in json.loads(msg.data) if m.get("class") == "FileDialog"),
                        None,
                    )
            await ws.send_str(
                json.dumps(
                    {
                        "type": "upload-start",
                        "transfer": 5,
                        "wid": fd_wid,
                        "action": "activated",
                        "files": [{"name": "n.txt", "size": 6}],
                    }
                )
            )
            await ws.send_bytes(chunk(5, b"hel"))
            await ws.send_bytes(chunk(5, b"lo!"))
            await ws.send_str(json.dumps({"type": "upload-end", "transfer": 5}))
            await asyncio.wait_for(arrived.wait(), 5)
