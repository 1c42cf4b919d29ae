"""Hello, pgwidgets (asyncio API): a window with a label, an entry, a check box, a button.

Run ``python examples/hello_async.py`` and open the URL it prints. The same program as
``examples/hello.py``; only ``async``/``await`` differ.
"""

from __future__ import annotations

import argparse
import asyncio

from pgwidgets.async_ import Application


async def build(session) -> None:
    Widgets = session.get_widgets()
    top = await Widgets.TopLevel(title="Hello, pgwidgets", resizable=True)
    await top.resize(420, 220)
    vbox = await Widgets.VBox(spacing=8, padding=10)
    label = await Widgets.Label("Hello from Python!")
    entry = await Widgets.TextEntry("", linehistory=10)
    check = await Widgets.CheckBox("Shout")
    button = await Widgets.Button("Click me")
    clicks = 0

    async def on_click() -> None:
        nonlocal clicks
        clicks += 1
        await label.set_text(f"Clicked {clicks} time{'s' if clicks != 1 else ''}")

    async def on_enter(text: str) -> None:
        await label.set_text(text.upper() if check.get_state() else text)

    await button.on("activated", on_click)
    await entry.on("activated", on_enter)
    for w, stretch in ((label, 1), (entry, 0), (check, 0), (button, 0)):
        await vbox.add_widget(w, stretch)
    await top.set_widget(vbox)
    await top.show()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9500)
    args = parser.parse_args()
    app = Application(host=args.host, ws_port=args.port)
    app.on_connect(build)
    await app.run()  # prints the URL; serves until Ctrl-C, SIGTERM or app.close()


if __name__ == "__main__":
    asyncio.run(main())  # Ctrl-C closes the app; no traceback
