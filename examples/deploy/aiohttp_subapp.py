"""pgwidgets mounted under /gui/ of an existing aiohttp application, behind its login.

The parent app has its own users, login page and session cookie (aiohttp-session). Its
middleware runs before every route of the sub-app too - page, static files and the
WebSocket upgrade - so the GUI needs no login of its own; pgwidgets is told who the user is
through ``auth=`` (a callable reading the parent's session), and ``session.user`` names them.
Everything is one port, one origin and one cookie.

Run::

    python aiohttp_subapp.py --port 8080     # then open http://127.0.0.1:8080/gui/

Users: alice / DEMO_PASSWORD (environment; "wonderland" when unset).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import html
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from aiohttp import web
from aiohttp_session import get_session, new_session
from aiohttp_session import setup as setup_session
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from ui import build_async

from pgwidgets.async_ import Application

__all__ = ["make_app", "main"]

logger = logging.getLogger("aiohttp_subapp")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
USER_KEY = "user"


def _password_ok(user: str, password: str) -> bool:
    expected = os.environ.get("DEMO_PASSWORD", "wonderland")
    # compare digests: constant time, and the lengths do not leak
    return user == "alice" and hmac.compare_digest(
        hashlib.sha256(password.encode()).digest(), hashlib.sha256(expected.encode()).digest()
    )


async def login(request: web.Request) -> web.StreamResponse:
    """The parent's own login page (GET shows it, POST checks and sets the session)."""
    target = request.query.get("next", "/gui/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/gui/"  # no open redirects
    error = ""
    if request.method == "POST":
        form = await request.post()
        if _password_ok(str(form.get("user", "")), str(form.get("password", ""))):
            session = await new_session(request)
            session[USER_KEY] = str(form["user"])
            raise web.HTTPSeeOther(target)
        error = "<p role='alert'>Wrong user name or password.</p>"
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Log in</title><link rel="icon" href="data:,"></head><body><h1>Log in</h1>{error}
<form method="post" action="/login?next={html.escape(quote(target))}">
<label>User <input name="user" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password">
</label><button type="submit">Log in</button></form></body></html>"""
    return web.Response(text=page, content_type="text/html")


@web.middleware
async def require_login(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The parent's guard: everything under /gui needs a logged-in user."""
    if request.path == "/gui" or request.path.startswith("/gui/"):
        session = await get_session(request)
        if USER_KEY not in session:
            if request.headers.get("Upgrade", "").lower() == "websocket":
                return web.Response(status=401, text="log in first\n")
            raise web.HTTPFound(f"/login?next={quote(request.path_qs)}")
    return await handler(request)


async def parent_user(request: web.Request) -> str | None:
    """pgwidgets' ``auth=``: the user the parent's session says is logged in."""
    session = await get_session(request)
    user = session.get(USER_KEY)
    return str(user) if user else None


def make_app(secret: bytes | None = None) -> web.Application:
    """The parent application with the GUI mounted at /gui/."""
    pgapp = Application(http_server=False, auth=parent_user)

    @pgapp.on_connect
    async def on_session(session: Any) -> None:
        await build_async(session, "aiohttp Sub-app Demo", greeting=f"Hello, {session.user}")

    parent = web.Application()
    # a Fernet key: 32 url-safe base64 bytes; a fixed secret keeps logins across restarts
    key = base64.urlsafe_b64encode(hashlib.sha256(secret).digest()) if secret else None
    setup_session(
        parent,
        EncryptedCookieStorage(
            key or os.urandom(32), cookie_name="DEMO", httponly=True, samesite="Strict"
        ),
    )
    parent.middlewares.append(require_login)
    parent.router.add_route("*", "/login", login)

    async def home(_: web.Request) -> web.StreamResponse:
        return web.Response(text='<a href="/gui/">Open the GUI</a>', content_type="text/html")

    async def gui_slash(_: web.Request) -> web.StreamResponse:
        raise web.HTTPMovedPermanently("/gui/")  # relative links need the trailing slash

    parent.router.add_get("/", home)
    parent.router.add_get("/gui", gui_slash)
    parent.add_subapp("/gui/", pgapp.web_app())
    return parent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    secret = os.environ.get("DEMO_SECRET")
    web.run_app(make_app(secret.encode() if secret else None), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
