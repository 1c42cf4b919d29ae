"""A lean Chrome DevTools Protocol driver for the many-pages benchmark (d).

Playwright enables the Network domain on every page it drives and reports each request and
response to its driver and client. With 20 pages competing for two CPUs, that bookkeeping
is part of what is measured: every request a page makes costs the browser (and the
harness) more than it would in a user's browser. (d) asks how fast the server brings up 20
sessions, so it drives Chromium directly over CDP and enables only what it needs: ``Page``
(to navigate and to add the page-side timer) and ``Runtime`` (one ``evaluate`` per page
once it has loaded). Chromium is started with Playwright's own switches, so the browser is
configured the same way as in the other benchmarks and the tests.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import shutil
import tempfile
from collections import defaultdict
from typing import Any

import aiohttp

__all__ = ["CdpBrowser", "CdpError"]

#: the switches Playwright starts headless Chromium with (those that apply on Linux)
PLAYWRIGHT_SWITCHES = [
    "--headless",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-field-trial-config",
    "--disable-back-forward-cache",
    "--disable-breakpad",
    "--disable-extensions",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-popup-blocking",
    "--disable-prompt-on-repost",
    "--disable-default-apps",
    "--no-default-browser-check",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--password-store=basic",
    "--use-mock-keychain",
    "--no-service-autorun",
    "--allow-pre-commit-input",
    "--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,"
    "availablePointerTypes=4",
]


class CdpError(RuntimeError):
    """Chromium answered a CDP command with an error, or could not be started."""


class CdpBrowser:
    """Headless Chromium on a private profile, driven over one CDP WebSocket.

    Use as ``async with CdpBrowser(path, args) as browser:``; the browser process is
    killed by pid if it does not close itself.
    """

    def __init__(self, executable: str, args: list[str]) -> None:
        self._argv = [executable, *PLAYWRIGHT_SWITCHES, *args, "--remote-debugging-port=0"]
        self._profile = ""
        self._proc: asyncio.subprocess.Process | None = None
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._replies: dict[int, asyncio.Future[Any]] = {}
        #: (session id, event name) -> futures waiting for the next such event
        self._waiters: dict[tuple[str, str], list[asyncio.Future[Any]]] = defaultdict(list)
        self._reader: asyncio.Task[None] | None = None
        self._drainer: asyncio.Task[None] | None = None

    async def __aenter__(self) -> CdpBrowser:
        self._profile = tempfile.mkdtemp(prefix="pgw-bench-chromium-")
        try:
            self._proc = await asyncio.create_subprocess_exec(
                *self._argv,
                f"--user-data-dir={self._profile}",
                "about:blank",
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            url = await asyncio.wait_for(self._devtools_url(), 30)
            self._http = aiohttp.ClientSession()
            self._ws = await self._http.ws_connect(url, max_msg_size=0)
        except BaseException:
            await self.__aexit__(None, None, None)
            raise
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._ws is not None and not self._ws.closed:
            try:
                await asyncio.wait_for(self.send("Browser.close"), 10)
            except (TimeoutError, CdpError, ConnectionError):
                pass
        for task in (self._reader, self._drainer):
            if task is not None:
                task.cancel()
        if self._http is not None:
            await self._http.close()
        if self._proc is not None:
            try:
                await asyncio.wait_for(self._proc.wait(), 10)
            except TimeoutError:
                self._proc.kill()
                await self._proc.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    async def _devtools_url(self) -> str:
        assert self._proc is not None and self._proc.stderr is not None
        while True:
            line = (await self._proc.stderr.readline()).decode(errors="replace")
            if not line:
                raise CdpError(f"Chromium exited before listening: {self._argv[0]}")
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                # keep draining stderr so Chromium never blocks on a full pipe
                self._drainer = asyncio.create_task(self._drain(self._proc.stderr))
                return found.group(1)

    @staticmethod
    async def _drain(stream: asyncio.StreamReader) -> None:
        while await stream.readline():
            pass

    async def _read(self) -> None:
        assert self._ws is not None
        async for msg in self._ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if "id" in data:
                future = self._replies.pop(data["id"], None)
                if future is None or future.done():
                    continue
                if "error" in data:
                    future.set_exception(CdpError(data["error"].get("message", "error")))
                else:
                    future.set_result(data.get("result", {}))
            elif "method" in data:
                key = (data.get("sessionId", ""), data["method"])
                for future in self._waiters.pop(key, []):
                    if not future.done():
                        future.set_result(data.get("params", {}))
        for future in self._replies.values():
            if not future.done():
                future.set_exception(CdpError("the browser connection closed"))

    async def send(
        self, method: str, params: dict[str, Any] | None = None, session: str = ""
    ) -> Any:
        """One CDP command; its result, or :class:`CdpError`."""
        assert self._ws is not None
        ident = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._replies[ident] = future
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        await self._ws.send_str(json.dumps(message))
        return await future

    def next_event(self, session: str, method: str) -> asyncio.Future[Any]:
        """A future for the next ``method`` event of ``session`` (ask before causing it)."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiters[(session, method)].append(future)
        return future

    async def open_pages(self, n: int, init_script: str) -> tuple[str, list[str]]:
        """A fresh browser context (own cache and storage) with ``n`` blank pages, each
        running ``init_script`` in every new document and already responsive.

        Returns the context id and the pages' session ids.
        """
        context = (await self.send("Target.createBrowserContext"))["browserContextId"]
        sessions = []
        for _ in range(n):
            target = (
                await self.send(
                    "Target.createTarget", {"url": "about:blank", "browserContextId": context}
                )
            )["targetId"]
            session = (
                await self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
            )["sessionId"]
            await self.send("Page.enable", session=session)
            await self.send(
                "Page.addScriptToEvaluateOnNewDocument", {"source": init_script}, session=session
            )
            sessions.append(session)
        # each page's renderer is up before anything is timed
        await asyncio.gather(
            *(self.send("Runtime.evaluate", {"expression": "1"}, s) for s in sessions)
        )
        return context, sessions

    async def navigate_and_await(
        self, session: str, url: str, expression: str, timeout: float
    ) -> Any:
        """Navigate a page, then await the promise ``expression`` in the new document."""
        loaded = self.next_event(session, "Page.domContentEventFired")
        await self.send("Page.navigate", {"url": url}, session=session)
        await asyncio.wait_for(loaded, timeout)
        reply = await asyncio.wait_for(
            self.send(
                "Runtime.evaluate",
                {"expression": expression, "awaitPromise": True, "returnByValue": True},
                session=session,
            ),
            timeout,
        )
        if "exceptionDetails" in reply:
            raise CdpError(f"{expression}: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    async def close_context(self, context: str) -> None:
        await self.send("Target.disposeBrowserContext", {"browserContextId": context})
