"""Browser input updating Python state through sync rules (core only, no loop)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from pgwidgets.protocol import SessionCore
from pgwidgets.protocol import session as core_session
from pgwidgets.protocol.rules import SyncRule


@dataclass
class Kind:
    name: str = "Combo"
    callbacks: frozenset[str] = frozenset({"activated", "_appended"})
    sync: dict = field(
        default_factory=lambda: {
            "activated": (SyncRule("selection", "set_text", (1,)),),
            "_appended": (SyncRule("items", "append_text", append=True),),
        }
    )
    post_keys: frozenset[str] = frozenset({"selection"})


def test_append_rule_extends_the_log_and_other_browsers() -> None:
    core = SessionCore()
    a, b = object(), object()
    core.attach(a, resumed=False)
    core.attach(b, resumed=False)
    wid = core.create(Kind(), [], {})
    core.frames_to_send()
    core.receive_text(
        a,
        json.dumps(
            [
                {"type": "callback", "wid": wid, "action": "_appended", "args": ["teal"]},
                {"type": "callback", "wid": wid, "action": "activated", "args": [0, "teal"]},
            ]
        ),
    )
    assert core.widgets[wid].log == [("append_text", ["teal"])]
    assert core.get_state(wid, "selection") == ["teal"]
    frames = dict(core.frames_to_send())
    assert a not in frames  # the browser that typed it has it already
    sent = json.loads(frames[b])
    assert {"type": "call", "wid": wid, "method": "append_text", "args": ["teal"]} in sent
    rebuilt = core.rebuild_messages()
    calls = [(m["method"], m["args"]) for m in rebuilt if m["type"] == "call"]
    assert calls.index(("append_text", ["teal"])) < calls.index(("set_text", ["teal"]))


def test_append_rule_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_session, "MAX_LOG_ENTRIES", 2)
    core = SessionCore()
    conn = object()
    core.attach(conn, resumed=False)
    wid = core.create(Kind(), [], {})
    core.frames_to_send()
    for i in range(4):
        core.receive_text(
            conn,
            json.dumps({"type": "callback", "wid": wid, "action": "_appended", "args": [f"x{i}"]}),
        )
    assert len(core.widgets[wid].log) == 2
    replies = json.loads(dict(core.frames_to_send())[conn])
    assert [m["type"] for m in replies] == ["error", "error"]
    assert "too many entries" in replies[0]["error"]


def test_resolve_refs_is_the_inverse_of_to_wire() -> None:
    from pgwidgets.protocol.messages import resolve_refs, to_wire

    class W:
        def __init__(self, wid: int) -> None:
            self._pgw_wid = wid

    a, b = W(3), W(4)
    proxies = {3: a, 4: b}
    value = {"x": [a, {"inner": b}], "plain": {"__wid__": 3, "extra": 1}, "n": 5}
    back = resolve_refs(to_wire(value), proxies.get)
    assert back["x"][0] is a and back["x"][1]["inner"] is b and back["n"] == 5
    # a dict with more than a reference is data, not a widget; unknown ids give None
    assert back["plain"] == {"__wid__": 3, "extra": 1}
    assert resolve_refs([{"__wid__": 9, "__class__": "Label"}], proxies.get) == [None]
    assert resolve_refs({"__wid__": True}, proxies.get) == {"__wid__": True}
