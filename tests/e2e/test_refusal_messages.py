"""A refused connection says why and what to change, never "Connecting..." forever.

Issue 18 ("The guide's own programs") and issue 13 (findings 2 and 3): a page whose origin
or host name the WebSocket's server refuses cannot see the 403 of the upgrade, so it asks
the server (``?pgwidgets_why``) after a few failures and shows the answer. The DNS-rebinding
cases are in test_dns_rebinding.py (a Chromium of their own).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

from pgwidgets.auth import TokenAuth
from tests.e2e.test_auth_e2e import _ExternalSite

pytestmark = pytest.mark.browser


def build(session: Any) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Guarded")
    top.set_widget(Widgets.Label("the application"))
    top.show()


@pytest.fixture
def external_site() -> Iterator[Any]:
    """``external_site(html)`` -> base URL of a plain server serving that page + files."""
    servers: list[ThreadingHTTPServer] = []

    def make(html: str) -> str:
        handler = type("Site", (_ExternalSite,), {"html": html.encode()})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield make
    for server in servers:
        server.shutdown()
        server.server_close()


def test_refused_origin_says_what_to_list(
    sync_app: Any, page_factory: Any, external_site: Any
) -> None:
    """WebSocket-only with auth: the page's origin is not listed."""
    app = sync_app(build, http_server=False, auth=TokenAuth())
    site = external_site(app.render_remote_html(ws_url=f"ws://127.0.0.1:{app.ws_port}/"))
    page = page_factory(allow_errors=("WebSocket", "501"))
    page.goto(f"{site}#token={app.auth.token}")
    alert = page.get_by_role("alert").filter(has_text="Connection refused")
    alert.wait_for(timeout=20_000)
    assert f'allowed_origins=["{site[:-1]}"]' in alert.inner_text()
    assert page.locator(".pgw-reconnecting").count() == 0
    assert app.sessions == {}
