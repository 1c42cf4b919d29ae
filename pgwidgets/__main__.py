"""``python -m pgwidgets``: the ``pgwidgets`` command (see :mod:`pgwidgets.cli`)."""

from __future__ import annotations

import sys

from pgwidgets.cli import main

if __name__ == "__main__":
    sys.exit(main())
