"""Token links (issue 13): no open redirect (finding 10), no token in any log (finding 11).

Finding 10: the ``?token=`` exchange redirected to the path it was given, so
``/%5C%5Cevil.example?token=T`` answered ``Location: \\\\evil.example``, which browsers read
as ``//evil.example``. Finding 11: a ``?token=`` link is written to every access log it
passes (a parent application's when mounted, an external page server's); the printed link
now carries the token in the fragment, which never leaves the browser.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
import pytest
from aiohttp import web
from yarl import URL

from pgwidgets.auth import TokenAuth
from pgwidgets.sync.loop_thread import LoopThread
from tests.e2e.test_auth_e2e import _ExternalSite
from tests.server.test_auth import threaded

pytestmark = pytest.mark.browser

TOKEN = "link-token-0123456789abcdef"


def build(session: Any) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Linked")
    top.set_widget(Widgets.Label(f"signed in as {session.user}"))
    top.show()


# ------------------------------------------------------------ finding 10
SPELLINGS = [
    "%5C%5Cevil.example",
    "%5Cevil.example",
    "https:evil.example",
    "https:%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
    "%09%2F%2Fevil.example",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
@threaded
async def test_token_exchange_never_redirects_off_site(sync_app: Any, spelling: str) -> None:
    app = sync_app(auth=TokenAuth(TOKEN))
    base = f"http://127.0.0.1:{app.ws_port}/"
    url = URL(f"{base}{spelling}?token={TOKEN}", encoded=True)
    async with aiohttp.ClientSession() as http:
        async with http.get(url, allow_redirects=False) as r:
            assert r.status == 303
            location = r.headers["Location"]
    assert location.startswith("./"), location
    assert "\\" not in location and ":" not in location
    assert urlsplit(urljoin(str(url), location)).netloc == f"127.0.0.1:{app.ws_port}"


def test_browser_stays_on_site(sync_app: Any, page_factory: Any) -> None:
    """What Chromium makes of the answer to the issue's exact link."""
    app = sync_app(build, auth=TokenAuth(TOKEN))
    page = page_factory(allow_errors=("404",))
    base = f"http://127.0.0.1:{app.ws_port}/"
    page.goto(f"{base}%5C%5Cevil.example?token={TOKEN}")
    assert urlsplit(page.url).netloc == f"127.0.0.1:{app.ws_port}"


# ------------------------------------------------------------ finding 11
def test_printed_link_carries_the_token_in_the_fragment(sync_app: Any) -> None:
    app = sync_app(auth=TokenAuth(TOKEN))
    assert app.url == f"http://127.0.0.1:{app.ws_port}/#token={TOKEN}"


@pytest.fixture
def logging_parent() -> Iterator[Any]:
    """``mount(app)`` -> URL of ``app.web_app()`` at ``/gui/`` of a parent with an access log."""
    records: list[str] = []
    loop = LoopThread("parent-with-access-log")
    runners: list[web.AppRunner] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    access = logging.getLogger("test.parent.access")
    access.setLevel(logging.INFO)
    access.addHandler(Keep())

    def mount(pgapp: Any) -> str:
        async def start() -> int:
            parent = web.Application()
            parent.add_subapp("/gui/", pgapp.web_app())
            runner = web.AppRunner(parent, access_log=access, access_log_format='"%r" %s')
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            runners.append(runner)
            return runner.addresses[0][1]  # type: ignore[no-any-return]

        return f"http://127.0.0.1:{loop.submit(start(), 10)}/gui/"

    mount.records = records  # type: ignore[attr-defined]
    yield mount
    for runner in runners:
        loop.submit(runner.cleanup(), 10)
    loop.stop()
    access.handlers.clear()


def test_mounted_fragment_link_keeps_token_out_of_the_parent_log(
    page_factory: Any, logging_parent: Any
) -> None:
    from pgwidgets.sync import Application

    app = Application(http_server=False, auth=TokenAuth(TOKEN))
    app.on_connect(build)
    base = logging_parent(app)
    page = page_factory(allow_errors=("401",))  # the first, token-less request
    page.goto(app.auth.decorate_url(base))
    page.get_by_text("signed in as token").wait_for()
    assert page.url == base
    page.reload()  # the cookie alone
    page.get_by_text("signed in as token").wait_for()
    lines = logging_parent.records
    assert any("GET /gui/" in line for line in lines), lines
    assert not [line for line in lines if TOKEN in line]


def test_wrong_fragment_token_says_so(sync_app: Any, page_factory: Any) -> None:
    app = sync_app(build, auth=TokenAuth(TOKEN))
    page = page_factory(allow_errors=("401",))
    page.goto(f"http://127.0.0.1:{app.ws_port}/#token=not-the-token-at-all")
    page.get_by_role("alert").filter(has_text="not accepted").wait_for()
    assert "token" not in page.url


class _LoggingSite(_ExternalSite):
    """An external page server that keeps its request lines, as an access log would."""

    lines: list[str] = []

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
        self.lines.append(format % args)


def test_ws_only_fragment_link_keeps_token_out_of_the_page_servers_log(
    sync_app: Any, page: Any
) -> None:
    handler = type("Site", (_LoggingSite,), {"html": b"", "lines": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    # with auth, the page's origin is listed (issue 13: no same-host default then)
    app = sync_app(
        build, http_server=False, auth=TokenAuth(TOKEN), allowed_origins=[site.rstrip("/")]
    )
    handler.html = app.render_remote_html(ws_url=f"ws://127.0.0.1:{app.ws_port}/").encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page.goto(f"{site}#token={TOKEN}")
        page.get_by_text("signed in as token").wait_for()
        assert page.url == site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert any("GET / " in line for line in handler.lines), handler.lines
    assert not [line for line in handler.lines if TOKEN in line]
