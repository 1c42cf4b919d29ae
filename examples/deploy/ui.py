"""The demo window of the FastAPI, Flask and aiohttp recipes, in both APIs.

A label and a button whose Python handler updates the label: enough to prove that the page,
the static files and the WebSocket all reach the Python process.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_async", "build_sync"]


def build_sync(session: Any, title: str, greeting: str = "Ready") -> None:
    """Blocking API (pgwidgets.sync); the label starts with ``greeting``."""
    Widgets = session.get_widgets()
    top = Widgets.TopLevel(title=title, resizable=True)
    top.resize(400, 200)
    vbox = Widgets.VBox(spacing=8, padding=10)
    label = Widgets.Label(greeting)
    button = Widgets.Button("Click me")
    clicks = 0

    def on_click() -> None:
        nonlocal clicks
        clicks += 1
        label.set_text(f"Clicked {clicks} time{'s' if clicks != 1 else ''}")

    button.on("activated", on_click)
    vbox.add_widget(label, 1)
    vbox.add_widget(button, 0)
    top.set_widget(vbox)
    top.show()


async def build_async(session: Any, title: str, greeting: str = "Ready") -> None:
    """Async API (pgwidgets.async_): the same window, awaited."""
    Widgets = session.get_widgets()
    top = await Widgets.TopLevel(title=title, resizable=True)
    await top.resize(400, 200)
    vbox = await Widgets.VBox(spacing=8, padding=10)
    label = await Widgets.Label(greeting)
    button = await Widgets.Button("Click me")
    clicks = 0

    async def on_click() -> None:
        nonlocal clicks
        clicks += 1
        await label.set_text(f"Clicked {clicks} time{'s' if clicks != 1 else ''}")

    await button.on("activated", on_click)
    await vbox.add_widget(label, 1)
    await vbox.add_widget(button, 0)
    await top.set_widget(vbox)
    await top.show()
