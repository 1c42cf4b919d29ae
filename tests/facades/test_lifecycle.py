"""Start, run, close, cancel, destroy and session expiry, in both APIs."""

from __future__ import annotations

import asyncio
import socket
import threading
import urllib.request
from typing import Any

import aiohttp
import pytest

from pgwidgets.server.websocket import CLOSE_SESSION_ENDED
from tests.conftest import free_port
from tests.facades.conftest import Side, SyncSide
from tests.facades.test_scenarios import _wait_for
from tests.protocol.fake_browser import FakeBrowser, SyncFakeBrowser


def port_is_free(port: int) -> bool:
    """True if a new server could listen on ``port`` now (as a restarted app would).

    SO_REUSEADDR, like our server: closed connections in TIME_WAIT do not count, a
    listening socket still does (on Linux).
    """
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen()
        except OSError:
            return False
        return True


def test_destroy_from_a_handler_ends_the_session(side: Side) -> None:
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        btn = made["b"] = session.get_widgets().Button("bye")
        btn.on("activated", session.destroy)

    side.build(build)
    b, session = side.connect()
    side.browse(b.callback(made["b"].wid, "activated"))
    assert side.browse(b.wait_closed()) == CLOSE_SESSION_ENDED
    assert _wait_for(lambda: session.id not in side.app.sessions)
    assert session.closed and made["b"].wid is None


def test_close_from_a_handler_stops_everything(make_side: Any) -> None:
    port = free_port()
    side = make_side(ws_port=port)
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        btn = made["b"] = session.get_widgets().Button("quit")
        btn.on("activated", lambda: side.app.close())

    side.build(build)
    b, session = side.connect()
    side.browse(b.callback(made["b"].wid, "activated"))
    assert side.browse(b.wait_closed()) == 1001
    assert _wait_for(lambda: port_is_free(port))
    assert side.app.sessions == {} and session.closed


def test_sync_run_from_a_thread_returns_on_close() -> None:
    from pgwidgets.sync import Application

    app = Application(ws_port=0)
    runner = threading.Thread(target=app.run, name="runner")
    runner.start()
    fb = SyncFakeBrowser()
    try:
        assert _wait_for(lambda: app.ws_port != 0)  # bound: the real port is known
        port = app.ws_port
        b = fb.connect(f"ws://127.0.0.1:{port}/ws")
        assert len(app.sessions) == 1
        app.close()
        runner.join(5)
        assert not runner.is_alive()
        assert fb.run(b.wait_closed()) == 1001
        assert port_is_free(port) and app.sessions == {}
    finally:
        fb.stop()
        app.close()


def test_sync_start_returns_listening_and_close_frees_port() -> None:
    from pgwidgets.sync import Application

    app = Application(ws_port=0)
    app.start()
    port = app.ws_port
    assert port and not port_is_free(port)
    app.close()
    assert port_is_free(port)
    app.close()  # idempotent


async def test_async_cancel_closes_sessions_sockets_and_port() -> None:
    from pgwidgets.async_ import Application

    port = free_port()
    app = Application(ws_port=port)
    task = asyncio.get_running_loop().create_task(app.run())
    await asyncio.wait_for(app.wait_started(), 5)
    browsers = [await FakeBrowser.connect(f"ws://127.0.0.1:{port}/ws") for _ in range(3)]
    sessions = list(app.sessions.values())
    assert len(sessions) == 3
    task.cancel()
    await asyncio.wait([task], timeout=5)
    assert task.done()
    for b in browsers:
        assert await b.wait_closed() == 1001
        await b.close()
    assert app.sessions == {} and all(s.closed for s in sessions)
    assert port_is_free(port)


async def test_async_run_and_close_from_another_task() -> None:
    from pgwidgets.async_ import Application

    app = Application(ws_port=0)
    task = asyncio.get_running_loop().create_task(app.run())
    await asyncio.wait_for(app.wait_started(), 5)
    port = app.ws_port
    await app.close()
    await asyncio.wait_for(task, 5)
    assert port_is_free(port)


async def test_async_context_manager() -> None:
    from pgwidgets.async_ import Application

    async with Application(ws_port=0) as app:
        port = app.ws_port
        b = await FakeBrowser.connect(f"ws://127.0.0.1:{port}/ws")
        assert len(app.sessions) == 1
    assert await b.wait_closed() == 1001
    await b.close()
    assert port_is_free(port)


@pytest.mark.parametrize(
    "mode, cycles", [("per_session", 300), ("serialized", 100), ("concurrent", 100)]
)
def test_no_growth_over_many_connect_cycles(make_side: Any, mode: str, cycles: int) -> None:
    """session_timeout=0: each departed browser's session, thread and widgets go away."""
    side = make_side(session_timeout=0, concurrency_handling=mode)
    built: list[Any] = []

    def build(session: Any) -> None:
        W = session.get_widgets()
        box = W.VBox()
        for i in range(3):
            btn = W.Button(str(i))
            btn.on("activated", side.record("x"))
            box.add_widget(btn)
        built.append(session)

    side.build(build)
    baseline = threading.active_count()

    async def browse(n: int, http: aiohttp.ClientSession) -> None:
        for _ in range(n):
            b = await FakeBrowser.connect(side.ws_url, http=http)
            await b.expect("listen")  # the UI is built: on_connect has run
            await b.close()

    async def cycle_all() -> None:
        parallel = 20  # browsers coming and going at the same time
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(browse(cycles // parallel, http) for _ in range(parallel)))

    side.fb.run(cycle_all(), timeout=60)
    assert _wait_for(lambda: len(built) == cycles)
    assert _wait_for(lambda: side.app.sessions == {})
    # per_session: each session's thread ends with it; serialized: one app thread;
    # concurrent: a bounded pool (32 threads at most), however many sessions came
    allowed = baseline + (32 if mode == "concurrent" and side.api == "sync" else 1)
    assert _wait_for(lambda: threading.active_count() <= allowed), (
        f"{threading.active_count()} threads, {baseline} before"
    )
    assert all(s.closed and not s._proxies and not s._handlers for s in built)
    assert len(side.app._ended) <= 1000, "memory of ended sessions is bounded"


def test_sync_serialized_mode_runs_handlers_on_one_thread() -> None:
    side = SyncSide(concurrency_handling="serialized")
    try:
        made: list[Any] = []

        def build(session: Any) -> None:
            btn = session.get_widgets().Button("x")
            btn.on("activated", side.record("s"))
            made.append(btn)

        side.build(build)
        b1, _ = side.connect()
        b2, _ = side.connect()
        side.browse(b1.callback(made[0].wid, "activated"))
        side.browse(b2.callback(made[1].wid, "activated"))
        threads = {side.next_event()[1], side.next_event()[1]}
        assert len(threads) == 1
    finally:
        side.close()


def test_sync_concurrent_mode_runs_handlers_in_parallel() -> None:
    side = SyncSide(concurrency_handling="concurrent")
    try:
        barrier = threading.Barrier(2, timeout=5)
        made: dict[str, Any] = {}

        def handler() -> None:
            barrier.wait()  # only returns if two handlers run at the same time
            side.events.put(("ok", threading.current_thread()))

        def build(session: Any) -> None:
            made["b"] = session.get_widgets().Button("x")
            made["b"].on("activated", handler)

        side.build(build)
        b, _ = side.connect()
        side.browse(b.callback(made["b"].wid, "activated"))
        side.browse(b.callback(made["b"].wid, "activated"))
        assert {side.next_event()[1], side.next_event()[1]}.__len__() == 2
    finally:
        side.close()


@pytest.mark.parametrize(
    "layout",
    [{}, {"http_port": 0}, {"http_server": False}],
    ids=["shared-port", "split-ports", "websocket-only"],
)
def test_sync_app_serves_again_after_close(layout: dict[str, Any]) -> None:
    from pgwidgets.sync import Application

    if layout.get("http_port") == 0:
        layout = {"http_port": free_port()}
    app = Application(ws_port=0, **layout)
    for _ in range(2):
        app.start()
        try:
            if app.url is not None:
                with urllib.request.urlopen(app.url, timeout=5) as resp:
                    assert resp.status == 200
            browsers = SyncFakeBrowser()
            try:
                b = browsers.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
                assert b.welcome is not None
                assert len(app.sessions) == 1
            finally:
                browsers.stop()
        finally:
            app.close()
        assert app.sessions == {}


async def test_async_app_serves_again_after_close() -> None:
    from pgwidgets.async_ import Application

    app = Application(ws_port=0)
    for _ in range(2):
        task = asyncio.get_running_loop().create_task(app.run())
        await asyncio.wait_for(app.wait_started(), 5)
        async with aiohttp.ClientSession() as http, http.get(app.url) as resp:
            assert resp.status == 200
        b = await FakeBrowser.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
        assert len(app.sessions) == 1
        await app.close()
        await asyncio.wait_for(task, 5)
        await b.close()
        assert app.sessions == {}
