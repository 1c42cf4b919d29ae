"""Our own server in two deployments: mounted in an aiohttp app, and with built-in TLS."""

from __future__ import annotations

import ssl
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import free_port
from tests.deploy.conftest import DEPLOY, Proc, check_gui, make_cert, python_env

pytestmark = [pytest.mark.deploy, pytest.mark.browser]

TOKEN = "a-test-token-of-enough-length"


def test_aiohttp_subapp(spawn: Callable[..., Proc], page: Any) -> None:
    """/gui/ behind the parent's login: page, static files and WebSocket all guarded."""
    port = free_port()
    spawn(
        "parent",
        [sys.executable, str(DEPLOY / "aiohttp_subapp.py"), "--port", str(port)],
        port=port,
        cwd=str(DEPLOY),
        env=python_env(DEMO_PASSWORD="secret-pw"),
    )
    base = f"http://127.0.0.1:{port}"
    # not logged in: the static files are not served, the WebSocket upgrade is refused
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as info:
        opener.open(f"{base}/gui/js/main.js", timeout=5)
    assert info.value.code == 302 and "/login" in info.value.headers["Location"]
    upgrade = urllib.request.Request(
        f"{base}/gui/ws",
        headers={
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        opener.open(upgrade, timeout=5)
    assert info.value.code == 401
    # log in through the parent's own form, which sends us back to the GUI
    page.goto(f"{base}/gui")
    assert "/login" in page.url
    page.get_by_label("User").fill("alice")
    page.get_by_label("Password").fill("secret-pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/gui/")
    page.get_by_text("Hello, alice", exact=True).wait_for()  # session.user from the parent
    check_gui(page, "", ws_prefix=f"ws://127.0.0.1:{port}/gui/ws", title="aiohttp Sub-app Demo")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_builtin_tls(spawn: Callable[..., Proc], workdir: Path, page: Any) -> None:
    """https and wss on one port of our own server, with a token (TokenAuth)."""
    cert, key = make_cert(workdir)
    port = free_port()
    spawn(
        "tls",
        [
            sys.executable,
            str(DEPLOY / "builtin_tls.py"),
            "--port",
            str(port),
            "--cert",
            str(cert),
            "--key",
            str(key),
        ],
        port=port,
        cwd=str(DEPLOY),
        env=python_env(PGWIDGETS_TOKEN=TOKEN),
    )
    context = ssl.create_default_context(cafile=str(cert))
    # TLS really is on, and the token really is required
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"https://127.0.0.1:{port}/", context=context, timeout=5)
    assert info.value.code == 401
    check_gui(
        page,
        f"https://127.0.0.1:{port}/?token={TOKEN}",
        ws_prefix=f"wss://127.0.0.1:{port}/ws",
        title="Built-in TLS Demo",
    )
    assert TOKEN not in page.url  # swapped for the login cookie
