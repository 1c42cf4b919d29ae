"""The static route under attack: unbounded caches, odd spellings, long names, the CSP.

Issue 13, findings 6 and 8, the 500 on a 300-character path, and ``connect-src``. Paths are
sent as they are (``encoded=True``): browsers remove dot segments, an attacker does not.
"""

from __future__ import annotations

import re
from typing import Any

import aiohttp
from aiohttp.test_utils import make_mocked_request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yarl import URL

from pgwidgets.auth import PasswordAuth
from pgwidgets.auth.headers import content_security_policy
from pgwidgets.server.assets import STATIC_DIR, Assets, canonical_name
from tests.conftest import free_port
from tests.server.test_auth import USERS
from tests.server.test_transport import Serve, get, serve

__all__ = ["serve"]  # the fixture, shared

FILES_IN_FOLDER = sum(1 for p in STATIC_DIR.rglob("*") if p.is_file())


def raw(app: Any, path: str, port: int | None = None) -> URL:
    return URL(f"http://127.0.0.1:{port or app.ws_port}{path}", encoded=True)


def connect_src(csp: str) -> str:
    match = re.search(r"connect-src ([^;]*)", csp)
    assert match, csp
    return match.group(1).strip()


# ------------------------------------------------------------- finding 6: caches
async def test_spellings_of_one_file_are_refused_and_grow_no_cache(serve: Serve) -> None:
    """Each ``css/<n>/../base.css`` used to add a cache entry for good (+8.6 KB a request,
    unauthenticated). A file has one name now: other spellings are 404 and cost nothing."""
    app = await serve()
    app.assets = Assets()  # its own caches, to count them

    async def status(http: aiohttp.ClientSession, path: str) -> int:
        async with http.get(raw(app, path)) as response:
            await response.read()
            return response.status

    async with aiohttp.ClientSession() as http:
        assert await status(http, "/css/base.css") == 200
        for n in range(200):
            assert await status(http, f"/css/{n}/../base.css") == 404
        for spelling in (
            "/css//base.css",
            "/css/./base.css",
            "/./css/base.css",
            "/js/../css/base.css",
        ):
            assert await status(http, spelling) == 404, spelling
        for n in range(200):  # canonical names of files that do not exist are not remembered
            assert await status(http, f"/css/missing-{n}.css") == 404
    assert 1 <= app.assets.cache_size() <= 2 * FILES_IN_FOLDER


def test_every_cache_has_a_hard_cap(tmp_path: Any) -> None:
    """Even names that all exist (a folder bigger than the cap) cannot grow the caches past
    their cap."""
    from pgwidgets.server import assets as assets_module

    (tmp_path / "remote.html").write_text("<head></head>")
    for n in range(40):
        (tmp_path / f"f{n}.txt").write_text(f"file {n}\n" * 200)
    assets = Assets(tmp_path)
    cap = 16
    original = assets_module.MAX_ENTRIES
    assets_module.MAX_ENTRIES = cap
    try:
        for n in range(40):
            entry = assets.file(f"f{n}.txt")
            assert entry is not None and entry.body is not None
            assets.gzipped(entry.etag, entry.body)
            assert assets.cache_size() <= 2 * cap
    finally:
        assets_module.MAX_ENTRIES = original


# ------------------------------------------------- a 300-character path was a 500
async def test_long_paths_are_404_not_500(serve: Serve) -> None:
    app = await serve()
    version = app.assets.version()
    for path in (
        "/" + "a" * 300,
        "/css/" + "b" * 300,
        f"/_v/{version}/js/" + "c" * 300 + ".js",
        "/js/" + "/".join(["d" * 250] * 8),
        "/" + "e" * 5000,
    ):
        status, text, _ = await get(raw(app, path))
        assert status == 404, (path[:20], status)
        assert "Traceback" not in text and "File name too long" not in text


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.sampled_from(["css", "js", "..", ".", "", "base.css", "main.js", "%2e%2e", "x" * 260])
        | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
        min_size=1,
        max_size=6,
    )
)
def test_any_static_path_gets_a_4xx_or_a_file_of_the_folder(parts: list[str]) -> None:
    """Property: whatever the path, the answer is a file of the folder, or a 4xx; never a
    500, never anything outside (checked on the Assets object the route uses)."""
    tail = "/".join(parts)
    assets = _SHARED
    try:
        entry = assets.file(tail)
    except Exception as exc:  # noqa: BLE001 - the property: nothing escapes
        raise AssertionError(f"{tail!r} raised {exc!r}") from exc
    if entry is not None:
        assert canonical_name(tail) == tail
        assert entry.path.is_relative_to(STATIC_DIR) and entry.path.is_file()
    assert assets.cache_size() <= 2 * FILES_IN_FOLDER


_SHARED = Assets()


# ------------------------------------------- finding 8: PasswordAuth public prefix
async def test_password_auth_serves_no_app_file_through_the_public_css_prefix(
    serve: Serve,
) -> None:
    app = await serve(auth=PasswordAuth(USERS))
    assert (await get(raw(app, "/css/pgwidgets.css")))[0] == 200  # the login page's style
    for path in (
        "/css/../js/main.js",
        "/css/%2e%2e/js/main.js",
        "/css/..%2fjs/main.js",
        "/css//../js/main.js",
        "/css/./../remote.html",
    ):
        status, text, _ = await get(raw(app, path), allow_redirects=False)
        assert status in (303, 401, 404), (path, status)
        assert "import" not in text and "pgwidgets:modules" not in text, path
    assert (await get(raw(app, "/js/main.js"), allow_redirects=False))[0] in (303, 401)


def test_password_auth_public_check_normalises_the_path() -> None:
    """The check itself, whatever the static route does with the name afterwards."""
    auth = PasswordAuth(USERS)

    def public(tail: str) -> bool:
        return auth.is_public(make_mocked_request("GET", "/" + tail, match_info={"tail": tail}))

    assert public("css/pgwidgets.css") and public("favicon.svg")
    for tail in ("css/../js/main.js", "css/./../remote.html", "css//../js/client.js", "js/a.js"):
        assert not public(tail), tail


# ------------------------------------------------------------------ connect-src
async def test_page_connects_only_to_its_own_origin(serve: Serve) -> None:
    """Same-origin page: ``connect-src 'self'`` (which covers its own ws:/wss:), never the
    bare ``ws: wss:`` that let an injected script talk to any server."""
    app = await serve()
    status, _, headers = await get(app.url)
    assert status == 200
    assert connect_src(headers["Content-Security-Policy"]) == "'self'"
    for path in ("/js/main.js", "/nothing-here", "/css/base.css"):
        _, _, headers = await get(raw(app, path))
        assert connect_src(headers["Content-Security-Policy"]) == "'self'", path


async def test_split_ports_page_may_connect_to_its_websocket_url_only(serve: Serve) -> None:
    http_port = free_port()
    app = await serve(http_port=http_port)
    status, html, headers = await get(app.url)
    ws_url = f"ws://127.0.0.1:{app.ws_port}/ws"
    assert status == 200 and f'"ws_url": "{ws_url}"' in html
    assert connect_src(headers["Content-Security-Policy"]) == f"'self' {ws_url}"


def test_the_policy_names_no_bare_scheme() -> None:
    for policy in (content_security_policy(), content_security_policy(["wss://x.example/ws"])):
        sources = connect_src(policy).split()
        assert "ws:" not in sources and "wss:" not in sources and "*" not in sources
