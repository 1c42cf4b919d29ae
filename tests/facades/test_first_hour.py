"""What a new user meets first: where the start lines go, ``logger=``, a failing
``on_connect`` (named in the log, told in the page), and the URL for other machines."""

from __future__ import annotations

import asyncio
import logging
import queue
from typing import Any

import pytest

from pgwidgets.server import announce
from pgwidgets.server.handlers import CONNECT_FAILED_TITLE
from tests.protocol.fake_browser import FakeBrowser


class Collect(logging.Handler):
    """Records, as they come, on a thread-safe queue (handlers run on worker threads)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: queue.Queue[logging.LogRecord] = queue.Queue()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.put(record)

    def wait_for(self, text: str, timeout: float = 10) -> logging.LogRecord:
        """The first record whose message contains ``text`` (waiting for it)."""
        while True:
            record = self.records.get(timeout=timeout)
            if text in record.getMessage():
                return record


def own_logger(name: str) -> tuple[logging.Logger, Collect]:
    log = logging.getLogger(name)
    log.propagate = False
    log.setLevel(logging.DEBUG)
    collect = Collect()
    log.handlers[:] = [collect]
    return log, collect


def broken_start(session: Any) -> None:
    session.get_widgets().Label("half a window")
    raise ValueError("secret server detail")


async def broken_start_async(session: Any) -> None:
    await session.get_widgets().Label("half a window")
    raise ValueError("secret server detail")


async def _connect_and_read_notice(port: int) -> dict[str, Any]:
    b = await FakeBrowser.connect(f"ws://127.0.0.1:{port}/ws")
    msg = await b.expect("page", method="show_error")
    await b.close()
    return msg


def _check_notice(msg: dict[str, Any], name: str) -> None:
    title, text = msg["args"]
    assert title == CONNECT_FAILED_TITLE
    assert name in text and "ValueError" in text
    assert "secret server detail" not in text  # the exception's text stays in the log


def test_sync_logger_gets_the_start_lines_and_a_named_handler_failure() -> None:
    from pgwidgets.sync import Application

    log, collect = own_logger("test.first_hour.sync")
    app = Application(ws_port=0, logger=log)
    app.on_connect(broken_start)
    app.start()
    try:
        started = collect.wait_for("Open it in a browser")
        assert f"http://127.0.0.1:{app.ws_port}/" in started.getMessage()
        msg = asyncio.run(_connect_and_read_notice(app.ws_port))
        _check_notice(msg, "broken_start")
        failed = collect.wait_for("exception in handler")
        assert "broken_start" in failed.getMessage() and "<lambda>" not in failed.getMessage()
        assert failed.exc_info is not None and failed.exc_info[0] is ValueError
    finally:
        app.close()


async def test_async_logger_gets_the_start_lines_and_a_named_handler_failure() -> None:
    from pgwidgets.async_ import Application

    log, collect = own_logger("test.first_hour.async")
    app = Application(ws_port=0, logger=log)
    app.on_connect(broken_start_async)
    await app.start()
    try:
        started = collect.wait_for("Open it in a browser")
        assert f"http://127.0.0.1:{app.ws_port}/" in started.getMessage()
        msg = await _connect_and_read_notice(app.ws_port)
        _check_notice(msg, "broken_start_async")
        failed = await asyncio.to_thread(collect.wait_for, "exception in handler")
        assert "broken_start_async" in failed.getMessage()
    finally:
        await app.close()


def test_without_logger_the_start_lines_reach_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    """No logging set up (INFO hidden): the URL is shown anyway, once."""
    from pgwidgets.auth import TokenAuth
    from pgwidgets.sync import Application

    app = Application(ws_port=0, auth=TokenAuth())
    app.start()
    try:
        err = capfd.readouterr().err
        assert err.count("Open it in a browser") == 1
        assert app.url is not None and "token" in app.url
        assert app.url in err  # a generated token is shown: the user needs the link
    finally:
        app.close()


def test_the_start_lines_can_be_silenced(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pgwidgets.sync import Application

    monkeypatch.setattr(logging.getLogger(announce.BANNER_LOGGER), "level", logging.WARNING)
    app = Application(ws_port=0)
    app.start()
    app.close()
    assert "Open it in a browser" not in capfd.readouterr().err


def test_all_interfaces_show_a_url_for_other_machines(monkeypatch: pytest.MonkeyPatch) -> None:
    from pgwidgets.auth import TokenAuth
    from pgwidgets.sync import Application

    monkeypatch.setattr(announce, "lan_address", lambda host="0.0.0.0": "192.0.2.7")
    app = Application(host="0.0.0.0", ws_port=0, auth=TokenAuth(token="t" * 32))
    app.start()
    try:
        urls = announce.open_urls(app)
        assert urls[0].startswith(f"http://192.0.2.7:{app.ws_port}/")
        assert "t" * 32 in urls[0] or "token" in urls[0]  # the backend decorates it
        assert urls[1] == app.url
    finally:
        app.close()


def test_lan_address_is_not_loopback() -> None:
    address = announce.lan_address()
    assert address is None or not address.startswith("127.")


def test_on_connect_failure_shows_a_notice_in_the_page(sync_app: Any, page: Any) -> None:
    """Chromium: a notice instead of a blank window."""
    app = sync_app(broken_start)
    page.goto(app.url)
    notice = page.locator(".pgw-message[role=alert]")
    notice.wait_for()
    assert CONNECT_FAILED_TITLE in notice.text_content()
    assert "broken_start" in notice.text_content()
