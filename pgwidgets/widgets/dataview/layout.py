"""The display list of a data view: which row is shown at which position, and the window
of rows each browser holds.

Theory of operation
-------------------
The rows live in a :class:`~.sources.RowSource` (flat tables) or in a dict-tree (trees).
What the browser shows is a *display list*: for a table, the identity or a permutation
(``order``, an ``array('q')`` of model indices: a sort or a filter, never a copy of the
rows); for a tree, the expanded nodes flattened in Python (``nodes``). A row is known by
its *row id*: the model index (tables) or the key path tuple (trees). Selection, colours
and the cursor are kept by row id, so they follow a row through sorting.

Each browser tells Python the window it shows (``range`` requests, coalesced on its side);
Python answers with just those rows. Changes are not sent at once: they mark what is
due (a relayout, some rows), and :meth:`Layout.drain` turns that into one message per
browser for its own window when the session flushes. A thousand ``set_cell`` calls in one
handler therefore become one ``dv_rows`` message per browser.

``gen`` counts relayouts. Browser requests carry the ``gen`` they were made against; a
request about positions from an older layout is dropped, so a click that crossed a sort on
the wire cannot hit the wrong row.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from pgwidgets.exceptions import ConfigurationError
from pgwidgets.widgets.dataview import tree as tree_model
from pgwidgets.widgets.dataview.columns import Column, normalize_columns
from pgwidgets.widgets.dataview.sources import ListSource, RowSource, sort_values

__all__ = ["DEFAULT_WINDOW", "MAX_WINDOW", "Layout", "Out"]

#: rows sent to a browser whose window is not known yet (a fresh page)
DEFAULT_WINDOW = 80
#: the most rows one ``range`` request may ask for
MAX_WINDOW = 600

Out = tuple[Any, str, list[Any]]
"""A message for browsers: ``(target, method, args)``; target None is every browser,
``("not", conn)`` every browser but ``conn``, anything else that one connection."""

Node = tuple[tuple[str, ...], int, bool]
"""A tree display row: (path, depth, interior)."""

_SIMPLE = (str, int, float, bool, type(None))


def cell_wire(v: Any) -> Any:
    """A cell value as the browser shows it: JSON scalars as they are, NumPy scalars as
    Python ones, anything else as its ``str`` (a date, a Decimal)."""
    t = type(v)
    if t is str or t is int or v is None or t is bool:
        return v
    if t is float:
        return v if math.isfinite(v) else str(v)
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict)):
        return cell_wire(v.item())
    return str(v)


def check_value(v: Any, where: str) -> None:
    """Refuse values a cell cannot show (containers), naming the argument."""
    if isinstance(v, (dict, list, tuple, set, frozenset, bytes)):
        raise ConfigurationError(f"{where}: a cell cannot show a {type(v).__name__}")


class Layout:
    """Columns, rows, the display list and the browsers' windows (see the module doc)."""

    def __init__(
        self,
        columns: Any = None,
        *,
        tree: bool = False,
        selection_mode: str = "single",
        cell_cursor: bool = False,
    ) -> None:
        self.columns: list[Column] = normalize_columns(columns)
        #: True: rows are a dict-tree (TreeView.set_tree); False: a flat source
        self.tree_mode = tree
        self.source: RowSource = ListSource([])
        self.tree: dict[str, Any] = {}
        #: tree display list (expanded nodes, flattened)
        self.nodes: list[Node] = []
        self._node_pos: dict[tuple[str, ...], int] | None = None
        #: table display list: a permutation of model indices (None: identity)
        self.order: array[int] | None = None
        self.sort: tuple[str, bool] | None = None
        self.filter: Callable[[dict[str, Any]], bool] | None = None
        self.expanded: set[tuple[str, ...]] = set()
        self.selection_mode = selection_mode
        self.cell_cursor = cell_cursor
        self.editable_all = False
        self.selected: set[Any] = set()
        self.cells: set[tuple[Any, str]] = set()
        #: the cell cursor: (row id, column index)
        self.cursor: tuple[Any, int] | None = None
        self.anchor: tuple[Any, int] | None = None
        #: colours: (fg, bg, bold) triples
        self.cell_colors: dict[Any, dict[str, list[Any]]] = {}
        self.row_colors: dict[Any, list[Any]] = {}
        self.column_colors: dict[str, list[Any]] = {}
        self.table_color: list[Any] | None = None
        self.widths: dict[str, int] = {c.key: c.width for c in self.columns if c.width}
        #: scroll position: first row in view, horizontal fraction
        self.top = 0
        self.hpct = 0.0
        #: each browser's window: conn -> (start, count)
        self.windows: dict[Any, tuple[int, int]] = {}
        self.gen = 0
        #: a new view is drawn at once (its role, columns and empty body)
        self._reset_due = True
        self._refresh_due = False
        self._rows_due: set[Any] = set()
        self._direct: list[Out] = []

    # ------------------------------------------------------------- display list
    def count(self) -> int:
        """Rows in the display list."""
        if self.tree_mode:
            return len(self.nodes)
        return len(self.order) if self.order is not None else len(self.source)

    def rid_at(self, i: int) -> Any:
        """The row id at display position ``i``."""
        if self.tree_mode:
            return self.nodes[i][0]
        return self.order[i] if self.order is not None else i

    def rids(self, start: int, stop: int) -> Sequence[Any]:
        """Row ids of display positions ``start:stop`` (clamped)."""
        stop = min(stop, self.count())
        start = max(0, min(start, stop))
        if self.tree_mode:
            return [n[0] for n in self.nodes[start:stop]]
        return self.order[start:stop] if self.order is not None else range(start, stop)

    def index_of(self, rid: Any) -> int:
        """Display position of a row id; -1 when it is not shown (collapsed, filtered)."""
        if self.tree_mode:
            if self._node_pos is None:
                self._node_pos = {n[0]: i for i, n in enumerate(self.nodes)}
            return self._node_pos.get(rid, -1)
        if self.order is None:
            return rid if 0 <= rid < len(self.source) else -1
        try:
            return self.order.index(rid)
        except ValueError:
            return -1

    def path_of(self, rid: Any) -> list[str]:
        return list(rid) if self.tree_mode else [str(rid)]

    def rid_of(self, path: Any, where: str = "path") -> Any:
        """The row id a user path names; ``ConfigurationError`` naming ``where`` if none."""
        if self.tree_mode:
            if isinstance(path, str):
                path = [path]
            if not isinstance(path, (list, tuple)) or not path:
                raise ConfigurationError(f"{where} must be a list of keys, got {path!r}")
            key = tuple(str(k) for k in path)
            if tree_model.node_at(self.tree, key) is None:
                raise ConfigurationError(f"{where}: no item at {list(key)}")
            return key
        p = path
        if isinstance(p, (list, tuple)) and len(p) == 1:
            p = p[0]
        try:
            i = int(p)
        except (TypeError, ValueError):
            raise ConfigurationError(f"{where}: no row {path!r} (rows are 0..n-1)") from None
        if not 0 <= i < len(self.source):
            raise ConfigurationError(f"{where}: no row {path!r} (there are {len(self.source)})")
        return i

    def col_index(self, key: Any, where: str = "col_key") -> int:
        """Index of a column given by key (or by index, as TableView's names suggest)."""
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(self.columns):
            return key
        known = [c.key for c in self.columns]
        raise ConfigurationError(f"{where}: unknown column {key!r} (columns: {known})")

    # --------------------------------------------------------------- row values
    def node(self, rid: Any) -> Any:
        return tree_model.node_at(self.tree, rid)

    def values(self, rid: Any) -> dict[str, Any]:
        """A row's values by column key (a tree node's first column defaults to its key)."""
        if self.tree_mode:
            vals = tree_model.values_of(self.node(rid))
            if self.columns and vals.get(self.columns[0].key) is None:
                vals[self.columns[0].key] = rid[-1]
            return vals
        row = self.source.take([rid])[0]
        return {c.key: self.source.value(row, ci, c.key) for ci, c in enumerate(self.columns)}

    def cell(self, rid: Any, ci: int) -> Any:
        return self.values(rid).get(self.columns[ci].key)

    def _row_values(self, rids: Sequence[Any]) -> list[list[Any]]:
        cols = self.columns
        if self.tree_mode:
            out = []
            for rid in rids:
                vals = self.values(rid)
                out.append([cell_wire(vals.get(c.key)) for c in cols])
            return out
        src = self.source
        value = src.value
        objs = src.take(rids)
        pairs = [(ci, c.key) for ci, c in enumerate(cols)]
        return [[cell_wire(value(row, ci, key)) for ci, key in pairs] for row in objs]

    def rows_wire(self, start: int, count: int) -> list[list[Any]]:
        """Rows ``start..start+count`` as the browser draws them:
        ``[values, flags, depth, row colour, {col: colour}, [selected cols]]`` with flags
        1 selected, 2 interior, 4 expanded."""
        rids = self.rids(start, start + count)
        values = self._row_values(rids)
        out = []
        keys = [c.key for c in self.columns]
        for k, rid in enumerate(rids):
            flags = 1 if rid in self.selected else 0
            depth = 0
            if self.tree_mode:
                node = self.nodes[start + k]
                depth = node[1]
                if node[2]:
                    flags |= 2 | (4 if rid in self.expanded else 0)
            cc = self.cell_colors.get(rid)
            sel_cols = (
                [ci for ci, key in enumerate(keys) if (rid, key) in self.cells]
                if self.cells
                else None
            )
            out.append(
                [
                    values[k],
                    flags,
                    depth,
                    self.row_colors.get(rid),
                    {str(keys.index(key)): col for key, col in cc.items() if key in keys}
                    if cc
                    else None,
                    sel_cols or None,
                ]
            )
        return out

    # ---------------------------------------------------------------- relayout
    def relayout(self) -> None:
        """Rebuild the display list (after a sort, filter, expansion or row change)."""
        self.gen += 1
        self._node_pos = None
        if self.tree_mode:
            self.nodes = self._flatten()
        else:
            self.order = self._table_order()
        n = self.count()
        self.top = max(0, min(self.top, n - 1))
        self._reset_due = True

    def _table_order(self) -> array[int] | None:
        src = self.source
        order: array[int] | None = None
        if self.sort is not None:
            key, asc = self.sort
            ci = self.col_index(key)
            order = src.sort_order(ci, key, self.columns[ci].type, asc)
        if self.filter is not None:
            pred = self.filter
            base: Sequence[int] = order if order is not None else range(len(src))
            keep = array("q")
            for start in range(0, len(base), 4096):
                part = base[start : start + 4096]
                for rid, row in zip(part, src.take(part), strict=True):
                    vals = {c.key: src.value(row, ci, c.key) for ci, c in enumerate(self.columns)}
                    if pred(vals):
                        keep.append(rid)
            order = keep
        return order

    def _sorted_children(self, node: Any, path: tuple[str, ...]) -> list[tuple[str, Any]]:
        kids = list((node if not path else tree_model.children_of(node)).items())
        kids = [(k, v) for k, v in kids if k != tree_model.VALUES and isinstance(v, dict)]
        if self.sort is None or not kids:
            return kids
        key, asc = self.sort
        ci = self.col_index(key)
        first = ci == 0
        vals = []
        for k, v in kids:
            own = tree_model.values_of(v).get(key)
            vals.append(k if own is None and first else own)
        order = sort_values(vals, self.columns[ci].type, asc)
        return [kids[i] for i in order]

    def _flatten(self) -> list[Node]:
        out: list[Node] = []
        expanded = self.expanded

        def walk(node: Any, path: tuple[str, ...], depth: int) -> None:
            for key, child in self._sorted_children(node, path):
                here = (*path, key)
                interior = tree_model.is_interior(child)
                out.append((here, depth, interior))
                if interior and here in expanded:
                    walk(child, here, depth + 1)

        walk(self.tree, (), 0)
        return out

    # ---------------------------------------------------------------- output
    def mark_rows(self, rids: Any) -> None:
        """These rows changed (values, colours, selection): resend them where shown."""
        self._rows_due.update(rids)

    def mark_all(self) -> None:
        """Every window's rows changed (a column colour, a large selection change)."""
        self._refresh_due = True

    def meta(self) -> dict[str, Any]:
        """Everything but rows a browser needs to draw the view."""
        cols = []
        for c in self.columns:
            w = c.to_wire()
            w["width"] = self.widths.get(c.key)
            cols.append(w)
        sort = None
        if self.sort is not None:
            sort = [self.col_index(self.sort[0]), self.sort[1]]
        cur = None
        if self.cursor is not None:
            i = self.index_of(self.cursor[0])
            cur = [i, self.cursor[1]] if i >= 0 else None
        return {
            "gen": self.gen,
            "total": self.count(),
            "columns": cols,
            "sort": sort,
            "tree": self.tree_mode,
            "table_color": self.table_color,
            "column_colors": {
                str(i): self.column_colors[c.key]
                for i, c in enumerate(self.columns)
                if c.key in self.column_colors
            },
            "cursor": cur,
            "top": self.top,
            "h": self.hpct,
            "mode": self.selection_mode,
            "cell_cursor": self.cell_cursor,
            "editable": self.editable_all,
        }

    def reset_message(self, conn: Any) -> Out:
        """A ``dv_reset`` for one browser, with the rows of its window."""
        start, count = self.windows.get(conn, (self.top, DEFAULT_WINDOW))
        start = max(0, min(start, self.count()))
        return (conn, "dv_reset", [self.meta(), start, self.rows_wire(start, count)])

    def rebuild(self) -> list[tuple[str, list[Any]]]:
        """What a fresh page (reload, second browser) needs: the view at its scroll
        position, with only the rows around it."""
        start = max(0, self.top - 10)
        return [("dv_reset", [self.meta(), start, self.rows_wire(start, DEFAULT_WINDOW)])]

    def drain(self, conns: Sequence[Any]) -> list[Out]:
        """The messages due, per browser: a reset, or the changed rows of its window."""
        for gone in [c for c in self.windows if c not in conns]:
            del self.windows[gone]
        out: list[Out] = []
        if self._reset_due:
            out.extend(self.reset_message(c) for c in conns)
        elif self._refresh_due or self._rows_due:
            for c in conns:
                start, count = self.windows.get(c, (self.top, DEFAULT_WINDOW))
                if self._refresh_due:
                    out.append((c, "dv_rows", [self.gen, start, self.rows_wire(start, count)]))
                    continue
                for i, rid in enumerate(self.rids(start, start + count)):
                    if rid in self._rows_due:
                        out.append(
                            (c, "dv_rows", [self.gen, start + i, self.rows_wire(start + i, 1)])
                        )
        out.extend(self._direct)
        self._direct = []
        self._reset_due = self._refresh_due = False
        self._rows_due = set()
        return out
