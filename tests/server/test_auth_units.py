"""The pieces without a server: origins, proxies, hashes, rate limit, configuration errors."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest
from aiohttp.test_utils import make_mocked_request

from pgwidgets.auth import PasswordAuth, TokenAuth, TrustedHeaderAuth, hash_password
from pgwidgets.auth.__main__ import main as cli
from pgwidgets.auth.origin import AllowedOrigins, origin_allowed
from pgwidgets.auth.passwords import verify_password
from pgwidgets.auth.proxy import TrustedNetworks, client_view
from pgwidgets.auth.ratelimit import FailureLimiter
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.server.config import ServerConfig
from tests.server.test_auth import threaded

NO_EXTRA = AllowedOrigins([])


@pytest.mark.parametrize(
    ("origin", "host", "elsewhere", "ok"),
    [
        ("http://example.com", "example.com", False, True),
        ("http://EXAMPLE.com:80", "example.com", False, True),
        ("https://example.com", "example.com", False, False),  # scheme differs
        ("http://example.com:8080", "example.com", False, False),  # port differs
        ("http://example.com.evil.com", "example.com", False, False),
        ("http://evil.com/example.com", "example.com", False, False),
        ("http://example.com@evil.com", "example.com", False, False),
        ("null", "example.com", False, False),
        ("http://localhost:8000", "localhost:9500", True, True),  # the seed's FastAPI recipe
        ("http://127.0.0.1:8000", "localhost:9500", True, True),  # ... opened as printed
        ("http://[::1]:8000", "127.0.0.1:9500", True, True),
        ("http://localhost:8000", "localhost:9500", False, False),  # we serve the page
        ("http://example.com:8000", "example.com:9500", True, False),  # same host: opt-in
        ("http://example.com.evil.com", "example.com", True, False),
        ("http://evil.com", "localhost:9500", True, False),
        ("http://localhost:8000", "example.com", True, False),  # reached by a public name
        (None, "example.com", False, True),  # not a browser: auth still applies
    ],
)
def test_own_origin(origin: str | None, host: str, elsewhere: bool, ok: bool) -> None:
    assert (
        origin_allowed(
            origin,
            own_scheme="http",
            own_host=host,
            allowed=NO_EXTRA,
            page_elsewhere=elsewhere,
            loopback=True,
        )
        is ok
    )


@pytest.mark.parametrize(
    ("origin", "host", "same_host", "loopback", "ok"),
    [
        ("http://example.com:8000", "example.com:9500", True, False, True),
        ("https://example.com", "example.com:9500", True, False, True),
        ("http://evil.com:8000", "example.com:9500", True, False, False),
        ("http://localhost:8000", "localhost:9500", False, False, False),  # auth: opt in
        ("http://localhost:8000", "localhost:9500", True, False, True),
    ],
)
def test_page_elsewhere_rules(
    origin: str, host: str, same_host: bool, loopback: bool, ok: bool
) -> None:
    """Where another server serves the page: same host name only when opted in, and the
    loopback rule only without auth (``loopback=False`` is what auth= sets)."""
    result = origin_allowed(
        origin,
        own_scheme="http",
        own_host=host,
        allowed=NO_EXTRA,
        page_elsewhere=True,
        same_host=same_host,
        loopback=loopback,
    )
    assert result is ok
    # where our app serves the page, neither rule ever applies
    assert (
        not origin_allowed(
            origin,
            own_scheme="http",
            own_host=host,
            allowed=NO_EXTRA,
            page_elsewhere=False,
            same_host=True,
            loopback=True,
        )
        or origin.removeprefix("http://") == host
    )


@pytest.mark.parametrize(
    ("entry", "origin", "ok"),
    [
        ("https://a.example.com", "https://a.example.com:443", True),
        ("https://a.example.com", "http://a.example.com", False),
        ("https://*.example.com", "https://b.example.com", True),
        ("https://*.example.com", "https://example.com", False),
        ("https://*.example.com", "https://x.y.example.com", False),  # one label only
        ("https://*.example.com", "https://b.example.com.evil.com", False),
        ("https://*.example.com:8443", "https://b.example.com", False),
    ],
)
def test_allowed_origins_entries(entry: str, origin: str, ok: bool) -> None:
    assert (
        origin_allowed(
            origin, own_scheme="http", own_host="other.test", allowed=AllowedOrigins([entry])
        )
        is ok
    )


@pytest.mark.parametrize(
    "bad", ["example.com", "https://x.com/path", "ftp://x.com", "*", "https://a.*.com"]
)
def test_allowed_origins_must_be_origins(bad: str) -> None:
    with pytest.raises(ConfigurationError, match="allowed_origins"):
        ServerConfig(allowed_origins=[bad])


def _request(headers: dict[str, str], remote: str) -> Any:
    req = make_mocked_request("GET", "/", headers=headers)
    return req.clone(remote=remote)


@pytest.mark.parametrize(("remote", "believed"), [("127.0.0.1", True), ("203.0.113.9", False)])
def test_forwarded_headers_only_from_trusted(remote: str, believed: bool) -> None:
    req = _request(
        {
            "Host": "internal:9500",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "app.example.com",
            "X-Forwarded-Prefix": "/gui",
            "X-Forwarded-For": "198.51.100.1, 127.0.0.1",
        },
        remote,
    )
    view = client_view(req, TrustedNetworks(["127.0.0.0/8"]))
    if believed:
        assert (view.origin, view.prefix, view.client) == (
            "https://app.example.com",
            "/gui",
            "198.51.100.1",
        )
    else:
        assert (view.origin, view.prefix, view.client) == (
            "http://internal:9500",
            "",
            "203.0.113.9",
        )


def test_rfc7239_forwarded_last_hop() -> None:
    req = _request(
        {
            "Host": "internal",
            "Forwarded": 'for=1.2.3.4;proto=http;host=spoof, for=5.6.7.8;proto=https;host="a.test"',
        },
        "::1",
    )
    assert client_view(req, TrustedNetworks(["::1"])).origin == "https://a.test"


def test_trusted_networks_validated() -> None:
    with pytest.raises(ConfigurationError, match="trusted_proxies"):
        ServerConfig(trusted_proxies=["not-an-ip"])
    nets = TrustedNetworks(["10.0.0.0/8", "::1"])
    assert nets.contains("10.2.3.4") and nets.contains("::ffff:10.0.0.1")
    assert not nets.contains("11.0.0.1") and not nets.contains(None)


def test_hash_password_round_trip_and_salted() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and first.startswith("scrypt$")
    assert "correct horse" not in first
    assert verify_password("correct horse", first) and not verify_password("wrong", first)
    assert not verify_password("x", "scrypt$garbage")


def test_cli_hash_password(monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    assert cli(["hash-password", "--stdin"]) == 0
    assert verify_password("s3cret", capsys.readouterr().out.strip())


def test_rate_limiter_window() -> None:
    now = [100.0]
    limiter = FailureLimiter(2, 30.0, clock=lambda: now[0])
    limiter.failed("a")
    assert limiter.retry_after("a") is None
    limiter.failed("a")
    assert limiter.retry_after("a") == 30 and limiter.retry_after("b") is None
    now[0] += 31
    assert limiter.retry_after("a") is None


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: PasswordAuth({"alice": "hunter2-plaintext"}), "not a password hash"),
        (lambda: TokenAuth(env="PGW_TEST_SURELY_UNSET"), "PGW_TEST_SURELY_UNSET"),
        (lambda: TokenAuth("x", env="Y"), "one of"),
        (lambda: TrustedHeaderAuth(trusted_proxies=[]), "must not be empty"),
        (lambda: ServerConfig(secret_key="short"), "too short"),
        (lambda: ServerConfig(cookie_max_age=0), "cookie_max_age"),
    ],
)
def test_configuration_errors_name_the_problem_not_the_secret(make: Any, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as err:
        make()
    assert "hunter2" not in str(err.value)


def test_token_sources(tmp_path: Any, monkeypatch: Any) -> None:
    (tmp_path / "tok").write_text("  from-a-file-0123456789\n")
    assert TokenAuth(file=tmp_path / "tok").token == "from-a-file-0123456789"
    monkeypatch.setenv("PGW_TEST_TOKEN", "from-the-env-0123456789")
    auth = TokenAuth(env="PGW_TEST_TOKEN")
    assert auth.token == "from-the-env-0123456789" and not auth.generated
    assert "from-the" not in repr(auth)


@threaded
async def test_callable_backends_sync_and_async(sync_app: Any) -> None:
    from tests.server.test_auth import client

    async def async_check(request: Any) -> str | None:
        return "ann" if request.query.get("k") == "1" else None

    for check in (async_check, lambda r: "ann" if r.query.get("k") == "1" else None):
        app = sync_app(auth=check)
        async with client() as http:
            for k, status in (("1", 200), ("0", 401)):
                async with http.get(f"http://127.0.0.1:{app.http_port}/?k={k}") as r:
                    assert r.status == status


@threaded
async def test_open_bind_without_auth_warns(monkeypatch: Any, caplog: Any) -> None:
    """Checked without binding 0.0.0.0: the sites are not started."""
    from pgwidgets.server import runner as runner_mod
    from pgwidgets.sync import Application

    async def no_serve(*args: Any) -> None:
        return None

    monkeypatch.setattr(runner_mod.ServerRunner, "_serve", no_serve)
    caplog.set_level(logging.WARNING)
    for auth, warned in ((None, True), (TokenAuth("t" * 20), False)):
        caplog.clear()
        await runner_mod.ServerRunner(Application(host="0.0.0.0", auth=auth)).start()
        assert ("auth=" in caplog.text) is warned
