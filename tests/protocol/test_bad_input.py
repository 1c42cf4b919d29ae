"""Issue 13, finding 9: every malformed frame gets a protocol error, nothing internal leaks,
and the other sessions (and the sender's own session) lose nothing.

Over a real WebSocket with the fake browser.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from pgwidgets.protocol.messages import MAX_DEPTH
from pgwidgets.protocol.session import SessionCore
from tests.protocol.fake_browser import FakeBrowser

HUGE_INT = "9" * 5000
DEEP = "[" * 100_000 + "]" * 100_000

BAD_HELLOS = {
    "huge-int": '{"type":"hello","width":' + HUGE_INT + "}",
    "deep-recursion": '{"type":"hello","x":' + DEEP + "}",
    "deep-but-parsable": '{"type":"hello","x":' + "[" * 200 + "]" * 200 + "}",
}


async def build_ui(session: Any) -> None:
    w = session.get_widgets()
    top = await w.TopLevel(title="t")
    await top.set_widget(await w.Label("hi"))
    await top.show()


def no_server_errors(caplog: Any) -> None:
    """Nothing was logged as an unexpected failure (aiohttp logs those at ERROR)."""
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


@pytest.mark.parametrize("name", sorted(BAD_HELLOS))
async def test_bad_hello_gets_a_protocol_error(serve: Any, caplog: Any, name: str) -> None:
    s = await serve(build_ui)
    other = await FakeBrowser.connect(s.ws_url)
    await other.expect("call", method="show")
    b = await FakeBrowser.open(s.ws_url)
    await b.send_raw(BAD_HELLOS[name])
    err = await b.expect("error")
    assert err["error"].startswith("frame ")  # the protocol's own words
    assert await b.wait_closed() == 1002
    assert len(s.app.sessions) == 1
    no_server_errors(caplog)
    # the open session did not notice
    session = next(iter(s.app.sessions.values()))
    await session.set_theme("dark")
    assert (await other.expect("page"))["args"] == ["dark"]
    await other.close()
    await b.close()


@pytest.mark.parametrize(
    "frame",
    [
        '{"type":"viewport","width":' + HUGE_INT + ',"height":1}',
        '{"type":"result","id":1,"value":' + DEEP + "}",
        '{"type":"callback","wid":1,"action":"x","args":'
        + "[" * (MAX_DEPTH + 5)
        + "]" * (MAX_DEPTH + 5)
        + "}",
    ],
    ids=["huge-int", "deep-recursion", "too-deep"],
)
async def test_bad_frame_in_a_session_is_answered_and_the_session_goes_on(
    serve: Any, caplog: Any, frame: str
) -> None:
    s = await serve(build_ui)
    b = await FakeBrowser.connect(s.ws_url)
    await b.expect("call", method="show")
    await b.send_raw(frame)
    err = await b.expect("error")
    assert err["error"].startswith("frame ")
    no_server_errors(caplog)
    session = next(iter(s.app.sessions.values()))
    await session.set_theme("dark")  # the same connection still works
    assert (await b.expect("page"))["args"] == ["dark"]
    await b.close()


async def test_internal_error_text_is_never_sent(serve: Any, caplog: Any, monkeypatch: Any) -> None:
    real = SessionCore.receive_text

    def failing(self: SessionCore, conn: Any, text: str) -> Any:
        if "boom" in text:
            raise RuntimeError("secret detail /srv/app/config.py")
        return real(self, conn, text)

    monkeypatch.setattr(SessionCore, "receive_text", failing)
    s = await serve(build_ui)
    b = await FakeBrowser.connect(s.ws_url)
    await b.expect("call", method="show")
    for _ in range(3):
        await b.send({"type": "error", "error": "boom"})
        err = await b.expect("error")
        assert "secret" not in err["error"] and "RuntimeError" not in err["error"]
        assert "server log" in err["error"]
    logged = [r for r in caplog.records if "failed to handle" in r.getMessage()]
    assert len(logged) == 1, "the failure is logged once, not per frame"
    assert "secret detail" in caplog.text  # the log keeps what the browser was not told
    await b.close()
