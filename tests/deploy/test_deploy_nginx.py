"""nginx recipes (examples/deploy/nginx/*.conf) with the real nginx and Chromium.

Only the listen port, ``root``, the proxied port and the certificate paths are substituted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import free_port
from tests.deploy.conftest import DEPLOY, STATIC, Proc, check_gui, make_cert, render
from tests.deploy.servers import start_nginx

pytestmark = [pytest.mark.deploy, pytest.mark.browser]


def nginx_site(name: str, port: int, ws_port: int, *, listen: str = "listen 80;",
               extra: tuple[tuple[str, str], ...] = ()) -> str:
    return render(DEPLOY / "nginx" / name, (
        (listen, listen.replace("80", f"127.0.0.1:{port}").replace("443", f"127.0.0.1:{port}")),
        ("/path/to/pgwidgets/static", str(STATIC)),
        ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
        *extra))


def test_nginx(spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any],
               page: Any) -> None:
    _, ws_port = demo()
    port = free_port()
    start_nginx(spawn, workdir, nginx_site("pgwidgets.conf", port, ws_port), port)
    check_gui(page, f"http://127.0.0.1:{port}/", ws_prefix=f"ws://127.0.0.1:{port}/ws")


def test_nginx_tls(spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any],
                   page: Any) -> None:
    _, ws_port = demo()
    port = free_port()
    cert, key = make_cert(workdir)
    site = nginx_site("pgwidgets-tls.conf", port, ws_port, listen="listen 443 ssl;", extra=(
        ("/etc/letsencrypt/live/myapp.example.com/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/myapp.example.com/privkey.pem", str(key))))
    start_nginx(spawn, workdir, site, port)
    check_gui(page, f"https://127.0.0.1:{port}/", ws_prefix=f"wss://127.0.0.1:{port}/ws")


def test_nginx_subpath(spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any],
                       page: Any) -> None:
    """The whole app under /gui/ on nginx's one port; nothing injected, nothing rewritten."""
    _, ws_port = demo("--single-port")
    port = free_port()
    site = render(DEPLOY / "nginx" / "pgwidgets-subpath.conf", (
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("127.0.0.1:9500", f"127.0.0.1:{ws_port}")))
    start_nginx(spawn, workdir, site, port)
    # without the trailing slash nginx redirects, so the page's relative links keep /gui/
    check_gui(page, f"http://127.0.0.1:{port}/gui", ws_prefix=f"ws://127.0.0.1:{port}/gui/ws")
    assert page.url == f"http://127.0.0.1:{port}/gui/"
