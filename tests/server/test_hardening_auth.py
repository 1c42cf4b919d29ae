"""Security round two (issue 13), the auth side: each finding attacked over real sockets.

Finding 4: parallel logins could not bypass PasswordAuth's limit. Finding 5: a callable
``auth=`` returning False or "" no longer admits anyone. Plus: TokenAuth limits failed
attempts, TrustedHeaderAuth refuses a repeated identity header, unexpected failures are a bare
500 logged at most once a minute per kind.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from multidict import CIMultiDict

from pgwidgets.auth import PasswordAuth, TokenAuth, TrustedHeaderAuth
from pgwidgets.auth import password as password_mod
from pgwidgets.auth.cookies import COOKIE_NAME
from pgwidgets.protocol.messages import CLOSE_FULL
from tests.server import test_auth as matrix
from tests.server.test_auth import HELLO, TOKEN, USERS, client, threaded

deploy = matrix.deploy  # the matrix's fixture, shared


# ------------------------------------------------------------ finding 4
@threaded
async def test_parallel_logins_check_at_most_max_failures_passwords(
    deploy: Any, monkeypatch: Any
) -> None:
    checked: list[str] = []
    real = password_mod.verify_password

    def counting(password: str, stored: str) -> bool:
        checked.append(password)
        return real(password, stored)

    monkeypatch.setattr(password_mod, "verify_password", counting)
    dep = deploy("shared", auth=PasswordAuth(USERS, max_failures=5))

    async def attempt(http: aiohttp.ClientSession, n: int) -> int:
        data = {"username": "alice", "password": f"guess-{n}"}
        async with http.post(dep.login, data=data, allow_redirects=False) as r:
            await r.read()
            return r.status

    async with client() as http:
        statuses = await asyncio.gather(*(attempt(http, n) for n in range(40)))
        assert len(checked) <= 5, f"{len(checked)} passwords were checked"
        assert statuses.count(401) == len(checked) and statuses.count(429) == 40 - len(checked)
        # the right password is refused too until the window has passed
        good = {"username": "alice", "password": "alice-pw"}
        async with http.post(dep.login, data=good, allow_redirects=False) as r:
            assert r.status == 429
    assert "alice-pw" not in checked


# ------------------------------------------------------------ finding 5
@pytest.mark.parametrize("answer", ["", "   ", None, [], {}])
@threaded
async def test_callable_returning_an_empty_identity_admits_nobody(deploy: Any, answer: Any) -> None:
    dep = deploy("shared", auth=lambda request: answer)
    async with client() as http:
        for url in (dep.page, f"{dep.page}js/main.js"):
            async with http.get(url, allow_redirects=False) as r:
                assert r.status == 401
        with pytest.raises(aiohttp.WSServerHandshakeError) as err:
            await http.ws_connect(dep.ws, headers={"Origin": dep.origin})
        assert err.value.status == 401


@pytest.mark.parametrize("answer", [True, False])
@threaded
async def test_callable_returning_a_bool_is_a_configuration_error(
    deploy: Any, answer: bool, caplog: Any
) -> None:
    def check(request: web.Request) -> bool:
        return answer

    dep = deploy("shared", auth=check)
    caplog.set_level(logging.ERROR, logger="pgwidgets.auth")
    async with client() as http:
        for _ in range(3):
            async with http.get(dep.page, allow_redirects=False) as r:
                assert r.status == 500
                body = await r.text()
                assert "True" not in body and "False" not in body and "check" not in body
        with pytest.raises(aiohttp.WSServerHandshakeError) as err:
            await http.ws_connect(dep.ws, headers={"Origin": dep.origin})
        assert err.value.status == 500
    errors = [r for r in caplog.records if "must return an identity" in r.getMessage()]
    assert len(errors) == 1, "the configuration error is logged once, not per request"
    assert f"returned {answer}" in errors[0].getMessage()


@threaded
async def test_failing_backend_is_a_bare_500_logged_once(deploy: Any, caplog: Any) -> None:
    def check(request: web.Request) -> str:
        raise RuntimeError("secret internal detail")

    dep = deploy("shared", auth=check)
    caplog.set_level(logging.ERROR)
    async with client() as http:
        for _ in range(5):
            async with http.get(f"{dep.page}css/base.css") as r:
                assert r.status == 500
                assert "secret internal detail" not in await r.text()
                assert r.headers["X-Content-Type-Options"] == "nosniff"
    failures = [r for r in caplog.records if "auth backend" in r.getMessage()]
    assert len(failures) == 1


# ------------------------------------------------------------ TokenAuth limits failures
def other_address() -> aiohttp.ClientSession:
    """A client connecting from 127.0.0.2 (loopback too on Linux): another address."""
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=("127.0.0.2", 0)))


@pytest.mark.parametrize("where", ["header", "query"])
@threaded
async def test_token_auth_limits_wrong_tokens_per_client(
    deploy: Any, monkeypatch: Any, where: str
) -> None:
    checked: list[str] = []
    real = TokenAuth._matches

    def counting(self: TokenAuth, presented: str) -> bool:
        checked.append(presented)
        return real(self, presented)

    monkeypatch.setattr(TokenAuth, "_matches", counting)
    dep = deploy("shared", auth=TokenAuth(TOKEN, max_failures=10))
    assert dep.page is not None

    def request(http: aiohttp.ClientSession, token: str) -> Any:
        if where == "header":
            return http.get(dep.page, headers={"Authorization": f"Bearer {token}"})
        return http.get(f"{dep.page}?token={token}", allow_redirects=False)

    async def attempt(http: aiohttp.ClientSession, n: int) -> int:
        async with request(http, f"wrong-{n}") as r:
            await r.read()
            return r.status

    async with client() as http:
        statuses = await asyncio.gather(*(attempt(http, n) for n in range(60)))
        assert len(checked) == 10 and sorted(set(statuses)) == [401, 429]
        assert statuses.count(401) == 10
        async with request(http, TOKEN) as r:
            assert r.status == 429 and int(r.headers["Retry-After"]) > 0
    async with other_address() as http:  # another address is not affected
        async with request(http, TOKEN) as r:
            assert r.status in (200, 303)


# ------------------------------------------------------------ TrustedHeaderAuth
@threaded
async def test_identity_header_sent_twice_is_refused(deploy: Any, caplog: Any) -> None:
    dep = deploy("shared", auth=TrustedHeaderAuth())
    twice = CIMultiDict([("X-Forwarded-User", "alice"), ("X-Forwarded-User", "mallory")])
    async with client() as http:
        for _ in range(3):
            async with http.get(dep.page, headers=twice) as r:
                assert r.status == 400
        with pytest.raises(aiohttp.WSServerHandshakeError) as err:
            await http.ws_connect(dep.ws, headers=CIMultiDict(twice, Origin=dep.origin))
        assert err.value.status == 400
        async with http.get(dep.page, headers={"X-Forwarded-User": "alice"}) as r:
            assert r.status == 200
    assert len([r for r in caplog.records if "2 times" in r.getMessage()]) == 1


# ------------------------------------------------------------ rate-limited warnings
@threaded
async def test_bad_cookies_and_foreign_headers_are_logged_once(deploy: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO)
    token_dep = deploy("shared", auth=TokenAuth(TOKEN))
    header_dep = deploy("shared", auth=TrustedHeaderAuth(trusted_proxies=["192.0.2.1"]))
    async with client() as http:
        for n in range(20):
            headers = {"Cookie": f"{COOKIE_NAME}=gAAAAAforged{n}"}
            async with http.get(token_dep.page, headers=headers) as r:
                assert r.status == 401
            async with http.get(header_dep.page, headers={"X-Forwarded-User": "root"}) as r:
                assert r.status == 401
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len([m for m in messages if "does not decrypt" in m]) == 1
    assert len([m for m in messages if "not a trusted proxy" in m]) == 1
    assert not [m for m in messages if "Cannot decrypt cookie" in m]  # aiohttp-session's own


# ------------------------------------------------------------ session caps
async def hello(http: aiohttp.ClientSession, dep: Any, **headers: str) -> list[dict[str, Any]]:
    """Open a WebSocket, say hello, return the server's first frame (socket left open)."""
    ws = await http.ws_connect(dep.ws, headers={"Origin": dep.origin, **headers})
    await ws.send_json(HELLO)
    frame: list[dict[str, Any]] = await ws.receive_json(timeout=10)
    if frame[0]["type"] == "refused":
        closing = await ws.receive(timeout=10)
        assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == CLOSE_FULL
    return frame


@threaded
async def test_abandoned_sessions_are_capped_per_address_by_default(deploy: Any) -> None:
    dep = deploy("shared")
    async with client() as http:
        frames = [await hello(http, dep) for _ in range(40)]
        kinds = [f[0]["type"] for f in frames]
        assert kinds == ["welcome"] * 32 + ["refused"] * 8
        refusal = frames[-1][0]
        assert refusal["reason"] == "user-full" and "one user" in refusal["message"]
        assert len(dep.app.sessions) == 32
    async with other_address() as http:  # someone else still gets in
        assert (await hello(http, dep))[0]["type"] == "welcome"


@threaded
async def test_per_identity_and_global_session_caps(deploy: Any) -> None:
    def user(request: web.Request) -> str | None:
        return request.headers.get("X-User") or None

    dep = deploy("shared", auth=user, max_sessions_per_user=2, max_sessions=3)
    async with client() as http:
        assert [(await hello(http, dep, **{"X-User": "ann"}))[0]["type"] for _ in range(3)] == [
            "welcome",
            "welcome",
            "refused",
        ]
        # the refusal names the user's own limit, not a full server
        assert (await hello(http, dep, **{"X-User": "ann"}))[0]["reason"] == "user-full"
        assert (await hello(http, dep, **{"X-User": "bob"}))[0]["type"] == "welcome"
        full = (await hello(http, dep, **{"X-User": "cy"}))[0]
        assert full["reason"] == "full" and "as many sessions as it allows" in full["message"]
    # an ended session frees its place
    ann = next(s for s in dep.app.sessions.values() if s.user == "ann")
    ann.destroy()
    async with client() as http:
        assert (await hello(http, dep, **{"X-User": "cy"}))[0]["type"] == "welcome"
