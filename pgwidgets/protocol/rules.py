"""Sync rules: how a browser callback updates the core's mirror, one type per behaviour.

A widget kind maps each callback action to a tuple of rules (``KindInfo.sync``). When a
browser reports the action, the core applies every rule in order (:meth:`Rule.apply`),
then hands the handlers the callback's arguments as the rules leave them
(:meth:`Rule.handler_args`). Each rule checks the arguments it reads before it changes
anything, and raises :class:`ProtocolError` for a malformed report (the core answers it
with an ``error``; the handlers do not run).

=====================  ===========================================================
:class:`StateRule`     ``state[key] = method(args[i...])``: a value the user set
:class:`LogRule`       appends ``method(args[i...])`` to the replay log (an item added)
:class:`MeasureRule`   a value the browser measured against a setting of Python's:
                       kept only while that setting is still Python's
:class:`MoveRule`      a child the user moved within its container (``reorder.py``)
=====================  ===========================================================

What a rule changes that other browsers did not see is sent to them too (never back to
the browser that reported it), except internal keys (a leading ``_``: measurements).
:func:`SyncRule` is the compatible constructor: it picks the rule type from its
keywords, so widget definitions written with it keep working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pgwidgets.exceptions import ProtocolError
from pgwidgets.protocol.messages import call_message
from pgwidgets.protocol.reorder import apply_move, order_messages
from pgwidgets.protocol.widget_state import Rule, RuleTarget, StateEntry, WidgetRecord

__all__ = [
    "LogRule",
    "MeasureRule",
    "MoveRule",
    "Rule",
    "RuleTarget",
    "StateRule",
    "SyncRule",
]


def _pick(args: Sequence[Any], indices: tuple[int, ...], action_least: int) -> list[Any]:
    if len(args) < action_least:
        raise ProtocolError(f"this callback needs at least {action_least} arguments")
    return [args[i] for i in indices]


def _least(indices: Sequence[int]) -> int:
    return max(indices, default=-1) + 1


def _echo(
    core: RuleTarget, rec: WidgetRecord, key: str, method: str, values: list[Any], conn: object
) -> None:
    """Keep the other browsers in step (they did not see the input); not internal keys."""
    if not key.startswith("_"):
        core.broadcast(call_message(rec.wid, method, values), exclude=conn)


@dataclass(frozen=True, slots=True)
class StateRule(Rule):
    """The user set a value: ``state[key] = (method, [args[i] for i in arg_indices])``.

    Example: ``StateRule("state", "set_state")`` for a CheckBox's ``activated(state)``.
    """

    key: str
    method: str
    arg_indices: tuple[int, ...] = (0,)

    def apply(self, core: RuleTarget, rec: WidgetRecord, args: Sequence[Any], conn: object) -> None:
        values = _pick(args, self.arg_indices, _least(self.arg_indices))
        rec.put_state(self.key, self.method, values)
        _echo(core, rec, self.key, self.method, values, conn)


@dataclass(frozen=True, slots=True)
class LogRule(Rule):
    """The user added an item: ``method(args[i...])`` is appended to the replay log, so a
    rebuild repeats it in order. ``key`` names what the log entries make (documentation;
    internal when it starts with ``_``)."""

    key: str
    method: str
    arg_indices: tuple[int, ...] = (0,)

    def apply(self, core: RuleTarget, rec: WidgetRecord, args: Sequence[Any], conn: object) -> None:
        values = _pick(args, self.arg_indices, _least(self.arg_indices))
        if len(rec.log) >= core.log_limit:
            raise ProtocolError(f"widget {rec.wid} has too many entries")
        rec.log.append((self.method, values))
        _echo(core, rec, self.key, self.method, values, conn)


@dataclass(frozen=True, slots=True)
class MeasureRule(Rule):
    """The browser measured something against a setting of Python's (a size).

    ``args[basis[0]]`` is the value of state ``basis[1]`` the browser had applied when it
    measured (None: never set). The report is kept (``state[key] = (method, values)``)
    only while that is still Python's value, so a report that crossed a newer setter on
    the wire is dropped instead of overwriting it. With ``primary`` only the primary
    browser's reports count (browsers of different sizes would each report their own);
    with ``lazy`` Python listens only once it wants the value (``get_size``:
    :mod:`pgwidgets.widgets.measure`).
    """

    key: str
    method: str
    arg_indices: tuple[int, ...]
    basis: tuple[int, str]
    lazy: bool = False
    primary: bool = False

    def is_current(
        self,
        args: Sequence[Any],
        state: Mapping[str, StateEntry],
        from_primary: bool = True,
    ) -> bool:
        """Whether ``args`` were measured against the current state (and, for a
        ``primary`` rule, by the primary browser)."""
        if self.primary and not from_primary:
            return False
        index, key = self.basis
        entry = state.get(key)
        if entry is None:
            current = None
        else:
            current = entry.args[0] if len(entry.args) == 1 else entry.args
        return bool(args[index] == current)

    def apply(self, core: RuleTarget, rec: WidgetRecord, args: Sequence[Any], conn: object) -> None:
        values = _pick(args, self.arg_indices, _least((*self.arg_indices, self.basis[0])))
        if not self.is_current(args, rec.state, core.is_primary(conn)):
            return  # stale (measured before Python's newer value arrived) or not the primary
        rec.put_state(self.key, self.method, values)
        _echo(core, rec, self.key, self.method, values, conn)


@dataclass(frozen=True, slots=True)
class MoveRule(Rule):
    """The user moved a child within its container: ``(child, from, to, order)``.

    The children and the replay log take the new order, state ``key`` (a position, set
    with ``method``) stays on the same child, and the other browsers get
    ``move(children)`` with Python's order. A refused report (``requires`` names an
    option the widget was not made with, or the report is malformed or stale) is undone
    in the reporting browser and raises. Handlers get ``(child, from, to)``: the order
    basis is the core's business. See :mod:`.reorder`.
    """

    key: str
    method: str
    move: str
    requires: str | None = None

    def apply(self, core: RuleTarget, rec: WidgetRecord, args: Sequence[Any], conn: object) -> None:
        key, method, move = self.key, self.method, self.move
        try:
            apply_move(rec, args, key=key, method=method, requires=self.requires)
        except ProtocolError:
            for fix in order_messages(rec, move=move, key=key, method=method, position=True):
                core.send_to(conn, fix)
            raise
        for done in order_messages(rec, move=move, key=key, method=method):
            core.broadcast(done, exclude=conn)

    def handler_args(self, args: Sequence[Any]) -> Sequence[Any]:
        return args[:3]


def SyncRule(  # noqa: N802 - the constructor's name from before the rule types
    key: str,
    method: str,
    arg_indices: tuple[int, ...] = (0,),
    *,
    append: bool = False,
    basis: tuple[int, str] | None = None,
    move: str | None = None,
    requires: str | None = None,
    lazy: bool = False,
    primary: bool = False,
) -> Rule:
    """The rule its keywords describe: :class:`MoveRule` with ``move``, :class:`LogRule`
    with ``append``, :class:`MeasureRule` with ``basis``, else :class:`StateRule`.

    Raises:
        ValueError: keywords of two behaviours, or ``lazy``/``primary``/``requires``
            where they mean nothing.
    """
    kinds = [name for name, on in (("move", move), ("append", append), ("basis", basis)) if on]
    if len(kinds) > 1:
        raise ValueError(f"a rule has one behaviour, got {' and '.join(kinds)}")
    if (lazy or primary) and basis is None:
        raise ValueError("lazy and primary are for measurements (basis=...)")
    if requires is not None and move is None:
        raise ValueError("requires is for moves (move=...)")
    if move is not None:
        return MoveRule(key, method, move, requires)
    if append:
        return LogRule(key, method, arg_indices)
    if basis is not None:
        return MeasureRule(key, method, arg_indices, basis, lazy, primary)
    return StateRule(key, method, arg_indices)
