"""The Python side of the nginx, Apache, Caddy and sub-path recipes (blocking API).

Behind nginx, Apache or Caddy (``pgwidgets.conf``, ``Caddyfile``) the external server serves
the page and static files and proxies ``/ws`` here; run::

    python demo.py --ws-port 9500

For the sub-path recipe (``nginx/pgwidgets-subpath.conf``) pgwidgets serves everything
itself on one port and nginx proxies the whole of ``/gui/`` to it, with no injection::

    python demo.py --ws-port 9500 --single-port

Either way pgwidgets listens on 127.0.0.1 only: the proxy is the one door in. The proxy
on this machine is listed in ``trusted_proxies`` (nobody is trusted by default), so its
X-Forwarded-Proto/-Host/-For are believed; name the site's public host name with
``--allowed-host myapp.example.com`` (pgwidgets answers only to names it knows: DNS
rebinding defence; localhost and IP addresses always work).
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from ui import build_sync

from pgwidgets.sync import Application

__all__ = ["build", "main"]

logger = logging.getLogger("demo")


def build(session: Any) -> None:
    """The shared demo window (ui.py): a label and a button updating it."""
    build_sync(session, "Deployment Demo")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (keep 127.0.0.1 behind a proxy)"
    )
    parser.add_argument("--ws-port", type=int, default=9500)
    parser.add_argument(
        "--single-port",
        action="store_true",
        help="serve page, static files and /ws on one port (sub-path recipe)",
    )
    parser.add_argument(
        "--heartbeat",
        type=float,
        default=20.0,
        help="seconds between WebSocket pings; keep it under the proxy's read timeout (0 disables)",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        help="a public host name the proxy serves this app under (repeatable)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = Application(
        http_server=args.single_port,
        host=args.host,
        ws_port=args.ws_port,
        heartbeat=args.heartbeat or None,
        trusted_proxies=["127.0.0.1", "::1"],  # the proxy on this machine
        allowed_hosts=args.allowed_host,
    )
    app.on_connect(build)
    app.run()


if __name__ == "__main__":
    main()
