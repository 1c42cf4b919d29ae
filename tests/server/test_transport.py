"""The built-in server's three layouts, the sub-app, TLS, and its refusals.

Real sockets on free 127.0.0.1 ports; every wait has a timeout.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from yarl import URL

from pgwidgets.async_ import Application
from pgwidgets.exceptions import ConfigurationError
from tests.certs import make_cert
from tests.conftest import free_port
from tests.protocol.fake_browser import FakeBrowser

Serve = Callable[..., Any]


@pytest.fixture
async def serve() -> AsyncIterator[Serve]:
    """``await serve(**params)``: a started async Application; stopped at teardown."""
    running: list[tuple[Application, asyncio.Task[None]]] = []

    async def make(**params: Any) -> Application:
        params.setdefault("ws_port", 0)
        app = Application(**params)
        task = asyncio.get_running_loop().create_task(app.run())
        await asyncio.wait_for(app.wait_started(), 5)
        running.append((app, task))
        return app

    yield make
    for _, task in running:
        task.cancel()
        await asyncio.wait([task], timeout=10)


async def get(url: str | URL, **kwargs: Any) -> tuple[int, str, Any]:
    async with aiohttp.ClientSession() as http, http.get(url, **kwargs) as resp:
        return resp.status, await resp.text(), resp.headers


async def assert_ws_works(url: str, **kwargs: Any) -> None:
    b = await FakeBrowser.connect(url, **kwargs)
    assert b.welcome is not None and b.welcome["session_id"]
    await b.close()


# ------------------------------------------------------------------------ layouts
async def test_shared_port_serves_page_static_and_websocket(serve: Serve) -> None:
    app = await serve()
    base = f"http://127.0.0.1:{app.ws_port}"
    assert app.url == base + "/" and app.http_port == app.ws_port
    status, html, headers = await get(base + "/")
    assert status == 200 and "<html" in html.lower()
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "pgwidgets-settings" not in html, "same origin: the page derives its ws URL"
    status, js, headers = await get(base + "/js/main.js")
    assert status == 200 and "javascript" in headers["Content-Type"]
    assert (await get(base + "/index.html"))[0] == 200
    await assert_ws_works(f"ws://127.0.0.1:{app.ws_port}/ws")


async def test_split_ports_page_on_http_port_websocket_on_ws_port(serve: Serve) -> None:
    http_port = free_port()
    app = await serve(http_port=http_port)
    assert app.url == f"http://127.0.0.1:{http_port}/"
    status, html, _ = await get(app.url)
    assert status == 200
    assert f'"ws_url": "ws://127.0.0.1:{app.ws_port}/ws"' in html
    assert (await get(f"http://127.0.0.1:{http_port}/js/main.js"))[0] == 200
    await assert_ws_works(f"ws://127.0.0.1:{app.ws_port}/ws")
    await assert_ws_works(f"ws://127.0.0.1:{app.ws_port}/")
    status, text, headers = await get(f"http://127.0.0.1:{app.ws_port}/")
    assert status == 426 and headers["Upgrade"] == "websocket"
    # and the page port does not speak WebSocket at / (only the ws port does)
    assert (await get(f"http://127.0.0.1:{http_port}/ws"))[0] == 404


@pytest.mark.parametrize("path", ["/", "/ws", "/some/proxy/path"])
async def test_websocket_only_accepts_any_path(serve: Serve, path: str) -> None:
    app = await serve(http_server=False)
    assert app.url is None and app.http_port is None
    await assert_ws_works(f"ws://127.0.0.1:{app.ws_port}{path}")


async def test_websocket_only_plain_get_is_426_with_one_line(serve: Serve) -> None:
    app = await serve(http_server=False)
    status, text, headers = await get(f"http://127.0.0.1:{app.ws_port}/")
    assert status == 426
    assert text.count("\n") == 1 and "WebSocket" in text
    assert (await get(f"http://127.0.0.1:{app.ws_port}/js/main.js"))[0] == 426


def test_paths_for_external_servers() -> None:
    app = Application(http_server=False)
    assert isinstance(app.static_path, Path) and isinstance(app.remote_html, Path)
    assert (app.static_path / "js" / "main.js").is_file()
    assert app.remote_html.is_file() and app.remote_html.parent == app.static_path


async def test_sub_app_under_gui(aiohttp_client: Any) -> None:
    app = Application(http_server=False)
    parent = web.Application()

    async def home(_: web.Request) -> web.Response:
        return web.Response(text="parent home")

    parent.router.add_get("/", home)
    parent.add_subapp("/gui/", app.web_app())
    client = await aiohttp_client(parent)
    assert await (await client.get("/")).text() == "parent home"
    page = await client.get("/gui/")
    assert page.status == 200 and "<html" in (await page.text()).lower()
    assert (await client.get("/gui/js/main.js")).status == 200
    b = await FakeBrowser.connect(str(client.make_url("/gui/ws")), http=client.session)
    assert b.welcome is not None and list(app.sessions) == [b.welcome["session_id"]]
    await b.close()


# --------------------------------------------------------------------------- TLS
async def test_https_and_wss_with_self_signed_certificate(serve: Serve, tmp_path: Path) -> None:
    cert, key = make_cert(tmp_path)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    app = await serve(ssl_context=server_ctx)
    assert app.url == f"https://127.0.0.1:{app.ws_port}/"
    status, html, _ = await get(app.url, ssl=client_ctx)
    assert status == 200 and "<html" in html.lower()
    await assert_ws_works(f"wss://127.0.0.1:{app.ws_port}/ws", ssl=client_ctx)
    # plain http on the TLS port does not get the page
    with pytest.raises(aiohttp.ClientError):
        await get(f"http://127.0.0.1:{app.ws_port}/")


# -------------------------------------------------------------- clear failures
@pytest.fixture
def taken_port() -> Any:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


async def test_async_port_in_use_names_the_port(taken_port: int) -> None:
    app = Application(ws_port=taken_port)
    task = asyncio.get_running_loop().create_task(app.run())
    with pytest.raises(ConfigurationError, match=str(taken_port)):
        await asyncio.wait_for(app.wait_started(), 5)
    with pytest.raises(ConfigurationError, match="in use"):
        await asyncio.wait_for(task, 5)


async def test_async_http_port_in_use_names_it(taken_port: int) -> None:
    app = Application(ws_port=0, http_port=taken_port)
    with pytest.raises(ConfigurationError, match=f"HTTP port {taken_port}"):
        await asyncio.wait_for(app.start(), 5)


def test_sync_port_in_use_names_the_port(taken_port: int) -> None:
    from pgwidgets.sync import Application as SyncApplication

    app = SyncApplication(ws_port=taken_port)
    with pytest.raises(ConfigurationError, match=str(taken_port)):
        app.start()
    app.close()


@pytest.mark.parametrize("api", ["sync", "async"])
@pytest.mark.parametrize(
    "params, name",
    [
        ({"ws_port": -1}, "ws_port"),
        ({"ws_port": "9500"}, "ws_port"),
        ({"http_port": 70000}, "http_port"),
        ({"ws_port": 9600, "http_port": 9600}, "http_port"),
        ({"max_sessions": 0}, "max_sessions"),
        ({"session_timeout": -5}, "session_timeout"),
        ({"concurrency_handling": "threads"}, "concurrency_handling"),
        ({"ssl_context": "cert.pem"}, "ssl_context"),
        ({"host": ""}, "host"),
        ({"logger": "log"}, "logger"),
    ],
)
def test_bad_parameters_fail_at_construction(api: str, params: dict[str, Any], name: str) -> None:
    from pgwidgets import async_, sync

    cls = (sync if api == "sync" else async_).Application
    with pytest.raises(ConfigurationError, match=name):
        cls(**params)
    with pytest.raises(ValueError):  # ConfigurationError is a ValueError too
        cls(**params)


def test_unknown_parameter_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="wsport"):
        Application(wsport=1)


# ----------------------------------------------------------------- frames
async def test_malformed_frames_answered_session_survives(serve: Serve) -> None:
    app = await serve()
    b = await FakeBrowser.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
    for junk in ("{", "[1, 2]", '{"type": "callback"}', '"text"', "null"):
        await b.send_raw(junk)
        assert (await b.expect("error"))["error"]
    await b.ws.send_bytes(b"\x00\x01 not an upload")
    await b.send({"type": "viewport", "width": 640, "height": 480})
    session = app.sessions[b.welcome["session_id"]]  # type: ignore[index]
    session.set_theme("dark")
    assert (await b.expect("page"))["args"] == ["dark"]
    assert session.get_screen_size() == (640, 480)
    await b.close()


async def test_oversized_frame_closes_with_1009(serve: Serve) -> None:
    app = await serve(max_message_size=4096)
    b = await FakeBrowser.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
    sid = b.welcome["session_id"]  # type: ignore[index]
    await b.send_raw('{"type": "viewport", "pad": "' + "x" * 5000 + '"}')
    assert await b.wait_closed() == 1009
    await b.close()
    # the server is fine: the session waits for a reconnect, others connect
    assert sid in app.sessions
    await assert_ws_works(f"ws://127.0.0.1:{app.ws_port}/ws")


# ------------------------------------------------------------------ static files
@pytest.mark.parametrize("path", ["/js/", "/js", "/css/", "/css", "/js/widgets/"])
async def test_no_directory_listings(serve: Serve, path: str) -> None:
    app = await serve()
    status, text, _ = await get(f"http://127.0.0.1:{app.ws_port}{path}")
    assert status == 404 and "main.js" not in text


@pytest.mark.parametrize(
    "raw",
    [
        "/../setup.cfg",
        "/js/../../setup.cfg",
        "/%2e%2e/setup.cfg",
        "/js/%2e%2e/%2e%2e/setup.cfg",
        "/js/..%2f..%2fsetup.cfg",
        "/..%5c..%5csetup.cfg",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
    ],
)
async def test_static_path_traversal_refused(serve: Serve, raw: str) -> None:
    app = await serve()
    url = URL(f"http://127.0.0.1:{app.ws_port}{raw}", encoded=True)
    status, text, _ = await get(url)
    assert status in (400, 403, 404), status
    assert "[metadata]" not in text and "root:" not in text


async def test_adopts_a_pre_bound_socket(serve: Serve) -> None:
    """ws_sock: no race between choosing a port and listening on it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = await serve(ws_sock=sock, http_server=False)
    assert app.ws_port == port
    await assert_ws_works(f"ws://127.0.0.1:{port}/")
    copy = app.sessions
    copy.clear()
    assert len(app.sessions) == 1, "app.sessions is a copy"


def test_unbound_socket_is_refused() -> None:
    with socket.socket() as sock, pytest.raises(ConfigurationError, match="ws_sock"):
        Application(ws_sock=sock)
