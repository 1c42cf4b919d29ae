"""What only one API has: sync gui_do/gui_call/destroy threads, async start/close rules."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from pgwidgets.exceptions import InvalidState
from tests.facades.conftest import SyncSide


@pytest.fixture
def sync_side() -> Any:
    side = SyncSide()
    yield side
    side.close()


def test_gui_call_runs_on_the_session_thread_and_returns(sync_side: SyncSide) -> None:
    sync_side.build(lambda s: None)
    _, session = sync_side.connect()
    thread = session.get_session_thread()
    assert thread is not None and thread is not threading.current_thread()
    assert session.gui_call(lambda a, b=0: (threading.current_thread(), a + b), 1, b=2) \
        == (thread, 3)
    with pytest.raises(ZeroDivisionError):
        session.gui_call(lambda: 1 / 0)
    # from the session thread itself it runs inline instead of deadlocking
    assert session.gui_call(lambda: session.gui_call(lambda: "inner")) == "inner"
    done = threading.Event()
    session.gui_do(lambda: done.set() if threading.current_thread() is thread else None)
    assert done.wait(5)


def test_destroyed_session_starts_no_thread(sync_side: SyncSide) -> None:
    sync_side.build(lambda s: None)
    _, session = sync_side.connect()
    session.destroy()
    assert session.id not in sync_side.app.sessions
    before = threading.active_count()
    session.gui_do(lambda: None)
    with pytest.raises(InvalidState):
        session.gui_call(lambda: None)
    assert session.get_session_thread() is None
    assert threading.active_count() <= before
    session.destroy()  # idempotent


def test_destroy_from_another_thread_while_browser_attached(sync_side: SyncSide) -> None:
    made: dict[str, Any] = {}
    sync_side.build(lambda s: made.setdefault("l", s.get_widgets().Label("x")))
    b, session = sync_side.connect()
    t = threading.Thread(target=session.destroy)
    t.start()
    t.join(5)
    assert session.id not in sync_side.app.sessions and made["l"].wid is None
    assert sync_side.browse(b.wait_closed()) == 4000
    with pytest.raises(InvalidState):
        made["l"].set_text("gone")


async def test_async_start_twice_is_refused() -> None:
    from pgwidgets.async_ import Application
    app = Application(ws_port=0)
    task = asyncio.get_running_loop().create_task(app.start())
    await asyncio.wait_for(app.wait_started(), 5)
    with pytest.raises(InvalidState, match="already serving"):
        await app.start()
    await app.close()
    await asyncio.wait_for(task, 5)
    # and it can serve again after close
    task = asyncio.get_running_loop().create_task(app.start())
    await asyncio.wait_for(app.wait_started(), 5)
    await app.close()
    await asyncio.wait_for(task, 5)


async def test_async_close_from_a_handler() -> None:
    from pgwidgets.async_ import Application
    from tests.protocol.fake_browser import FakeBrowser
    app = Application(ws_port=0)
    closed = asyncio.Event()

    async def build(session: Any) -> None:
        btn = session.get_widgets().Button("quit")

        async def quit_() -> None:
            await app.close()
            closed.set()  # the handler that closed the app is not cancelled
        btn.on("activated", quit_)
        made.append(btn)
    made: list[Any] = []
    app.on_connect(build)
    task = asyncio.get_running_loop().create_task(app.start())
    await asyncio.wait_for(app.wait_started(), 5)
    b = await FakeBrowser.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
    await b.expect("listen")
    await b.callback(made[0].wid, "activated")
    await asyncio.wait_for(closed.wait(), 5)
    await asyncio.wait_for(task, 5)
    assert await b.wait_closed() == 1001
    await b.close()


async def test_async_headless_session_destroyed_by_close() -> None:
    from pgwidgets.async_ import Application
    app = Application(ws_port=0)
    session = app.create_session()
    label = await session.get_widgets().Label("headless")
    assert label.get_text() == "headless"
    await app.close()
    assert session.closed and app.sessions == {}
