"""Backend details over real servers: token exchange, cookies, login, proxies, identities."""

from __future__ import annotations

import base64
import json
import logging
import time
from typing import Any

import aiohttp
import pytest

from pgwidgets.auth import PasswordAuth, TokenAuth, TrustedHeaderAuth
from pgwidgets.auth.cookies import COOKIE_NAME, fernet_for
from pgwidgets.auth.password import MAX_FORM_BYTES
from tests.server import test_auth as matrix
from tests.server.test_auth import TOKEN, USERS, client, open_ws, status_of, threaded

deploy = matrix.deploy  # the matrix's fixture, shared

SECRET = "a-test-secret-key-that-is-long-enough"


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


async def exchange(http: aiohttp.ClientSession, url: str) -> aiohttp.ClientResponse:
    async with http.get(url, allow_redirects=False) as r:
        await r.read()
        return r


# ------------------------------------------------------------------ TokenAuth
@threaded
async def test_token_in_query_becomes_cookie_and_leaves_the_url(deploy: Any) -> None:
    dep = deploy("subapp", auth=TokenAuth(TOKEN))
    async with client() as http:
        r = await exchange(http, f"{dep.page}?token={TOKEN}&theme=dark")
        assert r.status == 303
        assert r.headers["Location"] == "./?theme=dark"
        cookie = r.headers["Set-Cookie"]
        assert TOKEN not in cookie and "Path=/gui;" in cookie
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
        for route in ("page", "static", "ws"):  # the cookie alone now opens everything
            assert await status_of(http, dep, route, {}) in (200, 101)


@threaded
async def test_wrong_token_in_query_is_refused_without_cookie(deploy: Any) -> None:
    dep = deploy("shared", auth=TokenAuth(TOKEN))
    async with client() as http:
        async with http.get(f"{dep.page}?token=nope", headers={"Accept": "text/html"}) as r:
            assert r.status == 401
            assert "Set-Cookie" not in r.headers
            assert "access token" in (await r.text())


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "Token x"])
@threaded
async def test_malformed_authorization_header_401(deploy: Any, header: str) -> None:
    dep = deploy("shared", auth=TokenAuth(TOKEN))
    async with client() as http:
        async with http.get(dep.page, headers={"Authorization": header}) as r:
            assert r.status == 401
            assert "malformed" in await r.text()


@threaded
async def test_token_on_websocket_url_in_ws_only_mode(deploy: Any) -> None:
    dep = deploy("ws_only", auth=TokenAuth(TOKEN))
    async with client() as http:
        good, bad = f"{dep.ws}?token={TOKEN}", f"{dep.ws}?token=wrong"
        dep.ws = good
        assert (await open_ws(http, dep, {}))[0]["type"] == "welcome"
        dep.ws = bad
        with pytest.raises(aiohttp.WSServerHandshakeError) as err:
            await open_ws(http, dep, {})
        assert err.value.status == 401


@pytest.mark.parametrize("mode", ["ws_only", "shared"])
@threaded
async def test_token_in_subprotocol_never_echoed(deploy: Any, mode: str, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    dep = deploy(mode, auth=TokenAuth(TOKEN))
    async with client() as http:
        ws = await http.ws_connect(
            dep.ws,
            headers={"Origin": dep.origin},
            protocols=("pgwidgets", f"pgwidgets.token.{b64(TOKEN)}"),
        )
        assert ws.protocol == "pgwidgets"
        await ws.close()
        # only the token protocol, and a wrong one: refused, and nothing logged
        with pytest.raises(aiohttp.WSServerHandshakeError) as err:
            await http.ws_connect(
                dep.ws,
                headers={"Origin": dep.origin},
                protocols=(f"pgwidgets.token.{b64('wrong')}",),
            )
        assert err.value.status == 401
        ws = await http.ws_connect(
            dep.ws, headers={"Origin": dep.origin}, protocols=(f"pgwidgets.token.{b64(TOKEN)}",)
        )
        await ws.close()
    assert b64(TOKEN) not in caplog.text and TOKEN not in caplog.text


@threaded
async def test_no_log_contains_a_given_token(deploy: Any, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    dep = deploy("shared", auth=TokenAuth(TOKEN))
    async with client() as http:
        await exchange(http, f"{dep.page}?token={TOKEN}")
        await exchange(http, f"{dep.page}?token={TOKEN}x")
        await exchange(http, f"{dep.page}js/missing.js")
        await open_ws(http, dep, {})
    assert "token=<your token>" in caplog.text  # the startup line, redacted
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(dep.app.auth) and TOKEN not in repr(dep.app.config)


def test_generated_token_is_in_url_and_startup_line(sync_app: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO)
    app = sync_app(auth=TokenAuth())
    token = app.auth.token
    assert len(token) >= 24 and app.url.endswith(f"/#token={token}")
    assert f"#token={token}" in caplog.text


@threaded
async def test_cookie_tampered_or_expired_is_no_login(deploy: Any) -> None:
    dep = deploy("shared", auth=TokenAuth(TOKEN), secret_key=SECRET, cookie_max_age=3600)
    async with client() as http:
        r = await exchange(http, f"{dep.page}?token={TOKEN}")
        value = r.cookies[COOKIE_NAME].value
    fernet = fernet_for(SECRET)
    payload = json.loads(fernet.decrypt(value.encode()))
    tampered = value[:-6] + ("A" if value[-6] != "A" else "B") + value[-5:]
    old = time.time() - 2 * 3600
    expired = fernet.encrypt_at_time(
        json.dumps({**payload, "created": int(old)}).encode(), int(old)
    ).decode()
    for bad in (tampered, expired, "garbage"):
        async with client() as http:
            http.cookie_jar.update_cookies({COOKIE_NAME: bad})
            for route in ("page", "static", "ws"):
                assert await status_of(http, dep, route, {}) == 401, (bad[:10], route)
    async with client() as http:  # control: the untouched cookie still works
        http.cookie_jar.update_cookies({COOKIE_NAME: value})
        assert await status_of(http, dep, "page", {}) == 200


@threaded
async def test_secret_key_makes_cookies_valid_across_processes(deploy: Any) -> None:
    first = deploy("shared", auth=TokenAuth(TOKEN), secret_key=SECRET)
    keyed = deploy("shared", auth=TokenAuth(TOKEN), secret_key=SECRET)
    random_key = deploy("shared", auth=TokenAuth(TOKEN))
    async with client() as http:
        value = (await exchange(http, f"{first.page}?token={TOKEN}")).cookies[COOKIE_NAME].value
    for dep, ok in ((keyed, True), (random_key, False)):
        async with client() as http:
            http.cookie_jar.update_cookies({COOKIE_NAME: value})
            assert await status_of(http, dep, "page", {}) == (200 if ok else 401)


@pytest.mark.parametrize(("trusted", "secure"), [(["127.0.0.1"], True), (None, False), ([], False)])
@threaded
async def test_cookie_secure_behind_trusted_tls_proxy(
    deploy: Any, trusted: Any, secure: bool
) -> None:
    """A listed local proxy is believed; by default nobody is, not even loopback."""
    dep = deploy("shared", auth=TokenAuth(TOKEN), trusted_proxies=trusted)
    async with client() as http:
        async with http.get(
            f"{dep.page}?token={TOKEN}",
            allow_redirects=False,
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-Prefix": "/app"},
        ) as r:
            cookie = r.headers["Set-Cookie"]
    assert ("Secure" in cookie) is secure
    assert ("Path=/app;" in cookie) is secure


# --------------------------------------------------------------- PasswordAuth
@threaded
async def test_login_page_login_and_logout(deploy: Any) -> None:
    dep = deploy("subapp", auth=PasswordAuth(USERS))
    async with client() as http:
        async with http.get(dep.page, headers={"Accept": "text/html"}, allow_redirects=False) as r:
            assert (r.status, r.headers["Location"]) == (303, "/gui/login")
        async with http.get(dep.login) as r:
            page = await r.text()
            assert r.status == 200 and 'name="username"' in page and 'type="password"' in page
        async with http.get(f"{dep.page}css/pgwidgets.css") as r:
            assert r.status == 200  # the login page's style is public, the app is not
        async with http.post(dep.login, data={"username": "alice", "password": "wrong"}) as r:
            assert r.status == 401 and "Wrong user name or password" in await r.text()
        async with http.post(
            dep.login, data={"username": "alice", "password": "alice-pw"}, allow_redirects=False
        ) as r:
            assert (r.status, r.headers["Location"]) == (303, "/gui/")
            assert "Path=/gui;" in r.headers["Set-Cookie"]
        assert await status_of(http, dep, "page", {}) == 200
        async with http.post(dep.login.replace("login", "logout"), allow_redirects=False) as r:
            assert r.status == 303
        assert await status_of(http, dep, "page", {}) == 401
        assert await status_of(http, dep, "ws", {}) == 401


@threaded
async def test_failed_logins_rate_limited_per_client(deploy: Any) -> None:
    dep = deploy("shared", auth=PasswordAuth(USERS, max_failures=3), trusted_proxies=["127.0.0.1"])
    async with client() as http:
        for _ in range(3):
            async with http.post(dep.login, data={"username": "bob", "password": "x"}) as r:
                assert r.status == 401
        async with http.post(dep.login, data={"username": "bob", "password": "bob-pw"}) as r:
            assert r.status == 429  # even the right password, until the window passes
            assert int(r.headers["Retry-After"]) > 0
        # another client address (through the trusted local proxy) is not affected
        async with http.post(
            dep.login,
            data={"username": "bob", "password": "bob-pw"},
            headers={"X-Forwarded-For": "192.0.2.7"},
            allow_redirects=False,
        ) as r:
            assert r.status == 303


@threaded
async def test_oversized_login_form_413(deploy: Any) -> None:
    dep = deploy("shared", auth=PasswordAuth(USERS))
    async with client() as http:
        big = {"username": "alice", "password": "x" * (MAX_FORM_BYTES + 10)}
        async with http.post(dep.login, data=big) as r:
            assert r.status == 413
            assert r.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("headers", "ok"),
    [
        ({"Origin": "http://evil.example"}, False),
        ({"Sec-Fetch-Site": "cross-site", "Origin": "null"}, False),
        ({"Sec-Fetch-Site": "same-site"}, False),
        ({"Sec-Fetch-Site": "same-origin", "Origin": "null"}, True),  # from our no-referrer page
    ],
)
@threaded
async def test_login_post_from_another_site_refused(
    deploy: Any, headers: dict[str, str], ok: bool
) -> None:
    dep = deploy("shared", auth=PasswordAuth(USERS))
    async with client() as http:
        async with http.post(
            dep.login,
            data={"username": "alice", "password": "alice-pw"},
            headers=headers,
            allow_redirects=False,
        ) as r:
            assert r.status == (303 if ok else 403)
            assert ("Set-Cookie" in r.headers) is ok


# ------------------------------------------------------ trusted proxies / identity
@threaded
async def test_trusted_header_identity_is_the_user_name(deploy: Any) -> None:
    dep = deploy("shared", auth=TrustedHeaderAuth(header="X-Remote-User"))
    async with client() as http:
        frame = await open_ws(http, dep, {"X-Remote-User": "dora"})
    assert frame[0]["type"] == "welcome"
    assert [s.user for s in dep.app.sessions.values()] == ["dora"]


@pytest.mark.parametrize(
    ("trusted", "ok"),
    [(["127.0.0.1"], True), (None, False), ([], False), (["10.0.0.0/8"], False)],
)
@threaded
async def test_forwarded_host_believed_only_from_trusted_proxies(
    deploy: Any, trusted: Any, ok: bool
) -> None:
    """A listed local proxy (nginx with ``proxy_set_header X-Forwarded-Host``) is seen
    through; loopback is not trusted unless listed (issue 13)."""
    dep = deploy("shared", trusted_proxies=trusted, allowed_hosts=["app.example.com"])
    dep.origin = "https://app.example.com"
    headers = {"X-Forwarded-Host": "app.example.com", "X-Forwarded-Proto": "https"}
    async with client() as http:
        assert await status_of(http, dep, "ws", headers) == (101 if ok else 403)


@threaded
async def test_reconnect_with_another_users_credentials_refused(deploy: Any) -> None:
    dep = deploy("shared", auth=TrustedHeaderAuth())
    async with client() as http:
        welcome = (await open_ws(http, dep, {"X-Forwarded-User": "alice"}))[0]
        stolen = {"session_id": welcome["session_id"], "token": welcome["token"]}
        ws = await http.ws_connect(
            dep.ws, headers={"Origin": dep.origin, "X-Forwarded-User": "mallory"}
        )
        await ws.send_json({**{"type": "hello", "width": 1, "height": 1}, **stolen})
        frame = await ws.receive_json(timeout=5)
        assert frame[0]["type"] == "refused"
        await ws.receive(timeout=5)
        assert ws.close_code == 4001
        ws = await http.ws_connect(
            dep.ws, headers={"Origin": dep.origin, "X-Forwarded-User": "alice"}
        )
        await ws.send_json({**{"type": "hello", "width": 1, "height": 1}, **stolen})
        frame = await ws.receive_json(timeout=5)
        await ws.close()
    assert frame[0]["type"] == "welcome" and frame[0]["session_id"] == stolen["session_id"]
    assert [s.user for s in dep.app.sessions.values()] == ["alice"]


@pytest.mark.parametrize("path", ["js/main.js", "nope.js", ""])
@threaded
async def test_security_headers_on_static_error_and_refusal(deploy: Any, path: str) -> None:
    dep = deploy("shared", auth=TokenAuth(TOKEN))
    async with client() as http:
        for headers in ({"Authorization": f"Bearer {TOKEN}"}, {}):
            async with http.get(dep.page + path, headers=headers) as r:
                assert r.headers["X-Content-Type-Options"] == "nosniff"
                assert r.headers["Referrer-Policy"] == "no-referrer"
                assert "frame-ancestors 'self'" in r.headers["Content-Security-Policy"]
