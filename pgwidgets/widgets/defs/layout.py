"""Layout and container widgets: boxes, grid, fixed, splitter, frame, expander, separator,
scroll areas, tabs and stacks.

Every state a person can change in the browser (splitter sizes, collapsed state, scroll
position, current tab) comes back through a callback with a :class:`SyncRule`, so Python
always holds it and a rebuild (reload, second browser) replays it. Positions that depend on
the children being there (sizes, tab index, scroll position) are ``post_keys``: replayed
after every widget's structure.

Names and parameters follow the reference definitions (``pgwidgets_js/defs.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pgwidgets.exceptions import InvalidState
from pgwidgets.widgets.spec import Kind, SyncRule, define, mixin

__all__: list[str] = []

# what the four boxes share: children in a row or a column, spacing and alignment
define(
    "box",
    abstract=True,
    inherit=("container",),
    methods="add_widget(child, stretch=0) insert_widget(index, child, stretch=0) "
    "set_spacing(gap) get_spacing() set_align(align) get_align()",
    defaults={"spacing": 0, "align": None},
    doc="Children in a row or a column.",
)
define(
    "Box",
    inherit=("box",),
    options={"orientation": "horizontal"},
    doc="Lays its children out in a row or a column; ``stretch`` > 0 shares spare space "
    "in proportion (0 keeps the natural size). ``set_align`` places children across "
    "the box: top/center/bottom in a row, left/center/right in a column.",
)
define(
    "VBox",
    inherit=("box",),
    # not an option (the page's VBox is always vertical): read by set_align below
    defaults={"orientation": "vertical"},
    doc="A vertical Box.",
)
define(
    "HBox",
    inherit=("box",),
    defaults={"orientation": "horizontal"},
    doc="A horizontal Box.",
)
define(
    "ButtonBox",
    inherit=("box",),
    options={"orientation": "horizontal", "halign": "center", "min_button_width": None},
    methods="set_halign(halign) get_halign()",
    doc="A row of buttons that all take the width of the widest; ``halign`` packs them "
    "left, center or right.",
)

_ALIGNMENTS = {
    "horizontal": ("top", "center", "bottom", "fill"),
    "vertical": ("left", "center", "right", "fill"),
}


@mixin("box")
class _BoxMixin:
    def set_align(self: Any, align: str) -> Any:
        """``set_align`` checked in Python: a wrong value fails at the call, not in the page."""
        orient = self._get("orientation") or "horizontal"
        allowed = _ALIGNMENTS[orient]
        if align not in allowed:
            raise ValueError(
                f"{type(self).__name__}.set_align({align!r}): a {orient} box aligns its "
                f"children {', '.join(allowed)}"
            )
        wid = self._wid_checked()
        self.session._send(lambda core: core.set_state(wid, "align", "set_align", [align]))
        return self.session._done(None)


define(
    "GridBox",
    inherit=("container",),
    options={"rows": 1, "columns": 1},
    methods="add_widget(child, row, col) set_row_spacing(px) get_row_spacing() "
    "set_column_spacing(px) get_column_spacing() set_spacing(px) "
    "get_row_column_count() get_widget_at_cell(row, col) "
    "insert_row(index, widgets) append_row(widgets) delete_row(index) "
    "insert_column(index, widgets) append_column(widgets) delete_column(index)",
    # structure edits are replayed in order with the add_widget calls of the log
    kinds={
        "get_widget_at_cell": Kind.QUERY,
        **{
            name: Kind.REPLAY
            for name in (
                "insert_row",
                "append_row",
                "delete_row",
                "insert_column",
                "append_column",
                "delete_column",
            )
        },
    },
    defaults={"row_spacing": None, "column_spacing": None},
    doc="A grid; ``add_widget(child, row, col)`` (0-based) grows the grid to fit.",
)


def _at(value: Any, count: int) -> int:
    """A row/column index as the page reads it: negative counts from the end."""
    i = int(value or 0)
    return max(0, count + i if i < 0 else i)


def grid_cells(
    options: dict[str, Any], log: list[tuple[str, list[Any]]]
) -> tuple[dict[int, list[int]], int, int]:
    """Replay a GridBox's log as the page does: ``({child wid: [row, col]}, rows, cols)``.

    Mirrors ``static/js/widgets/GridBox.js`` (cells shift on insert/delete, a deleted
    row's or column's widgets leave, a widget placed on an occupied cell evicts it), so
    Python knows which children a structure change removes without asking the browser.
    """
    size = [max(1, int(options.get("rows") or 1)), max(1, int(options.get("columns") or 1))]
    cells: dict[int, list[int]] = {}

    def shift(axis: int, index: int, delta: int) -> None:
        for child, cell in list(cells.items()):
            if delta < 0 and cell[axis] == index:
                del cells[child]
            elif cell[axis] >= index + (1 if delta < 0 else 0):
                cell[axis] += delta

    for method, args in log:
        if method == "add_widget":
            ref, row, col = (list(args) + [0, 0])[:3]
            child = ref["__wid__"] if isinstance(ref, dict) else None
            if child is None:
                continue
            cell = [_at(row, size[0]), _at(col, size[1])]
            for other, at in list(cells.items()):
                if other != child and at == cell:
                    del cells[other]
            cells[child] = cell
            size = [max(size[0], cell[0] + 1), max(size[1], cell[1] + 1)]
        elif method in ("insert_row", "append_row", "insert_column", "append_column"):
            axis = 0 if "row" in method else 1
            index = size[axis] if method.startswith("append") else int(args[0])
            shift(axis, index, 1)
            size[axis] += 1
        elif method in ("delete_row", "delete_column"):
            axis = 0 if method == "delete_row" else 1
            shift(axis, int(args[0]), -1)
            size[axis] = max(1, size[axis] - 1)
    return cells, size[0], size[1]


@mixin("GridBox")
class _GridBox:
    """Rows and columns of widgets go in as ordinary ``add_widget`` children.

    The structure call itself (``insert_row(index, [])``) is replayed from the log, then
    each widget is attached with ``add_widget`` so Python links it as a child (it shows
    in ``get_children``, and removing it drops it from the replay). Row or column ``-1``
    means the last one, which is how appended rows are addressed without asking the page.
    """

    def _structure(self: Any, method: str, args: list[Any]) -> None:
        wid = self._wid_checked()
        self.session._send(lambda core: core.action(wid, method, args, replay=True))

    def add_widget(self: Any, child: Any, row: int = 0, col: int = 0) -> Any:
        """Put ``child`` in a cell (0-based, negative from the end); the grid grows to fit.

        A widget already in that cell leaves the grid, as it does in the page.
        """
        wid = self._wid_checked()
        if not isinstance(getattr(child, "_pgw_wid", None), int):
            raise TypeError(f"GridBox.add_widget() needs a widget, got {child!r}")
        cwid = child._wid_checked()
        if child.session is not self.session:
            raise InvalidState("GridBox.add_widget(): the child belongs to another session")

        def apply(core: Any) -> None:
            rec = core.record(wid)
            cells, rows, cols = grid_cells(rec.options, rec.log)
            cell = [_at(row, rows), _at(col, cols)]
            evicted = [w for w, at in cells.items() if at == cell and w != cwid]
            core.add_child(wid, "add_widget", cwid, [child, row, col])
            for other in evicted:
                core.forget_child(wid, other)

        self.session._send(apply)
        return self.session._done(None)

    def delete_row(self: Any, index: int) -> Any:
        """Remove row ``index``; its widgets leave the grid (they are not destroyed)."""
        return self._delete(0, "delete_row", index)

    def delete_column(self: Any, index: int) -> Any:
        """Remove column ``index``; its widgets leave the grid (they are not destroyed)."""
        return self._delete(1, "delete_column", index)

    def _delete(self: Any, axis: int, method: str, index: int) -> Any:
        wid = self._wid_checked()

        def apply(core: Any) -> None:
            cells = grid_cells(core.record(wid).options, core.record(wid).log)[0]
            gone = [w for w, at in cells.items() if at[axis] == index]
            core.action(wid, method, [index], replay=True)
            for other in gone:
                core.forget_child(wid, other)

        self.session._send(apply)
        return self.session._done(None)

    def _add_line(
        self: Any,
        method: str,
        args: list[Any],
        widgets: list[Any] | None,
        cell: Callable[[int], tuple[int, int]],
    ) -> Any:
        """A row/column op, then its widgets placed at ``cell(i)`` (None leaves a gap)."""
        self._structure(method, args)
        for i, w in enumerate(widgets or []):
            if w is not None:
                self.add_widget(w, *cell(i))
        return self.session._done(None)

    def insert_row(self: Any, index: int, widgets: list[Any] | None = None) -> Any:
        return self._add_line("insert_row", [index, []], widgets, lambda col: (index, col))

    def append_row(self: Any, widgets: list[Any] | None = None) -> Any:
        return self._add_line("append_row", [[]], widgets, lambda col: (-1, col))

    def insert_column(self: Any, index: int, widgets: list[Any] | None = None) -> Any:
        return self._add_line("insert_column", [index, []], widgets, lambda row: (row, index))

    def append_column(self: Any, widgets: list[Any] | None = None) -> Any:
        return self._add_line("append_column", [[]], widgets, lambda row: (row, -1))


define(
    "FixedLayout",
    inherit=("container",),
    methods="add_widget(child, x=0, y=0)",
    doc="Children at fixed pixel positions (x, y) from the top left.",
)

define(
    "Splitter",
    inherit=("container",),
    options={"orientation": "horizontal"},
    methods="add_widget(child) set_sizes(sizes) get_sizes() set_minimum_size(child, min_px)",
    # per child, so it cannot be one state key: kept in the log (dropped with the child)
    kinds={"set_minimum_size": Kind.REPLAY, "get_sizes": Kind.CUSTOM},
    callbacks="sizing _sizes",
    # ``_sizes(px, basis)``: the layout measured in the browser, kept apart from "sizes"
    # (set_sizes and drags) so a rebuild never replays a measurement; ``basis`` drops a
    # report that crossed a newer set_sizes on the wire
    sync={
        "sizing": (SyncRule("sizes", "set_sizes"),),
        "_sizes": (SyncRule("_sizes", "set_sizes", basis=(1, "sizes")),),
    },
    post_keys=("sizes",),
    defaults={"sizes": []},
    doc="Panes side by side (horizontal) or stacked (vertical) with draggable handles. "
    "``set_sizes`` is proportional (flex weights); ``sizing(sizes)`` reports pane sizes "
    "in pixels after a drag or a keyboard move of a handle (arrow keys, Home, End), and "
    "only then. ``get_sizes()`` answers from Python state, newest first: the pixel "
    "sizes the browser measured when the splitter was first laid out and whenever the "
    "layout changed them since (window or container resize, a pane added or removed: "
    "at most one report per animation frame, only when they changed, none while "
    "hidden), the values of a ``set_sizes`` (not measured back), or a drag's sizes. "
    "Measured sizes are observations, not settings: a rebuild (reload, a second "
    "browser) replays only ``set_sizes`` and drags, then the new page reports its own "
    "measurement.",
)


@mixin("Splitter")
class _SplitterMixin:
    def get_sizes(self) -> list[Any]:
        """Pane sizes: the newest of the measured layout, ``set_sizes`` and a drag."""
        wid = self._wid_checked()  # type: ignore[attr-defined]

        def newest(core: Any) -> Any:
            state = core.record(wid).state
            keys = [k for k in state if k in ("sizes", "_sizes")]
            return state[keys[-1]].args[0] if keys else None

        sizes = self.session._read(newest)  # type: ignore[attr-defined]
        return list(sizes) if isinstance(sizes, list) else []


define(
    "Frame",
    inherit=("container",),
    options={"title": ""},
    methods="set_widget(child) set_title(text) get_title() set_text(text) get_text()",
    overrides={"set_text": {"key": "title"}, "get_text": {"key": "title"}},
    doc="A titled border around one child (a fieldset with a legend).",
)

define(
    "Expander",
    inherit=("container",),
    options={"title": "", "collapsible": True, "shadow": True, "bg_color": None},
    methods="set_widget(child) set_collapsed(collapsed) get_collapsed() set_title(text) "
    "get_title() toggleContent()",
    callbacks="toggled",
    sync={"toggled": (SyncRule("collapsed", "set_collapsed"),)},
    defaults={"collapsed": False},
    doc="A header that shows or hides its child; ``toggled(collapsed)`` when the user "
    "clicks it or presses Enter/Space on it.",
)


@mixin("Expander")
class _Expander:
    """``toggleContent`` flips the Python state, so getters and rebuilds stay right."""

    def toggleContent(self: Any) -> Any:  # noqa: N802 - the reference's name
        return self.set_collapsed(not self.get_collapsed())


define(
    "Separator",
    args="orientation='horizontal'",
    methods="set_orientation(orientation) get_orientation()",
    doc="A thin line between widgets (role separator).",
)

# what both scroll areas share (each keeps its own options: their order is positional)
define(
    "scroll",
    abstract=True,
    inherit=("container",),
    methods="set_widget(child) set_thumb_percent(h_pct, v_pct) get_thumb_percent() "
    "set_scroll_percent(h_pct, v_pct) get_scroll_percent() "
    "set_scroll_bar_visibility(horizontal, vertical)",
    callbacks="scrolled area-resize",
    sync={"scrolled": (SyncRule("scroll_percent", "set_scroll_percent", (0, 1)),)},
    post_keys=("scroll_percent",),
    defaults={"scroll_percent": (0.0, 0.0)},
    doc="A container that scrolls one child.",
)

define(
    "AbstractScrollArea",
    inherit=("scroll",),
    options={"thickness": 15},
    defaults={"thumb_percent": (1.0, 1.0)},
    doc="Scroll bars over a child that draws a virtual area itself: the app sets the "
    "thumb sizes (visible fractions), the user scrolls with bars, wheel, touch or "
    "keys, and ``scrolled(h, v)`` reports fractions 0..1 for the app to redraw.",
)

define(
    "ScrollArea",
    inherit=("scroll",),
    options={"hscrollbar": "auto", "vscrollbar": "auto", "thickness": 15},
    methods="set_scroll_position(h_pct, v_pct) get_scroll_position()",
    overrides={
        "set_scroll_position": {"key": "scroll_percent"},
        "get_scroll_position": {"key": "scroll_percent"},
    },
    kinds={"get_scroll_position": Kind.GETTER},
    doc="A scrolling view of one child: wheel, touch, keys and bars scroll it; "
    "``scrolled(h, v)`` reports fractions 0..1; positions survive a reload.",
)

# what both page stacks share; the page bookkeeping is the mixin _Pages below
define(
    "pages",
    abstract=True,
    inherit=("container",),
    methods="add_widget(child, options=None) show_widget(child) set_index(index) get_index() "
    "index_of(child) index_to_widget(index)",
    callbacks="page-switch page-close",
    sync={"page-switch": (SyncRule("index", "set_index", (1,)),)},
    post_keys=("index",),
    doc="Pages of which one shows at a time.",
)

define(
    "TabWidget",
    inherit=("pages",),
    options={"closable": False, "reorderable": False, "tab_position": "top"},
    methods="close_widget(child) get_tab_id(child) get_child(tab_id) "
    "highlight_tab(child, bgcolor) set_tab_position(tabpos) "
    "get_tab_position()",
    kinds={"close_widget": Kind.REMOVE, "highlight_tab": Kind.REPLAY},
    callbacks="page-move",
    # page-move(child, from, to, order): order is the browser's basis (protocol/reorder.py)
    sync={
        "page-move": (
            SyncRule("index", "set_index", move="set_page_order", requires="reorderable"),
        ),
    },
    doc="Pages behind tabs (tablist/tab/tabpanel; arrows, Home, End). "
    "``page-switch(child, index)`` when the user picks a tab, ``page-close(child)`` "
    "when they ask to close one (the app decides). With ``reorderable=True`` the "
    "user moves tabs by dragging them along the tab bar (mouse, touch or pen) or with "
    "Ctrl+Shift+Left/Right (Up/Down when the tabs are at the left or right) and "
    "Ctrl+Shift+Home/End; ``page-move(child, from_index, to_index)`` follows. The "
    "new order is Python's: ``get_children``, ``index_of``, ``index_to_widget`` and "
    "a reload follow it, and the selected tab stays selected.",
)

define(
    "StackWidget",
    inherit=("pages",),
    doc="Pages of which one shows at a time, switched by the app (no tabs).",
)


@mixin("pages")
class _Pages:
    """Index bookkeeping done in Python: the children list is already here."""

    def get_index(self: Any) -> int:
        n = self.num_children()
        if n == 0:
            return -1
        index = self._get("index")
        return 0 if index is None else max(0, min(int(index), n - 1))

    def index_of(self: Any, child: Any) -> int:
        kids = self.get_children()
        return kids.index(child) if child in kids else -1

    def index_to_widget(self: Any, index: int) -> Any:
        kids = self.get_children()
        return kids[index] if 0 <= index < len(kids) else None

    def show_widget(self: Any, child: Any) -> Any:
        index = self.index_of(child)
        if index < 0:
            raise ValueError(f"{child!r} is not a page of {self!r}")
        return self.set_index(index)


@mixin("TabWidget")
class _TabWidget:
    def get_tab_id(self: Any, child: Any) -> int | None:
        """A tab's id is its child's widget id (stable while the child lives)."""
        return child.wid if child in self.get_children() else None

    def get_child(self: Any, tab_id: int) -> Any:
        """The child widget (not an internal record) for a tab id."""
        for kid in self.get_children():
            if kid.wid == tab_id:
                return kid
        return None
