"""The widget library's files (``pgwidgets/static``) as our server serves them.

One :class:`Assets` object owns everything derived from the folder: its version (a hash of
names, sizes and mtimes), the page template, the one-script bundle, and each file's bytes,
type, ETag and gzipped form. The files are package data, so each is read once and served
from memory (no thread-pool hop per request); everything is keyed by the version, so an
edited file is read again without a stat per request.

Bounded by design: a request names a file by a path the client chose, and an
unauthenticated client can send any number of spellings of one file (``css/1/../base.css``,
``css//base.css``). Only canonical names (:func:`canonical_name`) are looked up at all, only
files that exist are remembered, and each cache also has a hard cap, so no request can make
the process grow.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
import json
import logging
import mimetypes
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pgwidgets.exceptions import ConfigurationError
from pgwidgets.server.bundle import BundleError, bundle_modules, module_sources

__all__ = [
    "BUNDLE_PATH",
    "IMMUTABLE",
    "STATIC_DIR",
    "VERSIONED_PREFIX",
    "Assets",
    "FileEntry",
    "canonical_name",
    "default_assets",
    "inject_settings",
]

logger = logging.getLogger(__name__)


def _find_static() -> Path:
    """The ``static`` folder of the installed package, found the way package data is."""
    root = importlib.resources.files("pgwidgets").joinpath("static")
    if not isinstance(root, Path):  # a zipped install: files cannot be served from it
        raise ConfigurationError(
            "pgwidgets must be installed as files, not from a zip: its static folder is "
            f"served to browsers ({root})"
        )
    return root.resolve()


#: the widget library: remote.html, js/, css/, favicon.svg
STATIC_DIR = _find_static()

#: versioned asset URLs: ``_v/<version>/js/main.js``
VERSIONED_PREFIX = "_v"
IMMUTABLE = "public, max-age=31536000, immutable"
BUNDLE_PATH = "js/pgwidgets-bundle.js"
#: loaded on their own, ahead of the bundle: boot.js opens the WebSocket while the bundle
#: is still on its way (browsers open one server's WebSockets one after another, so a
#: late socket holds up the pages behind it)
BUNDLE_EXTERNAL = ("boot.js",)

#: longest file name a request may ask for (the folder's longest is far shorter): longer
#: names are refused before any file-system call (which would fail with ENAMETOOLONG)
MAX_NAME = 200
#: files larger than this are streamed from disk, not kept in memory
MAX_CACHED_SIZE = 512 * 1024
#: at most this many files' bytes, and gzipped forms, are kept (the folder has ~150 files)
MAX_ENTRIES = 1024
#: files smaller than this go as they are (gzip would save next to nothing)
GZIP_MIN = 1024

#: the page's own relative asset links (not absolute URLs, not root paths, not fragments)
_ASSET_LINK = re.compile(r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)')
#: the page's module scripts, replaced by the one-script bundle when our server serves it
_MODULES_BLOCK = re.compile(r"<!-- pgwidgets:modules\b.*?<!-- /pgwidgets:modules -->\n?", re.DOTALL)
#: a plain ``@import url("x.css");`` / ``@import "x.css";`` line (no media list)
_CSS_IMPORT = re.compile(
    r'^[ \t]*@import\s+(?:url\(\s*)?["\']([^"\'()]+)["\']\s*\)?\s*;[ \t]*$', re.MULTILINE
)
#: characters no file of the library has in its name (and ``\\`` is a separator on Windows)
_BAD_CHARS = re.compile(r"[\\\x00-\x1f\x7f:]")


def canonical_name(tail: str) -> str | None:
    """``tail`` if it is the one canonical spelling of a file name in the folder, else None.

    Canonical: relative, segments separated by single ``/``, no ``.`` or ``..`` segment, no
    backslash or control character, at most :data:`MAX_NAME` characters. Browsers and
    HTTP clients remove dot segments before sending, so only a hand-made request is refused;
    refusing it (rather than resolving it) means one file has one name, so caches keyed by
    the name are bounded by the folder, and a prefix check on the name (PasswordAuth's
    public ``css/``) says what is really served.
    """
    if not tail or len(tail) > MAX_NAME or _BAD_CHARS.search(tail):
        return None
    if any(part in ("", ".", "..") for part in tail.split("/")):
        return None
    return tail


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


@dataclass(frozen=True)
class FileEntry:
    """One file as it is served: its bytes (None: too big, stream it from ``path``)."""

    path: Path
    body: bytes | None
    content_type: str
    etag: str
    version: str


class Assets:
    """The static folder and everything our server derives from it.

    Args:
        root: the folder (default: the package's own).
        version_ttl: seconds a computed version is trusted (walking the folder costs a few
            milliseconds; an edit shows up after at most this long).
        clock: a monotonic clock (injected by tests).
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        version_ttl: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.root = (root or STATIC_DIR).resolve()
        self.version_ttl = version_ttl
        self._clock = clock
        # handlers run on one loop, but warm-up and sync code may ask from other threads
        self._lock = threading.Lock()
        self._version: tuple[float, str] | None = None
        self._template: tuple[str, str] | None = None
        # (version, bundle bytes or None when the modules cannot be bundled, its ETag)
        self._bundle: tuple[str, bytes | None, str] | None = None
        self._files: dict[str, FileEntry] = {}
        self._gzipped: dict[str, bytes] = {}

    # ------------------------------------------------------------ version
    def version(self) -> str:
        """A short hash of the folder (names, sizes, mtimes).

        The page is always fetched fresh (``no-cache``) and names its assets under
        ``_v/<version>/``; those responses are immutable, so browsers reuse them across
        reloads and tabs, and an upgrade can never serve stale scripts: the new page names
        a new version.
        """
        now = self._clock()
        cached = self._version
        if cached is not None and now - cached[0] < self.version_ttl:
            return cached[1]
        stamps = sorted(
            (p.relative_to(self.root).as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
            for p in self.root.rglob("*")
            if p.is_file()
        )
        version = hashlib.blake2b(repr(stamps).encode(), digest_size=6).hexdigest()
        self._version = (now, version)
        return version

    # --------------------------------------------------------------- page
    def template(self) -> str:
        """remote.html as it is in the folder (read again when the folder changes)."""
        version = self.version()
        cached = self._template
        if cached is None or cached[0] != version:
            cached = self._template = (version, (self.root / "remote.html").read_text("utf-8"))
        return cached[1]

    def page(self, *, bundled: bool = True) -> str:
        """remote.html with its asset links under ``_v/<version>/`` (still relative).

        ``bundled``: the module scripts are replaced by one script (``server/bundle.py``),
        unless the bundle cannot be made (then the modules load as written).
        """
        page = self.template()
        if bundled and self.bundle() is not None:
            scripts = "".join(
                f'<script type="module" async src="js/{name}"></script>\n'
                for name in (*BUNDLE_EXTERNAL, BUNDLE_PATH.removeprefix("js/"))
            )
            page = _MODULES_BLOCK.sub(scripts, page, count=1)
        return _ASSET_LINK.sub(rf'\1="{VERSIONED_PREFIX}/{self.version()}/', page)

    # ------------------------------------------------------------- bundle
    def bundle(self) -> bytes | None:
        """The library's modules as one script, made again when the folder changes."""
        return self.bundle_entry()[0]

    def bundle_entry(self) -> tuple[bytes | None, str]:
        """(the bundle or None, its ETag)."""
        version = self.version()
        cached = self._bundle
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        # not a bundle built into the folder (an installed package has one): its modules
        sources = module_sources(self.root / "js")
        body: bytes | None
        try:
            body = bundle_modules(sources, "main.js", BUNDLE_EXTERNAL).encode("utf-8")
        except BundleError as exc:
            logger.warning("serving the widget library as separate modules: %s", exc)
            body = None
        etag = "" if body is None else _etag(body)
        self._bundle = (version, body, etag)
        return body, etag

    # -------------------------------------------------------------- files
    def file(self, tail: str) -> FileEntry | None:
        """The file ``tail`` names, or None (not canonical, outside the folder, no file)."""
        name = canonical_name(tail)
        if name is None:
            return None
        version = self.version()
        entry = self._files.get(name)
        if entry is not None and entry.version == version:
            return entry
        try:
            path = (self.root / name).resolve()
            path.relative_to(self.root)  # a symlink out of the folder
            if not path.is_file():
                return None
            size = path.stat().st_size
            if size > MAX_CACHED_SIZE:
                body, etag = None, ""  # FileResponse makes its own ETag
            else:
                body = self._css_bundle(path) if path.suffix == ".css" else path.read_bytes()
                etag = _etag(body)
        except (ValueError, OSError):
            return None
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix in (".js", ".mjs"):
            ctype = "text/javascript"
        entry = FileEntry(path, body, ctype, etag, version)
        with self._lock:
            if len(self._files) >= MAX_ENTRIES:  # old versions of edited files: start over
                self._files.clear()
            self._files[name] = entry
        return entry

    def cache_size(self) -> int:
        """Entries held in the file and gzip caches (each is capped at MAX_ENTRIES)."""
        return len(self._files) + len(self._gzipped)

    def gzipped(self, etag: str, body: bytes) -> bytes:
        """``body`` gzipped, compressed once per ETag (the bundle ~207 KB -> ~45 KB)."""
        packed = self._gzipped.get(etag)
        if packed is None:
            packed = gzip.compress(body, compresslevel=6, mtime=0)
            with self._lock:
                if len(self._gzipped) >= MAX_ENTRIES:
                    self._gzipped.clear()
                self._gzipped[etag] = packed
        return packed

    def _css_bundle(self, path: Path, depth: int = 0) -> bytes:
        return self._css_text(path, depth).encode("utf-8")

    def _css_text(self, path: Path, depth: int = 0) -> str:
        """A stylesheet with its local ``@import``s inlined: one request instead of ~25.

        An import is inlined only when the file lies in the folder and has no ``url()``
        (relative URLs would resolve against another folder); anything else stays an import.
        """
        text = path.read_text(encoding="utf-8")

        def inline(match: re.Match[str]) -> str:
            target = (path.parent / match.group(1)).resolve()
            try:
                target.relative_to(self.root)
            except ValueError:
                return match.group(0)
            if depth > 4 or not target.is_file():
                return match.group(0)
            inner = self._css_text(target, depth + 1)
            if "url(" in _CSS_IMPORT.sub("", inner):
                return match.group(0)
            return f"/* {target.relative_to(self.root).as_posix()} */\n{inner}"

        bundled = _CSS_IMPORT.sub(inline, text)
        if bundled != text and _CSS_IMPORT.search(bundled):
            # an @import left after inlined rules would be ignored: keep the file as written
            return text
        return bundled


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


_DEFAULT: list[Assets] = []
_DEFAULT_LOCK = threading.Lock()


def default_assets() -> Assets:
    """The process's one :class:`Assets` for the package's folder, shared by every
    Application (the bundle and file bytes are the same for all of them)."""
    with _DEFAULT_LOCK:
        if not _DEFAULT:
            _DEFAULT.append(Assets())
        return _DEFAULT[0]
