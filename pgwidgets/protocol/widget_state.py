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

from pgwidgets.protocol.messages import CreateMessage, OutboundMessage, create_message

__all__ = [
    "DELEGATE_ACTION",
    "Delegate",
    "KindInfo",
    "Rule",
    "RuleTarget",
    "StateEntry",
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


class RuleTarget(Protocol):
    """What a sync rule may do to the session besides its widget's record (``SessionCore``)."""

    @property
    def log_limit(self) -> int:
        """How many replay-log entries browsers may add to one widget."""

    def broadcast(self, msg: OutboundMessage, exclude: object | None = None) -> None: ...

    def send_to(self, conn: object, msg: OutboundMessage) -> None: ...

    def is_primary(self, conn: object) -> bool: ...


class Rule:
    """How a browser callback updates the mirror: the base of the rule types in
    :mod:`pgwidgets.protocol.rules` (one per behaviour), with no behaviour of its own."""

    __slots__ = ()

    #: ``lazy``: the browser is not asked for this callback when the widget is made;
    #: Python listens once it wants the value (see :func:`auto_listen`)
    lazy: bool = False

    def apply(self, core: RuleTarget, rec: WidgetRecord, args: Sequence[Any], conn: object) -> None:
        """Update ``rec`` (and other browsers) for a report ``args`` from ``conn``.

        Raises:
            ProtocolError: the report is malformed; nothing has changed.
        """
        raise NotImplementedError

    def handler_args(self, args: Sequence[Any]) -> Sequence[Any]:
        """The arguments handlers get, from the reported ones (default: the same)."""
        return args


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
    """What the core needs to know of a widget class (``WidgetSpec`` provides it).

    Read-only members, so a frozen spec satisfies it."""

    @property
    def name(self) -> str: ...

    @property
    def callbacks(self) -> frozenset[str]: ...

    @property
    def sync(self) -> Mapping[str, tuple[Rule, ...]]: ...

    @property
    def post_keys(self) -> frozenset[str]: ...


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
