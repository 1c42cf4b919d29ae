"""What the core remembers of one widget, so that getters and rebuilds need no browser.

A widget's state is three ordered things:

* ``state``: the last setter call per state key (``"text" -> StateEntry("set_text", ["hi"])``);
  re-setting a key moves it to the end, so a rebuild replays setters in last-write order;
* ``log``: replayable structure calls in order (``add_widget``, ``append_text``, ...);
* ``listen``: callback actions the browser must forward.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from pgwidgets.protocol.messages import CreateMessage, create_message

__all__ = [
    "DELEGATE_ACTION",
    "Delegate",
    "KindInfo",
    "StateEntry",
    "SyncRule",
    "WidgetRecord",
    "auto_listen",
]

#: the browser callback a widget with a :class:`Delegate` sends its input on
DELEGATE_ACTION = "_ui"


class StateEntry(NamedTuple):
    """One state key's last setter call: replayed as ``method(*args)`` on rebuild.

    Immutable, and its ``args`` list is never changed once stored: a reader holding an
    entry holds a snapshot, whatever the core does next.
    """

    method: str
    args: list[Any]

    @property
    def value(self) -> Any:
        """What a getter answers: the single argument, or all of them as a tuple."""
        args = self.args
        return args[0] if len(args) == 1 else tuple(args)


@dataclass(frozen=True, slots=True)
class SyncRule:
    """How a browser callback updates Python state: ``state[key] = (method, args[idx...])``.

    With ``append=True`` the call is appended to the widget's replay log instead (an item
    the user added to a list), so a rebuild repeats it in order.

    With ``basis=(index, key)`` the callback is a *measurement* made against a value Python
    set: ``args[index]`` is the value of state ``key`` the browser had applied when it
    measured (None: never set). The rule applies only while that is still Python's value,
    so a report that crossed a newer setter on the wire is dropped instead of overwriting it.

    With ``move=method`` the callback reports a child the user moved within the container,
    ``(child, from_index, to_index)``: the children and the replay log take the new order,
    state ``key`` (a position, set with ``method``) stays on the same child, and browsers
    get ``move(children)`` with Python's order (:mod:`pgwidgets.protocol.reorder`). With
    ``requires=option`` a move is refused unless the widget was made with that option true.

    With ``lazy=True`` the browser is not asked for the callback when the widget is made
    (:func:`auto_listen`): Python listens only once it wants the value (the measured size,
    :mod:`pgwidgets.protocol.measure`), so a page of thousands of widgets does no work for
    values nobody reads. With ``primary=True`` only the primary browser's reports count (a
    measurement: browsers of different sizes would each report their own).
    """

    key: str
    method: str
    arg_indices: tuple[int, ...] = (0,)
    append: bool = False
    basis: tuple[int, str] | None = None
    move: str | None = None
    requires: str | None = None
    lazy: bool = False
    primary: bool = False

    def is_current(
        self,
        args: Sequence[Any],
        state: Mapping[str, StateEntry],
        from_primary: bool = True,
    ) -> bool:
        """Whether a callback's ``args`` were measured against the current state (and, for
        a ``primary`` rule, by the primary browser)."""
        if self.primary and not from_primary:
            return False
        if self.basis is None:
            return True
        index, key = self.basis
        entry = state.get(key)
        current = None if entry is None else (entry.args[0] if len(entry.args) == 1 else entry.args)
        return bool(args[index] == current)


class Delegate(Protocol):
    """A widget whose state is a Python model too large to replay as calls (a data view).

    The core hands it the widget's ``_ui`` input, asks it what a fresh page needs, and
    drains the messages its changes made due, addressed per connection (each browser
    shows its own window of rows).
    """

    def handle(self, conn: Any, args: list[Any]) -> list[tuple[str, tuple[Any, ...]]]:
        """Browser input; returns the public callbacks ``(action, args)`` it causes."""

    def rebuild(self) -> list[tuple[str, list[Any]]]:
        """The calls that draw the widget's model in a fresh page."""

    def drain(self, conns: Sequence[Any]) -> list[tuple[Any, str, list[Any]]]:
        """Messages due: ``(target, method, args)``; target None: every connection,
        ``("not", conn)``: all but one, else that connection."""


#: ``StateEntry(method, args)`` without the generated ``__new__``'s Python frame (every
#: setter makes one: about half the cost)
_new_entry = tuple.__new__


class KindInfo(Protocol):
    """What the core needs to know of a widget class (``WidgetSpec`` provides it)."""

    name: str
    callbacks: frozenset[str]
    sync: Mapping[str, tuple[SyncRule, ...]]
    post_keys: frozenset[str]


def auto_listen(kind: KindInfo) -> list[str]:
    """The sync actions a new widget listens to from the start: all but the ``lazy`` ones."""
    return [action for action, rules in kind.sync.items() if not any(rule.lazy for rule in rules)]


@dataclass(slots=True)
class WidgetRecord:
    """The core's mirror of one browser widget."""

    wid: int
    kind: KindInfo
    args: list[Any]
    options: dict[str, Any]
    state: dict[str, StateEntry] = field(default_factory=dict)
    #: changed in place only by appending; any other change assigns a new list (so a
    #: view over the log, such as ``derived``, knows what it has already seen)
    log: list[tuple[str, list[Any]]] = field(default_factory=list)
    listen: set[str] = field(default_factory=set)
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    #: binary state (the last image): key -> bytes, replayed as a binary payload
    payloads: dict[str, bytes] = field(default_factory=dict)
    #: what widget code derives from ``log`` and keeps between calls (a ComboBox's item
    #: index), by name; never sent or replayed, and rebuilt from ``log`` when stale
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: the Python model of a widget that keeps one (data views), else None
    delegate: Delegate | None = field(default=None, repr=False, compare=False)

    def create_message(self) -> CreateMessage:
        """The ``create`` message that makes this widget in a browser."""
        return create_message(
            self.wid, self.kind.name, self.args, self.options, sorted(self.listen)
        )

    def put_state(self, key: str, method: str, args: list[Any]) -> None:
        """Record a setter; the key moves to the end so replay keeps last-write order.

        Not atomic for readers (the key is briefly absent): read state only under the
        session's lock, through :meth:`SessionCore.state_entry` / :meth:`~SessionCore.setting`.
        """
        state = self.state
        state.pop(key, None)
        if self.payloads:
            self.payloads.pop(key, None)
        state[key] = _new_entry(StateEntry, (method, args))
