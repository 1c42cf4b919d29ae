"""Outgoing payloads in chunks: a scripted browser against the real server.

Every browser here refuses any frame larger than one chunk (``max_msg_size``), so a
payload that went out whole would fail the test. The fake browser reassembles payloads
and delivers messages in the order the page applies them (``fake_browser.py``); ``wire``
shows what crossed the socket in what order.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import pytest

from pgwidgets.protocol.outgoing import OUTGOING_CHUNK_SIZE, chunk_count
from tests.protocol.fake_browser import WAIT, FakeBrowser, Wire

CHUNK = OUTGOING_CHUNK_SIZE
#: aiohttp refuses a message as large as ``max_msg_size``: this admits one chunk, no more
ONE_CHUNK = {"max_msg_size": CHUNK + 1}
#: large enough that the socket buffers cannot hold it all while the browser answers
BIG = 24 * 1024 * 1024


def has_header(wire: list[Wire]) -> bool:
    return any(w.messages and any(m.get("type") == "binary" for m in w.messages) for w in wire)


def binary_sizes(b: FakeBrowser) -> list[int]:
    return [w.size for w in b.wire if w.binary]


@pytest.mark.parametrize(
    "size",
    [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * 1024 * 1024 + 7],
    ids=["empty", "1B", "chunk-1", "chunk", "chunk+1", "5MiB+7"],
)
async def test_payload_sizes_around_the_chunk_size_arrive_intact(serve: Any, size: int) -> None:
    data = os.urandom(size)

    async def build(session: Any) -> None:
        img = await session.get_widgets().Image()
        await img.set_binary_image(data, format="png")

    s = await serve(build)
    b = await FakeBrowser.connect(s.ws_url, **ONE_CHUNK)
    header = await b.expect("binary", method="set_binary_image")
    assert header["size"] == size and header["args"] == ["png"]
    assert header["payload"] == data
    assert header["chunks"] == chunk_count(size) == len(binary_sizes(b))
    assert max(binary_sizes(b)) <= CHUNK
    await b.close()


async def test_two_payloads_in_one_frame_pair_with_their_headers(serve: Any) -> None:
    """A multi-chunk payload whose last chunk is short, then a small one, in one frame:
    the browser splits the binary frames between them by the headers' sizes."""
    first = os.urandom(2 * CHUNK + 5)
    second = os.urandom(10)
    third = os.urandom(CHUNK + 1)
    made: dict[str, Any] = {}
    built = asyncio.Event()

    async def build(session: Any) -> None:
        W = session.get_widgets()
        fd = made["fd"] = await W.FileDialog()
        await fd.save("first.bin", first)
        await fd.save("second.bin", second)
        go = made["go"] = await W.Button("go")
        await go.on("activated", lambda: fd.save("third.bin", third))
        built.set()

    s = await serve(build)
    b = await FakeBrowser.connect(s.ws_url, **ONE_CHUNK)
    await asyncio.wait_for(built.wait(), WAIT)
    one = await b.expect("binary", args=["first.bin", "application/octet-stream"])
    two = await b.next()
    assert two["type"] == "binary" and two["args"][0] == "second.bin"
    assert any(one in f and two in f for f in b.frames), "both headers in one frame"
    assert (one["payload"], one["chunks"]) == (first, 3)
    assert (two["payload"], two["chunks"]) == (second, 1)
    await b.callback(made["go"].wid, "activated")
    three = await b.expect("binary", args=["third.bin", "application/octet-stream"])
    assert (three["payload"], three["chunks"]) == (third, 2)
    assert binary_sizes(b) == [CHUNK, CHUNK, 5, 10, CHUNK, 1]
    await b.close()


async def test_text_after_a_big_payload_is_applied_after_it_but_not_stuck_behind_it(
    serve: Any,
) -> None:
    """A click answered while a 24 MB image streams: on the wire its reply overtakes the
    rest of the image (it waited for one chunk, not for 24 MB); in delivery order (the
    page's) it still comes after the image, which arrives intact."""
    data = os.urandom(BIG)
    made: dict[str, Any] = {}
    built = asyncio.Event()

    async def build(session: Any) -> None:
        W = session.get_widgets()
        img = made["img"] = await W.Image()
        label = made["label"] = await W.Label("before")
        go = made["go"] = await W.Button("go")
        click = made["click"] = await W.Button("click")
        await go.on("activated", lambda: img.set_binary_image(data, format="png"))
        await click.on("activated", lambda: label.set_text("clicked"))
        built.set()

    s = await serve(build)
    b = await FakeBrowser.connect(s.ws_url, **ONE_CHUNK)
    await asyncio.wait_for(built.wait(), WAIT)
    await b.expect("create", wid=made["click"].wid)  # the whole UI came in this frame
    await b.callback(made["go"].wid, "activated")
    await b.read_wire_until(lambda: has_header(b.wire))
    await b.callback(made["click"].wid, "activated")
    reply = await b.expect("call", method="set_text", args=["clicked"])

    header = next(m for m in b.log if m.get("type") == "binary")
    assert header["payload"] == data
    assert b.log.index(header) < b.log.index(reply), "applied in the order it was queued"
    reply_at = next(i for i, w in enumerate(b.wire) if w.messages and reply in w.messages)
    chunks_after = sum(1 for w in b.wire[reply_at:] if w.binary)
    assert chunks_after > 0, "the reply waited for the whole payload"
    assert max(binary_sizes(b)) <= CHUNK
    await b.close()


async def test_a_big_payload_does_not_trip_the_queued_frames_bound(serve: Any) -> None:
    """``max_queued_frames`` counts a payload once: 40 chunks with room for 2 entries."""
    data = os.urandom(40 * CHUNK)

    async def build(session: Any) -> None:
        W = session.get_widgets()
        img = await W.Image()
        await img.set_binary_image(data, format="png")
        await (await W.Label("x")).set_text("after the image")

    s = await serve(build, max_queued_frames=2)
    b = await FakeBrowser.connect(s.ws_url, **ONE_CHUNK)
    header = await b.expect("binary")
    await b.expect("call", method="set_text", args=["after the image"])
    assert header["payload"] == data and b.close_code is None
    assert not b.ws.closed
    await b.close()


async def test_reconnect_rebuild_replays_the_chunked_image(serve: Any) -> None:
    """The image is state: a browser that reconnects gets it again, chunked, intact."""
    data = os.urandom(3 * CHUNK + 17)

    async def build(session: Any) -> None:
        img = await session.get_widgets().Image()
        await img.set_binary_image(data, format="png")

    s = await serve(build)
    a = await FakeBrowser.connect(s.ws_url, **ONE_CHUNK)
    assert (await a.expect("binary"))["payload"] == data
    creds = {"session_id": a.welcome["session_id"], "token": a.welcome["token"]}
    await a.close()
    b = await FakeBrowser.connect(s.ws_url, **creds, **ONE_CHUNK)
    assert b.welcome["resumed"] is True
    rebuild = b.frames[0]
    (header,) = [m for m in rebuild if m["type"] == "binary"]
    assert header["payload"] == data and header["chunks"] == 4
    await b.close()


async def test_a_browser_leaving_mid_payload_then_resuming_gets_it_whole(serve: Any) -> None:
    """The socket closes while a big image streams: the server drops the rest quietly
    and the reconnect's rebuild sends the image again from the start."""
    data = os.urandom(BIG)
    made: dict[str, Any] = {}
    built = asyncio.Event()

    async def build(session: Any) -> None:
        W = session.get_widgets()
        img = made["img"] = await W.Image()
        go = made["go"] = await W.Button("go")
        await go.on("activated", lambda: img.set_binary_image(data, format="png"))
        built.set()

    s = await serve(build)
    a = await FakeBrowser.connect(s.ws_url, **ONE_CHUNK)
    await asyncio.wait_for(built.wait(), WAIT)
    await a.expect("create", wid=made["go"].wid)
    await a.callback(made["go"].wid, "activated")
    await a.read_wire_until(lambda: has_header(a.wire))
    creds = {"session_id": a.welcome["session_id"], "token": a.welcome["token"]}
    await a.close()
    b = await FakeBrowser.connect(s.ws_url, **creds, **ONE_CHUNK)
    (header,) = [m for m in b.frames[0] if m["type"] == "binary"]
    assert header["payload"] == data
    await b.close()
