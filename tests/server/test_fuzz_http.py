"""Property-based fuzzing of the auth middleware and the static route over real sockets.

Every backend, any method, any request target (dot segments, percent escapes, long names,
query strings), any mix of credential, origin, proxy and upgrade headers: the answer is never
a 5xx and nothing is logged as an unexpected error. Bounded so the suite stays fast.
"""

from __future__ import annotations

import logging
import socket
import string
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgwidgets.auth import PasswordAuth, TokenAuth, TrustedHeaderAuth
from tests.server.test_auth import TOKEN, USERS

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
BACKENDS: dict[str, Callable[[], Any]] = {
    "none": lambda: None,
    "token": lambda: TokenAuth(TOKEN),
    "password": lambda: PasswordAuth(USERS),
    "header": lambda: TrustedHeaderAuth(),
    "callable": lambda: lambda request: request.headers.get("X-Key") or None,
}

TARGET_CHARS = string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@%/?"
SEGMENTS = [
    "", "css", "js", "..", ".", "%2e%2e", "%2F", "%5C", "login", "logout", "ws", "index.html",
    "base.css", "main.js", "favicon.svg", "_v", "x" * 300, "%00", "%ff", "?token=x",
    "?ws=ws://evil.example/", "pgwidgets-bundle.js",
]  # fmt: skip
values = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
HEADER_VALUES: dict[str, st.SearchStrategy[str]] = {
    "Authorization": st.sampled_from(["Bearer", "Bearer x", "Basic YTpi", f"Bearer {TOKEN}"])
    | values,
    "Cookie": values.map(lambda v: f"pgwidgets_login={v}"),
    "Origin": st.sampled_from(["null", "http://127.0.0.1", "http://evil.example"]) | values,
    "X-Forwarded-For": values,
    "X-Forwarded-Host": values,
    "X-Forwarded-Proto": st.sampled_from(["https", "http", "gopher"]) | values,
    "X-Forwarded-Prefix": values,
    "Forwarded": values,
    "X-Forwarded-User": values,
    "X-Key": values,
    "Sec-WebSocket-Protocol": values.map(lambda v: f"pgwidgets, pgwidgets.token.{v}"),
    "Accept": st.sampled_from(["text/html", "*/*"]),
    "Sec-Fetch-Site": st.sampled_from(["same-origin", "cross-site", "none"]),
}
UPGRADE = [
    ("Upgrade", "websocket"),
    ("Connection", "Upgrade"),
    ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ("Sec-WebSocket-Version", "13"),
]

targets = st.lists(
    st.sampled_from(SEGMENTS) | st.text(alphabet=TARGET_CHARS, max_size=20), max_size=5
).map(lambda parts: "/" + "/".join(parts))
header_lists = st.lists(
    st.sampled_from(sorted(HEADER_VALUES)).flatmap(
        lambda name: HEADER_VALUES[name].map(lambda v: (name, v.strip()))
    ),
    max_size=5,
)


def status_of(port: int, method: str, target: str, headers: list[tuple[str, str]]) -> int:
    """Send one raw HTTP/1.1 request; the status code of the answer."""
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in headers]
    if not any(name == "Upgrade" for name, _ in headers):
        lines.append("Connection: close")
    if method == "POST":
        lines.append("Content-Length: 0")
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            assert chunk, f"closed without an answer: {method} {target} {headers}"
            data += chunk
    return int(data.split(b" ", 2)[1])


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_no_request_gets_a_5xx(sync_app: Any, caplog: Any, backend: str) -> None:
    app = sync_app(auth=BACKENDS[backend]())
    caplog.set_level(logging.ERROR)

    @BOUNDED
    @given(
        st.sampled_from(["GET", "HEAD", "POST", "PUT", "OPTIONS", "DELETE"]),
        targets,
        header_lists,
        st.booleans(),
    )
    def check(method: str, target: str, headers: list[tuple[str, str]], upgrade: bool) -> None:
        sent = [*headers, *UPGRADE] if upgrade else headers
        status = status_of(app.ws_port, method, target, sent)
        assert status < 500, (status, method, target, sent)
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert errors == [], (method, target, sent, errors)

    check()
