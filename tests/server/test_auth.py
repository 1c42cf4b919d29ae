"""Every backend x every route (page, static file, WebSocket upgrade) x every mode.

Modes: one shared port, split ports, WebSocket-only (another server serves the page) and
mounted as an aiohttp sub-application. Each case is checked allowed (with the backend's
credential) and refused (without it, or with a wrong one), before anything is accepted.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from pgwidgets.auth import PasswordAuth, TokenAuth, TrustedHeaderAuth, hash_password
from pgwidgets.sync.loop_thread import LoopThread
from tests.conftest import free_port

TOKEN = "test-token-7d1c0b1f5e2a4c3b9a8d"
USERS = {"alice": hash_password("alice-pw"), "bob": hash_password("bob-pw")}
MODES = ("shared", "split", "ws_only", "subapp")
ROUTES = ("page", "static", "ws")
HELLO = {"type": "hello", "width": 800, "height": 600}


@dataclass
class Deployment:
    """Where a mode serves things, and the origin its page has."""

    app: Any
    page: str | None  # base URL ending in "/" (None: the page is served elsewhere)
    ws: str
    origin: str

    @property
    def login(self) -> str:
        return (self.page or self.ws.replace("ws://", "http://")) + "login"


def check_key(request: web.Request) -> str | None:
    """A plain callable backend."""
    return "carol" if request.headers.get("X-Key") == "open-sesame" else None


BACKENDS: dict[str, Callable[[], Any]] = {
    "token": lambda: TokenAuth(TOKEN),
    "password": lambda: PasswordAuth(USERS),
    "header": lambda: TrustedHeaderAuth(),
    "callable": lambda: check_key,
}
IDENTITIES = {"token": "token", "password": "alice", "header": "alice", "callable": "carol"}


def threaded(fn: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test on a loop of its own, in a worker thread.

    The session-wide sync Playwright browser keeps an event loop running in the main
    thread, where pytest-asyncio can then start no loop; a thread of our own works in any
    test order and in any combination of test files.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, fn(*args, **kwargs)).result(120)

    return wrapper


@pytest.fixture
def deploy(sync_app: Callable[..., Any]) -> Iterator[Callable[..., Deployment]]:
    """``deploy(mode, **Application kwargs)`` -> a running :class:`Deployment`."""
    parents: list[tuple[LoopThread, web.AppRunner]] = []

    def make(mode: str, **kwargs: Any) -> Deployment:
        if mode == "shared":
            app = sync_app(**kwargs)
            base = f"http://127.0.0.1:{app.http_port}/"
            return Deployment(app, base, f"ws://127.0.0.1:{app.ws_port}/ws", base[:-1])
        if mode == "split":
            app = sync_app(http_port=free_port(), **kwargs)
            base = f"http://127.0.0.1:{app.http_port}/"
            return Deployment(app, base, f"ws://127.0.0.1:{app.ws_port}/ws", base[:-1])
        if mode == "ws_only":
            if kwargs.get("auth") is not None:  # with auth, the page's origin is listed
                kwargs.setdefault("allowed_origins", ["http://127.0.0.1:8000"])
            app = sync_app(http_server=False, **kwargs)
            return Deployment(app, None, f"ws://127.0.0.1:{app.ws_port}/", "http://127.0.0.1:8000")
        from pgwidgets.sync import Application

        app = Application(**kwargs)

        async def start() -> tuple[web.AppRunner, int]:
            parent = web.Application()
            parent.add_subapp("/gui/", app.web_app())
            runner = web.AppRunner(parent, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            return runner, runner.addresses[0][1]

        loop = LoopThread("test-parent-app")
        runner, port = loop.submit(start(), 10)
        parents.append((loop, runner))
        base = f"http://127.0.0.1:{port}/gui/"
        return Deployment(app, base, f"ws://127.0.0.1:{port}/gui/ws", f"http://127.0.0.1:{port}")

    yield make
    for loop, runner in parents:
        loop.submit(runner.cleanup(), 10)
        loop.stop()


def client() -> aiohttp.ClientSession:
    """A client keeping cookies for 127.0.0.1 (aiohttp refuses IP cookies by default)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def present(name: str, http: aiohttp.ClientSession, dep: Deployment) -> dict[str, str]:
    """Obtain the backend's credential; returns headers to send (cookies live in ``http``)."""
    if name == "token":
        return {"Authorization": f"Bearer {TOKEN}"}
    if name == "password":
        async with http.post(
            dep.login, data={"username": "alice", "password": "alice-pw"}, allow_redirects=False
        ) as r:
            assert r.status == 303, await r.text()
        return {}
    if name == "header":
        return {"X-Forwarded-User": "alice"}
    return {"X-Key": "open-sesame"}


async def open_ws(
    http: aiohttp.ClientSession, dep: Deployment, headers: dict[str, str], **kwargs: Any
) -> list[dict[str, Any]]:
    """Upgrade, say hello, return the first server frame."""
    ws = await http.ws_connect(dep.ws, headers={"Origin": dep.origin, **headers}, **kwargs)
    try:
        await ws.send_json(HELLO)
        return await ws.receive_json(timeout=5)  # type: ignore[no-any-return]
    finally:
        await ws.close()


async def status_of(
    http: aiohttp.ClientSession, dep: Deployment, route: str, headers: dict[str, str]
) -> int:
    """HTTP status of ``route`` (the handshake status for the WebSocket)."""
    if route == "ws":
        try:
            frame = await open_ws(http, dep, headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        assert frame[0]["type"] == "welcome"
        return 101
    url = dep.page if route == "page" else f"{dep.page}js/main.js"
    async with http.get(url, headers=headers, allow_redirects=False) as r:
        return r.status


def cases() -> list[Any]:
    out = []
    for backend in BACKENDS:
        for mode in MODES:
            for route in ROUTES:
                if mode == "ws_only" and route != "ws":
                    continue  # no page here: another server serves it
                out.append(pytest.param(backend, mode, route, id=f"{backend}-{mode}-{route}"))
    return out


@pytest.mark.parametrize(("backend", "mode", "route"), cases())
@threaded
async def test_allowed_with_credential(deploy: Any, backend: str, mode: str, route: str) -> None:
    dep = deploy(mode, auth=BACKENDS[backend]())
    async with client() as http:
        headers = await present(backend, http, dep)
        assert await status_of(http, dep, route, headers) == (101 if route == "ws" else 200)
    if route == "ws":
        assert [s.user for s in dep.app.sessions.values()] == [IDENTITIES[backend]]


WRONG: dict[str, tuple[Callable[[], Any], dict[str, str]]] = {
    "token-missing": (BACKENDS["token"], {}),
    "token-wrong": (BACKENDS["token"], {"Authorization": "Bearer not-the-token-at-all"}),
    "password-missing": (BACKENDS["password"], {}),
    "header-missing": (BACKENDS["header"], {}),
    # the header arrives from 127.0.0.1, which this backend does not trust
    "header-untrusted": (
        lambda: TrustedHeaderAuth(trusted_proxies=["10.1.2.3"]),
        {"X-Forwarded-User": "alice"},
    ),
    "callable-wrong": (BACKENDS["callable"], {"X-Key": "guess"}),
}


@pytest.mark.parametrize(
    ("wrong", "mode", "route"),
    [
        pytest.param(w, m, r, id=f"{w}-{m}-{r}")
        for w in WRONG
        for m in MODES
        for r in ROUTES
        if m != "ws_only" or r == "ws"
    ],
)
@threaded
async def test_refused_without_credential(deploy: Any, wrong: str, mode: str, route: str) -> None:
    make, headers = WRONG[wrong]
    dep = deploy(mode, auth=make())
    async with client() as http:
        assert await status_of(http, dep, route, headers) == 401
    assert dep.app.sessions == {}  # refused before the upgrade: nothing was created


@pytest.mark.parametrize("mode", MODES)
@threaded
async def test_no_auth_everything_open_and_user_none(deploy: Any, mode: str) -> None:
    dep = deploy(mode)
    async with client() as http:
        for route in ROUTES if dep.page else ("ws",):
            assert await status_of(http, dep, route, {}) in (200, 101)
    assert [s.user for s in dep.app.sessions.values()] == [None]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1.evil.example"])
@threaded
async def test_foreign_or_lookalike_origin_refused(
    deploy: Any, mode: str, origin: str, caplog: Any
) -> None:
    dep = deploy(mode, auth=BACKENDS["token"]())
    dep.origin = origin
    async with client() as http:
        status = await status_of(http, dep, "ws", {"Authorization": f"Bearer {TOKEN}"})
    assert status == 403
    assert "allowed_origins" in caplog.text
    assert dep.app.sessions == {}


@pytest.mark.parametrize("mode", ["shared", "split", "subapp"])
@threaded
async def test_other_port_of_same_host_refused_when_we_serve_the_page(
    deploy: Any, mode: str
) -> None:
    dep = deploy(mode)
    dep.origin = f"http://127.0.0.1:{free_port()}"
    async with client() as http:
        assert await status_of(http, dep, "ws", {}) == 403


@threaded
async def test_ws_only_page_on_another_port_of_the_same_host_allowed(deploy: Any) -> None:
    """The seed's FastAPI/Flask recipes: page on :8000, WebSocket on :9500, auth=None."""
    dep = deploy("ws_only")
    dep.origin = "http://127.0.0.1:8000"
    async with client() as http:
        assert await status_of(http, dep, "ws", {}) == 101


@pytest.mark.parametrize(
    ("entry", "origin", "ok"),
    [
        ("https://app.example.com", "https://app.example.com", True),
        ("https://app.example.com", "https://app.example.com.evil.com", False),
        ("https://*.example.com", "https://a.example.com", True),
        ("https://*.example.com", "https://evilexample.com", False),
    ],
)
@threaded
async def test_allowed_origins_option(deploy: Any, entry: str, origin: str, ok: bool) -> None:
    dep = deploy("shared", allowed_origins=[entry])
    dep.origin = origin
    async with client() as http:
        assert await status_of(http, dep, "ws", {}) == (101 if ok else 403)
