"""Security round two (issue 13), the transport side, attacked over real sockets.

Finding 2: cross-site WebSocket hijacking of a mounted sub-app (a page on another port of
the same host rode the login cookie). Finding 3: DNS rebinding (Host and Origin both the
attacker's name). And the defaults: loopback proxies are not trusted unless listed; a
refused page can find out why (``?pgwidgets_why``).
"""

from __future__ import annotations

import socket
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from pgwidgets.auth import PasswordAuth
from pgwidgets.auth.hosts import AllowedHosts
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.server.config import ServerConfig
from tests.conftest import free_port
from tests.server import test_auth as matrix
from tests.server.test_auth import USERS, client, open_ws, status_of, threaded

deploy = matrix.deploy  # the matrix's fixture, shared


def parent_cookie_user(request: web.Request) -> str | None:
    """A parent application's login: its session cookie names the user."""
    return "alice" if request.cookies.get("parent_session") == "alice-session" else None


# ------------------------------------------------------------ finding 2
@pytest.mark.parametrize("auth", [None, parent_cookie_user], ids=["no-auth", "cookie"])
@threaded
async def test_subapp_mounted_with_http_server_false_refuses_other_ports(
    deploy: Any, auth: Any
) -> None:
    """examples/deploy/aiohttp_subapp.py mounts Application(http_server=False).web_app():
    our app serves the page there, so only the page's own origin may open the WebSocket."""
    dep = deploy("subapp", http_server=False, auth=auth)
    own_origin = dep.origin
    dep.origin = f"http://127.0.0.1:{free_port()}"  # another port of the same host
    async with client() as http:
        http.cookie_jar.update_cookies({"parent_session": "alice-session"})
        assert await status_of(http, dep, "ws", {}) == 403
        dep.origin = own_origin  # control: the page's own origin still works
        assert await status_of(http, dep, "ws", {}) == 101


@threaded
async def test_ws_only_same_host_rule_is_opt_in(deploy: Any) -> None:
    """WebSocket-only with auth: another port of the same host needs the opt-in."""
    closed = deploy("ws_only", auth=parent_cookie_user, allowed_origins=[])
    opted = deploy("ws_only", auth=parent_cookie_user, allowed_origins=[], same_host_origins=True)
    async with client() as http:
        http.cookie_jar.update_cookies({"parent_session": "alice-session"})
        assert await status_of(http, closed, "ws", {}) == 403
        assert await status_of(http, opted, "ws", {}) == 101


@threaded
async def test_ws_only_without_auth_takes_loopback_pages(deploy: Any) -> None:
    """The guide's FastAPI/Flask programs opened at the URL their server prints."""
    dep = deploy("ws_only")
    dep.ws = dep.ws.replace("127.0.0.1", "localhost")
    async with client() as http:
        for origin in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
            dep.origin = origin
            assert await status_of(http, dep, "ws", {}) == 101
        dep.origin = "http://192.0.2.1:8000"
        assert await status_of(http, dep, "ws", {}) == 403


def test_same_host_origins_only_where_the_page_is_elsewhere() -> None:
    with pytest.raises(ConfigurationError, match="same_host_origins"):
        ServerConfig(same_host_origins=True)
    ServerConfig(http_server=False, same_host_origins=True)


# ------------------------------------------------------------ finding 3
REBIND = "rebind.evil.example"


@pytest.mark.parametrize("mode", ["shared", "ws_only", "subapp"])
@threaded
async def test_dns_rebinding_host_refused(deploy: Any, mode: str) -> None:
    """Host and Origin are both the attacker's name: same origin, but not our name."""
    dep = deploy(mode)
    port = dep.ws.split(":")[2].split("/")[0]
    dep.origin = f"http://{REBIND}:{port}"
    async with client() as http:
        assert await status_of(http, dep, "ws", {"Host": f"{REBIND}:{port}"}) == 403
        if dep.page:
            headers = {"Host": f"{REBIND}:{port}", "Accept": "text/html"}
            async with http.get(dep.page, headers=headers) as r:
                assert r.status == 403
                assert "allowed_hosts" in await r.text()
    assert dep.app.sessions == {}


@threaded
async def test_allowed_hosts_lets_a_name_in(deploy: Any) -> None:
    dep = deploy("shared", allowed_hosts=[REBIND])
    port = dep.ws.split(":")[2].split("/")[0]
    dep.origin = f"http://{REBIND}:{port}"
    async with client() as http:
        assert await status_of(http, dep, "ws", {"Host": f"{REBIND}:{port}"}) == 101


@threaded
async def test_forwarded_host_checked_too(deploy: Any) -> None:
    """Through a trusted proxy the browser's host arrives as X-Forwarded-Host."""
    dep = deploy("shared", trusted_proxies=["127.0.0.1"])
    dep.origin = f"http://{REBIND}"
    async with client() as http:
        assert await status_of(http, dep, "ws", {"X-Forwarded-Host": REBIND}) == 403


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:9500", True),
        ("[::1]:9500", True),
        ("192.0.2.7", True),  # an address is nobody's rebinding name
        ("localhost:9500", True),
        ("app.localhost", True),
        ("LOCALHOST.", True),
        ("", True),  # no Host: not a browser
        ("rebind.evil.example:9500", False),
        ("localhost.evil.example", False),
        ("127.0.0.1.evil.example", False),
        ("app.example.com", True),
        ("x.corp.example", True),
        ("corp.example", True),
        ("xcorp.example", False),
    ],
)
def test_allowed_hosts_rules(host: str, ok: bool) -> None:
    hosts = AllowedHosts(["app.example.com", ".corp.example"], "127.0.0.1")
    assert hosts.allows(host) is ok


def test_bound_name_and_wildcard_bind() -> None:
    assert AllowedHosts([], "mybox.lan").allows("mybox.lan:9500")
    assert not AllowedHosts([], "127.0.0.1").allows("mybox.lan")
    own = socket.gethostname().lower()
    if "." not in own and own != "localhost":
        assert AllowedHosts([], "0.0.0.0").allows(f"{own}:9500")
        assert not AllowedHosts([], "127.0.0.1").allows(f"{own}:9500")
    assert AllowedHosts(["*"], "127.0.0.1").allows("anything.example")


@pytest.mark.parametrize("entry", ["http://app.example.com", "app.example.com:443", "a/b", ""])
def test_allowed_hosts_validated(entry: str) -> None:
    with pytest.raises(ConfigurationError, match="allowed_hosts"):
        ServerConfig(allowed_hosts=[entry])
    with pytest.raises(ConfigurationError, match="allowed_hosts"):
        ServerConfig(allowed_hosts="app.example.com")  # type: ignore[arg-type]


def test_allowed_origins_hosts_are_allowed_hosts() -> None:
    """An origin the operator allows names a host it owns."""
    cfg = ServerConfig(allowed_origins=["https://app.example.com", "https://*.corp.example"])
    assert cfg.allowed_hosts == []  # derived in the middleware, not rewritten here


# --------------------------------------------------------- proxy defaults
@threaded
async def test_loopback_proxy_not_trusted_by_default(deploy: Any) -> None:
    """Any local program could otherwise dodge the login rate limit with X-Forwarded-For."""
    dep = deploy("shared", auth=PasswordAuth(USERS, max_failures=3))
    async with client() as http:
        for n in range(3):
            async with http.post(dep.login, data={"username": "bob", "password": f"x{n}"}) as r:
                assert r.status == 401
        async with http.post(
            dep.login,
            data={"username": "bob", "password": "bob-pw"},
            headers={"X-Forwarded-For": "192.0.2.7"},
            allow_redirects=False,
        ) as r:
            assert r.status == 429


@threaded
async def test_forwarded_prefix_ignored_by_default(deploy: Any) -> None:
    dep = deploy("shared", auth=PasswordAuth(USERS))
    async with client() as http:
        headers = {"Accept": "text/html", "X-Forwarded-Prefix": "/elsewhere"}
        async with http.get(dep.page, headers=headers, allow_redirects=False) as r:
            assert r.headers["Location"] == "/login"


# ------------------------------------------------------------ refusal probe
@threaded
async def test_why_probe_names_the_refusal(deploy: Any) -> None:
    dep = deploy("ws_only", auth=parent_cookie_user, allowed_origins=[])
    url = dep.ws.replace("ws://", "http://") + "?pgwidgets_why"
    async with aiohttp.ClientSession() as http:
        async with http.get(url, headers={"Origin": "http://127.0.0.1:8000"}) as r:
            assert r.headers["Access-Control-Allow-Origin"] == "*"
            answer = await r.json()
        assert answer["refused"] == "origin" and answer["auth"] is True
        assert 'allowed_origins=["http://127.0.0.1:8000"]' in answer["message"]
        port = dep.ws.split(":")[2].split("/")[0]
        async with http.get(url, headers={"Host": f"{REBIND}:{port}"}) as r:
            answer = await r.json()
        assert answer["refused"] == "host" and "allowed_hosts" in answer["message"]
        async with http.get(url) as r:  # no Origin: nothing refused, auth wanted
            assert await r.json() == {"refused": None, "message": "", "auth": True}


@threaded
async def test_why_probe_carries_no_session(deploy: Any) -> None:
    dep = deploy("shared")
    async with client() as http:
        async with http.get(dep.ws.replace("ws://", "http://") + "?pgwidgets_why") as r:
            assert (await r.json())["refused"] is None
        assert (await open_ws(http, dep, {}))[0]["type"] == "welcome"
    assert len(dep.app.sessions) == 1
