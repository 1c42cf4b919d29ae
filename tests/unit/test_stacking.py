"""Window stacking order in the sans-I/O core (``protocol/stacking.py``): no event loop.

Shown and raised windows go to the top, lowered ones to the bottom, a user's raise in one
browser reaches the others, destroyed windows leave the order, and a rebuild ends with
the windows raised bottom-first.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pgwidgets.exceptions import InvalidState
from pgwidgets.protocol import Hello, SessionCore
from pgwidgets.protocol.stacking import RAISED, Stacking
from tests.unit.test_core import LABEL, FakeKind, attached, drain

WINDOW = FakeKind("TopLevel", frozenset({RAISED, "move"}), {RAISED: ()})


def windows(core: SessionCore, n: int) -> list[int]:
    return [core.create(WINDOW, [], {}) for _ in range(n)]


def raised_tail(messages: list[dict[str, Any]]) -> list[int]:
    """The trailing run of ``raise_`` calls of a rebuild: the stacking order."""
    tail: list[int] = []
    for m in reversed(messages):
        if m.get("method") != "raise_":
            break
        tail.insert(0, m["wid"])
    return tail


def test_stacking_moves() -> None:
    s = Stacking()
    for wid in (1, 2, 3):
        s.called(wid, "show")
    s.called(1, "raise_")
    assert s.order == [2, 3, 1]
    s.called(1, "lower")
    assert s.order == [1, 2, 3]
    s.called(2, "hide")  # hiding does not move a window
    s.called(3, "set_title")
    assert s.order == [1, 2, 3]
    s.forget([2, 99])
    assert s.order == [1, 3] and len(s) == 2


def test_python_calls_order_the_windows_and_the_rebuild_replays_it() -> None:
    core = attached("a")
    a, b, c = windows(core, 3)
    label = core.create(LABEL, ["not a window"], {})
    for wid in (a, b, c):
        core.set_state(wid, "visible", "show", [])
    core.action(label, "raise_", [])  # not a window: ignored by the stacking
    core.action(a, "raise_", [])
    core.action(c, "lower", [])
    assert core.stacking.order == [c, b, a]
    rebuild = core.rebuild_messages()
    assert raised_tail(rebuild) == [c, b, a]
    assert rebuild.index({"type": "call", "wid": c, "method": "raise_", "args": []}) > max(
        i for i, m in enumerate(rebuild) if m.get("method") == "show"
    )


def test_a_user_raise_is_kept_and_sent_to_the_other_browsers() -> None:
    core = attached("a", "b")
    first, second = windows(core, 2)
    core.set_state(first, "visible", "show", [])
    core.set_state(second, "visible", "show", [])
    drain(core)
    core.receive_text(
        "a", json.dumps({"type": "callback", "wid": first, "action": RAISED, "args": []})
    )
    assert core.stacking.order == [second, first]
    out = drain(core)
    assert "a" not in out, "the browser that raised it is not told again"
    assert out["b"] == [{"type": "call", "wid": first, "method": "raise_", "args": []}]
    # a fresh page gets the same order
    core.attach("c", Hello(None, None, 0, 0), resumed=False)
    assert raised_tail(drain(core)["c"]) == [second, first]


def test_destroyed_windows_leave_the_order() -> None:
    core = attached("a")
    a, b = windows(core, 2)
    core.set_state(a, "visible", "show", [])
    core.set_state(b, "visible", "show", [])
    core.destroy(a)
    assert core.stacking.order == [b]
    assert raised_tail(core.rebuild_messages()) == [b]
    with pytest.raises(InvalidState):
        core.action(a, "raise_", [])
