"""Data views: TreeView and TableView, over rows that stay in Python.

The reference API (``pgwidgets_js/defs.py``): every option, method (with its parameter
names) and callback. The rows, the tree, the selection, the expansion, the sort, the
colours, the column widths and the scroll position live in a
:class:`~pgwidgets.widgets.dataview.DataView` attached to the widget's record in the core
(:class:`~pgwidgets.protocol.widget_state.Delegate`). Each browser holds only the rows in
its view plus a margin and asks for others as it scrolls (the internal ``_ui`` channel);
a rebuild (reload, second browser) sends the view state and the rows at the scroll
position only. Getters answer from Python with no browser round trip.

Display-only options (grid, row numbers, header font, spacing, sortable) are plain
setters replayed on rebuild. Everything that touches rows is hand-written below, once for
both facades, with ``_apply`` (change the model under the session lock, then send what is
due) and ``_ask`` (read the model).

Beyond the reference: ``set_data`` also takes a NumPy 2-D or structured array, a pandas
DataFrame or ``CallableRows(fetch, count)``; ``model_changed()`` refreshes the view after
the program changed its rows in place; ``set_filter(predicate)`` filters in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pgwidgets.exceptions import ConfigurationError
from pgwidgets.widgets.dataview import DataView
from pgwidgets.widgets.spec import Kind, define, mixin

__all__: list[str] = []

T = TypeVar("T")

_OPTIONS = {
    "columns": None,
    "show_header": True,
    "selection_mode": "single",
    "alternate_row_colors": False,
    "show_grid": False,
    "show_row_numbers": False,
    "sortable": False,
    "allow_text_selection": False,
    "cell_cursor": False,
}
_MODES = ("single", "multiple", "single-cell", "multiple-cell")

#: methods both classes share, with the reference's parameter names
_SHARED = (
    "set_columns(columns) set_editable(tf) set_header_font(family, size=None, weight=None, "
    "style=None) set_data(data) update_data(data) clear() get_selected() "
    "clear_selection() select_path(path, state=True) select_paths(paths, state=True) "
    "select_all(state=True) get_column_widths() set_optimal_column_widths() "
    "set_row_spacing(px) set_column_spacing(px) scroll_to_path(path) scroll_to_end() "
    "get_column_count() get_row_count() set_show_grid(tf) set_show_row_numbers(tf) "
    "set_sortable(tf) append_column(column) append_row(values) "
    "set_scroll_position(h_pct=None, v_pct=None) get_scroll_position() "
    "get_selected_cells() select_cell(path, col_key, state=True) "
    "select_cells(cells, state=True) clear_cell_selection() copy_selection() "
    "cut_selection() paste_selection() set_colors(spec) "
    "set_cell_color(path, col_key, fg=None, bg=None, bold=None) "
    "set_row_color(path, fg=None, bg=None, bold=None) "
    "set_column_color(col_key, fg=None, bg=None, bold=None) "
    "set_table_color(fg=None, bg=None, bold=None) clear_cell_color(path, col_key) "
    "clear_row_color(path) clear_column_color(col_key) clear_all_colors() "
    "model_changed() set_filter(predicate)"
)
_DISPLAY = (
    "set_header_font",
    "set_row_spacing",
    "set_column_spacing",
    "set_show_grid",
    "set_show_row_numbers",
    "set_sortable",
)
_CALLBACKS = (
    "activated selected sorted cell_edited scrolled cell_selected cell_action copy cut paste _ui"
)


def _custom(methods: str) -> dict[str, Kind]:
    from pgwidgets.widgets.spec import parse_methods

    return {n: Kind.CUSTOM for n in parse_methods(methods) if n not in _DISPLAY}


_TREE_METHODS = (
    "set_tree(tree) add_tree(tree, parent=None) update_tree(tree) "
    "add_item(parent, key, values) remove_item(path) remove_items(paths) "
    "delete_tree(tree, prune_empty=True) expand_all() collapse_all() get_expanded() "
    "get_collapsed() expand_item(path) collapse_item(path) get_subtree(status='all') "
    "set_selected(paths) set_column_width(col_key, width) "
    "sort_by_column(col_key, ascending=True) set_column_editable(col_key, tf) "
    "set_cell(path, col_key, value) insert_column(column, before=None) "
    "delete_column(col_key) insert_row(values, key=None, before=None) "
    "delete_row(path_or_key)"
)
_TABLE_METHODS = (
    "set_rows(rows) update_rows(rows) set_selected(items) "
    "set_column_width(col_index, width) sort_by_column(col_index, ascending=True) "
    "set_column_editable(col_index, tf) set_cell(row, col_index, value) "
    "insert_column(index, column) delete_column(index) insert_row(index, values) "
    "delete_row(index)"
)

define(
    "DataView",
    abstract=True,
    options=_OPTIONS,
    methods=_SHARED,
    kinds=_custom(_SHARED),
    callbacks=_CALLBACKS,
    sync={"_ui": ()},
)
define(
    "TreeView",
    inherit=("DataView",),
    methods=_TREE_METHODS,
    kinds=_custom(_TREE_METHODS),
    callbacks="expanded collapsed changed",
    doc="A tree (or list) of rows with columns, over data that stays in Python; "
    "virtualised: the browser holds only the rows in view. See docs/widgets.md.",
)
define(
    "TableView",
    inherit=("DataView",),
    options={"show_grid": True, "cell_cursor": True},
    methods=_TABLE_METHODS,
    kinds=_custom(_TABLE_METHODS),
    doc="A flat table over rows that stay in Python (lists, NumPy, pandas or a callable), "
    "virtualised to millions of rows. See docs/widgets.md.",
)


@mixin("DataView")
class _DataViewMethods:
    """The methods both classes share, written once for both facades."""

    session: Any
    _wid_checked: Callable[[], int]

    def __init__(self, session: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(session, *args, **kwargs)  # type: ignore[call-arg]
        self._view()  # the model exists from the start: a rebuild always draws it

    # ---------------------------------------------------------------- plumbing
    def _view(self) -> DataView:
        view: DataView | None = self.__dict__.get("_dataview")
        if view is not None:
            return view
        wid = self._wid_checked()
        rec = self.session._read(lambda core: core.widgets[wid])
        spec = type(self).spec  # type: ignore[attr-defined]
        opts = {**spec.options, **rec.options}
        mode = opts.get("selection_mode") or "single"
        if mode not in _MODES:
            raise ConfigurationError(f"selection_mode must be one of {_MODES}, got {mode!r}")
        view = DataView(
            opts.get("columns"),
            tree="TreeView" in (spec.name, *spec.lineage),
            selection_mode=mode,
            cell_cursor=bool(opts.get("cell_cursor")),
        )
        self.__dict__["_dataview"] = view
        self.session._send(lambda core: core.set_delegate(wid, view))
        return view

    def _apply(self, fn: Callable[[DataView], T]) -> Any:
        """Change the model (under the session lock) and send what became due."""
        view = self._view()
        wid = self._wid_checked()

        def run(core: Any) -> T:
            try:
                return fn(view)
            finally:
                core.deliver(wid)

        result = self.session._send(run)
        return self.session._done(result)

    def _ask(self, fn: Callable[[DataView], T]) -> T:
        """Read the model (no browser round trip)."""
        view = self._view()
        return self.session._read(lambda core: fn(view))  # type: ignore[no-any-return]

    # ---------------------------------------------------------------- columns
    def set_columns(self, columns: Any) -> Any:
        return self._apply(lambda v: v.set_columns(columns))

    def append_column(self, column: Any) -> Any:
        return self._apply(lambda v: v.insert_column(column, None))

    def get_column_count(self) -> int:
        return self._ask(lambda v: len(v.columns))

    def get_column_widths(self) -> dict[str, int | None]:
        """``{col_key: width in px}`` (None: not set, the browser's own width)."""
        return self._ask(lambda v: v.column_widths())

    def set_optimal_column_widths(self) -> Any:
        """Fit every column to the widest of its header and the rows in view (measured in
        the primary browser, which reports the widths back)."""
        return self._apply(lambda v: v._direct.append((None, "dv_optimal", [])))

    def set_editable(self, tf: bool) -> Any:
        def run(v: DataView) -> None:
            v.editable_all = bool(tf)
            v._reset_due = True

        return self._apply(run)

    # ------------------------------------------------------------------- rows
    def set_data(self, data: Any) -> Any:
        """Show rows: a list of dicts or positional lists (kept, not copied), a NumPy
        array, a pandas DataFrame or ``CallableRows``."""
        return self._apply(lambda v: v.set_data(data))

    def update_data(self, data: Any) -> Any:
        """Like ``set_data``, keeping the selection and the scroll position."""
        return self._apply(lambda v: v.set_data(data, keep=True))

    def model_changed(self) -> Any:
        """The rows were changed in place by the program: refresh the rows in view."""
        return self._apply(lambda v: v.model_changed())

    def set_filter(self, predicate: Callable[[dict[str, Any]], bool] | None) -> Any:
        """Show only rows for which ``predicate(values)`` is true (None: all rows)."""
        return self._apply(lambda v: v.set_filter(predicate))

    def clear(self) -> Any:
        return self._apply(lambda v: v.clear())

    def append_row(self, values: Any) -> Any:
        def run(v: DataView) -> None:
            if v.tree_mode:
                _tree_insert(v, values, None, None)
            else:
                v.insert_rows(len(v.source), [values])

        return self._apply(run)

    def get_row_count(self) -> int:
        """Rows shown (a tree: the visible, expanded rows; a filtered table: those kept)."""
        return self._ask(lambda v: v.count())

    # -------------------------------------------------------------- selection
    def get_selected(self) -> list[dict[str, Any]]:
        """``[{"path": [...], "values": {...}}]`` of the selected rows, in display order."""
        return self._ask(lambda v: v.selected_items())

    def clear_selection(self) -> Any:
        return self._apply(lambda v: v.set_row_selection(set()))

    def select_path(self, path: Any, state: bool = True) -> Any:
        return self._apply(lambda v: v.select([path], state))

    def select_paths(self, paths: Any, state: bool = True) -> Any:
        return self._apply(lambda v: v.select(list(paths), state))

    def select_all(self, state: bool = True) -> Any:
        return self._apply(lambda v: v.select_everything(state))

    def get_selected_cells(self) -> list[dict[str, Any]]:
        """``[{"path", "col_key", "value"}]`` of the selected cells."""
        return self._ask(lambda v: v.selected_cells())

    def select_cell(self, path: Any, col_key: Any, state: bool = True) -> Any:
        return self._apply(lambda v: v.select_cells([(path, col_key)], state))

    def select_cells(self, cells: Any, state: bool = True) -> Any:
        return self._apply(lambda v: v.select_cells(list(cells), state))

    def clear_cell_selection(self) -> Any:
        return self._apply(lambda v: v.set_cell_selection(set()))

    def copy_selection(self) -> Any:
        """The selection as TSV (also put on the primary browser's clipboard)."""

        def run(v: DataView) -> str:
            tsv = v.selection_tsv()
            v._direct.append((None, "dv_clipboard", [tsv]))
            return tsv

        return self._apply(run)

    def cut_selection(self) -> Any:
        """Copy, then clear the selected editable cells (as the user's Ctrl+X does)."""

        def run(v: DataView) -> str:
            tsv = v.selection_tsv()
            v._op_cut(None)
            v._direct = [d for d in v._direct if d[1] != "dv_clipboard"]
            v._direct.append((None, "dv_clipboard", [tsv]))
            return tsv

        return self._apply(run)

    def paste_selection(self) -> Any:
        """Paste the browser clipboard at the cursor (the page reads it and reports it)."""
        return self._apply(lambda v: v._direct.append((None, "dv_paste", [])))

    # -------------------------------------------------------------- scrolling
    def scroll_to_path(self, path: Any) -> Any:
        return self._apply(lambda v: v.scroll_to_path(path))

    def scroll_to_end(self) -> Any:
        return self._apply(lambda v: v.scroll_to(v.count() - 1))

    def set_scroll_position(self, h_pct: Any = None, v_pct: Any = None) -> Any:
        return self._apply(lambda v: v.set_scroll(h_pct, v_pct))

    def get_scroll_position(self) -> tuple[float, float]:
        """``(h_pct, v_pct)``: where the view is scrolled to, 0..100."""
        return self._ask(lambda v: v.scroll_position())

    # ---------------------------------------------------------------- colours
    def set_colors(self, spec: Any) -> Any:
        return self._apply(lambda v: v.set_colors(spec))

    def set_cell_color(
        self, path: Any, col_key: Any, fg: Any = None, bg: Any = None, bold: Any = None
    ) -> Any:
        return self._apply(lambda v: v.set_cell_color(path, col_key, fg, bg, bold))

    def set_row_color(self, path: Any, fg: Any = None, bg: Any = None, bold: Any = None) -> Any:
        return self._apply(lambda v: v.set_row_color(path, fg, bg, bold))

    def set_column_color(
        self, col_key: Any, fg: Any = None, bg: Any = None, bold: Any = None
    ) -> Any:
        return self._apply(lambda v: v.set_column_color(col_key, fg, bg, bold))

    def set_table_color(self, fg: Any = None, bg: Any = None, bold: Any = None) -> Any:
        return self._apply(lambda v: v.set_table_color(fg, bg, bold))

    def clear_cell_color(self, path: Any, col_key: Any) -> Any:
        return self._apply(lambda v: v.set_cell_color(path, col_key, None, None, None))

    def clear_row_color(self, path: Any) -> Any:
        return self._apply(lambda v: v.set_row_color(path, None, None, None))

    def clear_column_color(self, col_key: Any) -> Any:
        return self._apply(lambda v: v.set_column_color(col_key, None, None, None))

    def clear_all_colors(self) -> Any:
        return self._apply(lambda v: v.clear_all_colors())


def _tree_insert(v: DataView, values: Any, key: Any, before: Any) -> None:
    """TreeView.insert_row on a tree: a root row ``key`` (auto when None) before ``before``."""
    from pgwidgets.widgets.dataview import tree as tree_model

    if not isinstance(values, dict):
        raise ConfigurationError(f"values must be a dict, got {type(values).__name__}")
    v._need_tree()
    if key is None:
        n = len(v.tree)
        while str(n) in v.tree:
            n += 1
        key = str(n)
    key = str(key)
    if before is None:
        tree_model.add_item(v.tree, [], key, values)
    else:
        b = before[0] if isinstance(before, (list, tuple)) else before
        if b not in v.tree:
            raise ConfigurationError(f"before: no row {before!r}")
        items = list(v.tree.items())
        v.tree.clear()
        for k, node in items:
            if k == b:
                v.tree[key] = tree_model.copy_tree(values)
            if k != key:
                v.tree[k] = node
    v.relayout()


@mixin("TreeView")
class _TreeView(_DataViewMethods):
    """TreeView's own methods: trees, expansion, key-based columns and rows."""

    def set_tree(self, tree: Any) -> Any:
        """Show a dict-tree (deep-copied); expansion and selection start empty."""
        return self._apply(lambda v: v.set_tree(tree))

    def add_tree(self, tree: Any, parent: Any = None) -> Any:
        return self._apply(lambda v: v.add_tree(tree, parent))

    def update_tree(self, tree: Any) -> Any:
        """Replace the tree, keeping selection, expansion and colours of surviving paths."""
        return self._apply(lambda v: v.update_tree(tree))

    def add_item(self, parent: Any, key: Any, values: Any) -> Any:
        return self._apply(lambda v: v.add_item(parent, key, values))

    def remove_item(self, path: Any) -> Any:
        return self._apply(lambda v: v.remove_paths([path], "path"))

    def remove_items(self, paths: Any) -> Any:
        return self._apply(lambda v: v.remove_paths(list(paths)))

    def delete_tree(self, tree: Any, prune_empty: bool = True) -> Any:
        return self._apply(lambda v: v.delete_tree(tree, prune_empty))

    def expand_all(self) -> Any:
        return self._apply(lambda v: v.expand_all(True))

    def collapse_all(self) -> Any:
        return self._apply(lambda v: v.expand_all(False))

    def expand_item(self, path: Any) -> Any:
        return self._apply(lambda v: v.expand(path, True))

    def collapse_item(self, path: Any) -> Any:
        return self._apply(lambda v: v.expand(path, False))

    def get_expanded(self) -> list[list[str]]:
        return self._ask(lambda v: [list(p) for p in v.interiors() if p in v.expanded])

    def get_collapsed(self) -> list[list[str]]:
        return self._ask(lambda v: [list(p) for p in v.interiors() if p not in v.expanded])

    def get_subtree(self, status: str = "all") -> dict[str, Any]:
        """A dict-tree of the ``status`` nodes ('all', 'selected', 'expanded',
        'collapsed') with the ancestors that connect them; ``set_tree`` accepts it."""
        return self._ask(lambda v: v.subtree(status))

    def set_selected(self, paths: Any) -> Any:
        return self._apply(lambda v: v.select(list(paths), True, replace=True))

    def set_column_width(self, col_key: Any, width: Any) -> Any:
        return self._apply(lambda v: v.set_column_width(col_key, width))

    def sort_by_column(self, col_key: Any, ascending: bool = True) -> Any:
        return self._apply(lambda v: v.sort_by(col_key, ascending))

    def set_column_editable(self, col_key: Any, tf: bool) -> Any:
        return self._apply(lambda v: v.set_column_editable(col_key, tf))

    def set_cell(self, path: Any, col_key: Any, value: Any) -> Any:
        return self._apply(lambda v: v.set_cell(path, col_key, value))

    def insert_column(self, column: Any, before: Any = None) -> Any:
        return self._apply(lambda v: v.insert_column(column, before))

    def delete_column(self, col_key: Any) -> Any:
        return self._apply(lambda v: v.delete_column(col_key))

    def insert_row(self, values: Any, key: Any = None, before: Any = None) -> Any:
        def run(v: DataView) -> None:
            if v.tree_mode or not v.count():
                _tree_insert(v, values, key, before)
            else:
                at = len(v.source) if before is None else v.rid_of(before, "before")
                v.insert_rows(at, [values])

        return self._apply(run)

    def delete_row(self, path_or_key: Any) -> Any:
        return self._apply(lambda v: v.remove_paths([path_or_key], "path_or_key"))


@mixin("TableView")
class _TableView(_DataViewMethods):
    """TableView's own methods. Parameters keep the reference's names (``col_index``,
    ``row``) but take column keys and row paths, as the reference does; a column index
    works too."""

    def set_rows(self, rows: Any) -> Any:
        return self._apply(lambda v: v.set_data(rows))

    def update_rows(self, rows: Any) -> Any:
        return self._apply(lambda v: v.set_data(rows, keep=True))

    def set_selected(self, items: Any) -> Any:
        return self._apply(lambda v: v.select(list(items), True, replace=True))

    def set_column_width(self, col_index: Any, width: Any) -> Any:
        return self._apply(lambda v: v.set_column_width(col_index, width))

    def sort_by_column(self, col_index: Any, ascending: bool = True) -> Any:
        return self._apply(lambda v: v.sort_by(col_index, ascending))

    def set_column_editable(self, col_index: Any, tf: bool) -> Any:
        return self._apply(lambda v: v.set_column_editable(col_index, tf))

    def set_cell(self, row: Any, col_index: Any, value: Any) -> Any:
        return self._apply(lambda v: v.set_cell(row, col_index, value))

    def insert_column(self, index: Any, column: Any) -> Any:
        def run(v: DataView) -> None:
            before = None
            if isinstance(index, int) and not isinstance(index, bool):
                if not 0 <= index <= len(v.columns):
                    raise ConfigurationError(f"index must be 0..{len(v.columns)}, got {index}")
                before = v.columns[index].key if index < len(v.columns) else None
            elif index is not None:
                before = index
            v.insert_column(column, before)

        return self._apply(run)

    def delete_column(self, index: Any) -> Any:
        return self._apply(lambda v: v.delete_column(index))

    def insert_row(self, index: Any, values: Any) -> Any:
        def run(v: DataView) -> None:
            at = index
            if isinstance(at, (list, tuple, str)):
                at = v.rid_of(at, "index")
            v.insert_rows(at, [values])

        return self._apply(run)

    def delete_row(self, index: Any) -> Any:
        return self._apply(lambda v: v.remove_paths([index], "index"))
