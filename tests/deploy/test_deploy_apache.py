"""Apache recipe (examples/deploy/apache/pgwidgets.conf) with the real apache2 and Chromium.

The surrounding configuration keeps Debian's ``<Directory /> Require all denied``, so the
recipe's own ``<Directory>`` grant is what makes the static files reachable.
"""

from __future__ import annotations

import urllib.error
import urllib.request
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
    render,
)
from tests.deploy.servers import start_apache

pytestmark = [pytest.mark.deploy, pytest.mark.browser]


def test_apache(
    spawn: Callable[..., Proc], workdir: Path, demo: Callable[..., Any], page: Any
) -> None:
    _, ws_port = demo()
    port = free_port()
    site = render(
        DEPLOY / "apache" / "pgwidgets.conf",
        (
            ("<VirtualHost *:80>", f"<VirtualHost *:{port}>"),
            ("/path/to/pgwidgets/static", str(STATIC)),
            ("ws://myapp.example.com/ws", f"ws://127.0.0.1:{port}/ws"),
            ("127.0.0.1:9500", f"127.0.0.1:{ws_port}"),
        ),
    )
    start_apache(spawn, workdir, site, port)
    check_gui(page, f"http://127.0.0.1:{port}/", ws_prefix=f"ws://127.0.0.1:{port}/ws")
    html = page.evaluate("document.documentElement.outerHTML")
    assert "pgwidgets-settings" in html  # the Substitute filter ran
    assert_security_headers(f"http://127.0.0.1:{port}/")
    # no directory listing of the static folder
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/js/", timeout=5)
    assert info.value.code in (403, 404)
    info.value.close()  # an open keep-alive connection would hold Apache's shutdown
