"""What only one API has: sync gui_do/gui_call/destroy threads, async start/close rules."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from pgwidgets.exceptions import InvalidState
from pgwidgets.sync import session as sync_session
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
    assert session.gui_call(lambda a, b=0: (threading.current_thread(), a + b), 1, b=2) == (
        thread,
        3,
    )
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


async def test_async_start_returns_once_listening_and_serves_until_close() -> None:
    """As in the reference (and as sync ``start()``): ``await app.start()`` returns with
    the port bound; the server goes on serving on the loop until ``close()``."""
    from pgwidgets.async_ import Application
    from tests.protocol.fake_browser import FakeBrowser

    app = Application(ws_port=0)
    await app.start()  # returns: it does not serve forever
    b = await FakeBrowser.connect(f"ws://127.0.0.1:{app.ws_port}/ws")  # ... yet serves
    assert b.welcome["resumed"] is False and len(app.sessions) == 1
    await app.close()
    assert await b.wait_closed() == 1001
    await b.close()
    assert app.sessions == {}


async def test_a_fire_and_forget_start_task_is_stopped_by_cancel() -> None:
    """The deployment guide's ``task = create_task(app.start()) ... task.cancel()``: the
    task serves until cancelled, and cancelling it shuts the app down (sessions closed,
    browsers told 1001), while ``await app.start()`` still returns once listening."""
    from pgwidgets.async_ import Application
    from tests.protocol.fake_browser import FakeBrowser

    app = Application(ws_port=0)
    task = asyncio.get_running_loop().create_task(app.start())
    await asyncio.wait_for(app.wait_started(), 5)
    b = await FakeBrowser.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
    assert len(app.sessions) == 1 and not task.done()
    task.cancel()
    assert await b.wait_closed() == 1001
    await b.close()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert app.sessions == {}


async def test_async_start_twice_is_refused() -> None:
    from pgwidgets.async_ import Application

    app = Application(ws_port=0)
    task = asyncio.get_running_loop().create_task(app.run())
    await asyncio.wait_for(app.wait_started(), 5)
    with pytest.raises(InvalidState, match="already serving"):
        await app.start()
    await app.close()
    await asyncio.wait_for(task, 5)
    # and it can serve again after close
    task = asyncio.get_running_loop().create_task(app.run())
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
    task = asyncio.get_running_loop().create_task(app.run())
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


# ------------------------------------------------------------ sync output holding
def test_a_handlers_output_goes_out_as_one_frame(
    sync_side: SyncSide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """on_connect builds 60 widgets on the session thread: one frame, not one per loop
    turn (the browser then lays the window out once).

    The hold's progress flush (every HOLD_MAX while a handler runs) is pushed out of reach:
    on a loaded machine building the window can take longer than HOLD_MAX, and what this
    test checks is that nothing but the end of the handler sends its output.
    """
    monkeypatch.setattr(sync_session, "HOLD_MAX", 3600.0)

    def build(session: Any) -> None:
        W = session.get_widgets()
        top = W.TopLevel(title="T")
        box = W.VBox()
        for i in range(30):
            row = W.HBox()
            row.add_widget(W.Label(f"row {i}"), 1)
            box.add_widget(row, 0)
        top.set_widget(box)
        top.show()

    sync_side.build(build)
    b, _ = sync_side.connect()
    sync_side.browse(b.expect("call", method="show"))  # the handler's last call arrived
    # the frames as they came off the wire (the window's may already have been read
    # together with the reset: what counts is how the server cut them)
    built = [frame for frame in b.frames if any(m["type"] == "create" for m in frame)]
    assert len(built) == 1, [[m["type"] for m in frame] for frame in built]
    (frame,) = built
    assert [m["type"] for m in frame].count("create") == 62, frame
    assert frame[-1]["method"] == "show"


def test_a_long_handler_still_shows_progress(sync_side: SyncSide) -> None:
    """Held output goes out after HOLD_MAX even while the handler is still running."""
    release = threading.Event()

    def build(session: Any) -> None:
        W = session.get_widgets()
        label = W.Label("working")
        sync_side.events.put(("label", label))
        release.wait(10)  # a handler busy for a long time
        label.set_text("done")

    sync_side.build(build)
    b = sync_side.fb.connect(sync_side.ws_url)
    try:
        msg = sync_side.browse(b.expect("create"))
        assert msg["args"] == ["working"], "the label must show while the handler runs"
    finally:
        release.set()
    msg = sync_side.browse(b.expect("call", method="set_text"))
    assert msg["args"] == ["done"]


def test_a_query_in_a_handler_is_not_held(sync_side: SyncSide) -> None:
    """A handler waiting for the browser must not wait for its own held output."""
    answers: list[Any] = []

    def build(session: Any) -> None:
        W = session.get_widgets()
        grid = W.GridBox(rows=1, columns=1)
        answers.append(grid.get_widget_at_cell(0, 0))  # a genuine browser query
        sync_side.events.put(("asked",))

    sync_side.build(build)
    b = sync_side.fb.connect(sync_side.ws_url)
    seen = sync_side.browse(b.answer_queries(lambda q: None, count=1))
    assert seen[0]["method"] == "get_widget_at_cell"
    assert sync_side.next_event() == ("asked",)
    assert answers == [None]
