"""Hello, pgwidgets (blocking API): a window with a label, an entry, a check box, a button.

Run ``python examples/hello.py`` and open the URL it prints.
"""

from __future__ import annotations

import argparse

from pgwidgets.sync import Application


def build(session) -> None:
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title="Hello, pgwidgets", resizable=True)
    top.resize(420, 220)
    vbox = Widgets.VBox(spacing=8, padding=10)
    label = Widgets.Label("Hello from Python!")
    entry = Widgets.TextEntry("", linehistory=10)
    check = Widgets.CheckBox("Shout")
    button = Widgets.Button("Click me")
    clicks = 0

    def on_click() -> None:
        nonlocal clicks
        clicks += 1
        label.set_text(f"Clicked {clicks} time{'s' if clicks != 1 else ''}")

    def on_enter(text: str) -> None:
        label.set_text(text.upper() if check.get_state() else text)

    button.on("activated", on_click)
    entry.on("activated", on_enter)
    for w, stretch in ((label, 1), (entry, 0), (check, 0), (button, 0)):
        vbox.add_widget(w, stretch)
    top.set_widget(vbox)
    top.show()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9500)
    args = parser.parse_args()
    app = Application(host=args.host, ws_port=args.port)
    app.on_connect(build)
    app.run()  # prints the URL; serves until Ctrl-C, SIGTERM or app.close() from a handler


if __name__ == "__main__":
    main()
