"""DataView: the whole Python-side model of a TreeView or TableView.

Widget methods call these (under the session lock) and the core asks :meth:`drain` for
the messages due; browser input arrives through :meth:`~.ops.BrowserOps.handle`. Nothing
here does I/O, so all of it is tested without a browser (``tests/unit/test_dataview.py``).

Every method checks its arguments before it changes anything: a bad call raises
``ConfigurationError`` naming the argument and leaves the model and the view as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

from pgwidgets.exceptions import ConfigurationError
from pgwidgets.widgets.dataview import tree as tree_model
from pgwidgets.widgets.dataview.columns import normalize_column, normalize_columns
from pgwidgets.widgets.dataview.layout import check_value
from pgwidgets.widgets.dataview.ops import BrowserOps
from pgwidgets.widgets.dataview.sources import ListSource, make_source

__all__ = ["DataView"]

Color = list[Any]


def _color(fg: Any, bg: Any, bold: Any) -> Color | None:
    """A colour triple, or None when it is all None (which clears the entry)."""
    for name, v in (("fg", fg), ("bg", bg)):
        if v is not None and not isinstance(v, str):
            raise ConfigurationError(f"{name} must be a CSS colour string or None, got {v!r}")
    if fg is None and bg is None and bold is None:
        return None
    return [fg, bg, None if bold is None else bool(bold)]


class DataView(BrowserOps):
    """Columns, rows, display list, selection, colours and windows of one data view."""

    # ---------------------------------------------------------------- columns
    def set_columns(self, columns: Any) -> None:
        cols = normalize_columns(columns)
        self.columns = cols
        self.widths = {c.key: c.width for c in cols if c.width}
        if self.sort is not None and self.sort[0] not in {c.key for c in cols}:
            self.sort = None
        self.cursor = self.anchor = None
        self.relayout()

    def insert_column(self, column: Any, before: Any = None) -> None:
        pos = len(self.columns) if before is None else self.col_index(before, "before")
        col = normalize_column(column, pos, "column")
        if not isinstance(column, Mapping) or column.get("key") is None:
            col.key = self._free_key(pos)
        if any(c.key == col.key for c in self.columns):
            raise ConfigurationError(f"column: key {col.key!r} is already used")
        self.columns.insert(pos, col)
        if col.width:
            self.widths[col.key] = col.width
        self.relayout()

    def _free_key(self, pos: int) -> str:
        keys = {c.key for c in self.columns}
        n = pos
        while f"_col{n}" in keys:
            n += 1
        return f"_col{n}"

    def delete_column(self, col_key: Any) -> None:
        ci = self.col_index(col_key)
        key = self.columns.pop(ci).key
        self.widths.pop(key, None)
        self.column_colors.pop(key, None)
        self.cells = {c for c in self.cells if c[1] != key}
        if self.sort is not None and self.sort[0] == key:
            self.sort = None
        self.cursor = self.anchor = None
        self.relayout()

    def set_column_editable(self, col_key: Any, tf: bool) -> None:
        self.columns[self.col_index(col_key)].editable = bool(tf)
        self._reset_due = True

    def set_column_width(self, col_key: Any, width: Any) -> None:
        ci = self.col_index(col_key)
        if not isinstance(width, (int, float)) or width < 0:
            raise ConfigurationError(f"width must be a number of pixels, got {width!r}")
        self.widths[self.columns[ci].key] = int(width)
        self._direct.append((None, "dv_width", [ci, int(width)]))

    def column_widths(self) -> dict[str, int | None]:
        return {c.key: self.widths.get(c.key) for c in self.columns}

    # ------------------------------------------------------------------ rows
    def set_data(self, data: Any, keep: bool = False) -> None:
        """Show ``data`` (rows of any source); ``keep``: keep selection and scroll."""
        source = make_source(data)
        if len(source) and isinstance(source, ListSource):
            first = source.rows[0]
            if isinstance(first, Mapping):
                known = {c.key for c in self.columns}
                unknown = [k for k in first if k not in known]
                if self.columns and unknown:
                    raise ConfigurationError(
                        f"data[0] has unknown column key(s) {unknown} (columns: {sorted(known)})"
                    )
            elif self.columns and len(first) > len(self.columns):
                raise ConfigurationError(
                    f"data[0] has {len(first)} cells, there are {len(self.columns)} columns"
                )
        self.tree_mode = False
        self.tree = {}
        self.expanded = set()
        self.source = source
        n = len(source)
        if keep:
            self.selected = {r for r in self.selected if isinstance(r, int) and r < n}
            self.cells = {c for c in self.cells if isinstance(c[0], int) and c[0] < n}
        else:
            self.selected = set()
            self.cells = set()
            self.cursor = self.anchor = None
            self.cell_colors = {}
            self.row_colors = {}
            self.top = 0
        self.relayout()

    def model_changed(self) -> None:
        """The program changed the rows behind the view's back: refresh what is shown."""
        n = len(self.source) if not self.tree_mode else None
        if n is not None:
            self.selected = {r for r in self.selected if r < n}
        self.relayout()

    def set_filter(self, predicate: Callable[[dict[str, Any]], bool] | None) -> None:
        if predicate is not None and not callable(predicate):
            raise ConfigurationError("predicate must be callable or None")
        self.filter = predicate
        self.relayout()

    def set_cell(self, path: Any, col_key: Any, value: Any) -> None:
        rid = self.rid_of(path)
        ci = self.col_index(col_key)
        check_value(value, "value")
        self.write_cell(rid, ci, value)

    def insert_rows(self, index: int, rows: Sequence[Any]) -> None:
        """Flat tables: insert ``rows`` before model index ``index``."""
        n = len(self.source)
        if not isinstance(index, int) or not 0 <= index <= n:
            raise ConfigurationError(f"index must be 0..{n}, got {index!r}")
        for k, row in enumerate(rows):
            self._check_row(row, f"values[{k}]" if len(rows) > 1 else "values")
        for k, row in enumerate(rows):
            self.source.insert(index + k, row)
        shift = len(rows)
        self._shift_ids(lambda r: r + shift if r >= index else r)
        self.relayout()

    def delete_rows(self, indices: Iterable[int]) -> None:
        doomed = sorted(set(indices), reverse=True)
        for i in doomed:
            self.source.delete(i)
        gone = set(doomed)

        def remap(r: int) -> int:
            return -1 if r in gone else r - sum(1 for g in doomed if g < r)

        self._shift_ids(remap)
        self.relayout()

    def _shift_ids(self, fn: Callable[[int], int]) -> None:
        """Row ids are model indices: move selection, colours and cursor with the rows."""
        self.selected = {m for m in map(fn, self.selected) if m >= 0}
        self.cells = {(fn(r), k) for r, k in self.cells if fn(r) >= 0}
        self.row_colors = {fn(r): c for r, c in self.row_colors.items() if fn(r) >= 0}
        self.cell_colors = {fn(r): c for r, c in self.cell_colors.items() if fn(r) >= 0}
        for name in ("cursor", "anchor"):
            cur = getattr(self, name)
            if cur is not None:
                m = fn(cur[0])
                setattr(self, name, (m, cur[1]) if m >= 0 else None)

    def _check_row(self, row: Any, where: str) -> None:
        if isinstance(row, Mapping):
            known = {c.key for c in self.columns}
            unknown = [k for k in row if k not in known]
            if self.columns and unknown:
                raise ConfigurationError(f"{where}: unknown column key(s) {unknown}")
            vals: Iterable[Any] = row.values()
        elif isinstance(row, Sequence) and not isinstance(row, (str, bytes)):
            if self.columns and len(row) > len(self.columns):
                raise ConfigurationError(
                    f"{where} has {len(row)} cells, there are {len(self.columns)} columns"
                )
            vals = row
        else:
            raise ConfigurationError(f"{where} must be a dict or a list, got {type(row).__name__}")
        for v in vals:
            check_value(v, where)

    # ------------------------------------------------------------------ trees
    def set_tree(self, tree: Any, keep: bool = False) -> None:
        if not isinstance(tree, Mapping):
            raise ConfigurationError(f"tree must be a dict, got {type(tree).__name__}")
        new = tree_model.copy_tree(tree)
        self.tree_mode = True
        self.source = ListSource([])
        self.tree = new
        if keep:
            self._drop_missing()
        else:
            self.expanded = set()
            self.selected = set()
            self.cells = set()
            self.cursor = self.anchor = None
            self.cell_colors = {}
            self.row_colors = {}
            self.top = 0
        self.relayout()

    def _drop_missing(self) -> None:
        """Forget selection, expansion and colours of paths that no longer resolve."""

        def ok(p: Any) -> bool:
            return isinstance(p, tuple) and tree_model.node_at(self.tree, p) is not None

        self.expanded = {p for p in self.expanded if ok(p)}
        self.selected = {p for p in self.selected if ok(p)}
        self.cells = {c for c in self.cells if ok(c[0])}
        self.row_colors = {p: c for p, c in self.row_colors.items() if ok(p)}
        self.cell_colors = {p: c for p, c in self.cell_colors.items() if ok(p)}
        if self.cursor is not None and not ok(self.cursor[0]):
            self.cursor = None
        if self.anchor is not None and not ok(self.anchor[0]):
            self.anchor = None

    def _need_tree(self) -> None:
        if not self.tree_mode:
            self.tree_mode = True
            self.tree = {}
            self.source = ListSource([])

    def update_tree(self, tree: Any) -> None:
        """Replace the tree, keeping selection, expansion and colours where paths survive;
        when only cells changed, only the rows in view that changed are sent."""
        if not isinstance(tree, Mapping):
            raise ConfigurationError(f"tree must be a dict, got {type(tree).__name__}")
        ops = tree_model.diff_tree(self.tree, tree) if self.tree_mode else None
        if ops is not None and all(op[0] == "set" for op in ops):
            for _, path, col, value in ops:
                tree_model.set_cell(self.tree, path, col, value)
            self.mark_rows(tuple(op[1]) for op in ops)
            return
        self.set_tree(tree, keep=True)

    def add_tree(self, tree: Any, parent: Any = None) -> None:
        if not isinstance(tree, Mapping):
            raise ConfigurationError(f"tree must be a dict, got {type(tree).__name__}")
        self._need_tree()
        ppath = [] if parent in (None, [], ()) else list(self.rid_of(parent, "parent"))
        tree_model.merge_tree(self.tree, tree, ppath)
        self._drop_missing()
        self.relayout()

    def add_item(self, parent: Any, key: Any, values: Any) -> None:
        if not isinstance(values, Mapping):
            raise ConfigurationError(f"values must be a dict, got {type(values).__name__}")
        self._need_tree()
        ppath = [] if parent in (None, [], ()) else list(self.rid_of(parent, "parent"))
        tree_model.add_item(self.tree, ppath, str(key), values)
        self.relayout()

    def remove_paths(self, paths: Iterable[Any], where: str = "paths") -> None:
        rids = [self.rid_of(p, where) for p in paths]
        if self.tree_mode:
            tree_model.remove_items(self.tree, rids)
            self._drop_missing()
            self.relayout()
        else:
            self.delete_rows(rids)

    def delete_tree(self, tree: Any, prune_empty: bool = True) -> None:
        if not isinstance(tree, Mapping):
            raise ConfigurationError(f"tree must be a dict, got {type(tree).__name__}")
        tree_model.delete_tree(self.tree, tree, prune_empty)
        self._drop_missing()
        self.relayout()

    def clear(self) -> None:
        if self.tree_mode:
            self.set_tree({})
        else:
            self.set_data([])

    def interiors(self) -> list[tuple[str, ...]]:
        return [p for p in tree_model.iter_nodes(self.tree) if tree_model.is_interior(self.node(p))]

    def expand(self, path: Any, state: bool) -> bool:
        rid = self.rid_of(path)
        if not tree_model.is_interior(self.node(rid)):
            return False
        if (rid in self.expanded) == state:
            return False
        if state:
            self.expanded.add(rid)
        else:
            self.expanded.discard(rid)
        self.relayout()
        return True

    def expand_all(self, state: bool) -> None:
        self.expanded = set(self.interiors()) if state else set()
        self.relayout()

    def subtree(self, status: str = "all") -> dict[str, Any]:
        if status == "all":
            return tree_model.copy_tree(self.tree)
        if status == "selected":
            keep: Iterable[Any] = self.selected
        elif status == "expanded":
            keep = self.expanded
        elif status == "collapsed":
            keep = [p for p in self.interiors() if p not in self.expanded]
        else:
            raise ConfigurationError(
                f"status must be 'all', 'selected', 'expanded' or 'collapsed', got {status!r}"
            )
        return tree_model.subtree_of(self.tree, keep)

    # -------------------------------------------------------------- selection
    def select(self, paths: Iterable[Any], state: bool, replace: bool = False) -> None:
        rids = {self.rid_of(p) for p in paths}
        if replace:
            self.set_row_selection(rids)
        elif state:
            self.set_row_selection(self.selected | rids)
        else:
            self.set_row_selection(self.selected - rids)

    def select_cells(self, cells: Iterable[Any], state: bool) -> None:
        chosen = set()
        for k, cell in enumerate(cells):
            if isinstance(cell, Mapping):
                path, key = cell.get("path"), cell.get("col_key")
            elif isinstance(cell, (list, tuple)) and len(cell) == 2:
                path, key = cell
            else:
                raise ConfigurationError(f"cells[{k}] must be (path, col_key) or a dict")
            ci = self.col_index(key, f"cells[{k}] col_key")
            chosen.add((self.rid_of(path, f"cells[{k}] path"), self.columns[ci].key))
        new = (self.cells | chosen) if state else (self.cells - chosen)
        self.set_cell_selection(new)

    # ---------------------------------------------------------------- sorting
    def sort_by(self, col_key: Any, ascending: bool = True) -> None:
        ci = self.col_index(col_key)
        self.sort = (self.columns[ci].key, bool(ascending))
        self.relayout()

    # -------------------------------------------------------------- scrolling
    def scroll_to(self, i: int) -> None:
        """Bring display row ``i`` into every browser's view."""
        n = self.count()
        i = max(0, min(i, n - 1)) if n else 0
        self.top = i
        self._direct.append((None, "dv_scroll", [self.gen, i]))

    def scroll_to_path(self, path: Any) -> None:
        rid = self.rid_of(path)
        if self.tree_mode:  # open the ancestors so the row is shown
            opened = False
            for k in range(1, len(rid)):
                if rid[:k] not in self.expanded:
                    self.expanded.add(rid[:k])
                    opened = True
            if opened:
                self.relayout()
        i = self.index_of(rid)
        if i < 0:
            raise ConfigurationError(f"path: row {self.path_of(rid)} is not shown (filtered out)")
        self.scroll_to(i)

    def set_scroll(self, h_pct: Any, v_pct: Any) -> None:
        for name, v in (("h_pct", h_pct), ("v_pct", v_pct)):
            if v is not None and not isinstance(v, (int, float)):
                raise ConfigurationError(f"{name} must be a number 0..100 or None, got {v!r}")
        if h_pct is not None:
            self.hpct = max(0.0, min(100.0, float(h_pct)))
        if v_pct is not None:
            n = self.count()
            self.top = round(max(0.0, min(100.0, float(v_pct))) / 100 * max(0, n - 1))
        self._direct.append((None, "dv_scroll_pct", [self.gen, self.top, self.hpct]))

    def scroll_position(self) -> tuple[float, float]:
        n = self.count()
        return (self.hpct, 100.0 * self.top / (n - 1) if n > 1 else 0.0)

    # ---------------------------------------------------------------- colours
    def set_cell_color(self, path: Any, col_key: Any, fg: Any, bg: Any, bold: Any) -> None:
        rid = self.rid_of(path)
        key = self.columns[self.col_index(col_key)].key
        color = _color(fg, bg, bold)
        row = self.cell_colors.setdefault(rid, {})
        if color is None:
            row.pop(key, None)
            if not row:
                del self.cell_colors[rid]
        else:
            row[key] = color
        self.mark_rows([rid])

    def set_row_color(self, path: Any, fg: Any, bg: Any, bold: Any) -> None:
        rid = self.rid_of(path)
        color = _color(fg, bg, bold)
        if color is None:
            self.row_colors.pop(rid, None)
        else:
            self.row_colors[rid] = color
        self.mark_rows([rid])

    def set_column_color(self, col_key: Any, fg: Any, bg: Any, bold: Any) -> None:
        key = self.columns[self.col_index(col_key)].key
        color = _color(fg, bg, bold)
        if color is None:
            self.column_colors.pop(key, None)
        else:
            self.column_colors[key] = color
        self._reset_due = True

    def set_table_color(self, fg: Any, bg: Any, bold: Any) -> None:
        self.table_color = _color(fg, bg, bold)
        self._reset_due = True

    def clear_all_colors(self) -> None:
        self.cell_colors, self.row_colors, self.column_colors = {}, {}, {}
        self.table_color = None
        self._reset_due = True

    def set_colors(self, spec: Any) -> None:
        """A batch: ``{"cells": [...], "rows": [...], "columns": [...], "table": {...}}``
        of dicts with the single calls' argument names. Everything is checked first, so a
        bad entry changes nothing."""
        if not isinstance(spec, Mapping):
            raise ConfigurationError(f"spec must be a dict, got {type(spec).__name__}")
        unknown = set(spec) - {"cells", "rows", "columns", "table"}
        if unknown:
            raise ConfigurationError(f"spec has unknown part(s) {sorted(unknown)}")
        calls: list[Callable[[], None]] = []

        def entry(part: str, k: int, e: Any, need: tuple[str, ...]) -> dict[str, Any]:
            if not isinstance(e, Mapping) or any(n not in e for n in need):
                raise ConfigurationError(f"spec[{part!r}][{k}] needs {need} and fg/bg/bold")
            return {"fg": e.get("fg"), "bg": e.get("bg"), "bold": e.get("bold")}

        for k, e in enumerate(spec.get("cells", ())):
            c = entry("cells", k, e, ("path", "col_key"))
            self.rid_of(e["path"], f"spec['cells'][{k}]['path']")
            self.col_index(e["col_key"], f"spec['cells'][{k}]['col_key']")
            _color(**c)
            calls.append(partial(self.set_cell_color, e["path"], e["col_key"], **c))
        for k, e in enumerate(spec.get("rows", ())):
            c = entry("rows", k, e, ("path",))
            self.rid_of(e["path"], f"spec['rows'][{k}]['path']")
            _color(**c)
            calls.append(partial(self.set_row_color, e["path"], **c))
        for k, e in enumerate(spec.get("columns", ())):
            c = entry("columns", k, e, ("col_key",))
            self.col_index(e["col_key"], f"spec['columns'][{k}]['col_key']")
            _color(**c)
            calls.append(partial(self.set_column_color, e["col_key"], **c))
        if "table" in spec:
            c = entry("table", 0, spec["table"], ())
            _color(**c)
            calls.append(partial(self.set_table_color, **c))
        for call in calls:
            call()
