"""The outgoing frame queue of one browser connection (``server/connection.py``).

A frame is written in the loop turn that sends it while nothing is in flight; when the
socket's buffer is full, a writer task takes the rest over. Both paths must keep every
frame, in order. Real sockets (pytest-aiohttp); every wait has a timeout.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import aiohttp
from aiohttp import web

from pgwidgets.protocol.outgoing import OUTGOING_CHUNK_SIZE, OutgoingPayload
from pgwidgets.server.connection import Connection, _Resume

WAIT = 10.0
#: enough to fill loopback socket buffers (a few MB) while the client does not read
BIG_FRAME = 256 * 1024
BIG_COUNT = 80
#: a client limit that fails on any frame over one chunk (aiohttp refuses size == limit)
CHUNK_LIMIT = OUTGOING_CHUNK_SIZE + 1


async def _serve(
    aiohttp_client: Any, body: Any, max_queued: int = 10_000
) -> tuple[Any, dict[str, Any]]:
    """A test server whose one WebSocket route runs ``body(conn, seen)``."""
    seen: dict[str, Any] = {"done": asyncio.Event()}

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False, max_msg_size=0)
        await ws.prepare(request)
        conn = Connection(ws, max_queued=max_queued)
        try:
            await body(conn, seen)
            await asyncio.wait_for(conn.drain(), WAIT)
        finally:
            seen["done"].set()
        await ws.receive()  # until the client closes
        return ws

    app = web.Application()
    app.router.add_get("/ws", handler)
    return await aiohttp_client(app), seen


async def test_small_frames_go_out_in_the_same_turn_in_order(aiohttp_client: Any) -> None:
    async def body(conn: Connection, seen: dict[str, Any]) -> None:
        writers = []
        for i in range(200):
            conn.send(f"frame {i}")
            writers.append(conn._writer)
        conn.send(b"\x00\x01binary")
        seen["writers"] = writers

    client, seen = await _serve(aiohttp_client, body)
    ws = await client.ws_connect("/ws", max_msg_size=0)
    got = [(await ws.receive(timeout=WAIT)).data for _ in range(201)]
    assert got == [f"frame {i}" for i in range(200)] + [b"\x00\x01binary"]
    # nothing had to wait: no writer task was ever made
    assert seen["writers"] == [None] * 200
    await ws.close()


async def test_full_socket_hands_over_to_a_writer_and_loses_nothing(aiohttp_client: Any) -> None:
    release = asyncio.Event()

    async def body(conn: Connection, seen: dict[str, Any]) -> None:
        frames = [f"{i:06d}" + "x" * (BIG_FRAME - 6) for i in range(BIG_COUNT)]
        took_over_at = None
        for i, frame in enumerate(frames):
            conn.send(frame)
            if took_over_at is None and conn._writer is not None:
                took_over_at = i
        seen["took_over_at"] = took_over_at
        seen["queued"] = len(conn._queue)
        release.set()

    client, seen = await _serve(aiohttp_client, body)
    ws = await client.ws_connect("/ws", max_msg_size=0)
    await asyncio.wait_for(release.wait(), WAIT)  # the server sent everything; now read
    got = []
    for _ in range(BIG_COUNT):
        msg = await ws.receive(timeout=WAIT)
        assert msg.type is aiohttp.WSMsgType.TEXT
        got.append(msg.data)
    assert [g[:6] for g in got] == [f"{i:06d}" for i in range(BIG_COUNT)]
    assert all(len(g) == BIG_FRAME for g in got)
    # the unread socket filled up: a writer took over and later frames waited in the queue
    assert seen["took_over_at"] is not None and seen["took_over_at"] < BIG_COUNT - 1
    assert seen["queued"] > 0
    await asyncio.wait_for(seen["done"].wait(), WAIT)
    await ws.close()


async def _read_all(ws: Any, until_bytes: int, texts: int) -> list[str | bytes]:
    """Frames in arrival order until ``until_bytes`` binary bytes and ``texts`` texts."""
    got: list[str | bytes] = []
    seen_bytes = 0
    while seen_bytes < until_bytes or sum(isinstance(g, str) for g in got) < texts:
        msg = await ws.receive(timeout=WAIT)
        assert msg.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY), msg
        got.append(msg.data)
        if isinstance(msg.data, bytes):
            seen_bytes += len(msg.data)
    return got


async def test_a_payload_streams_in_chunks_and_text_slips_in_between(aiohttp_client: Any) -> None:
    """A text frame sent after a big payload leaves after one chunk, not after all of it;
    the chunks are never larger than the chunk size and add up to the payload."""
    data = os.urandom(4 * OUTGOING_CHUNK_SIZE + 3)

    async def body(conn: Connection, seen: dict[str, Any]) -> None:
        conn.send("header")
        conn.send(OutgoingPayload(data))
        conn.send("after")

    client, _ = await _serve(aiohttp_client, body)
    ws = await client.ws_connect("/ws", max_msg_size=CHUNK_LIMIT)
    got = await _read_all(ws, len(data), texts=2)
    kinds = ["text" if isinstance(g, str) else "bin" for g in got]
    assert kinds == ["text", "bin", "text", "bin", "bin", "bin", "bin"]
    assert got[2] == "after"
    chunks = [g for g in got if isinstance(g, bytes)]
    assert all(len(c) <= OUTGOING_CHUNK_SIZE for c in chunks)
    assert b"".join(chunks) == data
    await ws.close()


async def test_a_big_payload_is_one_queued_entry_and_lets_the_loop_run(aiohttp_client: Any) -> None:
    """With room for only two queued entries, a 20 MB payload plus a text frame do not
    trip the "not reading" disconnect; and while the payload streams, the loop runs
    other callbacks (each chunk is written in its own turn)."""
    data = os.urandom(20 * 1024 * 1024)

    async def body(conn: Connection, seen: dict[str, Any]) -> None:
        conn.send(OutgoingPayload(data))
        conn.send("after")
        ran = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_soon(lambda: ran.set_result(conn._queue.streaming))
        seen["streaming_when_other_work_ran"] = await ran
        seen["closed"] = conn.closed

    client, seen = await _serve(aiohttp_client, body, max_queued=2)
    ws = await client.ws_connect("/ws", max_msg_size=CHUNK_LIMIT)
    got = await _read_all(ws, len(data), texts=1)
    assert b"".join(g for g in got if isinstance(g, bytes)) == data
    assert "after" in got
    await asyncio.wait_for(seen["done"].wait(), WAIT)
    assert seen["closed"] is False
    assert seen["streaming_when_other_work_ran"] is True
    await ws.close()


async def test_send_after_close_is_dropped(aiohttp_client: Any) -> None:
    async def body(conn: Connection, seen: dict[str, Any]) -> None:
        conn.send("before")
        conn.close(code=4000, message="bye")
        conn.send("after")

    client, _ = await _serve(aiohttp_client, body)
    ws = await client.ws_connect("/ws")
    assert (await ws.receive(timeout=WAIT)).data == "before"
    msg = await ws.receive(timeout=WAIT)
    assert msg.type is aiohttp.WSMsgType.CLOSE and msg.data == 4000


# ------------------------------------------------------------ _Resume on its own
def _stepped(coro: Any) -> _Resume:
    """Step ``coro`` once by hand, as ``Connection._write_now`` does."""
    pending = coro.send(None)
    return _Resume(coro, pending)


async def test_resume_finishes_the_coroutine_with_its_results() -> None:
    loop = asyncio.get_running_loop()
    first, second = loop.create_future(), loop.create_future()
    log: asyncio.Queue[Any] = asyncio.Queue()

    async def job() -> str:
        log.put_nowait("start")
        log.put_nowait(await first)
        log.put_nowait(await second)
        return "finished"

    task = loop.create_task(_awaiting(_stepped(job())))
    assert log.get_nowait() == "start"  # the step by hand ran up to the first wait
    first.set_result(1)
    assert await asyncio.wait_for(log.get(), WAIT) == 1
    assert not task.done()  # still waiting on the second future
    second.set_result(2)
    assert await asyncio.wait_for(log.get(), WAIT) == 2
    await asyncio.wait_for(task, WAIT)


async def test_resume_passes_a_future_s_exception_into_the_coroutine() -> None:
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    caught: list[BaseException] = []

    async def job() -> None:
        try:
            await fut
        except ConnectionResetError as exc:
            caught.append(exc)
            raise

    task = loop.create_task(_awaiting(_stepped(job())))
    fut.set_exception(ConnectionResetError("gone"))
    try:
        await asyncio.wait_for(task, WAIT)
    except ConnectionResetError:
        pass
    else:
        raise AssertionError("the coroutine's exception did not reach the task")
    assert [str(e) for e in caught] == ["gone"]


async def test_cancelling_the_task_cancels_the_coroutine() -> None:
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    log: list[str] = []

    async def job() -> None:
        try:
            await fut
        except asyncio.CancelledError:
            log.append("cancelled inside")  # not GeneratorExit from being collected
            raise

    waiting = asyncio.Event()
    task = loop.create_task(_awaiting(_stepped(job()), waiting))
    await asyncio.wait_for(waiting.wait(), WAIT)  # the task is now suspended in the job
    task.cancel()
    try:
        await asyncio.wait_for(task, WAIT)
    except asyncio.CancelledError:
        pass
    assert task.cancelled()
    assert fut.cancelled()
    assert log == ["cancelled inside"]


async def _awaiting(rest: _Resume, started: asyncio.Event | None = None) -> None:
    if started is not None:
        started.set()  # its waiter runs only after this task has suspended below
    await rest
