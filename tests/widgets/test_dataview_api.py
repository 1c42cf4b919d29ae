"""TreeView and TableView have the reference's whole interface (upstream-defs.json):
every option, every method with the reference's parameter names (positional and
keyword), every callback. No browser: a headless session."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DEFS = json.loads(Path("/work/shared/spec/upstream-defs.json").read_text(encoding="utf-8"))
REF = {name: DEFS["widgets"][name] for name in ("TreeView", "TableView")}


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    from pgwidgets.sync import Application

    app = Application(ws_port=0)
    yield app.create_session()


@pytest.mark.parametrize("name", sorted(REF))
def test_options_methods_params_and_callbacks(name: str, session: Any) -> None:
    from pgwidgets.widgets.factory import widget_class

    cls = widget_class(name)
    ref = REF[name]
    assert set(ref["options"]) <= set(cls.spec.options)
    w = getattr(session.get_widgets(), name)(**{o: None for o in ref["options"] if o != "columns"})
    problems = []
    for method, params in ref["methods"].items():
        fn = getattr(cls, method, None)
        if fn is None:
            problems.append(f"{method}: missing")
            continue
        sig = list(inspect.signature(fn).parameters.values())[1:]
        if any(p.kind is p.VAR_POSITIONAL for p in sig):  # generated from the spec
            ours = [p.name for p in cls.spec.methods[method].params]
        else:
            ours = [p.name for p in sig]
        if ours[: len(params)] != params:
            problems.append(f"{method}{tuple(params)}: ours takes {tuple(ours)}")
    assert not problems, problems
    for action in ref["callbacks"]:
        w.on(action, lambda *a: None)


def test_keyword_calls_and_getters_answer_from_python(session: Any) -> None:
    W = session.get_widgets()
    t = W.TableView(columns=[{"label": "Name", "key": "NAME"}, {"label": "N", "key": "N"}])
    t.set_data(data=[{"NAME": "b", "N": 2}, {"NAME": "a", "N": 1}])
    t.sort_by_column(col_index="NAME", ascending=True)
    t.set_cell(row=["0"], col_index="N", value=5)
    t.set_column_width(col_index="N", width=80)
    t.select_path(path=["1"], state=True)
    assert t.get_selected() == [{"path": ["1"], "values": {"NAME": "a", "N": 1}}]
    assert t.get_column_widths() == {"NAME": None, "N": 80}
    assert t.get_row_count() == 2 and t.get_column_count() == 2
    tv = W.TreeView(columns=[{"label": "Name", "key": "NAME"}])
    tv.set_tree(tree={"a": {"b": {}}})
    tv.expand_item(path=["a"])
    assert tv.get_expanded() == [["a"]] and tv.get_collapsed() == [["a", "b"]]
    assert tv.get_subtree(status="all") == {"a": {"b": {}}}


def test_bad_constructor_option_is_refused(session: Any) -> None:
    from pgwidgets.exceptions import ConfigurationError

    with pytest.raises(ConfigurationError, match="selection_mode"):
        session.get_widgets().TableView(selection_mode="some")
    with pytest.raises(ConfigurationError, match="columns"):
        session.get_widgets().TableView(columns=[{"type": "nope"}])
