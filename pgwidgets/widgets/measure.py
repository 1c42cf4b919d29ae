"""A widget's real size in the page, kept in Python: what ``get_size()`` answers.

Widget-layer knowledge (the ``get_size`` query, the ``resize`` setter, the ``_size``
channel) built on the core's public API and its generic
:class:`~pgwidgets.protocol.rules.MeasureRule`: the core knows nothing of sizes.

Theory of operation
-------------------
Two state keys hold a widget's size:

* ``size``: a *setting*, ``resize(width, height)`` from Python or a window the user resized
  (``resized``). It is replayed on rebuild. Either side may be None (left alone) or a CSS
  string (``"50%"``), so it is not always a size in pixels;
* ``_size``: a *measurement*, ``[width, height]`` in CSS pixels (the element's offset
  size, borders and padding included) as the primary browser laid it out. Never replayed.

The answer is the newer of the two (state keys move to the end when written): after a
``resize`` Python answers the size it set at once, without waiting; sides it did not set
in pixels come from the last measurement.

Measuring is lazy, because a page may hold thousands of widgets. The browser measures a
widget only once Python listens to its ``_size`` channel, which :func:`begin` does on the
first ``get_size()`` (windows listen from the start: few, and resized by the user). That
first call asks the primary browser once (the ``get_size`` query, which also starts the
measuring there, answered ``[width, height, basis]``, or None while the widget is not
rendered) and :func:`settle` keeps the answer;
from then on the browser reports ``_size(width, height, basis)`` whenever the layout
changes the size: at most once per animation frame, only when it differs from what
Python holds, never for a ``resize`` Python made that came out as set, never while the
widget is hidden or out of the page (it then measures 0 x 0: Python keeps the last size
measured while shown, (0, 0) if it never was). ``basis`` is the ``size`` setting the
browser had applied when it measured: a report that crossed a newer ``resize`` on the
wire is dropped (:meth:`MeasureRule.is_current`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pgwidgets.exceptions import InvalidState
from pgwidgets.protocol.messages import listen_message
from pgwidgets.protocol.rules import MeasureRule
from pgwidgets.protocol.widget_state import WidgetRecord

if TYPE_CHECKING:
    from pgwidgets.protocol.session import SessionCore

__all__ = [
    "MEASURED_KEY",
    "SIZE_CHANNEL",
    "SIZE_KEY",
    "SIZE_QUERY",
    "abandon",
    "begin",
    "settle",
    "size_of",
    "size_rule",
]

#: the callback the browser reports measurements on (internal: users cannot register it)
SIZE_CHANNEL = "_size"
#: the state key of a measurement (a leading ``_``: kept, never replayed or broadcast)
MEASURED_KEY = "_size"
#: the state key of the size setting (``resize``)
SIZE_KEY = "size"
#: the browser method the first ``get_size()`` asks
SIZE_QUERY = "get_size"


def size_rule(*, lazy: bool = True) -> MeasureRule:
    """The sync rule of the ``_size`` channel: ``_size(width, height, basis)``.

    Args:
        lazy: measure only once Python asks (every widget); False measures from the start
            (windows).
    """
    return MeasureRule(MEASURED_KEY, "resize", (0, 1), basis=(2, SIZE_KEY), lazy=lazy, primary=True)


def _px(value: object) -> bool:
    """A size in pixels (not None, a CSS string or a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pair(values: Sequence[Any] | None) -> tuple[Any, Any] | None:
    if values is None or len(values) != 2 or not all(map(_px, values)):
        return None
    return values[0], values[1]


def size_of(rec: WidgetRecord) -> tuple[Any, Any]:
    """The size Python holds for a widget: the newer of its setting and its measurement."""
    state = rec.state
    measured_entry = state.get(MEASURED_KEY)
    measured = _pair(measured_entry.args if measured_entry else None) or (0, 0)
    for key in reversed(state):
        if key == MEASURED_KEY:
            return measured
        if key == SIZE_KEY:
            args = list(state[key].args) + [None, None]
            return (
                args[0] if _px(args[0]) else measured[0],
                args[1] if _px(args[1]) else measured[1],
            )
    return measured


def _rule(rec: WidgetRecord) -> MeasureRule:
    rules = rec.kind.sync.get(SIZE_CHANNEL)
    if not rules or not isinstance(rules[0], MeasureRule):
        raise InvalidState(f"{rec.kind.name} has no size in the page")
    return rules[0]


def begin(core: SessionCore, wid: int) -> tuple[Any, Any] | None:
    """Start a ``get_size()``: the answer from state, or None when the browser must be asked.

    The browser is asked once per widget: when a browser is attached and the widget's
    size is not measured yet. This also makes every browser (and every later rebuild)
    measure the widget. With no browser, the answer comes from state and the first
    browser to attach measures the widget without being asked.
    """
    core.ensure_open()
    rec = core.record(wid)  # InvalidState for a destroyed widget
    _rule(rec)
    if SIZE_CHANNEL in rec.listen:
        return size_of(rec)
    rec.listen.add(SIZE_CHANNEL)
    if not core.connections:
        return size_of(rec)
    # the primary starts measuring with the query itself: one message, so no report can
    # overtake the answer; the other browsers listen (one of them may become primary)
    core.broadcast(listen_message(wid, SIZE_CHANNEL), exclude=core.connections[0])
    return None


def abandon(core: SessionCore, wid: int) -> None:
    """The query :func:`begin` asked for could not be sent (or failed before waiting): the
    next ``get_size()`` asks again (other browsers listen already, which is harmless)."""
    rec = core.widgets.get(wid)
    if rec is not None:
        rec.listen.discard(SIZE_CHANNEL)


def settle(core: SessionCore, wid: int, reply: Any) -> tuple[Any, Any]:
    """Finish a ``get_size()`` that asked the browser: keep its answer, return the size.

    ``reply`` is the browser's ``[width, height, basis]`` (None: not rendered, or no
    browser). It is kept unless a report already came after it, or Python set a newer
    size while it was on the wire.
    """
    rec = core.record(wid)
    size = _pair(reply[:2]) if isinstance(reply, list) and len(reply) == 3 else None
    if (
        size is not None
        and MEASURED_KEY not in rec.state
        and _rule(rec).is_current(reply, rec.state)
    ):
        rec.put_state(MEASURED_KEY, "resize", list(size))
    return size_of(rec)
