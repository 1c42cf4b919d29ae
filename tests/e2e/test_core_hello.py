"""The hello program end to end in headless Chromium, in both APIs.

A window with a label, an entry, a check box and a button: it must appear, a click must run
the Python handler and change the label, Enter in the entry must reach Python, and a reload
must bring back the same UI including what the user changed (entry text, check box).

The builder here is also used by the other ``test_core_*`` browser tests.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web
from playwright.sync_api import expect

from tests.gui_helpers import AsyncGui

pytestmark = pytest.mark.browser

__all__ = ["ThreadedServer", "build_hello", "check_hello_works", "on_gui"]

TITLE = "Hello, pgwidgets"
GREETING = "Hello from Python!"


def build_hello(
    session: Any, record: Callable[[str], Callable[..., None]] | None = None
) -> dict[str, Any]:
    """Build the hello UI in ``session`` (either API: unawaited calls lose nothing).

    ``record(name)`` gives extra handlers that tell the test Python saw an event.
    """
    W = session.get_widgets()
    top = W.TopLevel(title=TITLE, resizable=True)
    top.resize(420, 240)
    vbox = W.VBox(spacing=8, padding=10)
    label = W.Label(GREETING)
    entry = W.TextEntry("", linehistory=10)
    check = W.CheckBox("Shout")
    button = W.Button("Click me")
    clicks = [0]

    def on_click() -> None:
        clicks[0] += 1
        label.set_text(f"Clicked {clicks[0]} time{'s' if clicks[0] != 1 else ''}")

    def on_enter(text: str) -> None:
        label.set_text(text.upper() if check.get_state() else text)

    button.on("activated", on_click)
    entry.on("activated", on_enter)
    if record is not None:
        button.on("activated", record("click"))
        entry.on("activated", record("enter"))
        check.on("activated", record("check"))
    for w, stretch in ((label, 1), (entry, 0), (check, 0), (button, 0)):
        vbox.add_widget(w, stretch)
    top.set_widget(vbox)
    top.show()
    return {"top": top, "label": label, "entry": entry, "check": check, "button": button}


def on_gui(gui: Any, fn: Callable[[], Any]) -> Any:
    """Run ``fn()`` where the API builds widgets: here (sync) or on the app's loop (async)."""
    if isinstance(gui, AsyncGui):

        async def call() -> Any:
            return fn()

        return gui.run(call)
    return fn()


def check_hello_works(page: Any) -> None:
    """The hello window is shown and a click changes the label (a full round trip)."""
    expect(page.get_by_role("dialog", name=TITLE)).to_be_visible()
    expect(page.get_by_text(GREETING)).to_be_visible()
    page.get_by_role("button", name="Click me").click()
    expect(page.get_by_text("Clicked 1 time", exact=True)).to_be_visible()


class ThreadedServer:
    """An aiohttp app on 127.0.0.1 (free port) served by its own loop thread; stop() ends it."""

    def __init__(self, web_app: web.Application, ssl_context: Any = None) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._runner = web.AppRunner(web_app, access_log=None, handle_signals=False)
        self.port = self._call(self._start(ssl_context))

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(15)

    async def _start(self, ssl_context: Any) -> int:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=ssl_context)
        await site.start()
        return site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def stop(self) -> None:
        self._call(self._runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(15)


# ------------------------------------------------------------------------------- tests
@pytest.fixture
def hello(any_gui: Any) -> dict[str, Any]:
    return on_gui(any_gui, lambda: build_hello(any_gui.session, any_gui.record))


def test_window_and_label_appear(any_gui: Any, hello: dict[str, Any]) -> None:
    page = any_gui.page
    window = page.get_by_role("dialog", name=TITLE)
    expect(window).to_be_visible()
    expect(window.get_by_text(GREETING)).to_be_visible()
    expect(window.get_by_role("button", name="Click me")).to_be_visible()
    expect(window.get_by_role("checkbox", name="Shout")).not_to_be_checked()


def test_click_runs_handler_and_label_changes(any_gui: Any, hello: dict[str, Any]) -> None:
    page = any_gui.page
    button = page.get_by_role("button", name="Click me")
    button.click()
    assert any_gui.next_event() == ("click", ())
    expect(page.get_by_text("Clicked 1 time", exact=True)).to_be_visible()
    button.click()
    expect(page.get_by_text("Clicked 2 times", exact=True)).to_be_visible()
    assert hello["label"].get_text() == "Clicked 2 times"


def test_enter_in_entry_reaches_python(any_gui: Any, hello: dict[str, Any]) -> None:
    page = any_gui.page
    entry = page.get_by_role("textbox")
    entry.fill("typed in the browser")
    entry.press("Enter")
    assert any_gui.next_event() == ("enter", ("typed in the browser",))
    expect(page.get_by_text("typed in the browser", exact=True)).to_be_visible()
    assert hello["entry"].get_text() == "typed in the browser"
    page.get_by_role("checkbox", name="Shout").check()
    assert any_gui.next_event() == ("check", (True,))
    assert hello["check"].get_state() is True
    entry.press("Enter")
    assert any_gui.next_event() == ("enter", ("typed in the browser",))
    expect(page.get_by_text("TYPED IN THE BROWSER", exact=True)).to_be_visible()


def test_reload_restores_ui_and_user_state(any_gui: Any, hello: dict[str, Any]) -> None:
    page = any_gui.page
    entry = page.get_by_role("textbox")
    entry.fill("keep me")
    entry.press("Enter")
    assert any_gui.next_event() == ("enter", ("keep me",))
    page.get_by_role("checkbox", name="Shout").check()
    assert any_gui.next_event() == ("check", (True,))
    page.get_by_role("button", name="Click me").click()
    assert any_gui.next_event() == ("click", ())
    expect(page.get_by_text("Clicked 1 time", exact=True)).to_be_visible()

    session = any_gui.session
    any_gui.reload()
    assert any_gui.app.sessions == {session.id: session}, "a reload must resume the session"
    expect(page.get_by_role("dialog", name=TITLE)).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_value("keep me")
    expect(page.get_by_role("checkbox", name="Shout")).to_be_checked()
    expect(page.get_by_text("Clicked 1 time", exact=True)).to_be_visible()
    assert page.locator(".pgw-top-level").count() == 1, "the old UI must not be duplicated"
    # handlers survive the rebuild
    page.get_by_role("button", name="Click me").click()
    expect(page.get_by_text("Clicked 2 times", exact=True)).to_be_visible()
