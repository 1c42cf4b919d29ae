"""The page's Content-Security-Policy in Chromium: its own WebSocket works, others are
blocked (issue 13: ``connect-src`` names the WebSocket in use, not ``ws: wss:``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import free_port
from tests.e2e.test_core_hello import build_hello, check_hello_works

pytestmark = pytest.mark.browser

#: what a script in the page gets when it opens a WebSocket to ``url``
TRY_CONNECT = """(url) => new Promise((resolve) => {
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    violations.push(e.effectiveDirective);
    resolve('blocked by ' + e.effectiveDirective);
  });
  let ws;
  try {
    ws = new WebSocket(url);
  } catch (err) {
    resolve('threw ' + err.name);
    return;
  }
  const done = () => resolve(violations.length ? 'blocked by ' + violations[0] : 'allowed');
  ws.addEventListener('open', done);
  ws.addEventListener('error', done);
})"""

BLOCKED = ("Content Security Policy", "Refused to connect", "WebSocket connection")


@pytest.mark.parametrize("split", [False, True])
def test_page_reaches_its_websocket_and_no_other(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any], split: bool
) -> None:
    app = sync_app(build_hello, **({"http_port": free_port()} if split else {}))
    page = page_factory(allow_errors=BLOCKED)
    page.goto(app.url)
    check_hello_works(page)  # the WebSocket the page was told to use is allowed
    other = app.ws_port + 1 if split else free_port()
    result = page.evaluate(TRY_CONNECT, f"ws://127.0.0.1:{other}/ws")
    assert result == "blocked by connect-src"
    result = page.evaluate(TRY_CONNECT, "wss://evil.example/ws")
    assert result == "blocked by connect-src"
