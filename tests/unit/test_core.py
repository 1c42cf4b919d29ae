"""SessionCore with no event loop, no socket: calls in, frames out (websockets style)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from pgwidgets.exceptions import InvalidState
from pgwidgets.protocol import (
    CallbackEvent,
    Hello,
    QueryFailed,
    QueryReturned,
    SessionCore,
    SessionState,
    ViewportChanged,
)
from pgwidgets.protocol.rules import SyncRule


@dataclass
class FakeKind:
    """The little a core needs to know of a widget class."""

    name: str
    callbacks: frozenset[str] = frozenset()
    sync: dict[str, tuple[SyncRule, ...]] = field(default_factory=dict)
    post_keys: frozenset[str] = frozenset()


LABEL = FakeKind("Label")
ENTRY = FakeKind(
    "TextEntry",
    frozenset({"activated", "modified"}),
    {"activated": (SyncRule("text", "set_text"),)},
)
BOX = FakeKind("VBox", post_keys=frozenset({"index"}))
TABS = FakeKind(
    "TabWidget",
    frozenset({"page-switch"}),
    {"page-switch": (SyncRule("index", "set_index", (1,)),)},
    frozenset({"index"}),
)


def drain(core: SessionCore) -> dict[Any, list[dict[str, Any]]]:
    """Frames decoded per connection; also checks one frame per connection."""
    out: dict[Any, list[dict[str, Any]]] = {}
    for conn, text in core.frames_to_send():
        assert conn not in out, "two frames for one connection in one drain"
        out[conn] = json.loads(text)
    return out


def attached(*conns: str) -> SessionCore:
    core = SessionCore()
    for c in conns:
        core.attach(c, Hello(None, None, 0, 0), resumed=False)
    drain(core)
    return core


def test_credentials_are_random_and_long() -> None:
    a, b = SessionCore(), SessionCore()
    assert a.credentials.session_id != b.credentials.session_id
    assert a.credentials.token != b.credentials.token
    # token_urlsafe: 4 chars per 3 bytes; >= 128 bits each
    assert len(a.credentials.session_id) * 6 >= 128
    assert len(a.credentials.token) * 6 >= 128
    assert a.credentials.token not in repr(a.credentials)


def test_credentials_match_exactly_only() -> None:
    creds = SessionCore().credentials
    assert creds.matches(creds.session_id, creds.token)
    assert not creds.matches(creds.session_id, creds.token + "x")
    assert not creds.matches(creds.session_id, None)
    assert not creds.matches(1, creds.token)
    assert not creds.matches(creds.session_id, creds.token[:-1])


def test_no_connection_means_no_output_but_state_kept() -> None:
    core = SessionCore()
    wid = core.create(LABEL, ["hi"], {})
    core.set_state(wid, "text", "set_text", ["there"])
    assert not core.has_output
    assert core.frames_to_send() == []
    assert core.get_state(wid, "text") == ["there"]


def test_calls_in_one_turn_become_one_frame_per_connection() -> None:
    core = attached("a", "b")
    wid = core.create(LABEL, ["x"], {})
    core.set_state(wid, "text", "set_text", ["y"])
    core.action(wid, "flash", [])
    frames = drain(core)
    assert set(frames) == {"a", "b"}
    assert [m["type"] for m in frames["a"]] == ["create", "call", "call"]
    assert frames["a"] == frames["b"]
    assert frames["a"][1] == {"type": "call", "wid": wid, "method": "set_text", "args": ["y"]}
    assert not core.has_output and drain(core) == {}


def test_frame_cache_never_mixes_connections() -> None:
    """Shared messages are encoded once, but each connection gets exactly its own."""
    core = attached("a", "b")
    wid = core.create(LABEL, ["x"], {})
    core.attach("c", None, resumed=False)  # c: welcome + rebuild, alone
    core.set_state(wid, "text", "set_text", ["z"])
    frames = drain(core)
    assert frames["a"] == frames["b"]
    assert [m["type"] for m in frames["a"]] == ["create", "call"]
    assert frames["c"][0]["type"] == "welcome"
    assert frames["c"][-1] == {"type": "call", "wid": wid, "method": "set_text", "args": ["z"]}
    # many drains with fresh objects each time never reuse a stale encoding
    for i in range(200):
        core.set_state(wid, "text", "set_text", [str(i)])
        if i % 2:
            core.report_error("a", f"e{i}")
        frames = drain(core)
        assert frames["b"] == [{"type": "call", "wid": wid, "method": "set_text", "args": [str(i)]}]
        assert frames["a"][0] == frames["b"][0]
        assert len(frames["a"]) == 1 + i % 2


def test_welcome_and_rebuild_go_to_the_joining_browser_only() -> None:
    core = attached("a")
    box = core.create(BOX, [], {})
    lab = core.create(LABEL, ["x"], {})
    core.add_child(box, "add_widget", lab, [{"__wid__": lab}, 0])
    core.set_state(box, "index", "set_index", [0])
    core.page_call("set_theme", ["dark"], key="theme")
    drain(core)
    core.attach("b", Hello(None, None, 1024, 768), resumed=True)
    frames = drain(core)
    assert list(frames) == ["b"]
    msgs = frames["b"]
    assert msgs[0]["type"] == "welcome" and msgs[0]["resumed"] is True
    assert msgs[0]["session_id"] == core.session_id and msgs[0]["token"] == core.credentials.token
    types = [m["type"] for m in msgs]
    assert types[1] == "reset"
    assert types.index("page") < types.index("create")
    creates = [m["wid"] for m in msgs if m["type"] == "create"]
    assert creates == [box, lab]
    calls = [(m["wid"], m["method"]) for m in msgs if m["type"] == "call"]
    assert calls == [(box, "add_widget"), (box, "set_index")], "post keys come last"
    assert core.viewport == (1024, 768)


def test_setter_then_getter_reads_python_state() -> None:
    core = SessionCore()
    wid = core.create(LABEL, [], {})
    core.set_state(wid, "text", "set_text", ["a"])
    core.set_state(wid, "color", "set_color", ["red", None])
    core.set_state(wid, "text", "set_text", ["b"])
    assert core.get_state(wid, "text") == ["b"]
    assert list(core.widgets[wid].state) == ["color", "text"], "last write order"


def test_replay_log_forget_and_reset() -> None:
    core = SessionCore()
    wid = core.create(LABEL, [], {})
    core.action(wid, "append_text", ["a"], replay=True)
    core.action(wid, "append_text", ["b"], replay=True)
    core.set_state(wid, "index", "set_index", [1])
    core.action(wid, "clear", [], forget=("append_text",), reset_keys=("index",))
    assert core.widgets[wid].log == []
    assert core.get_state(wid, "index") is None


def test_query_goes_to_primary_and_answer_becomes_event() -> None:
    core = attached("a", "b")
    qid = core.query(None, "get_size", [])
    assert qid is not None
    frames = drain(core)
    assert list(frames) == ["a"]
    assert frames["a"] == [
        {"type": "query", "id": qid, "wid": None, "method": "get_size", "args": []}
    ]
    # b cannot answer a's query
    assert core.receive_text("b", json.dumps({"type": "result", "id": qid, "value": 1})) == []
    assert drain(core)["b"][0]["type"] == "error"
    events = core.receive_text("a", json.dumps({"type": "result", "id": qid, "value": [3, 4]}))
    assert events == [QueryReturned(qid, [3, 4])]
    # a second answer is an error, not a second event
    assert core.receive_text("a", json.dumps({"type": "result", "id": qid, "value": 1})) == []


def test_query_without_browser_returns_none() -> None:
    core = SessionCore()
    assert core.query(None, "get_size", []) is None


def test_detach_fails_waiting_queries_with_closed() -> None:
    core = attached("a", "b")
    qid = core.query(None, "q", [])
    failed = core.detach("a")
    assert failed == [QueryFailed(qid, "the browser disconnected", closed=True)]
    assert core.state is SessionState.CONNECTED
    assert core.detach("b") == []
    assert core.state is SessionState.DETACHED
    assert core.detach("b") == []


def test_browser_error_answer_fails_query_with_remote_message() -> None:
    core = attached("a")
    qid = core.query(None, "q", [])
    events = core.receive_text(
        "a", json.dumps({"type": "error", "id": qid, "error": "boom", "stack": "at x"})
    )
    assert events == [QueryFailed(qid, "boom", "at x")]


def test_close_fails_everything_and_forbids_calls() -> None:
    core = attached("a")
    wid = core.create(LABEL, [], {})
    qid = core.query(wid, "q", [])
    failed = core.close()
    assert failed == [QueryFailed(qid, "the session was closed", closed=True)]
    assert core.widgets == {} and core.connections == [] and core.closed
    with pytest.raises(InvalidState):
        core.create(LABEL, [], {})
    with pytest.raises(InvalidState):
        core.attach("b", None, resumed=False)


def test_callback_updates_state_and_echoes_to_other_browsers() -> None:
    core = attached("a", "b")
    wid = core.create(ENTRY, [""], {})
    drain(core)
    events = core.receive_text(
        "a", json.dumps({"type": "callback", "wid": wid, "action": "activated", "args": ["typed"]})
    )
    assert events == [CallbackEvent(wid, "activated", ("typed",), "a")]
    assert core.get_state(wid, "text") == ["typed"]
    frames = drain(core)
    assert list(frames) == ["b"], "the browser that typed already shows it"
    assert frames["b"] == [{"type": "call", "wid": wid, "method": "set_text", "args": ["typed"]}]


def test_sync_rule_picks_argument_index() -> None:
    core = attached("a")
    wid = core.create(TABS, [], {})
    core.receive_text(
        "a",
        json.dumps(
            {"type": "callback", "wid": wid, "action": "page-switch", "args": [{"__wid__": 9}, 2]}
        ),
    )
    assert core.get_state(wid, "index") == [2]


@pytest.mark.parametrize(
    "frame, why",
    [
        ("not json", "not valid JSON"),
        ("42", "JSON object"),
        ('{"type": "nope"}', "unknown message type"),
        ('{"type": "callback", "wid": "1", "action": "x"}', "'wid'"),
        ('{"type": "callback", "wid": 999, "action": "activated"}', "unknown widget"),
        ('{"type": "callback", "wid": 1, "action": "fly"}', "no callback"),
        ('{"type": "callback", "wid": 1, "action": "activated", "args": {}}', "'args'"),
        ('{"type": "callback", "wid": 1, "action": "activated", "args": []}', "at least 1"),
        ('{"type": "result", "id": 77, "value": 1}', "no query 77"),
        ('{"type": "result", "id": true}', "'id'"),
        ('{"type": "hello"}', "first message"),
        ('{"type": "viewport", "width": "wide"}', "'width'"),
    ],
)
def test_malformed_input_is_answered_and_changes_nothing(frame: str, why: str) -> None:
    core = attached("a")
    wid = core.create(ENTRY, ["keep"], {})
    core.set_state(wid, "text", "set_text", ["keep"])
    drain(core)
    assert core.receive_text("a", frame) == []
    reply = drain(core)["a"]
    assert reply[0]["type"] == "error" and why in reply[0]["error"]
    assert core.get_state(wid, "text") == ["keep"]
    assert core.state is SessionState.CONNECTED


def test_one_bad_message_in_an_array_does_not_stop_the_others() -> None:
    core = attached("a")
    wid = core.create(ENTRY, [""], {})
    drain(core)
    events = core.receive_text(
        "a",
        json.dumps(
            [
                {"type": "callback", "wid": 999, "action": "activated", "args": ["x"]},
                {"type": "viewport", "width": 10, "height": 20},
                {"type": "callback", "wid": wid, "action": "activated", "args": ["ok"]},
            ]
        ),
    )
    assert events == [ViewportChanged(10, 20), CallbackEvent(wid, "activated", ("ok",), "a")]
    assert [m["type"] for m in drain(core)["a"]] == ["error"]


def test_destroy_releases_descendants_and_ids_are_not_reused() -> None:
    core = attached("a")
    box = core.create(BOX, [], {})
    lab = core.create(LABEL, [], {})
    core.add_child(box, "add_widget", lab, [{"__wid__": lab}])
    assert sorted(core.destroy(box)) == sorted([box, lab])
    assert core.widgets == {}
    assert core.create(LABEL, [], {}) > lab
    with pytest.raises(InvalidState):
        core.set_state(box, "text", "set_text", ["x"])


def test_moving_a_child_forgets_the_old_parents_log() -> None:
    core = SessionCore()
    a, b, lab = (core.create(BOX, [], {}), core.create(BOX, [], {}), core.create(LABEL, [], {}))
    core.add_child(a, "add_widget", lab, [{"__wid__": lab}])
    core.add_child(b, "add_widget", lab, [{"__wid__": lab}])
    assert core.children(a) == [] and core.widgets[a].log == []
    assert core.children(b) == [lab] and core.widgets[lab].parent == b
    core.remove_child(b, lab)
    assert core.children(b) == [] and core.widgets[lab].parent is None


def test_widgets_and_odd_values_go_out_as_plain_json() -> None:
    class W:
        _pgw_wid = 5

    core = attached("a")
    wid = core.create(LABEL, [], {})
    core.set_state(wid, "data", "set_data", [(1, W()), float("nan"), {"k": W()}])
    msg = drain(core)["a"][-1]
    assert msg["args"] == [[1, {"__wid__": 5}], None, {"k": {"__wid__": 5}}]
    with pytest.raises(TypeError, match="object"):
        core.set_state(wid, "data", "set_data", [object()])


def test_listen_is_sent_once() -> None:
    core = attached("a")
    wid = core.create(LABEL, [], {})
    drain(core)
    core.listen(wid, "click")
    core.listen(wid, "click")
    assert drain(core)["a"] == [{"type": "listen", "wid": wid, "action": "click"}]
    core.attach("b", None, resumed=True)
    create = next(m for m in drain(core)["b"] if m["type"] == "create")
    assert create["listen"] == ["click"]
