"""Auth in headless Chromium: token link, password login/logout, cross-origin WebSocket."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from pgwidgets.auth import PasswordAuth, TokenAuth, hash_password

pytestmark = pytest.mark.browser

GREETING = "Welcome behind the gate"


def build(session: Any) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Gate")
    label = Widgets.Label(f"{GREETING}, {session.user}")
    top.set_widget(label)
    top.show()


class _Blank(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = b"<!DOCTYPE html><title>elsewhere</title><p>another site"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def other_site() -> Iterator[str]:
    """A page on another origin (another port of 127.0.0.1: same site, other origin)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Blank)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_token_link_then_cookie(sync_app: Any, page_factory: Any) -> None:
    app = sync_app(build, auth=TokenAuth())
    page = page_factory(allow_errors=("401",))  # the first request carries no token
    page.goto(app.url)  # ...#token=: the token never reaches a server's request line
    page.get_by_text(f"{GREETING}, token").wait_for()
    assert "token" not in page.url and page.url == app.url.split("#")[0]
    page.reload()
    page.get_by_text(f"{GREETING}, token").wait_for()


def test_without_token_refused(sync_app: Any, page_factory: Any) -> None:
    app = sync_app(build, auth=TokenAuth())
    page = page_factory(allow_errors=("401",))
    response = page.goto(app.url.split("#")[0])
    assert response.status == 401
    page.get_by_text("needs an access token").wait_for()
    assert app.sessions == {}


def test_password_login_and_logout(sync_app: Any, page: Any) -> None:
    app = sync_app(build, auth=PasswordAuth({"alice": hash_password("wonder-land")}))
    base = app.url
    page.goto(base)
    assert page.url == base + "login"
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("wonder-land")
    page.get_by_label("Password").press("Enter")
    page.get_by_text(f"{GREETING}, alice").wait_for()
    assert page.url == base
    page.goto(base + "logout")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(base + "login")
    page.goto(base)
    assert page.url == base + "login"


def test_wrong_password_shows_message(sync_app: Any, page_factory: Any) -> None:
    app = sync_app(build, auth=PasswordAuth({"alice": hash_password("wonder-land")}))
    page = page_factory(allow_errors=("401",))
    page.goto(app.url + "login")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("nope")
    page.get_by_label("Password").press("Enter")
    page.get_by_role("alert").filter(has_text="Wrong user name or password").wait_for()


OPEN_WS = """url => new Promise(resolve => {
  const ws = new WebSocket(url);
  ws.onopen = () => { ws.close(); resolve('open'); };
  ws.onerror = () => resolve('refused');
})"""


def test_page_from_another_origin_cannot_open_the_websocket(
    sync_app: Any, page_factory: Any, other_site: str, caplog: Any
) -> None:
    caplog.set_level(logging.WARNING)
    app = sync_app(build, auth=TokenAuth())
    page = page_factory(allow_errors=("403", "401"))  # 401: the token-less first request
    page.goto(app.url)  # logged in: the cookie would ride along (same site, other port)
    page.get_by_text(f"{GREETING}, token").wait_for()
    ws_url = app.url.split("#")[0].replace("http://", "ws://") + "ws"
    assert page.evaluate(OPEN_WS, ws_url) == "open"  # control: our own page may
    page.goto(other_site)
    assert page.evaluate(OPEN_WS, ws_url) == "refused"
    assert "refused a WebSocket from origin" in caplog.text


class _ExternalSite(BaseHTTPRequestHandler):
    """Serves the connector page and the static files, as FastAPI/nginx would."""

    html = b""

    def do_GET(self) -> None:  # noqa: N802
        from pgwidgets.server.assets import STATIC_DIR

        path = self.path.split("?", 1)[0]
        if path == "/":
            body, ctype = self.html, "text/html"
        else:
            file = (STATIC_DIR / path.lstrip("/")).resolve()
            if STATIC_DIR not in file.parents or not file.is_file():
                self.send_error(404)
                return
            body = file.read_bytes()
            ctype = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}.get(
                file.suffix, "application/octet-stream"
            )
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_ws_only_token_from_page_url_goes_in_subprotocol(sync_app: Any, page: Any) -> None:
    """WebSocket-only: another server serves the page; the token leaves the address bar."""
    handler = type("Site", (_ExternalSite,), {"html": b""})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    # with auth, the page's origin is listed (issue 13: no same-host default then)
    app = sync_app(build, http_server=False, auth=TokenAuth(), allowed_origins=[site[:-1]])
    handler.html = app.render_remote_html(ws_url=f"ws://127.0.0.1:{app.ws_port}/").encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page.goto(f"{site}?token={app.auth.token}")
        page.get_by_text(f"{GREETING}, token").wait_for()
        assert page.url == site
        page.reload()  # the token is kept for this tab only
        page.get_by_text(f"{GREETING}, token").wait_for()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
