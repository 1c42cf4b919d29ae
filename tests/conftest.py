"""Shared fixtures: free ports, running applications, and real headless Chromium.

Browser tests use Debian's Chromium through Playwright (``executable_path``); Playwright
never downloads a browser here. Every page fixture fails its test on any uncaught error or
console error in the browser.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("PGWIDGETS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _ephemeral_range() -> tuple[int, int]:
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now, outside the kernel's ephemeral range.

    Outside it, no outgoing connection (Chromium's, a proxy's) can take the port between
    this check and the server binding it; only another test could, and picks are random.
    """
    low, high = _ephemeral_range()
    candidates = [p for p in range(20000, 65000) if not low <= p <= high]
    for port in random.sample(candidates, 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free TCP port found")


@pytest.fixture(autouse=True)
def fresh_log_throttle(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Rate-limited log lines (``pgwidgets.protocol.throttle``) start afresh in each test,
    so a test expecting a warning sees it whatever ran before it."""
    from pgwidgets.protocol import throttle

    fresh = throttle.LogThrottle()
    monkeypatch.setattr(throttle, "_THROTTLE", fresh)
    return fresh


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def sync_app() -> Iterator[Callable[..., Any]]:
    """Factory: ``sync_app(build, **kwargs)`` starts a sync Application on free ports."""
    from pgwidgets.sync import Application

    apps: list[Any] = []

    def make(build: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("ws_port", 0)
        app = Application(**kwargs)
        if build is not None:
            app.on_connect(build)
        app.start()
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module.

    Not per session: sync Playwright keeps an event loop running on the main thread while
    it is open, which would break every ``async def`` test run after it.
    """
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageErrors(list):
    """Console errors and uncaught exceptions seen by a page."""


@pytest.fixture
def page_factory(browser: Any) -> Iterator[Callable[..., Any]]:
    """Factory for fresh pages (own context); each fails the test on browser errors.

    ``page_factory(allow_errors=("404",))`` tolerates console errors containing a text.
    """
    contexts: list[tuple[Any, PageErrors, tuple[str, ...]]] = []

    def make(allow_errors: tuple[str, ...] = (), **context_args: Any) -> Any:
        context_args.setdefault("ignore_https_errors", True)
        ctx = browser.new_context(**context_args)
        errors = PageErrors()
        page = ctx.new_page()
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.on(
            "console",
            lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None,
        )
        page.set_default_timeout(10_000)
        page.errors = errors
        contexts.append((ctx, errors, allow_errors))
        return page

    yield make
    problems = []
    for ctx, errors, allowed in contexts:
        ctx.close()
        problems += [e for e in errors if not any(a in e for a in allowed)]
    assert not problems, f"browser errors: {problems}"


@pytest.fixture
def page(page_factory: Callable[..., Any]) -> Any:
    """A fresh page that fails the test on uncaught browser errors."""
    return page_factory()


@pytest.fixture
def gui(sync_app: Callable[..., Any], page: Any) -> Any:
    """A live sync-API session and its page (see ``tests/gui_helpers.py``)."""
    from tests.gui_helpers import Gui

    return Gui(sync_app(), page)


@pytest.fixture
def agui(page: Any) -> Iterator[Any]:
    """A live async-API session and its page (see ``tests/gui_helpers.py``)."""
    from pgwidgets.async_ import Application
    from tests.gui_helpers import AsyncGui

    g = AsyncGui(Application(ws_port=0), page)
    yield g
    g.close()


@pytest.fixture(params=["sync", "async"])
def any_gui(request: Any, sync_app: Callable[..., Any], page: Any) -> Iterator[Any]:
    """The same scenario against both APIs: a ``Gui`` or an ``AsyncGui``.

    ``sync_app`` before ``page``: fixtures end in reverse order, so the page is closed (and
    its errors checked) before the app stops; the other way round, a page that tries to
    reconnect to the stopped app logs a connection error and fails the test.
    """
    if request.param == "sync":
        from tests.gui_helpers import Gui

        yield Gui(sync_app(), page)
    else:
        from pgwidgets.async_ import Application
        from tests.gui_helpers import AsyncGui

        g = AsyncGui(Application(ws_port=0), page)
        yield g
        g.close()
