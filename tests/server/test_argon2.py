"""argon2 password hashes for PasswordAuth, verified through the real argon2-cffi.

argon2-cffi is in the ``test`` extra, so these run for real; only the missing-package case
simulates its absence (``sys.modules["argon2"] = None`` makes the import fail). Regressions:
a hash argon2-cffi cannot parse made ``verify_password`` raise (``InvalidHashError`` is a
``ValueError``, not an ``Argon2Error``), and an unknown user name was checked against a
scrypt dummy, twice as fast as an argon2 user's check, so timing named the users.
"""

from __future__ import annotations

import sys
from typing import Any

import argon2
import pytest

from pgwidgets.auth import PasswordAuth, hash_password, verify_password
from pgwidgets.auth import password as password_module
from pgwidgets.auth.passwords import (
    check_password_hash,
    dummy_hash_like,
    is_password_hash,
)
from pgwidgets.exceptions import ConfigurationError
from tests.server import test_auth as matrix
from tests.server.test_auth import client, status_of, threaded

deploy = matrix.deploy  # the auth matrix's fixture: real servers on free ports

#: cheap parameters: the tests check behaviour, not cost (defaults are used once below)
CHEAP = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
GOOD = CHEAP.hash("correct horse")


# ------------------------------------------------------------------ verifying
@pytest.mark.parametrize("kind", [argon2.Type.ID, argon2.Type.I, argon2.Type.D])
def test_each_argon2_variant_verifies_the_right_password_only(kind: argon2.Type) -> None:
    stored = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=kind).hash(
        "correct horse"
    )
    assert stored.startswith(f"$argon2{kind.name.lower()}$")
    assert is_password_hash(stored)
    check_password_hash(stored)  # accepted at start-up
    assert verify_password("correct horse", stored) is True
    for wrong in ("correct horsf", "Correct horse", "correct horse ", "", "x" * 2000):
        assert verify_password(wrong, stored) is False


def test_default_argon2_cffi_hash_verifies() -> None:
    """What ``argon2.PasswordHasher().hash()`` gives a user, at its default cost."""
    stored = argon2.PasswordHasher().hash("s3cret-pw")
    assert verify_password("s3cret-pw", stored)
    assert not verify_password("s3cret-PW", stored)


def test_check_goes_through_argon2_verify_not_a_string_compare(monkeypatch: Any) -> None:
    """argon2-cffi's verify recomputes the hash and compares in constant time; two hashes
    of one password differ (salted), so a plain compare of strings could never pass."""
    other = CHEAP.hash("correct horse")
    assert other != GOOD
    seen: list[tuple[str, str]] = []
    real = argon2.PasswordHasher.verify

    def spy(self: argon2.PasswordHasher, stored: str, password: str) -> bool:
        seen.append((stored, password))
        return real(self, stored, password)

    monkeypatch.setattr(argon2.PasswordHasher, "verify", spy)
    assert verify_password("correct horse", other) and verify_password("correct horse", GOOD)
    assert seen == [(other, "correct horse"), (GOOD, "correct horse")]


# ------------------------------------------------------------ malformed hashes
_HEAD, _SALT, _DIGEST = GOOD.rsplit("$", 2)
UNREADABLE = {
    "prefix only": "$argon2",
    "unknown variant": GOOD.replace("$argon2id$", "$argon2x$"),
    "no parameters": "$argon2id$garbage",
    "no digest": f"{_HEAD}${_SALT}",
    "digest not base64": f"{_HEAD}${_SALT}${_DIGEST[:-6]}!!!!!!",
    "salt not base64": f"{_HEAD}$%%%%{_SALT[4:]}${_DIGEST}",
}


@pytest.mark.parametrize("stored", list(UNREADABLE.values()), ids=list(UNREADABLE))
def test_unreadable_argon2_hash_is_false_at_login_and_an_error_at_start_up(stored: str) -> None:
    assert verify_password("correct horse", stored) is False  # never raises
    with pytest.raises(ConfigurationError, match="malformed argon2 hash") as err:
        PasswordAuth({"alice": stored})
    assert "'alice'" in str(err.value) and stored not in str(err.value)


def test_damage_argon2_cannot_see_only_fails_logins() -> None:
    """A digest cut short still parses (argon2 allows short tags): no start-up error is
    possible, and no password matches it."""
    truncated = GOOD[:-4]
    check_password_hash(truncated)
    assert verify_password("correct horse", truncated) is False
    flipped = f"{_HEAD}${_SALT}${'B' if _DIGEST[0] == 'A' else 'A'}{_DIGEST[1:]}"
    assert verify_password("correct horse", flipped) is False


def test_non_string_hash_is_false() -> None:
    assert verify_password("correct horse", None) is False  # type: ignore[arg-type]


# ------------------------------------------------------ argon2-cffi not installed
@pytest.fixture
def no_argon2(monkeypatch: Any) -> None:
    """Make ``import argon2`` fail, as on an install without the package."""
    for name in [m for m in sys.modules if m == "argon2" or m.startswith("argon2.")]:
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.usefixtures("no_argon2")
def test_missing_argon2_cffi_is_a_clear_error_not_a_failed_login() -> None:
    with pytest.raises(ImportError):
        import argon2 as _  # noqa: F401 - proves the simulation works
    assert is_password_hash(GOOD)  # still a hash: the error below says what is missing
    with pytest.raises(ConfigurationError, match=r"pip install argon2-cffi"):
        verify_password("correct horse", GOOD)
    with pytest.raises(
        ConfigurationError, match=r"user 'alice': an argon2 password hash needs the argon2-cffi"
    ) as err:
        PasswordAuth({"alice": GOOD})
    assert GOOD not in str(err.value)


@pytest.mark.usefixtures("no_argon2")
def test_scrypt_needs_no_argon2_cffi() -> None:
    stored = hash_password("pw")
    assert verify_password("pw", stored) and not verify_password("px", stored)
    PasswordAuth({"alice": stored})


# --------------------------------------------------------------- unknown names
@pytest.mark.parametrize("stored", [GOOD, hash_password("pw")], ids=["argon2", "scrypt"])
def test_dummy_for_unknown_names_costs_what_a_real_check_costs(stored: str) -> None:
    dummy = dummy_hash_like(stored)
    check_password_hash(dummy)
    assert dummy != stored and not verify_password("correct horse", dummy)
    assert not verify_password("", dummy) and not verify_password("pw", dummy)
    if stored.startswith("$argon2"):
        assert argon2.extract_parameters(dummy) == argon2.extract_parameters(stored)
    else:
        assert dummy.split("$")[:4] == stored.split("$")[:4]  # scheme, n, r, p
        assert [len(x) for x in dummy.split("$")[4:]] == [len(x) for x in stored.split("$")[4:]]


# ------------------------------------------------------------------ end to end
@threaded
async def test_login_with_argon2_hash_through_the_real_server(
    deploy: Any, monkeypatch: Any
) -> None:
    checked: list[str] = []
    real = password_module.verify_password

    def spy(password: str, stored: str) -> bool:
        checked.append(stored)
        return real(password, stored)

    monkeypatch.setattr(password_module, "verify_password", spy)
    dep = deploy("shared", auth=PasswordAuth({"alice": GOOD}))
    async with client() as http:
        for user, pw in (("alice", "wrong"), ("mallory", "correct horse")):
            async with http.post(
                dep.login, data={"username": user, "password": pw}, allow_redirects=False
            ) as r:
                assert r.status == 401 and "Wrong user name or password" in await r.text()
        assert await status_of(http, dep, "page", {}) == 401
        async with http.post(
            dep.login,
            data={"username": "alice", "password": "correct horse"},
            allow_redirects=False,
        ) as r:
            assert (r.status, r.headers["Location"]) == (303, "/")
            assert "Set-Cookie" in r.headers
        assert await status_of(http, dep, "page", {}) == 200
        assert await status_of(http, dep, "ws", {}) == 101
    assert [s.user for s in dep.app.sessions.values()] == ["alice"]
    # the unknown name was checked against an argon2 dummy of the same cost
    assert checked[0] == GOOD and checked[2] == GOOD
    assert argon2.extract_parameters(checked[1]) == argon2.extract_parameters(GOOD)
    assert checked[1] != GOOD
