"""The one way widget specs share code: ``define(inherit=...)`` and ``@mixin``.

Specs defined here get names no real class has and are removed again afterwards, so the
registry the other tests see is untouched. Classes are built with the factory and used on
a headless session (no browser).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pgwidgets.sync import Application
from pgwidgets.widgets import (
    defs,  # noqa: F401  (the bases and every family)
    factory,
)
from pgwidgets.widgets.spec import ABSTRACT, MIXINS, REGISTRY, Kind, define, mixin

__all__: list[str] = []


@pytest.fixture
def names() -> Iterator[list[str]]:
    """Spec names a test defines; all traces of them are removed afterwards."""
    made: list[str] = []
    yield made
    for name in made:
        REGISTRY.pop(name, None)
        ABSTRACT.pop(name, None)
        MIXINS.pop(name, None)
        factory._CLASSES.pop(name, None)


@pytest.fixture
def session() -> Any:
    return Application(ws_port=0).create_session()


def test_the_three_bases_are_abstract_specs() -> None:
    assert {"widget", "container", "nonvisual"} <= set(ABSTRACT)
    assert not {"widget", "container", "nonvisual"} & set(REGISTRY)
    assert REGISTRY["VBox"].lineage[-2:] == ("container", "widget")
    assert REGISTRY["Timer"].lineage == ("nonvisual",) and not REGISTRY["Timer"].visual
    assert REGISTRY["Dialog"].lineage == ("TopLevel", "container", "widget")
    assert REGISTRY["Dialog"].base == "container" and REGISTRY["Label"].base == "widget"
    # the abstract specs have no class
    assert not {"widget", "container", "box", "entry"} & set(factory.all_classes())


def test_inherit_merges_parents_then_own(names: list[str]) -> None:
    names += ["_t_part", "_T_Child"]
    define(
        "_t_part",
        abstract=True,
        args="text=''",
        options={"a": 1, "b": 2},
        methods="set_text(text) get_text() poke()",
        callbacks="activated",
        defaults={"text": ""},
    )
    child = define(
        "_T_Child",
        inherit=("_t_part",),
        options={"c": 3, "a": 10},
        methods="set_colour(c)",
        kinds={"poke": Kind.REPLAY},
        overrides={"get_text": {"key": "label"}},
        callbacks="changed",
    )
    assert child.lineage == ("_t_part", "widget")
    assert [p.name for p in child.args] == ["text"]  # the first parent's args
    # options: the parent's order (restated ones keep their place), new ones after
    assert list(child.options.items()) == [("a", 10), ("b", 2), ("c", 3)]
    assert child.methods["poke"].kind is Kind.REPLAY  # re-kinded for the child only
    assert REGISTRY.get("_t_part") is None and ABSTRACT["_t_part"].methods["poke"].kind is (
        Kind.ACTION
    )
    assert child.methods["get_text"].key == "label"
    assert "show" in child.methods  # the widget base
    assert {"activated", "changed", "resize"} <= child.callbacks
    assert child.defaults == {"text": ""} and child.doc == ""


def test_unknown_parent_and_duplicates_are_refused(names: list[str]) -> None:
    names.append("_T_Dup")
    with pytest.raises(KeyError, match="no widget spec '_nothing'"):
        define("_T_Orphan", inherit=("_nothing",))
    define("_T_Dup")
    with pytest.raises(ValueError, match="defined twice"):
        define("_T_Dup")
    with pytest.raises(ValueError, match="unknown method 'nope'"):
        define("_T_Bad", kinds={"nope": Kind.ACTION})
    assert "_T_Orphan" not in REGISTRY and "_T_Bad" not in REGISTRY


def test_mixins_follow_inheritance_and_may_name_several_specs(
    names: list[str], session: Any
) -> None:
    names += ["_t_shared", "_T_One", "_T_Two", "_T_Three"]
    define("_t_shared", abstract=True, methods="ping() get_count()", kinds={"ping": Kind.CUSTOM})
    define("_T_One", inherit=("_t_shared",))
    define("_T_Two", inherit=("_T_One",), methods="pong()", kinds={"pong": Kind.CUSTOM})
    define("_T_Three", methods="pong()", kinds={"pong": Kind.CUSTOM})

    class Counting:
        """A base of a mixin: its methods count as the mixin's (ordinary inheritance)."""

        def get_count(self) -> int:
            return 7

    @mixin("_t_shared")
    class Ping(Counting):
        def ping(self) -> str:
            return "ping"

    @mixin("_T_Two", "_T_Three")
    class Pong:
        def pong(self) -> str:
            return "pong"

    one, two, three = (factory.widget_class(n) for n in ("_T_One", "_T_Two", "_T_Three"))
    assert one(session).ping() == "ping" and two(session).ping() == "ping"
    assert two(session).pong() == "pong" and three(session).pong() == "pong"
    # the inherited method is the mixin's base's, not a generated QUERY
    assert two(session).get_count() == 7 and "get_count" not in vars(two)
    assert issubclass(two, Ping) and issubclass(two, Pong) and not issubclass(three, Ping)


def test_a_custom_method_without_a_mixin_is_an_error(names: list[str]) -> None:
    names.append("_T_Bare")
    define("_T_Bare", methods="frob()", kinds={"frob": Kind.CUSTOM})
    with pytest.raises(TypeError, match="a mixin must define it"):
        factory.widget_class("_T_Bare")


def test_near_copies_share_one_definition() -> None:
    """The classes the issue named differ only where the reference makes them differ."""
    toggle, radio = REGISTRY["ToggleButton"], REGISTRY["RadioButton"]
    assert "ToggleButton" in radio.lineage
    assert (radio.methods, radio.options, radio.sync) == (
        toggle.methods,
        toggle.options,
        toggle.sync,
    )
    for name in ("MenuAction", "ToolBarAction"):
        assert "action" in REGISTRY[name].lineage
    for name in ("TextEntry", "TextEntrySet"):
        assert "entry" in REGISTRY[name].lineage
    for name in ("Box", "VBox", "HBox", "ButtonBox"):
        assert REGISTRY[name].defaults["spacing"] == 0 and "box" in REGISTRY[name].lineage
    # one group rule: both kinds of class get their set_state from the same mixin
    from pgwidgets.widgets.groups import ExclusiveState

    for name in ("ToggleButton", "RadioButton", "ToolBarAction"):
        assert issubclass(factory.widget_class(name), ExclusiveState)


def test_group_rule_is_the_same_for_buttons_and_tool_bar_actions(session: Any) -> None:
    """Python's half of the group helper: set_state(True) switches the peers off."""
    W = session.get_widgets()
    for make in (
        lambda **kw: W.ToggleButton("x", **kw),
        lambda **kw: W.RadioButton("x", **kw),
        lambda **kw: W.ToolBarAction(toggle=True, **kw),
    ):
        owner = make()
        peer = make(group=owner)
        other_group = make()
        owner.set_state(True)
        other_group.set_state(True)
        peer.set_state(True)
        assert (owner.get_state(), peer.get_state(), other_group.get_state()) == (
            False,
            True,
            True,
        )
        peer.set_state(False)  # switching off touches nobody else
        assert (owner.get_state(), peer.get_state()) == (False, False)


def test_defs_never_import_the_factory() -> None:
    """Specs and mixins come from spec.py; the factory imports the defs, not the reverse.

    (A mixin that makes widgets of another class calls ``self._class_named(name)``.)
    """
    import ast
    from pathlib import Path

    offenders = []
    for path in sorted(Path(defs.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(factory.__name__)]
    assert offenders == [], "import mixin/define from pgwidgets.widgets.spec instead"
