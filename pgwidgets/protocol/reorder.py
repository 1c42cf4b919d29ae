"""A child moved within its container by the user (tabs dragged along a tab bar).

A container keeps its order in two places of its :class:`WidgetRecord`: ``children`` (what
``get_children`` and the index methods read) and the replay ``log`` (a rebuild attaches
the children in log order). A move updates both, and keeps the state key that holds a
position (the selected tab, ``index``) on the same child, as the page does.

The browser reports ``(child, from_index, to_index, order)`` through a
:class:`~pgwidgets.protocol.rules.MoveRule` (see its docstring); ``order`` is the page order
the browser had before the move, its *basis*, and handlers see only the first three.
:func:`apply_move` checks everything before it changes anything, so a report that is
malformed, out of range or stale (its basis is not Python's order: it crossed a page Python
added, removed or moved on the wire) raises :class:`ProtocolError` and loses nothing. The
session then sends that browser :func:`order_messages`: Python's order and selected page,
which it applies after the changes it had not yet seen, so it ends up with Python's tabs
again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pgwidgets.exceptions import ProtocolError
from pgwidgets.protocol.messages import CallMessage, call_message, widget_ref
from pgwidgets.protocol.widget_state import WidgetRecord

__all__ = ["apply_move", "moved_index", "order_messages", "reorder_log"]

Entry = tuple[str, list[Any]]


def moved_index(index: int, src: int, dst: int) -> int:
    """Where the item at ``index`` ends up when the item at ``src`` moves to ``dst``."""
    if index == src:
        return dst
    if src < index <= dst:
        return index - 1
    if dst <= index < src:
        return index + 1
    return index


def reorder_log(log: Sequence[Entry], order: Sequence[int]) -> list[Entry]:
    """The replay log with the entries of the children ``order`` rearranged to that order.

    The entries naming a child (``{"__wid__": c}`` among their args: its attach call, its
    ``highlight_tab`` ...) form one group, which stays together in its original order.
    Each group sits where a group's first entry was: the first of those places, in log
    order, goes to the first child of ``order`` and so on. Entries naming no child of
    ``order`` keep their places.
    """
    refs = [(c, widget_ref(c)) for c in order]
    groups: dict[int, list[Entry]] = {c: [] for c in order}
    # the log with one None per group, where that group's first entry was
    skeleton: list[Entry | None] = []
    for method, args in log:
        owner = next((c for c, ref in refs if ref in args), None)
        if owner is None:
            skeleton.append((method, args))
            continue
        if not groups[owner]:
            skeleton.append(None)
        groups[owner].append((method, args))
    placed = iter([groups[c] for c in order if groups[c]])
    out: list[Entry] = []
    for entry in skeleton:
        if entry is None:
            out.extend(next(placed))
        else:
            out.append(entry)
    return out


def _position(rec: WidgetRecord, key: str) -> tuple[Any, int]:
    """The raw value of state ``key`` (None if never set) and the position it means."""
    entry = rec.state.get(key)
    raw = entry.args[0] if entry is not None and entry.args else None
    count = len(rec.children)
    if count == 0:
        return raw, -1
    index = raw if isinstance(raw, int) and not isinstance(raw, bool) else 0
    return raw, max(0, min(index, count - 1))


def _index_arg(value: Any, name: str, count: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProtocolError(f"page move: {name} must be an integer, got {value!r}")
    if not 0 <= value < count:
        raise ProtocolError(f"page move: {name} {value} is out of range (there are {count} pages)")
    return value


def _basis(value: Any) -> list[Any] | None:
    """The widget ids of a reported page order (None if it is not a list of references)."""
    if not isinstance(value, list):
        return None
    wids = [ref.get("__wid__") if isinstance(ref, dict) else None for ref in value]
    return None if None in wids else wids


def apply_move(
    rec: WidgetRecord, args: Sequence[Any], *, key: str, method: str, requires: str | None
) -> list[Any]:
    """Apply a reported move ``(child, from_index, to_index, order)`` to ``rec``.

    State ``key`` holds a position, set with ``method``: it stays on the same child.

    Returns:
        The arguments handlers get: ``[child, from_index, to_index]``.

    Raises:
        ProtocolError: the widget was not made movable (option ``requires``), the arguments
            are malformed or out of range, or ``order`` is not Python's order of the
            children (the report is stale). Nothing has changed then.
    """
    if requires is not None and not rec.options.get(requires):
        raise ProtocolError(
            f"{rec.kind.name} {rec.wid} was not made with {requires}=True: its pages do not move"
        )
    if len(args) != 4:
        raise ProtocolError(
            f"page move needs (child, from_index, to_index, order), got {len(args)} arguments"
        )
    basis = _basis(args[3])
    if basis is None:
        raise ProtocolError(
            f"page move: the order must be a list of widget references, got {args[3]!r}"
        )
    if basis != rec.children:
        raise ProtocolError(
            f"page move is stale: the browser had pages {basis}, Python has "
            f"{rec.children} (a change crossed it on the wire)"
        )
    ref = args[0]
    child = ref.get("__wid__") if isinstance(ref, dict) else None
    if child not in rec.children:
        raise ProtocolError(f"page move: {ref!r} is not a page of {rec.kind.name} {rec.wid}")
    count = len(rec.children)
    src = _index_arg(args[1], "from_index", count)
    dst = _index_arg(args[2], "to_index", count)
    if rec.children[src] != child:
        raise ProtocolError(
            f"page move: widget {child} is at {rec.children.index(child)}, not at from_index {src}"
        )
    if src == dst:
        raise ProtocolError(f"page move: from_index and to_index are both {src}")
    raw, selected = _position(rec, key)
    order = list(rec.children)
    order.insert(dst, order.pop(src))
    rec.log = reorder_log(rec.log, order)
    rec.children[:] = order
    new = moved_index(selected, src, dst)
    if new != raw:
        rec.put_state(key, method, [new])
    return list(args[:3])


def order_messages(
    rec: WidgetRecord, *, move: str, key: str, method: str, position: bool = False
) -> list[CallMessage]:
    """Calls that give a browser Python's order of ``rec``'s children.

    ``move(children)`` arranges the pages, keeping the page's selection on the same
    child; with ``position`` it is followed by ``method(index)``, Python's selected page
    (state ``key``). No callback fires for either in the page.
    """
    order = [widget_ref(c) for c in rec.children]
    msgs = [call_message(rec.wid, move, [order])]
    _, selected = _position(rec, key)
    if position and selected >= 0:
        msgs.append(call_message(rec.wid, method, [selected]))
    return msgs
