"""Users sign in with a name and a password; the UI greets them by name.

Make a hash with ``python -m pgwidgets.auth hash-password`` and put it in a JSON file
``{"alice": "scrypt$..."}``, then run ``python examples/password_auth.py users.json`` and
open http://127.0.0.1:9500/. ``/logout`` signs out. Without a file, a demo user ``demo``
with password ``demo`` is made (for trying it out on your own machine only).
"""

from __future__ import annotations

import argparse
import json
import logging
import os

from pgwidgets.auth import PasswordAuth, hash_password
from pgwidgets.sync import Application


def build(session) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Signed in", resizable=True)
    vbox = Widgets.VBox(spacing=8, padding=10)
    vbox.add_widget(Widgets.Label(f"Hello, {session.user}!"), 1)
    vbox.add_widget(Widgets.Label("Open /logout to sign out."), 0)
    top.set_widget(vbox)
    top.show()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("users", nargs="?", help="JSON file: user name -> password hash")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9500)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    if args.users:
        with open(args.users, encoding="utf-8") as f:
            users = json.load(f)
    else:
        users = {"demo": hash_password("demo")}
    app = Application(
        host=args.host,
        ws_port=args.port,
        auth=PasswordAuth(users),
        secret_key=os.environ.get("PGWIDGETS_SECRET_KEY"),
    )
    app.on_connect(build)
    app.run()


if __name__ == "__main__":
    main()
