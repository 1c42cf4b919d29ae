"""Every widget class: ``from pgwidgets.sync.Widgets import Label``.

Construct with the session first, ``Label(session, "text")``, or through
``session.get_widgets().Label("text")``. The classes are shared by both APIs.
"""

from __future__ import annotations

from typing import Any

from pgwidgets.widgets import module_dir, module_getattr

__all__: list[str] = []


def __getattr__(name: str) -> Any:
    return module_getattr(__name__, name)


def __dir__() -> list[str]:
    return module_dir()
