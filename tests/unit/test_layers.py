"""The layers of docs/architecture.md, checked: each package imports only what its row of
the table allows.

An AST scan of every module, so a late ``import`` inside a function counts too (and so do
imports under ``if TYPE_CHECKING:``: a layer that needs another's types for its signatures
depends on it). The table in the docs and :data:`RULES` must name the same packages, so a
new row cannot be added without its rule.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pgwidgets
import pgwidgets.protocol

ROOT = Path(pgwidgets.__file__).parent
DOC = ROOT.parent / "docs" / "architecture.md"
FORBIDDEN = {"aiohttp", "asyncio", "threading", "concurrent", "socket", "selectors"}
PROTOCOL_DIR = Path(pgwidgets.protocol.__file__).parent
#: ``pgwidgets.exceptions`` is the one exception tree every layer raises from
EVERYONE = {"pgwidgets.exceptions"}

#: package -> (pgwidgets modules or packages it may import, third-party roots it may import)
RULES: dict[str, tuple[set[str], set[str]]] = {
    "protocol": ({"pgwidgets.protocol"}, set()),
    "widgets": ({"pgwidgets.widgets", "pgwidgets.protocol"}, set()),
    "server": (
        {"pgwidgets.server", "pgwidgets.protocol", "pgwidgets.widgets", "pgwidgets.auth"},
        {"aiohttp", "yarl", "multidict"},
    ),
    "auth": (
        {"pgwidgets.auth", "pgwidgets.protocol", "pgwidgets.server.config"},
        {"aiohttp", "aiohttp_session", "cryptography", "argon2", "yarl", "multidict"},
    ),
    "sync": (
        {"pgwidgets.sync", "pgwidgets.server", "pgwidgets.widgets", "pgwidgets.protocol"}
        | {"pgwidgets.auth"},
        set(),
    ),
    "async_": (
        {"pgwidgets.async_", "pgwidgets.server", "pgwidgets.widgets", "pgwidgets.protocol"}
        | {"pgwidgets.auth"},
        set(),
    ),
    "static": (set(), set()),  # no Python at all
    "examples": ({"pgwidgets.examples", "pgwidgets.sync", "pgwidgets.async_"}, set()),
}


def imported_roots(tree: ast.AST) -> set[str]:
    """Top-level names of every module imported anywhere in ``tree``."""
    return {name.split(".")[0] for name in imported_modules(tree)}


def imported_modules(tree: ast.AST) -> set[str]:
    """Every absolute module name imported anywhere in ``tree``; ``from a import b`` gives
    ``a.b`` when that is a module of the package, else ``a``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                names.add(sub if _is_our_module(sub) else node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
    return names


def _is_our_module(name: str) -> bool:
    if not name.startswith("pgwidgets."):
        return False
    path = ROOT.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _allowed(module: str, allowed: set[str]) -> bool:
    return any(module == a or module.startswith(a + ".") for a in allowed)


def violations(package: str) -> dict[str, list[str]]:
    """Module file -> the imports its package's rule does not allow."""
    inside, third_party = RULES[package]
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bad = {
            f"relative import from {'.' * node.level}{node.module or ''}"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level
        }
        for name in imported_modules(tree):
            root = name.split(".")[0]
            if root == "pgwidgets":
                if not _allowed(name, inside | EVERYONE):
                    bad.add(name)
            elif root not in sys.stdlib_module_names and root not in third_party:
                bad.add(name)
        if bad:
            found[str(path.relative_to(ROOT))] = sorted(bad)
    return found


def documented_packages() -> set[str]:
    """The packages the table in docs/architecture.md has a row for."""
    names: set[str] = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `pgwidgets/"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`pgwidgets/(\w+)/`", first_cell))
    return names


def test_scanner_sees_nested_imports() -> None:
    """The scan itself works: imports inside functions and __import__ are found."""
    tree = ast.parse(
        "def f():\n    import asyncio.tasks\n    from aiohttp import web\n__import__('threading')\n"
    )
    assert imported_roots(tree) == {"asyncio", "aiohttp", "threading"}


def test_every_row_of_the_table_has_a_rule() -> None:
    assert documented_packages() == set(RULES)
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert packages == set(RULES), "a package without a row in docs/architecture.md"


def test_protocol_package_is_sans_io() -> None:
    files = sorted(PROTOCOL_DIR.rglob("*.py"))
    assert len(files) >= 5, "the protocol package moved?"
    offenders = {}
    for path in files:
        bad = imported_roots(ast.parse(path.read_text(encoding="utf-8"))) & FORBIDDEN
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_protocol_imports_only_stdlib_and_itself() -> None:
    assert violations("protocol") == {}


def test_widgets_import_only_the_core() -> None:
    assert violations("widgets") == {}


def test_server_imports_the_core_widgets_and_auth() -> None:
    assert violations("server") == {}


def test_auth_imports_no_server_but_its_config() -> None:
    assert violations("auth") == {}


def test_facades_import_the_layers_below_never_each_other() -> None:
    assert violations("sync") == {}
    assert violations("async_") == {}


def test_the_exception_tree_imports_nothing_of_the_package() -> None:
    """Every layer imports ``pgwidgets.exceptions``, so it must import none of them."""
    tree = ast.parse((ROOT / "exceptions.py").read_text(encoding="utf-8"))
    assert {m for m in imported_modules(tree) if m.startswith("pgwidgets")} == set()


def test_static_holds_no_python() -> None:
    assert list((ROOT / "static").rglob("*.py")) == []


def test_the_rules_catch_a_layer_violation() -> None:
    """The checker itself: a late import of the server from the core is caught."""
    tree = ast.parse(
        "from pgwidgets.server import config\n"
        "def f():\n    from pgwidgets.server.routes import APP_KEY\n"
    )
    modules = imported_modules(tree)
    assert modules == {"pgwidgets.server.config", "pgwidgets.server.routes"}
    assert not _allowed("pgwidgets.server.routes", RULES["protocol"][0] | EVERYONE)
    assert _allowed("pgwidgets.server.config", RULES["auth"][0])
    assert not _allowed("pgwidgets.server.routes", RULES["auth"][0])
