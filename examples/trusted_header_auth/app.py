"""Behind nginx ``auth_request`` (or oauth2-proxy, Authelia, Caddy ``forward_auth``).

The proxy authenticates every request and passes the user name in ``X-Forwarded-User``;
pgwidgets listens on 127.0.0.1 only and believes that header only from 127.0.0.1. See
``nginx.conf`` beside this file and docs/auth.md.
"""

from __future__ import annotations

import logging

from pgwidgets.auth import TrustedHeaderAuth
from pgwidgets.sync import Application


def build(session) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Behind the proxy", resizable=True)
    top.set_widget(Widgets.Label(f"The proxy says you are {session.user}."))
    top.show()


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    app = Application(
        host="127.0.0.1",
        ws_port=9500,
        auth=TrustedHeaderAuth(header="X-Forwarded-User", trusted_proxies=["127.0.0.1"]),
    )
    app.on_connect(build)
    app.run()


if __name__ == "__main__":
    main()
