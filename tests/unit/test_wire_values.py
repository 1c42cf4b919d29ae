"""Values on their way to the browser (``to_wire``) and arguments into parameter slots
(``bind_args``, the constructor binding): the fast paths for plain values and positional
calls must give exactly what the general paths give. No event loop.
"""

from __future__ import annotations

import enum
import math
from typing import Any

import pytest

from pgwidgets.protocol.messages import to_wire
from pgwidgets.widgets.base import _bind_constructor, bind_args
from pgwidgets.widgets.factory import widget_class
from pgwidgets.widgets.spec import Param


class Colour(enum.IntEnum):
    RED = 1


class Tag(enum.StrEnum):
    A = "a"


class Ref:
    """Anything with an integer ``_pgw_wid`` is a widget reference."""

    def __init__(self, wid: int) -> None:
        self._pgw_wid = wid


class Scalar:
    def item(self) -> float:
        return 2.5


class Array:
    def tolist(self) -> list[Any]:
        return [1, float("nan"), (2, 3)]


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        ("text", "text"),
        (7, 7),
        (True, True),
        (1.5, 1.5),
        (float("nan"), None),
        (float("inf"), None),
        (-math.inf, None),
        ([1, "a", None, False], [1, "a", None, False]),
        ((1, (2, 3)), [1, [2, 3]]),
        ([1.0, float("nan")], [1.0, None]),
        ({"a": (1, 2), 3: "x"}, {"a": [1, 2], "3": "x"}),
        ([Ref(4), {"w": Ref(5)}], [{"__wid__": 4}, {"w": {"__wid__": 5}}]),
        (Colour.RED, 1),
        (Tag.A, "a"),
        (Scalar(), 2.5),
        (Array(), [1, None, [2, 3]]),
    ],
)
def test_to_wire(value: Any, expected: Any) -> None:
    got = to_wire(value)
    assert got == expected
    assert type(got) is type(expected) or isinstance(value, enum.Enum)


def test_to_wire_refuses_what_json_cannot_carry() -> None:
    with pytest.raises(TypeError, match="cannot send a set"):
        to_wire([1, {2}])
    with pytest.raises(TypeError, match="cannot send a object"):
        to_wire({"k": object()})


def test_to_wire_copies_lists() -> None:
    original = [1, 2]
    assert to_wire(original) is not original


PARAMS = (Param("x"), Param("y", 0), Param("options", None))


@pytest.mark.parametrize(
    "args,kwargs,expected",
    [
        ((1, 2, {"a": 1}), {}, [1, 2, {"a": 1}]),
        ((1,), {}, [1, 0, None]),
        ((1, 5), {}, [1, 5, None]),
        ((), {"x": 3}, [3, 0, None]),
        ((1,), {"y": 4}, [1, 4, None]),
        ((1,), {"color": "red"}, [1, 0, {"color": "red"}]),
        ((1, 0, "hello"), {"bold": True}, [1, 0, {"text": "hello", "bold": True}]),
    ],
)
def test_bind_args(args: tuple[Any, ...], kwargs: dict[str, Any], expected: list[Any]) -> None:
    assert bind_args("W.m", PARAMS, args, kwargs) == expected


@pytest.mark.parametrize(
    "args,kwargs,message",
    [
        ((), {}, "missing required argument 'x'"),
        ((1, 2, 3, 4), {}, "takes 3 arguments, 4 given"),
        ((1,), {"x": 2}, "multiple values for 'x'"),
    ],
)
def test_bind_args_errors(args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        bind_args("W.m", PARAMS, args, kwargs)


def test_bind_args_unknown_keyword_without_options_slot() -> None:
    with pytest.raises(TypeError, match="unexpected keyword"):
        bind_args("W.m", (Param("x"),), (1,), {"z": 2})


def test_constructor_fast_path_matches_the_general_one() -> None:
    spec = widget_class("Label").spec
    positional = _bind_constructor(spec, ("hi",), {})
    assert positional == (["hi"], {}, {})
    assert _bind_constructor(spec, (), {}) == (
        [p.default if not p.required else None for p in spec.args],
        {},
        {},
    )
    # with keywords the general path runs: the same slot, same result
    assert _bind_constructor(spec, (), {spec.args[0].name: "hi"})[0] == positional[0]
