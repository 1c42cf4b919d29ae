"""The rule types, one per behaviour, and the compatible ``SyncRule`` constructor."""

from __future__ import annotations

import pytest

from pgwidgets.protocol.rules import LogRule, MeasureRule, MoveRule, StateRule, SyncRule
from pgwidgets.protocol.widget_state import StateEntry


def test_sync_rule_picks_the_type_from_its_keywords() -> None:
    assert SyncRule("text", "set_text") == StateRule("text", "set_text", (0,))
    assert SyncRule("items", "append_text", append=True) == LogRule("items", "append_text")
    assert SyncRule("_sizes", "set_sizes", basis=(1, "sizes")) == MeasureRule(
        "_sizes", "set_sizes", (0,), (1, "sizes")
    )
    assert SyncRule("index", "set_index", move="set_page_order", requires="reorderable") == (
        MoveRule("index", "set_index", "set_page_order", "reorderable")
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"append": True, "move": "m"},
        {"basis": (1, "k"), "append": True},
        {"lazy": True},
        {"primary": True},
        {"requires": "reorderable"},
    ],
)
def test_sync_rule_refuses_mixed_behaviours(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        SyncRule("k", "set_k", **kwargs)  # type: ignore[arg-type]


def test_only_measurements_can_be_lazy() -> None:
    assert MeasureRule("_size", "resize", (0, 1), (2, "size"), lazy=True).lazy
    assert not StateRule("text", "set_text").lazy
    assert not LogRule("items", "append_text").lazy


def test_a_measurement_is_current_only_against_pythons_value() -> None:
    rule = MeasureRule("_size", "resize", (0, 1), (2, "size"), primary=True)
    state = {"size": StateEntry("resize", [200, 40])}
    assert rule.is_current([120, 40, [200, 40]], state)
    assert not rule.is_current([120, 40, [100, 40]], state)  # crossed a newer resize
    assert not rule.is_current([120, 40, [200, 40]], state, from_primary=False)
    assert rule.is_current([1, 2, None], {})  # never set: the basis is None


def test_only_a_move_changes_the_handlers_arguments() -> None:
    args = [{"__wid__": 3}, 0, 1, [{"__wid__": 3}, {"__wid__": 4}]]
    assert MoveRule("index", "set_index", "set_page_order").handler_args(args) == args[:3]
    assert StateRule("text", "set_text").handler_args(args) is args
