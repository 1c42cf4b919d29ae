"""A ComboBox's items, kept current from its replay log instead of replayed per call.

Why: a ComboBox's items live in its replay log (``append_text``, ``insert_alpha``,
``delete_alpha``; ``clear`` forgets them). Replaying the whole log in Python on every getter
cost O(items) Python steps per call and made building a list of n items O(n^2).
:class:`ReplayedItems` follows the log, applying only the entries added since it last
looked, to an :class:`ItemList`: a plain list (lookups, removal and copies run at C speed)
that also knows whether it is in order, so ``insert_alpha``'s slot is a bisect. Only an
``insert_alpha`` into an unordered list scans, and that scan runs in C too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["LIST_METHODS", "ItemList", "ReplayedItems", "apply_entry"]

#: the log methods that change a ComboBox's items
LIST_METHODS = ("append_text", "insert_alpha", "delete_alpha")


class ItemList:
    """A list of strings with the page's ``insert_alpha`` rule and first-match removal."""

    def __init__(self, items: Iterable[str] = ()) -> None:
        self._items = list(items)
        #: non-decreasing (checked on every change): the alphabetical slot is a bisect
        self._ordered = all(a <= b for a, b in zip(self._items, self._items[1:], strict=False))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, text: object) -> bool:
        return text in self._items

    def __getitem__(self, i: int) -> str:
        """Item ``i`` (negative counts from the end, as for a list)."""
        return self._items[i]

    def index(self, text: str) -> int:
        """Position of the first item equal to ``text``; -1 when there is none."""
        try:
            return self._items.index(text)
        except ValueError:
            return -1

    def to_list(self) -> list[str]:
        """Every item, in order (a new list)."""
        return list(self._items)

    def append(self, text: str) -> None:
        """Add ``text`` at the end."""
        if self._ordered and self._items and text < self._items[-1]:
            self._ordered = False
        self._items.append(text)

    def insert_alpha(self, text: str) -> int:
        """Insert before the first item greater than ``text`` (the page's scan, sorted list
        or not); returns the position."""
        if self._ordered:
            i = bisect_right(self._items, text)  # keeps an ordered list ordered
        else:
            greater = list(map(text.__lt__, self._items))
            i = greater.index(True) if True in greater else len(greater)
        self._items.insert(i, text)
        return i

    def remove(self, text: str) -> int:
        """Remove the first item equal to ``text``; returns where it was, or -1."""
        i = self.index(text)
        if i >= 0:
            del self._items[i]  # an ordered list stays ordered
        return i


class ReplayedItems:
    """The items a ComboBox's replay log builds, kept current by applying new entries only.

    The core changes a log in place only by appending to it; anything else (``clear``
    forgetting entries, a reorder) assigns a new list. So while the log is the same list
    object, at least as long as when last seen and with the same entry where that view
    ended, only the entries after it are new; otherwise the list is rebuilt from the log.
    ``replayed`` counts the log entries applied, for tests.
    """

    def __init__(self) -> None:
        self.items = ItemList()
        self.replayed = 0
        self._log: list[tuple[str, list[Any]]] | None = None
        self._seen = 0
        self._last: tuple[str, list[Any]] | None = None

    def follow(self, log: list[tuple[str, list[Any]]]) -> ItemList:
        """The item list for ``log`` as it is now."""
        seen = self._seen
        if log is not self._log or len(log) < seen or (seen and log[seen - 1] is not self._last):
            self.items, self._log, self._seen, self._last = ItemList(), log, 0, None
            seen = 0
        if len(log) > seen:
            for method, args in log[seen:]:
                apply_entry(self.items, method, args)
            self.replayed += len(log) - seen
            self._seen, self._last = len(log), log[-1]
        return self.items


def apply_entry(items: ItemList, method: str, args: Sequence[Any]) -> None:
    """Apply one replay-log entry to ``items`` as the page does (other methods: no-op)."""
    if method not in LIST_METHODS:
        return
    text = str(args[0]) if args else ""
    if method == "append_text":
        items.append(text)
    elif method == "insert_alpha":
        items.insert_alpha(text)
    else:
        items.remove(text)
