"""nginx recipes (examples/deploy/nginx/*.conf) with the real nginx and Chromium.

Only the listen port, ``root``, the proxied port and the certificate paths are substituted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import free_port
from tests.deploy.conftest import (
    DEPLOY,
    STATIC,
    Proc,
    assert_security_headers,
    check_gui,
    make_cert,
    render,
)
from tests.deploy.servers import start_nginx

pytestmark = [pytest.mark.deploy, pytest.mark.browser]


def nginx_site(
    name: str,
    port: int,
    ws_port: int,
    *,
    listen: str = "listen 80;",
    extra: tuple[tuple[str, str], ...] = (),
) -> str:
    return render(
        DEPLOY / "nginx" / name,
        (
            (listen, listen.replace("80", f"127.0.0.1:{port}").replace("443", f"127.0.0.1:{port}")),
            ("/path/to/pgwidgets/static", str(STATIC)),
            ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
            *extra,
        ),
    )


def test_nginx(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    _, ws_port = demo()
    port = free_port()
    start_nginx(spawn, workdir, nginx_site("pgwidgets.conf", port, ws_port), port)
    check_gui(page, f"http://127.0.0.1:{port}/", ws_prefix=f"ws://127.0.0.1:{port}/ws")
    assert_security_headers(f"http://127.0.0.1:{port}/")


def test_nginx_tls(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    _, ws_port = demo()
    port = free_port()
    cert, key = make_cert(workdir)
    site = nginx_site(
        "pgwidgets-tls.conf",
        port,
        ws_port,
        listen="listen 443 ssl;",
        extra=(
            ("/etc/letsencrypt/live/myapp.example.com/fullchain.pem", str(cert)),
            ("/etc/letsencrypt/live/myapp.example.com/privkey.pem", str(key)),
        ),
    )
    start_nginx(spawn, workdir, site, port)
    check_gui(page, f"https://127.0.0.1:{port}/", ws_prefix=f"wss://127.0.0.1:{port}/ws")
    assert_security_headers(f"https://127.0.0.1:{port}/")


def test_nginx_subpath(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    """The whole app under /gui/ on nginx's one port; nothing injected, nothing rewritten."""
    _, ws_port = demo("--single-port")
    port = free_port()
    site = render(
        DEPLOY / "nginx" / "pgwidgets-subpath.conf",
        (("listen 80;", f"listen 127.0.0.1:{port};"), ("127.0.0.1:9500", f"127.0.0.1:{ws_port}")),
    )
    start_nginx(spawn, workdir, site, port)
    # without the trailing slash nginx redirects, so the page's relative links keep /gui/
    check_gui(page, f"http://127.0.0.1:{port}/gui", ws_prefix=f"ws://127.0.0.1:{port}/gui/ws")
    assert page.url == f"http://127.0.0.1:{port}/gui/"


#: nginx closes a proxied connection that has been silent this long (seconds)
SHORT_TIMEOUT = 2


@pytest.mark.parametrize("heartbeat", [0.8, 0], ids=["heartbeat", "no-heartbeat-control"])
def test_nginx_heartbeat(
    heartbeat: float,
    spawn: Callable[..., Proc],
    workdir: Path,
    demo: Callable[..., Any],
    page_factory: Callable[..., Any],
) -> None:
    """Server pings keep an idle WebSocket alive through nginx's proxy_read_timeout.

    The control (no heartbeat) shows the same setup does drop an idle connection, so the
    heartbeat case is not passing by accident.
    """
    _, ws_port = demo("--heartbeat", str(heartbeat))
    port = free_port()
    start_nginx(
        spawn,
        workdir,
        nginx_site(
            "pgwidgets.conf",
            port,
            ws_port,
            extra=(
                ("proxy_read_timeout 3600s;", f"proxy_read_timeout {SHORT_TIMEOUT}s;"),
                ("proxy_send_timeout 3600s;", f"proxy_send_timeout {SHORT_TIMEOUT}s;"),
            ),
        ),
        port,
    )
    # the control's reconnect is expected to log a failed/closed socket at most
    page = page_factory(allow_errors=("WebSocket",))
    page.goto(f"http://127.0.0.1:{port}/")
    page.get_by_text("Deployment Demo", exact=True).wait_for()
    page.evaluate("window.__firstWs = window.pgwidgets.connection.ws")
    # idle for three timeouts, or until the first socket is replaced (whichever is first)
    replaced = page.wait_for_function(
        """(ms) => {
            const start = window.__idleStart ??= performance.now();
            if (window.pgwidgets.connection.ws !== window.__firstWs) return 'replaced';
            return performance.now() - start > ms ? 'alive' : false;
        }""",
        arg=3 * SHORT_TIMEOUT * 1000,
        polling=100,
        timeout=20_000,
    ).json_value()
    if heartbeat:
        assert replaced == "alive", "nginx dropped the idle WebSocket despite the heartbeat"
        assert page.evaluate("window.__firstWs.readyState") == 1
    else:
        assert replaced == "replaced", "nginx kept a silent WebSocket past proxy_read_timeout"
    page.get_by_role("button", name="Click me").click()
    page.get_by_text("Clicked 1 time", exact=True).wait_for()


def test_nginx_missing_upgrade_headers(
    spawn: Callable[..., Proc],
    workdir: Path,
    demo: Callable[..., Any],
    page_factory: Callable[..., Any],
) -> None:
    """The troubleshooting row: without the Upgrade headers the browser sees 426, and the
    Python log says which proxy lines are missing."""
    proc, ws_port = demo()
    port = free_port()
    start_nginx(
        spawn,
        workdir,
        nginx_site(
            "pgwidgets.conf",
            port,
            ws_port,
            extra=(
                ("proxy_set_header Upgrade $http_upgrade;", ""),
                ('proxy_set_header Connection "upgrade";', ""),
            ),
        ),
        port,
    )
    page = page_factory(allow_errors=("426",))
    with page.expect_console_message(lambda msg: "426" in msg.text) as message:
        page.goto(f"http://127.0.0.1:{port}/")
    assert "Unexpected response code: 426" in message.value.text
    page.close()
    assert "no Upgrade header" in proc.output()


def test_nginx_serves_the_built_bundle_in_one_request(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    """The static folder as an installed package has it (``pgwidgets build-static`` makes
    the same from a checkout): behind nginx the page loads the library as one script."""
    import subprocess
    import sys

    built = workdir / "static-built"
    done = subprocess.run(
        [sys.executable, "-m", "pgwidgets", "build-static", str(built)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.returncode == 0, done.stderr
    _, ws_port = demo()
    port = free_port()
    site = nginx_site("pgwidgets.conf", port, ws_port).replace(str(STATIC), str(built))
    start_nginx(spawn, workdir, site, port)
    scripts: list[str] = []
    page.on(
        "request",
        lambda r: scripts.append(r.url) if r.resource_type == "script" else None,
    )
    check_gui(page, f"http://127.0.0.1:{port}/", ws_prefix=f"ws://127.0.0.1:{port}/ws")
    names = sorted({url.rsplit("/", 1)[-1] for url in scripts})  # load and reload
    assert names == ["boot.js", "pgwidgets-bundle.js"], scripts
    # nginx's own log says the same: no module of js/widgets/ was asked for
    access = (workdir / "nginx-access.log").read_text()
    assert "/js/pgwidgets-bundle.js" in access and "/js/widgets/" not in access
