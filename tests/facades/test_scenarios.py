"""The same scenarios against pgwidgets.sync and pgwidgets.async_ (parametrised ``side``)."""

from __future__ import annotations

import inspect
import logging
import threading
from typing import Any

import pytest

from pgwidgets.exceptions import ConnectionClosed, QueryTimeout, RemoteError
from tests.facades.conftest import AsyncSide, Side, SyncSide


def test_setters_send_without_waiting_and_getters_read_python_state(side: Side) -> None:
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        W = session.get_widgets()
        made["label"] = label = W.Label("one")
        label.set_text("two")
        made["entry"] = W.TextEntry("x")

    side.build(build)
    b, session = side.connect()
    call = side.browse(b.expect("call", method="set_text"))
    assert call["args"] == ["two"]
    assert made["label"].get_text() == "two"
    assert made["entry"].get_text() == "x"
    # the browser reports typing: Python state follows, the getter needs no round trip
    side.browse(b.callback(made["entry"].wid, "activated", "typed"))
    side.browse(b.send({"type": "viewport", "width": 300, "height": 200}))
    assert _wait_for(lambda: made["entry"].get_text() == "typed")
    # a frame of its own: wait for it too, not only for the one before it
    assert _wait_for(lambda: session.get_screen_size() == (300, 200))


def _wait_for(cond: Any, timeout: float = 5.0) -> bool:
    """Wait on a condition with an event-based poll (no fixed sleeps)."""
    ev = threading.Event()
    end = threading.Event()
    timer = threading.Timer(timeout, end.set)
    timer.start()
    try:
        while not end.is_set():
            if cond():
                return True
            ev.wait(0.01)
        return bool(cond())
    finally:
        timer.cancel()


def test_handler_arguments(side: Side) -> None:
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        W = session.get_widgets()
        made["e"] = entry = W.TextEntry("")
        entry.on("activated", side.record("on"), "extra")
        entry.add_callback("activated", side.record("add"), 7)

    side.build(build)
    b, _ = side.connect()
    side.browse(b.callback(made["e"].wid, "activated", "hello"))
    events = sorted([side.next_event(), side.next_event()], key=lambda e: e[0])
    assert events[0][0] == "add" and events[0][2:] == (made["e"], "hello", 7)
    assert events[1][0] == "on" and events[1][2:] == ("hello", "extra")


def test_handlers_never_run_on_the_loop_thread_and_keep_order(side: Side) -> None:
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        made["e"] = entry = session.get_widgets().TextEntry("")
        entry.on("activated", side.record("h"))

    side.build(build)
    b, _ = side.connect()
    for i in range(20):
        side.browse(b.callback(made["e"].wid, "activated", str(i)))
    events = [side.next_event() for _ in range(20)]
    assert [e[2] for e in events] == [str(i) for i in range(20)]
    threads = {e[1] for e in events}
    if side.api == "sync":
        assert len(threads) == 1, "per_session: one thread per session"
        assert threads.pop().name != "pgwidgets-loop"
    else:
        assert threads == {side._thread}  # type: ignore[attr-defined]


def test_handler_exception_is_logged_and_session_goes_on(side: Side, caplog: Any) -> None:
    made: dict[str, Any] = {}

    def boom(*args: Any) -> None:
        raise ValueError("handler failed on purpose")

    def build(session: Any) -> None:
        made["b"] = btn = session.get_widgets().Button("go")
        btn.on("activated", boom)
        btn.on("activated", side.record("after"))

    side.build(build)
    b, _ = side.connect()
    with caplog.at_level(logging.ERROR):
        side.browse(b.callback(made["b"].wid, "activated"))
        assert side.next_event()[0] == "after"
        side.browse(b.callback(made["b"].wid, "activated"))
        assert side.next_event()[0] == "after"
    failures = [
        r
        for r in caplog.records
        if "handler failed on purpose" in str(r.exc_info[1] if r.exc_info else "")
    ]
    assert len(failures) == 2 and failures[0].exc_info is not None


def test_query_answered_by_browser(side: Side) -> None:
    made: dict[str, Any] = {}
    side.build(lambda s: made.setdefault("b", s.get_widgets().Button("q")))
    b, _ = side.connect()
    fut = _in_thread(lambda: side.do(made["b"].get_position))
    q = side.browse(b.expect("query", method="get_position"))
    assert q["wid"] == made["b"].wid
    side.browse(b.result(q["id"], [12, 34]))
    assert fut.result() == [12, 34]


def test_query_reference_resolves_to_proxy(side: Side) -> None:
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        W = session.get_widgets()
        made["b"] = W.Button("q")
        made["l"] = W.Label("ref")

    side.build(build)
    b, _ = side.connect()
    fut = _in_thread(lambda: side.do(made["b"].get_position))
    q = side.browse(b.expect("query"))
    value = [{"__wid__": made["l"].wid}, {"__wid__": made["l"].wid, "x": 1}, {"__wid__": "1"}]
    side.browse(b.result(q["id"], value))
    got = fut.result()
    assert got[0] is made["l"]
    assert got[1] == {"__wid__": made["l"].wid, "x": 1}, "only pure references resolve"
    assert got[2] == {"__wid__": "1"}


def test_query_fails_with_remote_error(side: Side) -> None:
    made: dict[str, Any] = {}
    side.build(lambda s: made.setdefault("b", s.get_widgets().Button("q")))
    b, _ = side.connect()
    fut = _in_thread(lambda: side.do(made["b"].get_position))
    q = side.browse(b.expect("query"))
    side.browse(
        b.send({"type": "error", "id": q["id"], "error": "TypeError: no", "stack": "at f (x.js:1)"})
    )
    with pytest.raises(RemoteError) as info:
        fut.result()
    assert info.value.remote_message == "TypeError: no"
    assert info.value.remote_stack == "at f (x.js:1)"


def test_disconnect_while_query_waits_raises_connection_closed(side: Side) -> None:
    made: dict[str, Any] = {}
    side.build(lambda s: made.setdefault("b", s.get_widgets().Button("q")))
    b, _ = side.connect()
    fut = _in_thread(lambda: side.do(made["b"].get_position))
    side.browse(b.expect("query"))
    side.browse(b.close())
    with pytest.raises(ConnectionClosed):
        fut.result()


def test_query_times_out(make_side: Any) -> None:
    side = make_side(query_timeout=0.2)
    made: dict[str, Any] = {}
    side.build(lambda s: made.setdefault("b", s.get_widgets().Button("q")))
    b, _ = side.connect()
    with pytest.raises(QueryTimeout, match="get_position"):
        side.do(made["b"].get_position)
    # a late answer is ignored with an error reply, the session lives on
    q = side.browse(b.expect("query"))
    side.browse(b.result(q["id"], 1))
    assert "no query" in side.browse(b.expect("error"))["error"]


def test_query_without_browser_returns_none(side: Side) -> None:
    session = side.app.create_session()
    btn = session.get_widgets().Button("headless")
    assert side.do(btn.get_position) is None


def test_query_from_a_handler(side: Side) -> None:
    """Sync: a handler may block on a query (it runs off the loop). Async: it awaits."""
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        btn = made["b"] = session.get_widgets().Button("q")
        if side.api == "sync":

            def handler() -> None:
                side.events.put(("pos", btn.get_position()))
        else:

            async def handler() -> None:  # type: ignore[misc]
                side.events.put(("pos", await btn.get_position()))

        btn.on("activated", handler)

    side.build(build)
    b, _ = side.connect()
    side.browse(b.callback(made["b"].wid, "activated"))
    q = side.browse(b.expect("query"))
    side.browse(b.result(q["id"], [1, 2]))
    assert side.next_event() == ("pos", [1, 2])


def test_query_from_a_handler_with_no_browser_returns_none(side: Side) -> None:
    """The handler's browser left before the query: None, as for headless sessions."""
    made: dict[str, Any] = {}
    gate = threading.Event()

    def build(session: Any) -> None:
        btn = made["b"] = session.get_widgets().Button("q")
        if side.api == "sync":

            def handler() -> None:
                gate.wait(5)
                side.events.put(("pos", btn.get_position()))
        else:

            async def handler() -> None:  # type: ignore[misc]
                side.events.put(("pos", await btn.get_position()))

        btn.on("activated", handler)

    side.build(build)
    b, session = side.connect()
    if side.api == "sync":
        side.browse(b.callback(made["b"].wid, "activated"))
        side.browse(b.close())
        assert _wait_for(lambda: not session.is_connected)
        gate.set()
        assert side.next_event() == ("pos", None)
    else:
        side.browse(b.close())
        assert _wait_for(lambda: not session.is_connected)
        assert side.do(made["b"].get_position) is None


def test_async_handlers_may_be_coroutines() -> None:
    side = AsyncSide()
    try:
        _coroutine_handler_scenario(side)
    finally:
        side.close()


def _coroutine_handler_scenario(side: Side) -> None:
    made: dict[str, Any] = {}

    async def handler(text: str) -> None:
        await made["l"].set_text(text.upper())
        side.events.put(("done", made["l"].get_text()))

    def build(session: Any) -> None:
        W = session.get_widgets()
        made["e"], made["l"] = W.TextEntry(""), W.Label("")
        made["e"].on("activated", handler)

    side.build(build)
    b, _ = side.connect()
    side.browse(b.callback(made["e"].wid, "activated", "abc"))
    assert side.next_event() == ("done", "ABC")
    assert side.browse(b.expect("call", method="set_text", wid=made["l"].wid))["args"] == ["ABC"]


def test_coroutine_handler_in_sync_api_is_reported(caplog: Any) -> None:
    side = SyncSide()
    try:
        _sync_coroutine_scenario(side, caplog)
    finally:
        side.close()


def _sync_coroutine_scenario(side: Side, caplog: Any) -> None:
    made: dict[str, Any] = {}

    async def handler() -> None:  # a mistake in the sync API
        side.events.put(("ran",))

    def build(session: Any) -> None:
        made["b"] = session.get_widgets().Button("x")
        made["b"].on("activated", handler)
        made["b"].on("activated", side.record("next"))

    side.build(build)
    b, _ = side.connect()
    with caplog.at_level(logging.ERROR):
        side.browse(b.callback(made["b"].wid, "activated"))
        assert side.next_event()[0] == "next"
    assert any("coroutine" in r.getMessage() for r in caplog.records)
    assert inspect.iscoroutinefunction(handler)


def _in_thread(fn: Any) -> Any:
    """Run a (blocking) call on a helper thread; returns a concurrent Future."""
    import concurrent.futures

    fut: concurrent.futures.Future[Any] = concurrent.futures.Future()

    def run() -> None:
        try:
            fut.set_result(fn())
        except BaseException as exc:  # handed to the test
            fut.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return _Timed(fut)


class _Timed:
    def __init__(self, fut: Any) -> None:
        self.fut = fut

    def result(self) -> Any:
        return self.fut.result(timeout=10)
