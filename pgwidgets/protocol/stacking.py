"""Which windows are above which, kept in Python so that a rebuild restores it.

A window (a kind with the internal ``_raised`` callback: TopLevel, Dialog) goes to the top
when it is shown or raised from Python, or raised by the user (a press or focus in it,
reported on ``_raised``), and to the bottom when lowered. A rebuild ends with ``raise_``
for every window from the bottom up, so a reloaded page (or another browser) stacks them
as they were. Sans-I/O: plain data, no event loop.
"""

from __future__ import annotations

from pgwidgets.protocol.messages import CallMessage, call_message

__all__ = ["RAISED", "Stacking"]

#: the internal callback a window sends when the user brings it to the front
RAISED = "_raised"
_TO_TOP = frozenset({"show", "raise_", "popup"})
_TO_BOTTOM = frozenset({"lower"})


class Stacking:
    """The windows of one session, bottom to top."""

    def __init__(self) -> None:
        # insertion-ordered: bottom first; a dict makes moves and removals O(1)
        self._order: dict[int, None] = {}

    def __len__(self) -> int:
        return len(self._order)

    @property
    def order(self) -> list[int]:
        """Window ids, bottom to top."""
        return list(self._order)

    def called(self, wid: int, method: str) -> None:
        """Python called ``method`` on window ``wid``: shows and raises go to the top."""
        if method in _TO_TOP:
            self.to_top(wid)
        elif method in _TO_BOTTOM:
            self.to_bottom(wid)

    def to_top(self, wid: int) -> None:
        self._order.pop(wid, None)
        self._order[wid] = None

    def to_bottom(self, wid: int) -> None:
        self._order.pop(wid, None)
        self._order = {wid: None, **self._order}

    def forget(self, wids: list[int]) -> None:
        """Destroyed windows leave the order."""
        for wid in wids:
            self._order.pop(wid, None)

    def rebuild_messages(self) -> list[CallMessage]:
        """``raise_`` for each window, bottom first: replayed after everything else."""
        return [call_message(wid, "raise_", []) for wid in self._order]
