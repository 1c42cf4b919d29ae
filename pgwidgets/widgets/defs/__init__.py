"""Every widget family's definitions; importing this package fills the registry.

``common`` (the three abstract bases every spec inherits) comes first; the families
follow in name order. A family that inherits a spec of another family imports that
module itself.
"""

from __future__ import annotations

import importlib
import pkgutil

from pgwidgets.widgets.defs import common  # noqa: F401  (the bases, before any family)

__all__: list[str] = []

for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")
