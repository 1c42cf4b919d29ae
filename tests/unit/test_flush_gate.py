"""The sync facade's flush gate (``pgwidgets/sync/flush_gate.py``): events in, actions
out, a fake clock; no threads, no loop."""

from __future__ import annotations

from pgwidgets.sync.flush_gate import TRANSITIONS, Action, FlushGate, GateEvent, GateState

HOLD = 0.05


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def queued() -> bool:
    return True


def empty() -> bool:
    return False


def gate() -> tuple[FlushGate, Clock]:
    clock = Clock()
    return FlushGate(HOLD, clock=clock), clock


def test_one_flush_per_turn_outside_handlers() -> None:
    g, _ = gate()
    assert g.output(queued) is Action.SCHEDULE
    assert g.output(queued) is Action.NONE  # already scheduled: goes with that flush
    assert g.output(queued, urgent=True) is Action.NONE
    g.flushed()
    assert g.state is GateState.IDLE
    assert g.output(queued) is Action.SCHEDULE


def test_nothing_queued_schedules_nothing() -> None:
    g, _ = gate()
    assert g.output(empty) is Action.NONE
    assert g.state is GateState.IDLE


def test_output_is_asked_for_only_when_it_matters() -> None:
    g, _ = gate()
    g.output(queued)
    asked = []
    assert g.output(lambda: asked.append(1) or True) is Action.NONE
    assert asked == []  # a flush was scheduled: the core was not asked


def test_a_handlers_output_is_held_until_it_returns() -> None:
    g, clock = gate()
    assert g.handler_queued() is Action.ARM_WATCH
    clock.now += HOLD / 2
    assert g.output(queued) is Action.NONE
    assert g.output(queued) is Action.NONE
    assert g.handler_done(has_output=True) is Action.SCHEDULE
    assert g.state is GateState.SCHEDULED
    g.flushed()
    assert g.state is GateState.IDLE


def test_urgent_output_is_never_held() -> None:
    g, _ = gate()
    g.handler_queued()
    assert g.output(queued, urgent=True) is Action.SCHEDULE
    assert g.state is GateState.HOLDING_SCHEDULED
    g.flushed()
    assert g.state is GateState.HOLDING
    assert g.output(queued) is Action.NONE  # held again


def test_output_held_past_hold_max_goes_out_with_the_next_call() -> None:
    g, clock = gate()
    g.handler_queued()
    assert g.output(queued) is Action.NONE
    clock.now += HOLD * 1.01
    assert g.output(queued) is Action.SCHEDULE  # a long handler shows progress
    g.flushed()
    clock.now += HOLD / 2
    assert g.output(queued) is Action.NONE  # hold_max counts from that flush


def test_the_watch_sends_held_output_and_rearms_while_busy() -> None:
    g, _ = gate()
    assert g.handler_queued() is Action.ARM_WATCH
    assert g.handler_queued() is Action.NONE  # one watch is enough
    assert g.watch(has_output=True) == Action.FLUSH_NOW | Action.ARM_WATCH
    assert g.watch(has_output=False) is Action.ARM_WATCH
    assert g.handler_done(has_output=False) is Action.NONE  # one still runs
    assert g.handler_done(has_output=False) is Action.NONE
    assert g.state is GateState.IDLE
    assert g.watch(has_output=True) is Action.NONE  # nobody busy: the watch ends


def test_a_closed_session_drops_the_watch() -> None:
    g, _ = gate()
    g.handler_queued()
    assert g.watch(has_output=True, closed=True) is Action.NONE
    assert g.handler_queued() is Action.ARM_WATCH  # disarmed: the next hold arms again


def test_a_handler_queued_while_a_flush_is_scheduled_keeps_it() -> None:
    g, _ = gate()
    g.output(queued)
    assert g.handler_queued() is Action.ARM_WATCH
    assert g.state is GateState.HOLDING_SCHEDULED
    assert g.watch(has_output=True) is Action.ARM_WATCH  # the scheduled flush sends it
    assert g.handler_done(has_output=True) is Action.NONE
    assert g.state is GateState.SCHEDULED


def test_every_transition_names_known_states_and_events() -> None:
    for (state, event), (after, action) in TRANSITIONS.items():
        assert isinstance(state, GateState) and isinstance(after, GateState)
        assert isinstance(event, GateEvent) and isinstance(action, Action)
    # output while a flush is scheduled is not in the table: it does nothing
    assert (GateState.SCHEDULED, GateEvent.OUTPUT) not in TRANSITIONS
