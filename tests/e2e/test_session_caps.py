"""Issue 13: the per-user session cap is refused with a message the page shows (Chromium)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.test_core_hello import GREETING, build_hello, check_hello_works

pytestmark = pytest.mark.browser


def test_per_user_session_cap_shows_a_message(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any]
) -> None:
    app = sync_app(build_hello, max_sessions_per_user=1)
    first = page_factory()
    first.goto(app.url)
    check_hello_works(first)
    second = page_factory()  # another tab: a session of its own, over this user's cap
    second.goto(app.url)
    alert = second.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Not available")
    expect(alert).to_contain_text("as many sessions of this application open as one user may")
    expect(second.get_by_text(GREETING)).to_have_count(0)
    assert len(app.sessions) == 1
    first.get_by_role("button", name="Click me").click()
    expect(first.get_by_text("Clicked 2 times", exact=True)).to_be_visible()
