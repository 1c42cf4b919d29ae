"""Caddy recipe (examples/deploy/caddy/Caddyfile) with the real caddy and Chromium.

Automatic HTTPS is off in the test (no public name, no ACME); the site address becomes
``http://127.0.0.1:<port>``. The page is opened with the guide's ``?ws=`` query variant.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import free_port
from tests.deploy.conftest import DEPLOY, STATIC, Proc, assert_security_headers, check_gui, render
from tests.deploy.servers import start_caddy

pytestmark = [pytest.mark.deploy, pytest.mark.browser]


def caddy_site(template: Path, port: int, ws_port: int) -> str:
    return render(
        template,
        (
            ("myapp.example.com {", f"http://127.0.0.1:{port} {{"),
            ("/path/to/pgwidgets/static", str(STATIC)),
            ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
        ),
    )


def test_caddy(
    spawn: Callable[..., Proc],
    workdir: Path,
    demo: Callable[..., Any],
    page_factory: Callable[..., Any],
) -> None:
    _, ws_port = demo()
    port = free_port()
    start_caddy(spawn, workdir, caddy_site(DEPLOY / "caddy" / "Caddyfile", port, ws_port), port)
    ws = f"ws://127.0.0.1:{port}/ws"
    check_gui(page_factory(), f"http://127.0.0.1:{port}/?ws={ws}", ws_prefix=ws)
    # and with nothing in the query the page finds /ws beside itself
    check_gui(page_factory(), f"http://127.0.0.1:{port}/", ws_prefix=ws)
    assert_security_headers(f"http://127.0.0.1:{port}/")
