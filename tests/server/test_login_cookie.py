"""The login cookie (issue 13 defaults): ``__Host-`` where allowed, logout revokes it.

Before, logout only asked the browser to drop the cookie: a copy (another tab, a stolen
one) stayed valid for its whole ``cookie_max_age``. And the cookie had a plain name, which
a sibling host or a plain-http page of the same host could overwrite.
"""

from __future__ import annotations

from typing import Any

from yarl import URL

from pgwidgets.auth import PasswordAuth, TokenAuth
from pgwidgets.auth.cookies import COOKIE_NAME, HOST_PREFIX
from tests.server import test_auth as matrix
from tests.server.test_auth import TOKEN, USERS, client, status_of, threaded

deploy = matrix.deploy  # the matrix's fixture, shared


@threaded
async def test_logout_revokes_the_cookie_on_the_server(deploy: Any) -> None:
    dep = deploy("shared", auth=PasswordAuth(USERS))
    async with client() as http:
        async with http.post(
            dep.login, data={"username": "alice", "password": "alice-pw"}, allow_redirects=False
        ) as r:
            assert r.status == 303
        copy = http.cookie_jar.filter_cookies(URL(dep.page))[COOKIE_NAME].value
        assert await status_of(http, dep, "page", {}) == 200
        async with http.post(dep.login.replace("login", "logout"), allow_redirects=False) as r:
            assert r.status == 303
    async with client() as thief:  # the copy, presented after the logout
        thief.cookie_jar.update_cookies({COOKIE_NAME: copy})
        assert await status_of(thief, dep, "page", {}) == 401
        assert await status_of(thief, dep, "ws", {}) == 401


@threaded
async def test_another_login_survives_a_logout(deploy: Any) -> None:
    """Only the logged-out cookie is revoked, not the user's other sessions."""
    dep = deploy("shared", auth=PasswordAuth(USERS))
    jars = []
    for _ in range(2):
        http = client()
        async with http.post(
            dep.login, data={"username": "alice", "password": "alice-pw"}, allow_redirects=False
        ) as r:
            assert r.status == 303
        jars.append(http)
    try:
        async with jars[0].post(dep.login.replace("login", "logout"), allow_redirects=False):
            pass
        assert await status_of(jars[1], dep, "page", {}) == 200
    finally:
        for http in jars:
            await http.close()


HTTPS = {"X-Forwarded-Proto": "https"}


@threaded
async def test_host_prefixed_cookie_under_https_at_the_root(deploy: Any) -> None:
    dep = deploy("shared", auth=TokenAuth(TOKEN), trusted_proxies=["127.0.0.1"])
    async with client() as http:
        async with http.get(f"{dep.page}?token={TOKEN}", headers=HTTPS, allow_redirects=False) as r:
            cookie = r.headers["Set-Cookie"]
            value = r.cookies[HOST_PREFIX + COOKIE_NAME].value
    assert cookie.startswith(f"{HOST_PREFIX}{COOKIE_NAME}=")
    assert "Secure" in cookie and "Path=/;" in cookie and "Domain" not in cookie
    async with client() as http:
        headers = {**HTTPS, "Cookie": f"{HOST_PREFIX}{COOKIE_NAME}={value}"}
        async with http.get(dep.page, headers=headers) as r:
            assert r.status == 200


@threaded
async def test_plain_name_where_host_prefix_is_not_allowed(deploy: Any) -> None:
    """http, or a path prefix: a browser would refuse a ``__Host-`` cookie there."""
    dep = deploy("shared", auth=TokenAuth(TOKEN), trusted_proxies=["127.0.0.1"])
    async with client() as http:
        for headers in ({}, {**HTTPS, "X-Forwarded-Prefix": "/app"}):
            async with http.get(
                f"{dep.page}?token={TOKEN}", headers=headers, allow_redirects=False
            ) as r:
                assert r.headers["Set-Cookie"].startswith(f"{COOKIE_NAME}=")
