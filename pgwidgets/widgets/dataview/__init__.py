"""The Python side of TreeView and TableView: columns, row sources and the view model.

The rows stay in Python; the browser holds only the rows in view (plus a margin) and asks
for more as it scrolls. :class:`~.view.DataView` is the sans-I/O model: widget methods and
browser input change it, and it answers with the messages each browser needs.
"""

from __future__ import annotations

from pgwidgets.widgets.dataview.columns import Column, normalize_columns
from pgwidgets.widgets.dataview.sources import CallableRows, RowSource, make_source
from pgwidgets.widgets.dataview.view import DataView

__all__ = ["CallableRows", "Column", "DataView", "RowSource", "make_source", "normalize_columns"]
