"""The benchmark's lean CDP driver (``benchmarks/cdp.py``), against real headless Chromium."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

from benchmarks.cdp import CdpBrowser, CdpError
from benchmarks.floor import FloorServer
from benchmarks.run import CHROMIUM, CHROMIUM_ARGS, _open_all_cdp

pytestmark = pytest.mark.browser


@pytest.fixture
def floor() -> Iterator[FloorServer]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    server = FloorServer()
    yield server
    server.close()


async def test_pages_open_at_once_and_report_when_they_are_up(floor: FloorServer) -> None:
    async with CdpBrowser(CHROMIUM, CHROMIUM_ARGS) as browser:
        up = await _open_all_cdp(browser, floor.url, 3)
    assert len(up) == 3
    assert all(0 < seconds < 20 for seconds in up)


async def test_a_page_whose_promise_fails_is_an_error_not_a_hang(floor: FloorServer) -> None:
    async with CdpBrowser(CHROMIUM, CHROMIUM_ARGS) as browser:
        # the page's own promise fails: a clear error, not a hang
        context, sessions = await browser.open_pages(
            1, "window.__up = Promise.reject(new Error('never up'));"
        )
        with pytest.raises(CdpError, match="__up"):
            await browser.navigate_and_await(sessions[0], floor.url, "window.__up", 10)
        await browser.close_context(context)


async def test_the_browser_process_is_gone_after_the_block(floor: FloorServer) -> None:
    browser = CdpBrowser(CHROMIUM, CHROMIUM_ARGS)
    async with browser:
        assert browser._proc is not None
        pid = browser._proc.pid
        profile = browser._profile
        assert os.path.isdir(profile)
    assert browser._proc.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not os.path.exists(profile)


async def test_a_missing_browser_is_a_clear_error_and_leaves_nothing() -> None:
    def profiles() -> set[str]:
        return {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("pgw-bench-chromium-")}

    before = profiles()
    with pytest.raises(FileNotFoundError):
        async with CdpBrowser("/nonexistent/chromium", []):
            pass
    assert profiles() == before
