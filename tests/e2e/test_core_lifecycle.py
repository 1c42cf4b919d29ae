"""What the user sees when the server says no, goes away, or ends the session.

* more browsers than ``max_sessions``: a visible message, not a blank page;
* the server process dies: a "reconnecting" indicator, gone once it is back (the hello
  examples run as real processes, killed and restarted on the same port);
* ``session_timeout`` expires while the browser is away: "Session ended".
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import free_port
from tests.e2e.test_core_hello import GREETING, build_hello, check_hello_works

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
#: Chromium itself logs failed WebSocket handshakes while the server is down, and the
#: page's occasional access probe (is the upgrade refused, or is the server away?)
WS_REFUSED = ("WebSocket connection to", "net::ERR_CONNECTION_REFUSED")


def test_max_sessions_exceeded_shows_a_message(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any]
) -> None:
    app = sync_app(build_hello, max_sessions=1)
    first = page_factory()
    first.goto(app.url)
    check_hello_works(first)
    second = page_factory()
    second.goto(app.url)
    alert = second.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Not available")
    expect(alert).to_contain_text("as many sessions as it allows")
    expect(second.get_by_text(GREETING)).to_have_count(0)
    assert len(app.sessions) == 1
    # the first browser is not disturbed
    first.get_by_role("button", name="Click me").click()
    expect(first.get_by_text("Clicked 2 times", exact=True)).to_be_visible()


class Example:
    """One hello example running as a real process on a fixed port."""

    def __init__(self, script: str, port: int) -> None:
        self.script = script
        self.port = port
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "examples" / self.script), "--port", str(self.port)],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.proc = proc
        ready: queue.Queue[str] = queue.Queue()

        def read() -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                if "in a browser" in line:
                    ready.put(line)
            ready.put("")

        threading.Thread(target=read, daemon=True).start()
        try:
            line = ready.get(timeout=20)
        except queue.Empty:
            raise AssertionError(f"{self.script} did not start within 20 s") from None
        assert line, f"{self.script} exited early (code {proc.poll()})"

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture(params=["hello.py", "hello_async.py"])
def example(request: Any) -> Iterator[Example]:
    ex = Example(request.param, free_port())
    yield ex
    ex.kill()


def test_reconnecting_indicator_while_server_is_away(
    example: Example, page_factory: Callable[..., Any]
) -> None:
    page = page_factory(allow_errors=WS_REFUSED)
    example.start()
    page.goto(f"http://127.0.0.1:{example.port}/")
    check_hello_works(page)
    indicator = page.locator(".pgw-reconnecting")
    expect(indicator).to_have_count(0)

    example.kill()
    expect(indicator).to_be_visible()
    expect(indicator).to_contain_text("reconnecting")
    expect(indicator).to_have_attribute("role", "status")

    example.start()
    expect(indicator).to_have_count(0, timeout=15_000)
    # the restarted server knows nothing of the old session: a fresh UI, fully working
    expect(page.get_by_text(GREETING)).to_be_visible()
    assert page.locator(".pgw-top-level").count() == 1
    page.get_by_role("button", name="Click me").click()
    expect(page.get_by_text("Clicked 1 time", exact=True)).to_be_visible()


def test_session_timeout_expiry_shows_session_ended(
    sync_app: Callable[..., Any], page: Any
) -> None:
    sessions: queue.Queue[Any] = queue.Queue()

    def build(session: Any) -> None:
        build_hello(session)
        sessions.put(session)

    app = sync_app(build, session_timeout=0)
    page.goto(app.url)
    check_hello_works(page)
    session = sessions.get(timeout=10)
    # drop the connection (as a network outage would); with session_timeout=0 the session
    # expires at once, so the page's reconnect presents credentials that are no longer valid
    session.close()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Session ended")
    expect(page.get_by_role("button", name="Start a new session")).to_be_visible()
    assert app.sessions == {}
    # starting over gives a fresh, working session
    page.get_by_role("button", name="Start a new session").click()
    check_hello_works(page)
    assert len(app.sessions) == 1 and session.id not in app.sessions
