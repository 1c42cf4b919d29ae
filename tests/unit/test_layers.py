"""The sans-I/O rule: nothing under pgwidgets/protocol imports aiohttp, asyncio or threading.

An AST scan, so a late ``import asyncio`` inside a function is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pgwidgets.protocol

FORBIDDEN = {"aiohttp", "asyncio", "threading", "concurrent", "socket", "selectors"}
PROTOCOL_DIR = Path(pgwidgets.protocol.__file__).parent


def imported_roots(tree: ast.AST) -> set[str]:
    """Top-level names of every module imported anywhere in ``tree``."""
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            roots.add(str(node.args[0].value).split(".")[0])
    return roots


def test_scanner_sees_nested_imports() -> None:
    """The scan itself works: imports inside functions and __import__ are found."""
    tree = ast.parse(
        "def f():\n    import asyncio.tasks\n    from aiohttp import web\n__import__('threading')\n"
    )
    assert imported_roots(tree) == {"asyncio", "aiohttp", "threading"}


def test_protocol_package_is_sans_io() -> None:
    files = sorted(PROTOCOL_DIR.rglob("*.py"))
    assert len(files) >= 5, "the protocol package moved?"
    offenders = {}
    for path in files:
        bad = imported_roots(ast.parse(path.read_text(encoding="utf-8"))) & FORBIDDEN
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_protocol_imports_only_stdlib_and_pgwidgets_core() -> None:
    """It may use pgwidgets.exceptions and itself, never server/sync/async_ layers."""
    for path in PROTOCOL_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("pgwidgets.")
            ):
                assert node.module.split(".")[1] in ("protocol", "exceptions", "typing"), (
                    f"{path.name} imports {node.module}"
                )
