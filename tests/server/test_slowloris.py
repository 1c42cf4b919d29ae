"""Issue 13, finding 7 (Slowloris): silent and slow connections are closed, and one address
cannot hold more than ``max_connections_per_client`` connections. Real sockets throughout.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from pgwidgets.exceptions import ConfigurationError
from pgwidgets.server.config import ServerConfig
from tests.server.test_auth import HELLO, threaded

#: how long a test waits for the server to act (generous: the machine may be busy)
WAIT = 15.0


def connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT, source_address=(source, 0))
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    """Block until the server closes ``sock`` (True) or WAIT passes (False)."""
    sock.settimeout(WAIT)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def status_line(sock: socket.socket) -> bytes:
    sock.settimeout(WAIT)
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.split(b"\r\n", 1)[0]


@contextlib.contextmanager
def sockets(port: int, n: int) -> Iterator[list[socket.socket]]:
    opened = [connect(port) for _ in range(n)]
    try:
        yield opened
    finally:
        for s in opened:
            s.close()


def wait_for(check: Any, what: str) -> None:
    """Poll ``check()`` until true (the server notices a closed socket asynchronously)."""
    deadline = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.parametrize(
    "sent",
    [b"", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a"],
    ids=["silent", "headers-never-finished"],
)
def test_connection_without_a_complete_request_is_closed(sync_app: Any, sent: bytes) -> None:
    app = sync_app(header_timeout=0.5)
    with connect(app.http_port) as sock:
        sock.sendall(sent)
        started = time.monotonic()
        assert closed_by_server(sock)
        assert time.monotonic() - started < WAIT


def test_idle_keep_alive_connection_is_closed(sync_app: Any) -> None:
    app = sync_app(idle_timeout=0.5)
    with connect(app.http_port) as sock:
        sock.sendall(b"GET /css/base.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert status_line(sock) == b"HTTP/1.1 200 OK"
        assert closed_by_server(sock)


def test_per_address_cap_refuses_the_next_connection_only(sync_app: Any) -> None:
    app = sync_app(max_connections_per_client=5, header_timeout=60)
    with sockets(app.http_port, 5):
        with connect(app.http_port) as extra:
            assert status_line(extra) == b"HTTP/1.1 503 Service Unavailable"
            assert closed_by_server(extra)
        # another address is served meanwhile (127.0.0.2 is loopback too on Linux)
        with connect(app.http_port, source="127.0.0.2") as other:
            other.sendall(b"GET /css/base.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert status_line(other) == b"HTTP/1.1 200 OK"
    # the attacker's sockets are gone: the address may connect again
    for runner in app._runner._runners:
        wait_for(lambda r=runner: r.guard.connections_from("127.0.0.1") == 0, "the count")
    with connect(app.http_port) as again:
        again.sendall(b"GET /css/base.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert status_line(again) == b"HTTP/1.1 200 OK"


def test_300_silent_sockets_do_not_lock_out_a_real_user(sync_app: Any) -> None:
    app = sync_app(max_connections_per_client=20)
    with sockets(app.http_port, 300) as held:
        refused = sum(closed_by_server(s) for s in held[20:25])
        assert refused == 5
        with connect(app.http_port, source="127.0.0.2") as user:
            user.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert status_line(user) == b"HTTP/1.1 200 OK"
        guards = [r.guard for r in app._runner._runners]
        assert sum(g.connections_from("127.0.0.1") for g in guards) <= 300


@threaded
async def test_websocket_outlives_the_header_deadline(sync_app: Any) -> None:
    app = sync_app(header_timeout=0.3)
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(
            f"ws://127.0.0.1:{app.ws_port}/ws",
            headers={"Origin": f"http://127.0.0.1:{app.ws_port}"},
        )
        await ws.send_json(HELLO)
        assert (await ws.receive_json(timeout=WAIT))[0]["type"] == "welcome"
        # a silent socket opened after the WebSocket is closed by its deadline: by then the
        # WebSocket's own deadline (had it one) is past too
        reader, writer = await asyncio.open_connection("127.0.0.1", app.ws_port)
        assert await reader.read() == b""
        writer.close()
        session = next(iter(app.sessions.values()))
        session.set_theme("dark")
        frame = await ws.receive_json(timeout=WAIT)
        assert frame[0] == {"type": "page", "method": "set_theme", "args": ["dark"]}
        await ws.close()


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("header_timeout", 0),
        ("header_timeout", -1),
        ("header_timeout", "10"),
        ("idle_timeout", 0),
        ("idle_timeout", None),
        ("max_connections_per_client", 0),
        ("max_connections_per_client", True),
        ("max_connections_per_client", 2.5),
    ],
)
def test_connection_limits_validated(setting: str, value: Any) -> None:
    with pytest.raises(ConfigurationError, match=setting):
        ServerConfig(**{setting: value})


def test_login_form_sent_a_byte_at_a_time_is_cut_off(sync_app: Any) -> None:
    from pgwidgets.auth import PasswordAuth
    from tests.server.test_auth import USERS

    app = sync_app(auth=PasswordAuth(USERS), header_timeout=0.5)
    with connect(app.http_port) as sock:
        sock.sendall(
            b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
            b"username=al"
        )
        assert status_line(sock) == b"HTTP/1.1 408 Request Timeout"
        assert closed_by_server(sock)
