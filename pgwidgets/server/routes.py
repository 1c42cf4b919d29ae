"""HTTP handlers: the connector page, static files, and 426 for plain GETs.

What they serve comes from the Application's :class:`~pgwidgets.server.assets.Assets`; the
headers from :mod:`pgwidgets.auth.headers`. Neither imports the Application: it is found
at ``request.app[APP_KEY]``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiohttp import web

from pgwidgets.auth.headers import SECURITY_HEADERS, content_security_policy
from pgwidgets.server.assets import (
    BUNDLE_PATH,
    GZIP_MIN,
    IMMUTABLE,
    VERSIONED_PREFIX,
    Assets,
    inject_settings,
)

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication

__all__ = ["APP_KEY", "page_handler", "static_handler", "upgrade_required"]

logger = logging.getLogger(__name__)

#: where handlers find the pgwidgets Application (a typed key, as aiohttp recommends)
APP_KEY: web.AppKey[BaseApplication] = web.AppKey("pgwidgets.app")


def _ws_form(origin: str) -> str:
    """``http://h:p`` as ``ws://h:p``: in a CSP a ws source also covers http(s), not back."""
    return "ws" + origin.removeprefix("http")


def _ws_url_for(request: web.Request) -> str | None:
    """Split ports: the WebSocket lives on another port of the same host."""
    app = request.app[APP_KEY]
    if not app.config.split_ports:
        return None  # same origin: the page derives ``ws`` beside itself
    host = request.url.raw_host or "localhost"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    scheme = "wss" if request.secure else "ws"
    return f"{scheme}://{host}:{app.ws_port}/ws"


async def page_handler(request: web.Request) -> web.StreamResponse:
    """``/`` (and ``/index.html``, ``/remote.html``): the connector page.

    Its policy lets the page connect to its own origin and to the one WebSocket URL the
    server told it to use, nowhere else.
    """
    assets = request.app[APP_KEY].assets
    settings: dict[str, object] = {}
    connect: list[str] = []
    ws_url = _ws_url_for(request)
    if ws_url:
        settings["ws_url"] = ws_url
        connect.append(ws_url)
    ws_origins = request.app[APP_KEY].config.ws_origins
    if ws_origins:  # where a ``?ws=`` link may point the page (boot.js)
        settings["ws_origins"] = ws_origins
        connect.extend(_ws_form(o) for o in ws_origins)
    html = inject_settings(assets.page(bundled="modules" not in request.query), settings)
    return web.Response(
        text=html,
        content_type="text/html",
        headers={
            **SECURITY_HEADERS,
            "Content-Security-Policy": content_security_policy(connect),
            "Cache-Control": "no-cache",
        },
    )


async def static_handler(request: web.Request) -> web.StreamResponse:
    """A file of the widget library; never a directory listing, never outside the folder.

    Only canonical names are served (:func:`~pgwidgets.server.assets.canonical_name`):
    anything else is 404, whatever it would resolve to.
    """
    assets = request.app[APP_KEY].assets
    tail = request.match_info.get("tail", "")
    cache = "no-cache"
    if tail.startswith(VERSIONED_PREFIX + "/"):
        _, version, tail = (tail.split("/", 2) + ["", ""])[:3]
        if version == assets.version():
            cache = IMMUTABLE  # an older page's version gets today's file, revalidated
    if tail == BUNDLE_PATH:
        body, etag = assets.bundle_entry()
        if body is None:
            raise web.HTTPNotFound()
        return _bytes_response(request, assets, body, "text/javascript", etag, cache)
    entry = assets.file(tail)
    if entry is None:
        raise web.HTTPNotFound()
    if tail == "remote.html":
        return await page_handler(request)
    if entry.body is None:
        return web.FileResponse(entry.path, headers={**SECURITY_HEADERS, "Cache-Control": cache})
    return _bytes_response(request, assets, entry.body, entry.content_type, entry.etag, cache)


def _bytes_response(
    request: web.Request, assets: Assets, body: bytes, ctype: str, etag: str, cache: str
) -> web.StreamResponse:
    """A file's bytes (gzipped when the browser takes it), or 304 when it has this ETag."""
    text = ctype.startswith("text/") or ctype.endswith(("javascript", "json", "svg+xml"))
    headers = {**SECURITY_HEADERS, "Cache-Control": cache, "Vary": "Accept-Encoding"}
    if text and len(body) >= GZIP_MIN and _accepts_gzip(request):
        etag = etag[:-1] + '-gz"'  # another representation: another strong ETag
        body = assets.gzipped(etag, body)
        headers["Content-Encoding"] = "gzip"
    headers["ETag"] = etag
    if etag in request.headers.get("If-None-Match", ""):
        headers.pop("Content-Encoding", None)
        return web.Response(status=304, headers=headers)
    charset = "utf-8" if ctype.startswith("text/") or ctype.endswith(("json", "svg+xml")) else None
    return web.Response(body=body, content_type=ctype, charset=charset, headers=headers)


def _accepts_gzip(request: web.Request) -> bool:
    """``Accept-Encoding`` names gzip (and does not refuse it with ``q=0``)."""
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == "gzip":
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


async def upgrade_required(request: web.Request) -> web.StreamResponse:
    """A plain GET on the WebSocket-only server."""
    # the classic proxy mistake: the Upgrade/Connection headers were not passed on
    logger.warning(
        "plain HTTP request for %s on the WebSocket port (from %s, no Upgrade "
        "header): a proxy in front must pass 'Upgrade' and 'Connection: upgrade' "
        "(nginx: proxy_http_version 1.1 and proxy_set_header for both)",
        request.path,
        request.remote,
    )
    return web.Response(
        status=426,
        headers={"Upgrade": "websocket", "Connection": "Upgrade"},
        text="426 Upgrade Required: this port only speaks WebSocket "
        "(the page is served elsewhere).\n",
    )
