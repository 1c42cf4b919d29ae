"""``?ws=`` in the page URL (issue 13, finding 1): obeyed only for a trusted origin.

A link can carry ``?ws=``, so an attacker could point our page at their own WebSocket
server: it would show their UI in our origin and receive what the user types, the tab's
reconnect credential and, in WebSocket-only mode, the access token. A second WebSocket
server on another port plays the attacker: it records every request and frame it gets,
and must get nothing, while the page says why it did not connect. The Caddy recipe's
same-origin ``?ws=`` and an origin the server lists in ``ws_origins`` still work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

import pytest
from aiohttp import web

from pgwidgets.auth import TokenAuth
from pgwidgets.sync.loop_thread import LoopThread
from tests.conftest import free_port
from tests.e2e.test_auth_e2e import _ExternalSite

pytestmark = pytest.mark.browser


def build(session: Any) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Real")
    top.set_widget(Widgets.Label("the real application"))
    top.show()


@dataclass
class Rogue:
    """A WebSocket server on another port that records everything it is sent."""

    url: str
    origin: str
    requests: list[dict[str, str]] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)

    @property
    def reached(self) -> bool:
        return bool(self.requests or self.frames)


@pytest.fixture
def rogue() -> Iterator[Rogue]:
    loop = LoopThread("rogue-ws")
    record: Rogue | None = None

    async def handler(request: web.Request) -> web.StreamResponse:
        assert record is not None
        record.requests.append(dict(request.headers))
        ws = web.WebSocketResponse(protocols=("pgwidgets",))
        await ws.prepare(request)
        async for msg in ws:
            record.frames.append(str(msg.data))
        return ws

    async def start() -> tuple[web.AppRunner, int]:
        app = web.Application()
        app.router.add_get("/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        return runner, runner.addresses[0][1]

    runner, port = loop.submit(start(), 10)
    record = Rogue(f"ws://127.0.0.1:{port}/", f"http://127.0.0.1:{port}")
    yield record
    loop.submit(runner.cleanup(), 10)
    loop.stop()


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


def test_foreign_ws_param_refused_and_nothing_sent(sync_app: Any, page: Any, rogue: Rogue) -> None:
    """Built-in server: the tab has reconnect credentials; a link points at the rogue."""
    app = sync_app(build)
    page.goto(app.url)
    page.get_by_text("the real application").wait_for()
    assert page.evaluate("sessionStorage.getItem('pgwidgets_session_token')")
    page.goto(f"{app.url}?ws={rogue.url}")  # same tab: the same sessionStorage
    page.get_by_role("alert").filter(has_text="Link refused").wait_for()
    page.get_by_text("ws_origins").wait_for()  # says what to change
    assert page.evaluate("window.pgwidgets.connection.ws") is None
    assert not rogue.reached, rogue


def test_ws_only_token_never_sent_to_a_foreign_ws_param(
    sync_app: Any, page: Any, rogue: Rogue, external_site: Any
) -> None:
    """WebSocket-only: the access token would travel as a subprotocol to ``?ws=``."""
    app = sync_app(build, http_server=False, auth=TokenAuth())
    site = external_site(app.render_remote_html(ws_url=f"ws://127.0.0.1:{app.ws_port}/"))
    page.goto(f"{site}?token={app.auth.token}&ws={rogue.url}")
    page.get_by_role("alert").filter(has_text="Link refused").wait_for()
    assert not rogue.reached, rogue
    assert app.sessions == {}


@pytest.mark.parametrize("spelling", ["ws://evil.example/", "javascript:alert(1)", "//127.0.0.2/"])
def test_other_spellings_refused(sync_app: Any, page: Any, spelling: str) -> None:
    app = sync_app(build)
    page.goto(f"{app.url}?ws={spelling}")
    page.get_by_role("alert").filter(has_text="Link refused").wait_for()
    assert app.sessions == {}


def test_same_origin_ws_param_works(sync_app: Any, page: Any) -> None:
    """What the Caddy recipe does: ``?ws=`` naming the page's own origin."""
    app = sync_app(build)
    page.goto(f"{app.url}?ws=ws://127.0.0.1:{app.ws_port}/ws")
    page.get_by_text("the real application").wait_for()


def test_listed_ws_origin_works(sync_app: Any, page: Any) -> None:
    """``ws_origins`` lists another WebSocket server the page may be pointed at."""
    port = free_port()
    other = sync_app(build_other, allowed_origins=[f"http://127.0.0.1:{port}"])
    app = sync_app(build, ws_port=port, ws_origins=[f"ws://127.0.0.1:{other.ws_port}"])
    page.goto(f"{app.url}?ws=ws://127.0.0.1:{other.ws_port}/ws")
    page.get_by_text("the other application").wait_for()
    assert other.sessions and not app.sessions


def build_other(session: Any) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Other")
    top.set_widget(Widgets.Label("the other application"))
    top.show()
