"""Our own server with TLS: https and wss on one port, no external web server.

Run::

    python builtin_tls.py --cert fullchain.pem --key privkey.pem --port 8443

and open the URL it logs. With PGWIDGETS_TOKEN set (16+ characters) the app requires that
token (``TokenAuth``): open ``https://host:8443/#token=...`` once; the page swaps it for a
login cookie and drops it from the address bar. Use a real certificate (or a proxy) for
anything beyond a test: browsers warn about self-signed ones.
"""

from __future__ import annotations

import argparse
import logging
import os
import ssl
from typing import Any

from ui import build_sync

from pgwidgets.auth import TokenAuth
from pgwidgets.sync import Application

__all__ = ["build", "main", "server_context"]

logger = logging.getLogger("builtin_tls")


def server_context(cert: str, key: str) -> ssl.SSLContext:
    """A server-side TLS context (TLS 1.2+) for the certificate chain and key."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context


def build(session: Any) -> None:
    """The shared demo window (ui.py): a label and a button updating it."""
    build_sync(session, "Built-in TLS Demo")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--cert", required=True, help="certificate chain (PEM)")
    parser.add_argument("--key", required=True, help="private key (PEM)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    auth = TokenAuth(env="PGWIDGETS_TOKEN") if os.environ.get("PGWIDGETS_TOKEN") else None
    app = Application(
        host=args.host,
        ws_port=args.port,
        ssl_context=server_context(args.cert, args.key),
        auth=auth,
    )
    app.on_connect(build)
    app.run()


if __name__ == "__main__":
    main()
