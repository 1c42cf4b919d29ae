"""DNS rebinding in Chromium (issue 13, finding 3).

A Chromium of this module's own resolves ``rebind.evil.example`` to 127.0.0.1, as the
attacker's DNS would after rebinding: the page and the WebSocket are then same-origin to
the attacker's name. The Host allow-list refuses both, and the page says what to change.
Not with the shared ``browser`` fixture: the resolver rule is a browser-wide flag.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.test_refusal_messages import build, external_site

pytestmark = pytest.mark.browser

REBIND = "rebind.evil.example"
__all__ = ["external_site"]  # the fixture, shared


@pytest.fixture
def rebinding_page() -> Iterator[Any]:
    """A page in a Chromium where ``rebind.evil.example`` resolves to 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {REBIND} 127.0.0.1"],
        )
        page = browser.new_page()
        page.set_default_timeout(20_000)
        yield page
        browser.close()


def test_dns_rebinding_page_is_refused(sync_app: Any, rebinding_page: Any) -> None:
    app = sync_app(build)
    response = rebinding_page.goto(f"http://{REBIND}:{app.ws_port}/")
    assert response.status == 403
    rebinding_page.get_by_text("Unknown host name").wait_for()
    rebinding_page.get_by_text("allowed_hosts").wait_for()
    assert app.sessions == {}


def test_dns_rebinding_websocket_only_says_why(
    sync_app: Any, rebinding_page: Any, external_site: Any
) -> None:
    """The page is elsewhere; its WebSocket URL names the rebinding host."""
    app = sync_app(build, http_server=False)
    site = external_site(app.render_remote_html(ws_url=f"ws://{REBIND}:{app.ws_port}/"))
    rebinding_page.goto(site)
    alert = rebinding_page.get_by_role("alert").filter(has_text="Unknown host name")
    alert.wait_for()
    assert f"allowed_hosts=['{REBIND}']" in alert.inner_text()
    assert app.sessions == {}
