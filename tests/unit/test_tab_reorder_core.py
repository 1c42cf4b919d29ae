"""Tabs moved in the browser (``page-move``), in the core alone: no loop, no socket.

The TabWidget spec's own sync rule is used, so these tests also pin the definition: a move
reorders the children and the replay log, keeps the selected page selected, reaches other
browsers, and anything malformed, out of range, stale or not allowed is refused with a
logged error, an error reply and a correction for the sender, and no change at all.
"""

from __future__ import annotations

import copy
import json
import logging
from typing import Any

import pytest

from pgwidgets.protocol import CallbackEvent, Hello, SessionCore
from pgwidgets.protocol.reorder import moved_index, reorder_log
from pgwidgets.widgets import defs  # noqa: F401  (importing it fills REGISTRY)
from pgwidgets.widgets.spec import REGISTRY


def drain(core: SessionCore) -> dict[Any, list[dict[str, Any]]]:
    return {conn: json.loads(text) for conn, text in core.frames_to_send()}


def ref(wid: int) -> dict[str, Any]:
    """A widget reference as the browser sends it."""
    return {"__wid__": wid, "__class__": "Label"}


def tabs_core(reorderable: bool = True) -> tuple[SessionCore, int, list[int]]:
    """Two browsers, a TabWidget with pages A, B, C (B highlighted), page 1 selected."""
    core = SessionCore()
    for conn in ("a", "b"):
        core.attach(conn, Hello(None, None, 0, 0), resumed=False)
    tabs = core.create(REGISTRY["TabWidget"], [], {"reorderable": reorderable})
    pages = [core.create(REGISTRY["Label"], [t], {}) for t in "ABC"]
    core.action(tabs, "add_cursor", ["hand", "data:,"], replay=True)
    for wid, title in zip(pages, "ABC", strict=True):
        core.add_child(tabs, "add_widget", wid, [{"__wid__": wid}, {"title": title}])
    core.action(tabs, "highlight_tab", [{"__wid__": pages[1]}, "yellow"], replay=True)
    core.set_state(tabs, "index", "set_index", [1])
    drain(core)
    return core, tabs, pages


def move(core: SessionCore, tabs: int, args: list[Any], conn: str = "a") -> list[Any]:
    return core.receive_text(
        conn, json.dumps({"type": "callback", "wid": tabs, "action": "page-move", "args": args})
    )


@pytest.mark.parametrize(
    ("index", "src", "dst", "expected"),
    [
        (0, 0, 2, 2),
        (1, 0, 2, 0),
        (2, 0, 2, 1),
        (3, 0, 2, 3),
        (2, 2, 0, 0),
        (0, 2, 0, 1),
        (1, 2, 0, 2),
        (3, 2, 0, 3),
    ],
)
def test_moved_index(index: int, src: int, dst: int, expected: int) -> None:
    assert moved_index(index, src, dst) == expected


def test_reorder_log_moves_each_childs_entries_together() -> None:
    log = [
        ("add_cursor", ["x"]),
        ("add_widget", [{"__wid__": 1}]),
        ("add_widget", [{"__wid__": 2}]),
        ("highlight_tab", [{"__wid__": 1}, "red"]),
        ("add_widget", [{"__wid__": 3}]),
    ]
    assert reorder_log(log, [2, 3, 1]) == [
        ("add_cursor", ["x"]),
        ("add_widget", [{"__wid__": 2}]),
        ("add_widget", [{"__wid__": 3}]),
        ("add_widget", [{"__wid__": 1}]),
        ("highlight_tab", [{"__wid__": 1}, "red"]),
    ]


def test_a_move_reorders_children_log_and_selection_and_reaches_other_browsers() -> None:
    core, tabs, (a, b, c) = tabs_core()
    events = move(core, tabs, [ref(a), 0, 2, [ref(a), ref(b), ref(c)]])
    # the handler's arguments: the order basis stays in the core
    assert events == [CallbackEvent(tabs, "page-move", (ref(a), 0, 2), "a")]
    rec = core.widgets[tabs]
    assert rec.children == [b, c, a]
    assert core.get_state(tabs, "index") == [0]  # B was selected and still is
    out = drain(core)
    assert "a" not in out  # the browser that moved the tab has it already
    assert out["b"] == [
        {
            "type": "call",
            "wid": tabs,
            "method": "set_page_order",
            "args": [[{"__wid__": b}, {"__wid__": c}, {"__wid__": a}]],
        }
    ]
    calls = [
        (m["method"], m["args"])
        for m in core.rebuild_messages()
        if m["type"] == "call" and m["wid"] == tabs
    ]
    assert calls == [
        ("add_cursor", ["hand", "data:,"]),
        ("add_widget", [{"__wid__": b}, {"title": "B"}]),
        ("highlight_tab", [{"__wid__": b}, "yellow"]),
        ("add_widget", [{"__wid__": c}, {"title": "C"}]),
        ("add_widget", [{"__wid__": a}, {"title": "A"}]),
        ("set_index", [0]),
    ]


def test_moving_the_selected_page_moves_the_selection_with_it() -> None:
    core, tabs, (a, b, c) = tabs_core()
    move(core, tabs, [ref(b), 1, 0, [ref(a), ref(b), ref(c)]])
    assert core.widgets[tabs].children == [b, a, c]
    assert core.get_state(tabs, "index") == [0]
    move(core, tabs, [ref(b), 0, 2, [ref(b), ref(a), ref(c)]])
    assert core.widgets[tabs].children == [a, c, b]
    assert core.get_state(tabs, "index") == [2]


@pytest.mark.parametrize(
    ("make_args", "reason"),
    [
        (lambda a, b, c: [ref(a), 0, 3, [ref(a), ref(b), ref(c)]], "out of range"),
        (lambda a, b, c: [ref(a), -1, 1, [ref(a), ref(b), ref(c)]], "out of range"),
        (lambda a, b, c: [ref(a), 0, "2", [ref(a), ref(b), ref(c)]], "must be an integer"),
        (lambda a, b, c: [ref(a), 0, True, [ref(a), ref(b), ref(c)]], "must be an integer"),
        (lambda a, b, c: [ref(a), 1, 2, [ref(a), ref(b), ref(c)]], "not at from_index"),
        (lambda a, b, c: [ref(a), 0, 0, [ref(a), ref(b), ref(c)]], "both 0"),
        (lambda a, b, c: [ref(999), 0, 2, [ref(a), ref(b), ref(c)]], "is not a page"),
        (lambda a, b, c: ["A", 0, 2, [ref(a), ref(b), ref(c)]], "is not a page"),
        (lambda a, b, c: [ref(a), 0, 2], "needs (child, from_index, to_index, order)"),
        (lambda a, b, c: [ref(a), 0, 2, "abc"], "list of widget references"),
        # the browser had not yet seen Python remove B: its basis is stale
        (lambda a, b, c: [ref(a), 0, 1, [ref(a), ref(b), ref(c), ref(b)]], "stale"),
    ],
)
def test_bad_moves_are_refused_logged_corrected_and_change_nothing(
    make_args: Any, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    core, tabs, pages = tabs_core()
    before = copy.deepcopy(
        (core.widgets[tabs].children, core.widgets[tabs].log, core.widgets[tabs].state)
    )
    with caplog.at_level(logging.WARNING, logger="pgwidgets.protocol.session"):
        events = move(core, tabs, make_args(*pages))
    assert events == []  # no handler runs for a refused move
    rec = core.widgets[tabs]
    assert (rec.children, rec.log, rec.state) == before
    assert reason in caplog.text
    out = drain(core)
    assert "b" not in out
    sent = out["a"]
    assert sent[-1]["type"] == "error" and reason in sent[-1]["error"]
    # the sender is put back to Python's order and selection
    assert sent[:-1] == [
        {
            "type": "call",
            "wid": tabs,
            "method": "set_page_order",
            "args": [[{"__wid__": w} for w in pages]],
        },
        {"type": "call", "wid": tabs, "method": "set_index", "args": [1]},
    ]


def test_a_move_that_crossed_a_removal_is_refused() -> None:
    core, tabs, (a, b, c) = tabs_core()
    core.remove_child(tabs, b, "close_widget")
    drain(core)
    move(core, tabs, [ref(c), 2, 0, [ref(a), ref(b), ref(c)]])
    assert core.widgets[tabs].children == [a, c]
    assert "stale" in drain(core)["a"][-1]["error"]


def test_a_tab_widget_not_made_reorderable_refuses_moves() -> None:
    core, tabs, (a, b, c) = tabs_core(reorderable=False)
    assert move(core, tabs, [ref(a), 0, 2, [ref(a), ref(b), ref(c)]]) == []
    assert core.widgets[tabs].children == [a, b, c]
    assert "reorderable=True" in drain(core)["a"][-1]["error"]


def test_stack_widget_has_no_page_move() -> None:
    core = SessionCore()
    core.attach("a", Hello(None, None, 0, 0), resumed=False)
    stack = core.create(REGISTRY["StackWidget"], [], {})
    drain(core)
    assert move(core, stack, [ref(1), 0, 1, []]) == []
    assert "no callback 'page-move'" in drain(core)["a"][-1]["error"]
