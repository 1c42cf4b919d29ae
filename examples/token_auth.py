"""A shared-token app that is safe to open on a network.

Run ``python examples/token_auth.py --host 0.0.0.0`` and open the URL it logs: it carries
``#token=...`` (a fragment: it reaches no server, so no access log), which the page swaps
for a login cookie and removes from the address bar.
Set ``PGWIDGETS_TOKEN`` (and ``PGWIDGETS_SECRET_KEY``, so logins survive restarts) to
choose the token instead of having one generated.
"""

from __future__ import annotations

import argparse
import logging
import os

from pgwidgets.auth import TokenAuth
from pgwidgets.sync import Application


def build(session) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Token-protected", resizable=True)
    top.set_widget(Widgets.Label("Only holders of the token see this."))
    top.show()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9500)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    auth = TokenAuth(env="PGWIDGETS_TOKEN") if os.environ.get("PGWIDGETS_TOKEN") else TokenAuth()
    app = Application(
        host=args.host,
        ws_port=args.port,
        auth=auth,
        secret_key=os.environ.get("PGWIDGETS_SECRET_KEY"),
    )
    app.on_connect(build)
    app.run()


if __name__ == "__main__":
    main()
