"""The blocking API: every call returns its result; works from any thread.

::

    from pgwidgets.sync import Application

    app = Application()

    @app.on_connect
    def on_session(session):
        Widgets = session.get_widgets()
        top = Widgets.TopLevel(title="Hello")
        top.set_widget(Widgets.Label("Hello, world"))
        top.show()

    app.run()
"""

from __future__ import annotations

from pgwidgets.sync import Widgets
from pgwidgets.sync.application import Application
from pgwidgets.sync.session import Session

__all__ = ["Application", "Session", "Widgets"]
