"""Every way to reach the WebSocket, each checked with a real click round trip in Chromium.

Shared port, split ports, ``?ws=``, ``window.PGWIDGETS_WS_URL`` injected by another server,
the app mounted under ``/gui/`` in a parent aiohttp app, and https with a self-signed
certificate made here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiohttp import web

from tests.certs import server_context as self_signed_context
from tests.conftest import free_port
from tests.e2e.test_core_hello import ThreadedServer, build_hello, check_hello_works

pytestmark = pytest.mark.browser


def ws_url_of(page: Any) -> str:
    """The WebSocket URL the page chose."""
    return page.evaluate("window.pgwidgets.connection.url")


@pytest.fixture
def servers() -> Iterator[Callable[..., ThreadedServer]]:
    """Factory for extra aiohttp servers (static pages, a parent app); all stopped after."""
    started: list[ThreadedServer] = []

    def make(web_app: web.Application, ssl_context: Any = None) -> ThreadedServer:
        server = ThreadedServer(web_app, ssl_context)
        started.append(server)
        return server

    yield make
    for server in reversed(started):
        server.stop()


def static_site(static: Path, index_html: str | None = None) -> web.Application:
    """A plain server for the widget library, as an external web server would be."""
    site = web.Application()
    if index_html is not None:

        async def index(_: web.Request) -> web.Response:
            return web.Response(text=index_html, content_type="text/html")

        site.router.add_get("/", index)
    site.router.add_static("/", static)
    return site


def test_shared_port(sync_app: Callable[..., Any], page: Any) -> None:
    app = sync_app(build_hello)
    assert app.http_port == app.ws_port
    page.goto(app.url)
    check_hello_works(page)
    assert urlsplit(ws_url_of(page)).port == app.ws_port


def test_split_ports(sync_app: Callable[..., Any], page: Any) -> None:
    app = sync_app(build_hello, http_port=free_port())
    assert app.http_port != app.ws_port
    assert urlsplit(app.url).port == app.http_port
    page.goto(app.url)
    check_hello_works(page)
    assert urlsplit(ws_url_of(page)).port == app.ws_port


def test_ws_query_parameter(
    sync_app: Callable[..., Any], page: Any, servers: Callable[..., ThreadedServer]
) -> None:
    """``?ws=`` naming another origin is obeyed only when the page lists it (issue 13):
    the served page carries ``ws_origins`` from ``render_remote_html``; the bare file
    refuses the same link."""
    port = free_port()
    ws = f"ws://127.0.0.1:{port}/"
    app = sync_app(build_hello, http_server=False, ws_port=port, ws_origins=[ws])
    assert app.url is None
    pages = servers(static_site(app.static_path, index_html=app.render_remote_html()))
    page.goto(f"http://127.0.0.1:{pages.port}/?ws={ws}")
    check_hello_works(page)
    assert ws_url_of(page) == ws
    page.goto(f"http://127.0.0.1:{pages.port}/remote.html?ws={ws}")
    page.get_by_role("alert").filter(has_text="Link refused").wait_for()


def test_window_pgwidgets_ws_url(
    sync_app: Callable[..., Any], page: Any, servers: Callable[..., ThreadedServer]
) -> None:
    app = sync_app(build_hello, http_server=False)
    ws = f"ws://127.0.0.1:{app.ws_port}/"
    html = app.remote_html.read_text(encoding="utf-8").replace(
        "<head>", f'<head>\n<script>window.PGWIDGETS_WS_URL = "{ws}";</script>', 1
    )
    assert ws in html
    pages = servers(static_site(app.static_path, index_html=html))
    page.goto(f"http://127.0.0.1:{pages.port}/")
    check_hello_works(page)
    assert ws_url_of(page) == ws


def test_mounted_as_sub_app(
    sync_app: Callable[..., Any], page: Any, servers: Callable[..., ThreadedServer]
) -> None:
    from pgwidgets.sync import Application

    app = Application(ws_port=0)  # never started: the parent app serves it
    app.on_connect(build_hello)
    parent = web.Application()

    async def home(_: web.Request) -> web.Response:
        return web.Response(text="the parent site")

    parent.router.add_get("/", home)
    parent.add_subapp("/gui/", app.web_app())
    server = servers(parent)
    try:
        page.goto(f"http://127.0.0.1:{server.port}/gui/")
        check_hello_works(page)
        assert ws_url_of(page) == f"ws://127.0.0.1:{server.port}/gui/ws"
        assert len(app.sessions) == 1
    finally:
        app.close()


def test_https(sync_app: Callable[..., Any], page: Any, tmp_path: Path) -> None:
    app = sync_app(build_hello, ssl_context=self_signed_context(tmp_path))
    assert app.url.startswith("https://")
    page.goto(app.url)
    check_hello_works(page)
    assert ws_url_of(page).startswith("wss://127.0.0.1:")


def test_https_split_ports(sync_app: Callable[..., Any], page: Any, tmp_path: Path) -> None:
    app = sync_app(build_hello, http_port=free_port(), ssl_context=self_signed_context(tmp_path))
    page.goto(app.url)
    check_hello_works(page)
    assert ws_url_of(page) == f"wss://127.0.0.1:{app.ws_port}/ws"
