"""A page whose WebSocket upgrades start being refused says so instead of spinning."""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any

from pgwidgets.auth import TokenAuth


def test_refused_upgrades_show_sign_in_required(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any]
) -> None:
    sessions: queue.Queue[Any] = queue.Queue()

    def build(session: Any) -> None:
        W = session.get_widgets()
        top = W.TopLevel(title="Guarded")
        top.set_widget(W.Label("signed in"))
        top.show()
        sessions.put(session)

    app = sync_app(build, auth=TokenAuth())
    # the refused upgrades themselves are logged by Chromium as console errors
    page = page_factory(allow_errors=("WebSocket", "401"))
    page.goto(app.url)  # #token=... -> cookie, token leaves the URL
    page.get_by_text("signed in").wait_for()
    session = sessions.get(timeout=10)

    page.context.clear_cookies()  # the login is gone (expired, logged out)
    session.close()  # the server drops the socket: reconnects now get 401
    page.get_by_text("Sign-in required").wait_for(timeout=20_000)
    assert page.get_by_role("button", name="Start a new session").is_visible()
    assert page.locator(".pgw-reconnecting").count() == 0
