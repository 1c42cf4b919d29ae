"""Flask serves the page and static files; pgwidgets (blocking API) runs its own loop thread.

Run from this folder::

    python flask_app.py            # or: flask --app flask_app run --port 8000

``pgapp.start()`` returns once the port is bound (and raises if it is taken);
``atexit`` closes it. ``/`` uses ``render_remote_html(ws_port=...)`` (the page fills in the
host it was loaded from); ``/literal`` is the guide's ``html.replace("<head>", ...)``
variant with the URL taken from the request.

Environment: PGWIDGETS_HOST (127.0.0.1), PGWIDGETS_WS_PORT (9500), HOST (127.0.0.1),
PORT (8000).
"""

from __future__ import annotations

import atexit
import os
from typing import Any

from flask import Flask, Response, request
from ui import build_sync

from pgwidgets.sync import Application

__all__ = ["pgapp", "web"]

pgapp = Application(
    http_server=False,
    host=os.environ.get("PGWIDGETS_HOST", "127.0.0.1"),
    ws_port=int(os.environ.get("PGWIDGETS_WS_PORT", "9500")),
)


@pgapp.on_connect
def on_session(session: Any) -> None:
    build_sync(session, "Flask Demo")


pgapp.start()
atexit.register(pgapp.close)

web = Flask(__name__, static_folder=str(pgapp.static_path), static_url_path="")


@web.route("/")
def index() -> str:
    return pgapp.render_remote_html(ws_port=pgapp.ws_port)


def ws_origin() -> str:
    """The WebSocket's origin: pgwidgets' port on the host the page was loaded from."""
    scheme = "wss" if request.scheme == "https" else "ws"
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    return f"{scheme}://{host}:{pgapp.ws_port}"


def literal_script() -> str:
    """The old guide's injected script, with the URL taken from the request."""
    return f'window.PGWIDGETS_WS_URL = "{ws_origin()}/ws";'


@web.route("/literal")
def literal() -> str:
    html = pgapp.remote_html.read_text(encoding="utf-8")
    inject = f"<script>{literal_script()}</script>\n"
    return html.replace("<head>", "<head>\n" + inject, 1)


@web.after_request
def security_headers(response: Response) -> Response:
    """What pgwidgets' own server sends: a Content-Security-Policy that lets the page run
    only its own scripts (and the literal one, by hash) and connect only to its origin and
    the WebSocket, nosniff and no Referer - on the page and on every static file."""
    scripts = [literal_script()] if request.path == "/literal" else []
    response.headers.update(pgapp.security_headers(connect=[ws_origin()], scripts=scripts))
    return response


if __name__ == "__main__":
    web.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))
