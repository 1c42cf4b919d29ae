"""When a sync session's queued output goes out: the flush gate, a pure state machine.

Theory of operation
-------------------
In the sync API user handlers run on worker threads while the event loop writes frames.
Output a handler queues is *held* until it returns, so a window built in a handler goes
out as one frame and the browser lays it out once; but never longer than ``hold_max``
seconds, so a long handler still shows progress; and a query the handler will wait for
(*urgent* output) is never held. Outside handlers the rule is one flush per loop turn:
the first output schedules a flush, and everything queued before it runs goes with it.

The gate decides; it does no I/O and reads no clock of its own (``clock`` is passed in,
as :class:`~pgwidgets.auth.ratelimit.FailureLimiter` takes its clock), so it is tested
without threads or a loop. The session feeds it events under its lock and carries out
the :class:`Action` it returns: schedule a flush on the loop, flush now (on the loop),
arm the hold watch (a timer that sends held output every ``hold_max`` while handlers run).

The state is one of four :class:`GateState` values plus the number of handlers queued or
running; every transition is a row of :data:`TRANSITIONS`. Output events say whether the
core has anything queued: with nothing queued no flush is scheduled.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

__all__ = ["TRANSITIONS", "Action", "FlushGate", "GateEvent", "GateState"]


class GateState(enum.Enum):
    """Whether handlers are running (output held) and whether a flush is scheduled."""

    IDLE = "idle"
    SCHEDULED = "scheduled"
    HOLDING = "holding"
    HOLDING_SCHEDULED = "holding, scheduled"


class GateEvent(enum.Enum):
    """What happened (``*_QUIET``: the same, with nothing queued in the core)."""

    OUTPUT = "output"
    URGENT = "urgent output"
    HELD_TOO_LONG = "output held past hold_max"
    HANDLER_QUEUED = "handler queued"
    HANDLER_DONE = "handler done, others remain"
    LAST_DONE = "last handler done"
    LAST_DONE_QUIET = "last handler done, nothing queued"
    WATCH = "hold watch fired"
    WATCH_QUIET = "hold watch fired, nothing queued"
    FLUSHED = "flushed"


class Action(enum.Flag):
    """What the session must do after an event."""

    NONE = 0
    #: schedule one flush on the event loop
    SCHEDULE = enum.auto()
    #: flush now (the event came on the loop: the hold watch)
    FLUSH_NOW = enum.auto()
    #: (re)arm the hold watch: call :meth:`FlushGate.watch` in ``hold_max`` seconds
    ARM_WATCH = enum.auto()


S, E, A = GateState, GateEvent, Action
#: (state, event) -> (next state, action). Pairs not listed leave the state alone and do
#: nothing (output while a flush is already scheduled: the common case, and the cheapest).
TRANSITIONS: dict[tuple[GateState, GateEvent], tuple[GateState, Action]] = {
    (S.IDLE, E.OUTPUT): (S.SCHEDULED, A.SCHEDULE),
    (S.IDLE, E.URGENT): (S.SCHEDULED, A.SCHEDULE),
    (S.IDLE, E.HANDLER_QUEUED): (S.HOLDING, A.ARM_WATCH),  # (armed only if not yet)
    (S.SCHEDULED, E.HANDLER_QUEUED): (S.HOLDING_SCHEDULED, A.ARM_WATCH),
    (S.SCHEDULED, E.FLUSHED): (S.IDLE, A.NONE),
    (S.HOLDING, E.HANDLER_QUEUED): (S.HOLDING, A.ARM_WATCH),
    (S.HOLDING, E.URGENT): (S.HOLDING_SCHEDULED, A.SCHEDULE),
    (S.HOLDING, E.HELD_TOO_LONG): (S.HOLDING_SCHEDULED, A.SCHEDULE),
    (S.HOLDING, E.LAST_DONE): (S.SCHEDULED, A.SCHEDULE),
    (S.HOLDING, E.LAST_DONE_QUIET): (S.IDLE, A.NONE),
    (S.HOLDING, E.WATCH): (S.HOLDING, A.FLUSH_NOW | A.ARM_WATCH),
    (S.HOLDING, E.WATCH_QUIET): (S.HOLDING, A.ARM_WATCH),
    (S.HOLDING_SCHEDULED, E.HANDLER_QUEUED): (S.HOLDING_SCHEDULED, A.ARM_WATCH),
    (S.HOLDING_SCHEDULED, E.FLUSHED): (S.HOLDING, A.NONE),
    (S.HOLDING_SCHEDULED, E.LAST_DONE): (S.SCHEDULED, A.NONE),
    (S.HOLDING_SCHEDULED, E.LAST_DONE_QUIET): (S.SCHEDULED, A.NONE),
    (S.HOLDING_SCHEDULED, E.WATCH): (S.HOLDING_SCHEDULED, A.ARM_WATCH),
    (S.HOLDING_SCHEDULED, E.WATCH_QUIET): (S.HOLDING_SCHEDULED, A.ARM_WATCH),
}
del S, E, A

_STAY = (None, Action.NONE)
_HOLDING = frozenset({GateState.HOLDING, GateState.HOLDING_SCHEDULED})
# plain names for the hot path: :meth:`FlushGate.output` runs on every widget call, and
# an enum member looked up on its class costs more than a global
_IDLE, _HOLD = GateState.IDLE, GateState.HOLDING
_NOTHING = Action.NONE


class FlushGate:
    """The flush gate of one sync session (see the module docstring). Not thread-safe:
    the session calls it under its lock."""

    __slots__ = ("_busy", "_clock", "_held_since", "_watch_armed", "hold_max", "state")

    def __init__(self, hold_max: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        #: seconds held output may wait while a handler runs
        self.hold_max = hold_max
        self.state = GateState.IDLE
        self._clock = clock
        # handlers of the session queued or running
        self._busy = 0
        # when the current hold began (the first handler queued)
        self._held_since = 0.0
        # a hold watch is pending: never arm two
        self._watch_armed = False

    @property
    def busy(self) -> int:
        """How many handlers are queued or running."""
        return self._busy

    def _fire(self, event: GateEvent) -> Action:
        next_state, action = TRANSITIONS.get((self.state, event), _STAY)
        if next_state is not None:
            self.state = next_state
        if Action.ARM_WATCH in action:
            if self._watch_armed:  # one pending watch is enough: it re-arms itself
                action &= ~Action.ARM_WATCH
            else:
                self._watch_armed = True
        return action

    def output(self, has_output: Callable[[], bool], *, urgent: bool = False) -> Action:
        """The core queued output (``urgent``: a query the caller will wait for).

        ``has_output`` is asked only when the answer matters (it costs more than the
        flags: this runs on every widget call).
        """
        state = self.state
        if state is _IDLE or (urgent and state is _HOLD):
            event = GateEvent.URGENT if urgent else GateEvent.OUTPUT
        elif state is _HOLD and self._clock() - self._held_since >= self.hold_max:
            event = GateEvent.HELD_TOO_LONG
        else:
            return _NOTHING  # a flush is scheduled, or the output is held
        if not has_output():
            return _NOTHING
        return self._fire(event)

    def handler_queued(self) -> Action:
        """A handler of the session was handed to a worker: hold its output."""
        self._busy += 1
        if self._busy == 1:
            self._held_since = self._clock()
        return self._fire(GateEvent.HANDLER_QUEUED)

    def handler_done(self, has_output: bool) -> Action:
        """A handler returned; ``has_output``: the core has output queued."""
        self._busy -= 1
        if self._busy > 0:
            return self._fire(GateEvent.HANDLER_DONE)
        return self._fire(GateEvent.LAST_DONE if has_output else GateEvent.LAST_DONE_QUIET)

    def watch(self, has_output: bool, *, closed: bool = False) -> Action:
        """The hold watch fired (on the loop). A closed session's queue is dropped."""
        self._watch_armed = False
        if closed or self._busy == 0:
            return Action.NONE
        action = self._fire(GateEvent.WATCH if has_output else GateEvent.WATCH_QUIET)
        if Action.FLUSH_NOW in action:
            self._held_since = self._clock()  # the next progress flush is hold_max away
        return action

    def flushed(self) -> None:
        """The session flushed (whatever the reason): a scheduled flush has run."""
        self._fire(GateEvent.FLUSHED)
        if self.state in _HOLDING:
            self._held_since = self._clock()
