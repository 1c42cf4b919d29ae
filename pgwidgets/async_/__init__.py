"""The asyncio API: widget calls return awaitables; handlers may be coroutines.

::

    from pgwidgets.async_ import Application

    app = Application()

    @app.on_connect
    async def on_session(session):
        Widgets = session.get_widgets()
        top = await Widgets.TopLevel(title="Hello")
        await top.set_widget(await Widgets.Label("Hello, world"))
        await top.show()

    asyncio.run(app.run())
"""

from __future__ import annotations

from pgwidgets.async_ import Widgets
from pgwidgets.async_.application import Application
from pgwidgets.async_.session import Ready, Session

__all__ = ["Application", "Ready", "Session", "Widgets"]
