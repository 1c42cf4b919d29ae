"""Handshake, credentials, reconnect and rebuild, limits: a scripted browser vs the server."""

from __future__ import annotations

import asyncio
from typing import Any

from pgwidgets.server.websocket import CLOSE_FULL, CLOSE_SESSION_ENDED
from tests.protocol.fake_browser import FakeBrowser


async def build_ui(session: Any) -> None:
    W = session.get_widgets()
    top = await W.TopLevel(title="T")
    box = await W.VBox()
    await top.set_widget(box)
    for i in range(5):
        await box.add_widget(await W.Label(f"l{i}"))
    await top.show()


async def test_hello_gets_welcome_with_server_made_credentials(serve: Any) -> None:
    s = await serve()
    b = await FakeBrowser.connect(s.ws_url)
    w = b.welcome
    assert w["protocol"] == 1 and w["resumed"] is False
    assert len(w["session_id"]) >= 22 and len(w["token"]) >= 43
    assert list(s.app.sessions) == [w["session_id"]]
    assert (await b.next())["type"] == "reset"
    await b.close()


async def test_ui_built_in_one_turn_arrives_as_one_frame(serve: Any) -> None:
    s = await serve(build_ui)
    b = await FakeBrowser.connect(s.ws_url)
    await b.expect("reset")
    frame = await b.frame()
    types = [m["type"] for m in frame]
    assert types.count("create") == 7, frame
    assert types[-1] == "call" and frame[-1]["method"] == "show"
    await b.close()


async def test_reconnect_resumes_and_rebuilds_in_one_frame(serve: Any) -> None:
    opened: list[Any] = []

    async def build(session: Any) -> None:
        opened.append(session)
        await build_ui(session)

    s = await serve(build)
    a = await FakeBrowser.connect(s.ws_url)
    await a.expect("call", method="show")
    sid, token = a.welcome["session_id"], a.welcome["token"]
    await a.close()
    b = await FakeBrowser.connect(s.ws_url, session_id=sid, token=token)
    assert b.welcome["resumed"] is True and b.welcome["session_id"] == sid
    first = b.frames[0]
    types = [m["type"] for m in first]
    assert types[:2] == ["welcome", "reset"]
    methods = [m.get("method") for m in first]
    assert types.count("create") == 7 and "show" in methods, (
        "welcome and the whole rebuild come in one frame"
    )
    # the rebuild ends with the windows' stacking order (protocol/stacking.py)
    assert first[-1]["method"] == "raise_"
    assert len(opened) == 1, "on_connect runs for new sessions only"
    await b.close()


async def test_foreign_credentials_get_a_new_session(serve: Any) -> None:
    s = await serve()
    a = await FakeBrowser.connect(s.ws_url)
    sid = a.welcome["session_id"]
    forged = await FakeBrowser.connect(s.ws_url, session_id=sid, token="guessed")
    assert forged.welcome["resumed"] is False
    assert forged.welcome["session_id"] != sid and forged.welcome["token"] != "guessed"
    planted = await FakeBrowser.connect(s.ws_url, session_id="777", token="mytoken")
    assert planted.welcome["session_id"] != "777"
    assert "777" not in s.app.sessions and len(s.app.sessions) == 3
    for b in (a, forged, planted):
        await b.close()


async def test_second_browser_joins_without_disturbing_the_first(serve: Any) -> None:
    s = await serve(build_ui)
    a = await FakeBrowser.connect(s.ws_url)
    await a.expect("call", method="show")
    b = await FakeBrowser.connect(
        s.ws_url, session_id=a.welcome["session_id"], token=a.welcome["token"]
    )
    assert b.welcome["resumed"] is True
    session = s.app.sessions[a.welcome["session_id"]]
    assert len(session.connections) == 2
    label = [w for w in session.walk_widget_tree() if type(w).__name__ == "Label"][0]
    await label.set_text("both")
    for browser in (a, b):
        msg = await browser.expect("call", method="set_text")
        assert msg["args"] == ["both"]
    assert not any(m["type"] in ("reset", "welcome") for m in a.log[2:]), (
        "A was not rebuilt when B joined"
    )
    await a.close()
    await b.close()


async def test_max_sessions_refuses_with_4003_and_leaves_others_alone(serve: Any) -> None:
    s = await serve(build_ui, max_sessions=1)
    a = await FakeBrowser.connect(s.ws_url)
    await a.expect("call", method="show")
    extra = await FakeBrowser.open(s.ws_url)
    await extra.hello()
    refused = await extra.expect("refused")
    assert refused["reason"] == "full" and refused["message"]
    assert await extra.wait_closed() == CLOSE_FULL
    assert len(s.app.sessions) == 1
    # the first browser still works, and may reconnect (a resume is not a new session)
    session = next(iter(s.app.sessions.values()))
    await session.set_theme("dark")
    assert (await a.expect("page"))["args"] == ["dark"]
    await a.close()
    again = await FakeBrowser.connect(
        s.ws_url, session_id=a.welcome["session_id"], token=a.welcome["token"]
    )
    assert again.welcome["resumed"] is True
    await again.close()
    await extra.close()


async def test_first_message_must_be_hello(serve: Any) -> None:
    s = await serve()
    b = await FakeBrowser.open(s.ws_url)
    await b.send({"type": "callback", "wid": 1, "action": "x", "args": []})
    err = await b.expect("error")
    assert "hello" in err["error"]
    assert await b.wait_closed() == 1002
    assert s.app.sessions == {}
    await b.close()


async def test_session_kept_for_timeout_then_destroyed(serve: Any) -> None:
    s = await serve(build_ui, session_timeout=0.2)
    a = await FakeBrowser.connect(s.ws_url)
    sid = a.welcome["session_id"]
    await a.expect("call", method="show")
    session = s.app.sessions[sid]
    widgets = list(session.walk_widget_tree())
    gone = asyncio.get_running_loop().create_future()
    orig = s.app._destroy_session

    def spy(sess: Any, **kw: Any) -> None:
        orig(sess, **kw)
        if not gone.done():
            gone.set_result(sess)

    s.app._destroy_session = spy  # type: ignore[method-assign]
    # "kept at first" is read when the server handles the close (not after a.close()
    # returns: on a loaded machine 0.2 s may have passed by then)
    kept_at_close: list[bool] = []
    orig_closed = s.app._connection_closed

    def closed_spy(sess: Any) -> None:
        orig_closed(sess)
        kept_at_close.append(sid in s.app.sessions and sess._expiry is not None)

    s.app._connection_closed = closed_spy  # type: ignore[method-assign]
    await a.close()
    assert kept_at_close == [True], "kept for a reconnect at first, its expiry armed"
    assert await asyncio.wait_for(gone, 5) is session
    assert s.app.sessions == {}
    assert session.closed and all(w.wid is None for w in widgets)
    # the old credentials are told their session ended (the page offers a new one) ...
    old = await FakeBrowser.open(s.ws_url)
    await old.hello(session_id=sid, token=a.welcome["token"])
    assert await old.wait_closed() == CLOSE_SESSION_ENDED
    await old.close()
    # ... and a browser without credentials gets a new session
    b = await FakeBrowser.connect(s.ws_url)
    assert b.welcome["resumed"] is False and b.welcome["session_id"] != sid
    await b.close()


async def test_reconnect_within_timeout_cancels_expiry(serve: Any) -> None:
    # a timeout no loaded machine can overrun between the close and the reconnect
    s = await serve(build_ui, session_timeout=300)
    a = await FakeBrowser.connect(s.ws_url)
    await a.close()
    b = await FakeBrowser.connect(
        s.ws_url, session_id=a.welcome["session_id"], token=a.welcome["token"]
    )
    assert b.welcome["resumed"] is True
    session = s.app.sessions[a.welcome["session_id"]]
    assert session._expiry is None
    await b.close()
