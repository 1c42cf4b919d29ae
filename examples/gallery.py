"""The pgwidgets gallery: every widget class once, live, with a theme switch (sync API).

The gallery lives in the package (``pgwidgets/examples/gallery.py``) so that it runs
after a plain install: ``python -m pgwidgets.examples.gallery``. This file runs the same
thing from a checkout: ``python examples/gallery.py [--host HOST] [--port PORT]``.
"""

from __future__ import annotations

from pgwidgets.examples.gallery import FAMILIES, Gallery, build, main

__all__ = ["FAMILIES", "Gallery", "build", "main"]

if __name__ == "__main__":
    main()
