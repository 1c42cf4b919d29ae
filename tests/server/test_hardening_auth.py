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

from pgwidgets.auth import PasswordAuth
from pgwidgets.auth import password as password_mod
from tests.server import test_auth as matrix
from tests.server.test_auth import USERS, client, threaded

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
