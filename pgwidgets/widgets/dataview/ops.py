"""Browser input to a data view: ``_ui`` callbacks ``[op, gen, ...]``.

The browser never decides anything about the data: it reports what the person did (a
window scrolled into view, a click with its modifier keys, a key, an edit, a header
click) and Python changes the model and answers with the messages each browser needs.
Requests made against an older layout (``gen``) are dropped, except ``range``, which is
always answered (the rows carry the current ``gen``; the browser throws away stale ones).

Malformed input raises ``ProtocolError`` (the core answers it with an ``error``); it never
changes the model.
"""

from __future__ import annotations

from typing import Any

from pgwidgets.exceptions import InvalidState, ProtocolError
from pgwidgets.widgets.dataview import tree as tree_model
from pgwidgets.widgets.dataview.layout import MAX_WINDOW
from pgwidgets.widgets.dataview.selection import Event, SelectionMixin, parse_tsv

__all__ = ["BrowserOps", "coerce"]

#: edits reported one by one for a cut or paste larger than this are not reported singly
MAX_REPORTED_EDITS = 10_000


def coerce(text: Any, kind: str) -> Any:
    """A value typed or pasted in the browser, converted by column type.

    Raises:
        ValueError: the text is not a value of that type.
    """
    if not isinstance(text, str):
        return text
    s = text.strip()
    if kind == "integer":
        return None if s == "" else int(s)
    if kind == "float":
        return None if s == "" else float(s)
    if kind == "boolean":
        return s.lower() in ("1", "true", "yes", "on", "✓", "x")
    return text


def _int(v: Any, name: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise ProtocolError(f"data view: {name} must be an integer, got {v!r}")
    return int(v)


class BrowserOps(SelectionMixin):
    """The ``_ui`` channel."""

    # defined by DataView (view.py), which builds on this class
    def expand(self, path: Any, state: bool) -> bool:
        raise NotImplementedError

    def sort_by(self, col_key: Any, ascending: bool = True) -> None:
        raise NotImplementedError

    def scroll_position(self) -> tuple[float, float]:
        raise NotImplementedError

    def write_cell(self, rid: Any, ci: int, value: Any) -> Any:
        """Write one cell into the model; returns the old value. Marks the row."""

        key = self.columns[ci].key
        old = self.values(rid).get(key)
        if self.tree_mode:
            tree_model.set_cell(self.tree, list(rid), key, value)
        else:
            self.source.set_cell(rid, ci, key, value)
        self.mark_rows([rid])
        return old

    def editable(self, ci: int) -> bool:
        col = self.columns[ci]
        return col.editable or self.editable_all or col.widget in ("checkbox", "combobox")

    def handle(self, conn: Any, args: list[Any]) -> list[Event]:
        """One browser report; returns the public callbacks it causes."""
        if len(args) < 2 or not isinstance(args[0], str):
            raise ProtocolError("data view: malformed _ui message")
        op, gen = args[0], args[1]
        fn = getattr(self, f"_op_{op}", None)
        if fn is None:
            raise ProtocolError(f"data view: unknown operation {op!r}")
        if op not in ("range", "width", "paste") and gen != self.gen:
            return []  # about rows of an older layout: the browser is being reset
        events: list[Event] = fn(conn, *args[2:])
        return events

    def _row_at(self, i: Any) -> Any:
        i = _int(i, "row")
        if not 0 <= i < self.count():
            raise ProtocolError(f"data view: no row {i}")
        return self.rid_at(i)

    def _col(self, ci: Any) -> int:
        col = _int(ci, "column")
        if not 0 <= col < len(self.columns):
            raise ProtocolError(f"data view: no column {col}")
        return col

    # ------------------------------------------------------------------ ops
    def _op_range(self, conn: Any, start: Any, count: Any, top: Any, hpct: Any) -> list[Event]:
        start, count, top = _int(start, "start"), _int(count, "count"), _int(top, "top")
        count = max(0, min(count, MAX_WINDOW))
        start = max(0, min(start, self.count()))
        self.windows[conn] = (start, count)
        events: list[Event] = []
        h = float(hpct) if isinstance(hpct, (int, float)) else 0.0
        if (top, h) != (self.top, self.hpct):
            self.top, self.hpct = max(0, top), h
            events.append(("scrolled", self.scroll_position()))
        self._direct.append((conn, "dv_rows", [self.gen, start, self.rows_wire(start, count)]))
        return events

    def _op_click(self, conn: Any, i: Any, ci: Any, shift: Any, ctrl: Any) -> list[Event]:
        self._row_at(i)
        ci = self._col(ci) if self.columns else 0
        events = self.choose(i, ci, bool(shift), bool(ctrl))
        self._direct.append((None, "dv_cursor", [self.gen, i, ci, False]))
        return events

    def _op_key(self, conn: Any, key: Any, shift: Any, ctrl: Any, page: Any) -> list[Event]:
        try:
            return self._key(conn, key, shift, ctrl, page)
        finally:  # after the cursor: the page runs what waited for this key (Enter)
            self._direct.append((conn, "dv_key_done", []))

    def _key(self, conn: Any, key: Any, shift: Any, ctrl: Any, page: Any) -> list[Event]:
        n = self.count()
        if n == 0 or not isinstance(key, str):
            return []
        page = max(1, _int(page, "page"))
        cur_i, ci = 0, 0
        if self.cursor is not None:
            cur_i = max(0, self.index_of(self.cursor[0]))
            ci = self.cursor[1]
        ncols = max(1, len(self.columns))
        i = cur_i
        cellwise = self.cell_cursor or self.cell_mode
        events: list[Event] = []
        if key == "ArrowDown":
            i += 1
        elif key == "ArrowUp":
            i -= 1
        elif key == "PageDown":
            i += page
        elif key == "PageUp":
            i -= page
        elif key == "Home":
            if cellwise and not ctrl:
                ci = 0
            else:
                i = 0
        elif key == "End":
            if cellwise and not ctrl:
                ci = ncols - 1
            else:
                i = n - 1
        elif key in ("ArrowLeft", "ArrowRight"):
            right = key == "ArrowRight"
            if cellwise:
                ci = max(0, min(ncols - 1, ci + (1 if right else -1)))
            elif self.tree_mode:
                node = self.nodes[cur_i]
                path, _, interior = node
                if right and interior and path not in self.expanded:
                    self.expand(path, True)
                    return [("expanded", (self.values(path), list(path)))]
                if not right and interior and path in self.expanded:
                    self.expand(path, False)
                    return [("collapsed", (self.values(path), list(path)))]
                if not right and len(path) > 1:
                    i = self.index_of(path[:-1])
                elif right and interior:
                    i = cur_i + 1
        elif key == " ":
            i = cur_i
            if not self.multi:
                events = self.choose(i, ci, False, False)
            else:
                events = self.choose(i, ci, False, True)
            self._direct.append((conn, "dv_cursor", [self.gen, i, ci, True]))
            return events
        elif key == "a" and ctrl:
            if self.multi:
                self.select_everything(True)
                events.append(
                    ("cell_selected", (self.selected_cells(),))
                    if self.cell_mode
                    else ("selected", (self.selected_items(),))
                )
            return events
        else:
            return []
        i = max(0, min(n - 1, i))
        # Ctrl+arrow moves the cursor only; Ctrl+Home/End go to the first/last row
        move_only = bool(ctrl) and not shift and key not in ("Home", "End")
        events = self.choose(i, ci, bool(shift), False, move_only=move_only)
        self._direct.append((conn, "dv_cursor", [self.gen, i, ci, True]))
        self._direct.append((("not", conn), "dv_cursor", [self.gen, i, ci, False]))
        return events

    def _op_toggle(self, conn: Any, i: Any) -> list[Event]:
        rid = self._row_at(i)
        if not self.tree_mode:
            return []
        state = rid not in self.expanded
        if not self.expand(rid, state):
            return []
        return [("expanded" if state else "collapsed", (self.values(rid), list(rid)))]

    def _op_sort(self, conn: Any, ci: Any) -> list[Event]:
        ci = self._col(ci)
        key = self.columns[ci].key
        asc = not (self.sort is not None and self.sort == (key, True))
        self.sort_by(key, asc)
        return [("sorted", (key, asc))]

    def _op_width(self, conn: Any, ci: Any, px: Any) -> list[Event]:
        ci = self._col(ci)
        if not isinstance(px, (int, float)) or px < 0:
            raise ProtocolError("data view: width must be a number")
        self.widths[self.columns[ci].key] = int(px)
        self._direct.append((("not", conn), "dv_width", [ci, int(px)]))
        return []

    def _op_edit(self, conn: Any, i: Any, ci: Any, value: Any) -> list[Event]:
        rid = self._row_at(i)
        ci = self._col(ci)
        col = self.columns[ci]
        if not self.editable(ci) and col.widget != "checkbox":
            self.mark_rows([rid])
            return []
        try:
            new = coerce(value, col.type)
        except ValueError:
            self.mark_rows([rid])  # the browser shows the old value again
            return []
        old = self.values(rid).get(col.key)
        try:
            self.write_cell(rid, ci, new)
        except InvalidState:
            self.mark_rows([rid])  # read-only source: the program decides
        return [("cell_edited", (self.path_of(rid), col.key, old, new))]

    def _op_activate(self, conn: Any, i: Any, ci: Any) -> list[Event]:
        rid = self._row_at(i)
        ci = self._col(ci) if self.columns else 0
        key = self.columns[ci].key if self.columns else None
        return [("activated", (self.values(rid), self.path_of(rid), key))]

    def _op_action(self, conn: Any, i: Any, ci: Any) -> list[Event]:
        rid = self._row_at(i)
        ci = self._col(ci)
        return [("cell_action", (self.path_of(rid), self.values(rid), self.columns[ci].key))]

    def _op_copy(self, conn: Any) -> list[Event]:
        tsv = self.selection_tsv()
        self._direct.append((conn, "dv_clipboard", [tsv]))
        return [("copy", (tsv,))]

    def _op_cut(self, conn: Any) -> list[Event]:
        tsv = self.selection_tsv()
        self._direct.append((conn, "dv_clipboard", [tsv]))
        events: list[Event] = [("cut", (tsv,))]
        targets: list[tuple[Any, int]] = []
        if self.cells:
            keys = [c.key for c in self.columns]
            targets = [(r, keys.index(k)) for r, k in self.cells if k in keys]
        else:
            targets = [(r, ci) for r in self.selected for ci in range(len(self.columns))]
        edits = []
        for rid, ci in targets[:MAX_REPORTED_EDITS]:
            if self.editable(ci):
                try:
                    old = self.write_cell(rid, ci, None)
                except InvalidState:
                    continue
                edits.append(("cell_edited", (self.path_of(rid), self.columns[ci].key, old, None)))
        return events + edits

    def _op_paste(self, conn: Any, text: Any) -> list[Event]:
        if not isinstance(text, str):
            raise ProtocolError("data view: paste needs text")
        events: list[Event] = [("paste", (text,))]
        if self.cursor is None or self.count() == 0:
            return events
        i0 = max(0, self.index_of(self.cursor[0]))
        c0 = self.cursor[1]
        grid = parse_tsv(text)
        n = self.count()
        for dr, cells in enumerate(grid[:MAX_REPORTED_EDITS]):
            if i0 + dr >= n:
                break
            rid = self.rid_at(i0 + dr)
            for dc, s in enumerate(cells):
                ci = c0 + dc
                if ci >= len(self.columns) or not self.editable(ci):
                    continue
                col = self.columns[ci]
                try:
                    new = coerce(s, col.type)
                    old = self.write_cell(rid, ci, new)
                except (ValueError, InvalidState):
                    continue
                events.append(("cell_edited", (self.path_of(rid), col.key, old, new)))
        return events
