"""Widget proxies: specs (``spec``), the base class (``base``), classes (``factory``).

``pgwidgets.sync.Widgets`` and ``pgwidgets.async_.Widgets`` expose the same classes
through the module-level ``__getattr__`` defined here.
"""

from __future__ import annotations

from typing import Any

# Every spec and mixin is registered when the package is first imported, before any of its
# modules can ask for a class: ``factory`` needs the filled registry, which ``defs`` fills
# (with ``define`` and ``mixin`` from ``spec``), so the package's own import orders them
# and ``factory`` never imports ``defs`` (no circle, not even a late one).
from pgwidgets.widgets import defs  # noqa: F401

__all__ = ["module_dir", "module_getattr"]


def module_getattr(module: str, name: str) -> Any:
    """``from pgwidgets.sync.Widgets import Label``: look the class up by name."""
    from pgwidgets.widgets.base import Widget
    from pgwidgets.widgets.factory import all_classes

    if name == "Widget":
        return Widget
    classes = all_classes()
    if name in classes:
        return classes[name]
    raise AttributeError(f"module {module!r} has no widget class {name!r}")


def module_dir() -> list[str]:
    from pgwidgets.widgets.factory import all_classes

    return sorted([*all_classes(), "Widget"])
