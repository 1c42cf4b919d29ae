"""The seed guide's server configurations, verbatim (``seed/``), against our package.

The contract: each works as written, the user changing only host names, ports and paths.
Pages are opened as ``localhost`` while the proxies reach pgwidgets as ``127.0.0.1``, so the
Origin check really has to see through the proxy. The Python side is examples/deploy/demo.py
(the guide's "Python side" with its ``# ... build UI ...`` filled in).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import free_port
from tests.deploy.conftest import STATIC, Proc, check_gui, make_cert, render
from tests.deploy.servers import start_apache, start_caddy, start_nginx

pytestmark = [pytest.mark.deploy, pytest.mark.browser]

SEED = Path(__file__).resolve().parent / "seed"


def test_seed_nginx(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    """``ws://$host/ws`` has no port: the page must still reach /ws on the page's port."""
    _, ws_port = demo()
    port = free_port()
    site = render(
        SEED / "nginx.conf",
        (
            ("listen 80;", f"listen 127.0.0.1:{port};"),
            ("/path/to/pgwidgets/static", str(STATIC)),
            ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
        ),
    )
    start_nginx(spawn, workdir, site, port)
    check_gui(page, f"http://localhost:{port}/", ws_prefix=f"ws://localhost:{port}/ws")


def test_seed_nginx_tls(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    _, ws_port = demo()
    port = free_port()
    cert, key = make_cert(workdir)
    site = render(
        SEED / "nginx-tls.conf",
        (
            ("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
            ("/etc/letsencrypt/live/myapp.example.com/fullchain.pem", str(cert)),
            ("/etc/letsencrypt/live/myapp.example.com/privkey.pem", str(key)),
            ("/path/to/pgwidgets/static", str(STATIC)),
            ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
        ),
    )
    start_nginx(spawn, workdir, site, port)
    check_gui(page, f"https://localhost:{port}/", ws_prefix=f"wss://localhost:{port}/ws")


def test_seed_apache(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    """The ``\\n`` of the Substitute line lands as a literal ``n`` after ``<head>``.

    The folder grant is the one thing added (in the server configuration, where Debian
    grants /var/www): the guide's vhost cannot work without it on Debian, and
    docs/deployment.md says so.
    """
    _, ws_port = demo()
    port = free_port()
    site = render(
        SEED / "apache.conf",
        (
            ("<VirtualHost *:80>", f"<VirtualHost *:{port}>"),
            ("ws://myapp.example.com/ws", f"ws://localhost:{port}/ws"),
            ("/path/to/pgwidgets/static", str(STATIC)),
            ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
        ),
    )
    grant = f"<Directory {STATIC}>\n    Require all granted\n</Directory>\n"
    start_apache(spawn, workdir, grant + site, port)
    check_gui(page, f"http://localhost:{port}/", ws_prefix=f"ws://localhost:{port}/ws")


def test_seed_caddy(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    _, ws_port = demo()
    port = free_port()
    site = render(
        SEED / "Caddyfile",
        (
            ("myapp.example.com {", f"http://localhost:{port} {{"),
            ("/path/to/pgwidgets/static", str(STATIC)),
            ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
        ),
    )
    start_caddy(spawn, workdir, site, port)
    ws = f"ws://localhost:{port}/ws"
    check_gui(page, f"http://localhost:{port}/?ws={ws}", ws_prefix=ws)
