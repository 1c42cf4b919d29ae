"""HTTP handlers: the connector page, static files, the icon, and 426 for plain GETs."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import mimetypes
import re
import time
from pathlib import Path
from typing import Any

from aiohttp import web

from pgwidgets.server.application import STATIC_DIR
from pgwidgets.server.bundle import BundleError, bundle_modules

__all__ = [
    "APP_KEY",
    "inject_settings",
    "page_bundle",
    "page_handler",
    "static_handler",
    "upgrade_required",
]

logger = logging.getLogger(__name__)

#: where handlers find the pgwidgets Application (a typed key, as aiohttp recommends)
APP_KEY: web.AppKey[Any] = web.AppKey("pgwidgets.app", object)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
#: our page runs no inline script; settings travel in a non-executed JSON block
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)


def inject_settings(html: str, settings: dict[str, Any]) -> str:
    """Put ``settings`` into the page as a JSON data block right after ``<head>``.

    A ``type="application/json"`` script is never executed, so it needs no CSP nonce; ``<``
    is escaped so no value can close the block.
    """
    if not settings:
        return html
    data = json.dumps(settings).replace("<", "\\u003c").replace(">", "\\u003e")
    block = f'<script type="application/json" id="pgwidgets-settings">{data}</script>'
    return html.replace("<head>", "<head>\n" + block, 1)


def app_config(request: web.Request) -> Any:
    """The :class:`~pgwidgets.server.config.ServerConfig` of the app serving ``request``."""
    return request.app[APP_KEY].config


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
    """``/`` (and ``/index.html``, ``/remote.html``): the connector page."""
    settings: dict[str, Any] = {}
    ws_url = _ws_url_for(request)
    if ws_url:
        settings["ws_url"] = ws_url
    if app_config(request).ws_origins:
        settings["ws_origins"] = app_config(request).ws_origins
    html = inject_settings(_versioned_page(bundled="modules" not in request.query), settings)
    return web.Response(
        text=html,
        content_type="text/html",
        headers={
            **SECURITY_HEADERS,
            "Content-Security-Policy": PAGE_CSP,
            "Cache-Control": "no-cache",
        },
    )


_TEMPLATE: list[str] = []


def _page_template() -> str:
    if not _TEMPLATE:
        _TEMPLATE.append((STATIC_DIR / "remote.html").read_text(encoding="utf-8"))
    return _TEMPLATE[0]


#: the page's own relative asset links (not absolute URLs, not root paths, not fragments)
_ASSET_LINK = re.compile(r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)')
#: versioned asset URLs: ``_v/<version>/js/main.js``
VERSIONED_PREFIX = "_v"
IMMUTABLE = "public, max-age=31536000, immutable"


def asset_version() -> str:
    """A short hash of the static folder (names, sizes, mtimes).

    The page is always fetched fresh (``no-cache``) and names its assets under
    ``_v/<version>/``; those responses are immutable, so browsers reuse them across
    reloads and tabs (20 pages opening at once share one download), and an upgrade can
    never serve stale scripts: the new page names a new version. Walking the folder costs
    a few milliseconds, so the result is reused for a second (an edited file shows up
    after at most that long).
    """
    now = time.monotonic()
    if _VERSION and now - _VERSION[0] < _VERSION_TTL:
        return _VERSION[1]
    stamps = sorted(
        (p.relative_to(STATIC_DIR).as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
        for p in STATIC_DIR.rglob("*")
        if p.is_file()
    )
    version = hashlib.blake2b(repr(stamps).encode(), digest_size=6).hexdigest()
    _VERSION[:] = [now, version]
    return version


#: (computed at, version) of the last :func:`asset_version` walk
_VERSION: list[Any] = []
_VERSION_TTL = 1.0


#: the page's module scripts, replaced by the one-script bundle when our server serves it
_MODULES_BLOCK = re.compile(r"<!-- pgwidgets:modules\b.*?<!-- /pgwidgets:modules -->\n?", re.DOTALL)
BUNDLE_PATH = "js/pgwidgets-bundle.js"
#: loaded on their own, ahead of the bundle: boot.js opens the WebSocket while the bundle
#: is still on its way (browsers open one server's WebSockets one after another, so a
#: late socket holds up the pages behind it)
BUNDLE_EXTERNAL = ("boot.js",)


def _versioned_page(bundled: bool = True) -> str:
    """remote.html with its asset links under ``_v/<version>/`` (still relative).

    ``bundled``: the module scripts are replaced by one script (``server/bundle.py``),
    unless the bundle cannot be made (then the modules load as written).
    """
    page = _page_template()
    if bundled and page_bundle() is not None:
        scripts = "".join(
            f'<script type="module" async src="js/{name}"></script>\n'
            for name in (*BUNDLE_EXTERNAL, BUNDLE_PATH.removeprefix("js/"))
        )
        page = _MODULES_BLOCK.sub(scripts, page, count=1)
    return _ASSET_LINK.sub(rf'\1="{VERSIONED_PREFIX}/{asset_version()}/', page)


#: (asset version, bundle bytes or None when the modules cannot be bundled, its ETag)
_BUNDLE: list[Any] = []


def page_bundle() -> bytes | None:
    """The library's modules as one script, made again when the static folder changes."""
    version = asset_version()
    if _BUNDLE and _BUNDLE[0] == version:
        return _BUNDLE[1]  # type: ignore[no-any-return]
    js = STATIC_DIR / "js"
    sources = {
        p.relative_to(js).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(js.rglob("*.js"))
        if p.is_file()
    }
    try:
        body: bytes | None = bundle_modules(sources, "main.js", BUNDLE_EXTERNAL).encode("utf-8")
    except BundleError as exc:
        logger.warning("serving the widget library as separate modules: %s", exc)
        body = None
    etag = None if body is None else '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    _BUNDLE[:] = [version, body, etag]
    return body


async def static_handler(request: web.Request) -> web.StreamResponse:
    """A file of the widget library; never a directory listing, never outside the folder."""
    tail = request.match_info.get("tail", "")
    cache = "no-cache"
    if tail.startswith(VERSIONED_PREFIX + "/"):
        _, version, tail = (tail.split("/", 2) + ["", ""])[:3]
        if version == asset_version():
            cache = IMMUTABLE  # an older page's version gets today's file, revalidated
    if tail == BUNDLE_PATH:
        body = page_bundle()
        if body is None:
            raise web.HTTPNotFound()
        return _bytes_response(request, body, "text/javascript", _BUNDLE[2], cache)
    path = _resolve_static(tail)
    if path is None:
        raise web.HTTPNotFound()
    if path.name == "remote.html":
        return await page_handler(request)
    return _cached_file(request, path, cache)


def _resolve_static(tail: str) -> Path | None:
    """The file ``tail`` names inside the static folder, or None (outside, or no file)."""
    version = asset_version()
    if _RESOLVED[0] != version:
        _RESOLVED[:] = [version, {}]
    known: dict[str, Path] = _RESOLVED[1]
    path = known.get(tail)
    if path is not None:
        return path
    try:
        path = (STATIC_DIR / tail).resolve()
        path.relative_to(STATIC_DIR)
    except (ValueError, OSError):
        return None
    if not path.is_file():
        return None
    known[tail] = path  # only files that exist: bounded by the folder
    return path


#: path -> (body, content type, ETag, asset version it was read under): the library's
#: files are package data, so each is read once and served from memory (no thread-pool hops
#: of FileResponse). The asset version (a cached walk of the folder) changes when any file
#: does, so an edited file is read again without a stat per request
_FILES: dict[Path, tuple[bytes, str, str, str]] = {}
#: (asset version, request tail -> resolved file): resolving costs a syscall per component
_RESOLVED: list[Any] = ["", {}]
_MAX_CACHED = 512 * 1024
#: a plain ``@import url("x.css");`` / ``@import "x.css";`` line (no media list)
_CSS_IMPORT = re.compile(
    r'^[ \t]*@import\s+(?:url\(\s*)?["\']([^"\'()]+)["\']\s*\)?\s*;[ \t]*$', re.MULTILINE
)


def _css_bundle(path: Path, depth: int = 0) -> str:
    """A stylesheet with its local ``@import``s inlined: one request instead of ~25.

    An import is inlined only when the file lies in the static folder and has no ``url()``
    (relative URLs would resolve against another folder); anything else stays an import.
    """
    text = path.read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        target = (path.parent / match.group(1)).resolve()
        try:
            target.relative_to(STATIC_DIR)
        except ValueError:
            return match.group(0)
        if depth > 4 or not target.is_file():
            return match.group(0)
        inner = _css_bundle(target, depth + 1)
        if "url(" in _CSS_IMPORT.sub("", inner):
            return match.group(0)
        return f"/* {target.relative_to(STATIC_DIR).as_posix()} */\n{inner}"

    bundled = _CSS_IMPORT.sub(inline, text)
    if bundled != text and _CSS_IMPORT.search(bundled):
        # an @import left after inlined rules would be ignored: keep the file as written
        return text
    return bundled


def _cached_file(request: web.Request, path: Path, cache: str = "no-cache") -> web.StreamResponse:
    version = asset_version()
    entry = _FILES.get(path)
    if entry is None or entry[3] != version:  # new, or the folder changed since
        if path.stat().st_size > _MAX_CACHED:
            return web.FileResponse(path, headers={**SECURITY_HEADERS, "Cache-Control": cache})
        if path.suffix == ".css":
            body = _css_bundle(path).encode("utf-8")
        else:
            body = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix in (".js", ".mjs"):
            ctype = "text/javascript"
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        entry = _FILES[path] = (body, ctype, etag, version)
    body, ctype, etag, _ = entry
    return _bytes_response(request, body, ctype, etag, cache)


def _bytes_response(
    request: web.Request, body: bytes, ctype: str, etag: str, cache: str
) -> web.StreamResponse:
    """A file's bytes (gzipped when the browser takes it), or 304 when it has this ETag."""
    text = ctype.startswith("text/") or ctype.endswith(("javascript", "json", "svg+xml"))
    headers = {**SECURITY_HEADERS, "Cache-Control": cache, "Vary": "Accept-Encoding"}
    if text and len(body) >= _GZIP_MIN and _accepts_gzip(request):
        etag = etag[:-1] + '-gz"'  # another representation: another strong ETag
        body = _gzipped(etag, body)
        headers["Content-Encoding"] = "gzip"
    headers["ETag"] = etag
    if etag in request.headers.get("If-None-Match", ""):
        headers.pop("Content-Encoding", None)
        return web.Response(status=304, headers=headers)
    charset = "utf-8" if ctype.startswith("text/") or ctype.endswith(("json", "svg+xml")) else None
    return web.Response(body=body, content_type=ctype, charset=charset, headers=headers)


#: files smaller than this go as they are (gzip would save next to nothing)
_GZIP_MIN = 1024
#: gzip-ETag -> compressed bytes: each file is compressed once (the bundle ~207 KB -> ~45 KB)
_GZIPPED: dict[str, bytes] = {}


def _gzipped(etag: str, body: bytes) -> bytes:
    packed = _GZIPPED.get(etag)
    if packed is None:
        if len(_GZIPPED) > 512:  # old versions of edited files: start over
            _GZIPPED.clear()
        packed = _GZIPPED[etag] = gzip.compress(body, compresslevel=6, mtime=0)
    return packed


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


def static_dir() -> Path:
    return STATIC_DIR
