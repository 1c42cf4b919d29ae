"""Selection, the cell cursor and the clipboard of a data view (all in Python).

Selection modes: ``single`` and ``multiple`` select rows; ``single-cell`` and
``multiple-cell`` select cells. Rows are kept by row id, cells by (row id, column key), so
a selection survives sorting. A click or key from the browser is an *intent* (row, column,
Shift, Ctrl); Python works out the new selection, so Shift-selecting across a million rows
needs no rows in the browser.

Copy gives the selection as TSV (rows in display order; for cells the bounding rectangle
with unselected cells empty); paste writes TSV from the cursor cell into editable cells.
"""

from __future__ import annotations

from typing import Any

from pgwidgets.widgets.dataview.layout import Layout

__all__ = ["SelectionMixin", "format_tsv_value", "parse_tsv"]

Event = tuple[str, tuple[Any, ...]]


def format_tsv_value(v: Any) -> str:
    """One cell in TSV: None empty; tabs and newlines in text become spaces."""
    if v is None:
        return ""
    return str(v).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def parse_tsv(text: str) -> list[list[str]]:
    """TSV text -> rows of cells (a trailing newline ends the last row)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


class SelectionMixin(Layout):
    """Selection state changes; each returns the callback events it causes."""

    @property
    def cell_mode(self) -> bool:
        return self.selection_mode in ("single-cell", "multiple-cell")

    @property
    def multi(self) -> bool:
        return self.selection_mode in ("multiple", "multiple-cell")

    def _ordered(self, rids: set[Any]) -> list[Any]:
        """Row ids in display order (rows not shown last, in id order)."""
        if not rids:
            return []
        if self.tree_mode:
            pos = {r: self.index_of(r) for r in rids}
            return sorted(rids, key=lambda r: (pos[r] < 0, pos[r], r))
        if self.order is None:
            return sorted(rids)
        if len(rids) < 64:
            return sorted(rids, key=lambda r: (self.index_of(r) < 0, self.index_of(r)))
        shown = [r for r in self.order if r in rids]
        rest = sorted(rids.difference(shown))
        return shown + rest

    def selected_items(self) -> list[dict[str, Any]]:
        """``[{path, values}]`` of the selected rows, in display order."""
        return [
            {"path": self.path_of(r), "values": self.values(r)}
            for r in self._ordered(self.selected)
        ]

    def selected_cells(self) -> list[dict[str, Any]]:
        """``[{path, col_key, value}]`` of the selected cells, in display order."""
        by_row: dict[Any, list[str]] = {}
        for rid, key in self.cells:
            by_row.setdefault(rid, []).append(key)
        keys = [c.key for c in self.columns]
        out = []
        for rid in self._ordered(set(by_row)):
            vals = self.values(rid)
            for key in sorted(by_row[rid], key=lambda k: keys.index(k) if k in keys else 1 << 30):
                out.append({"path": self.path_of(rid), "col_key": key, "value": vals.get(key)})
        return out

    # ------------------------------------------------------------ changing it
    def set_row_selection(self, rids: set[Any]) -> bool:
        """Replace the row selection; marks changed rows. True if it changed."""
        if rids == self.selected:
            return False
        changed = self.selected.symmetric_difference(rids)
        self.selected = rids
        if len(changed) > 256:
            self.mark_all()
        else:
            self.mark_rows(changed)
        return True

    def set_cell_selection(self, cells: set[tuple[Any, str]]) -> bool:
        if cells == self.cells:
            return False
        changed = {rid for rid, _ in self.cells.symmetric_difference(cells)}
        self.cells = cells
        if len(changed) > 256:
            self.mark_all()
        else:
            self.mark_rows(changed)
        return True

    def _range_rids(self, a: int, b: int) -> set[Any]:
        lo, hi = min(a, b), max(a, b)
        return set(self.rids(lo, hi + 1))

    def choose(
        self, i: int, ci: int, shift: bool, ctrl: bool, move_only: bool = False
    ) -> list[Event]:
        """The user picked display row ``i``, column ``ci`` (a click or a key)."""
        n = self.count()
        if n == 0:
            return []
        i = max(0, min(i, n - 1))
        ci = max(0, min(ci, len(self.columns) - 1)) if self.columns else 0
        rid = self.rid_at(i)
        old_cursor = self.cursor
        self.cursor = (rid, ci)
        if old_cursor is not None:
            self.mark_rows([old_cursor[0]])
        self.mark_rows([rid])
        if move_only:
            return []
        anchor_i = self.index_of(self.anchor[0]) if self.anchor is not None else -1
        events: list[Event] = []
        if self.cell_mode:
            key = self.columns[ci].key if self.columns else ""
            if self.multi and shift and anchor_i >= 0 and self.anchor is not None:
                c0, c1 = sorted((self.anchor[1], ci))
                keys = [c.key for c in self.columns[c0 : c1 + 1]]
                rect = {(r, k) for r in self._range_rids(anchor_i, i) for k in keys}
                new = (self.cells | rect) if ctrl else rect
            elif ctrl and self.multi:
                new = set(self.cells)
                new.symmetric_difference_update({(rid, key)})
                self.anchor = (rid, ci)
            else:
                new = {(rid, key)}
                self.anchor = (rid, ci)
            if self.set_cell_selection(new):
                events.append(("cell_selected", (self.selected_cells(),)))
            return events
        if self.multi and shift and anchor_i >= 0:
            span = self._range_rids(anchor_i, i)
            new_rows = (self.selected | span) if ctrl else span
        elif ctrl:
            new_rows = set(self.selected) if self.multi else set()
            if rid in self.selected:
                new_rows.discard(rid)
            else:
                new_rows.add(rid)
            self.anchor = (rid, ci)
        else:
            new_rows = {rid}
            self.anchor = (rid, ci)
        if self.set_row_selection(new_rows):
            events.append(("selected", (self.selected_items(),)))
        return events

    def select_everything(self, state: bool) -> None:
        if self.cell_mode:
            if state:
                keys = [c.key for c in self.columns]
                self.set_cell_selection({(r, k) for r in self.rids(0, self.count()) for k in keys})
            else:
                self.set_cell_selection(set())
            return
        self.set_row_selection(set(self.rids(0, self.count())) if state else set())

    # -------------------------------------------------------------- clipboard
    def selection_tsv(self) -> str:
        """The selection (or the cursor cell) as TSV."""
        keys = [c.key for c in self.columns]
        if self.cells:
            by_row: dict[Any, set[str]] = {}
            for rid, key in self.cells:
                by_row.setdefault(rid, set()).add(key)
            used = sorted({keys.index(k) for k in set().union(*by_row.values()) if k in keys})
            lo, hi = used[0], used[-1]
            lines = []
            for rid in self._ordered(set(by_row)):
                vals = self.values(rid)
                lines.append(
                    "\t".join(
                        format_tsv_value(vals.get(keys[c])) if keys[c] in by_row[rid] else ""
                        for c in range(lo, hi + 1)
                    )
                )
            return "\n".join(lines) + "\n"
        if self.selected:
            lines = []
            for rid in self._ordered(self.selected):
                vals = self.values(rid)
                lines.append("\t".join(format_tsv_value(vals.get(k)) for k in keys))
            return "\n".join(lines) + "\n"
        if self.cursor is not None and self.columns:
            rid, ci = self.cursor
            return format_tsv_value(self.values(rid).get(keys[ci])) + "\n"
        return ""
