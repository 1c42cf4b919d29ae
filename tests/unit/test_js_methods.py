"""Every method a Python widget spec can send exists on the widget's JS class.

The JS classes are read as text, not run: ``static/js/widgets/<Class>.js`` exports the
class, whose methods are the names defined at class-body level; ``extends`` is followed
through the file's imports to the base classes (``widget.js``, ``container.js``, another
widget). A method Python sends that the class lacks fails only in a browser, at the first
call, so this catches it without one.

Checked for each class: every spec method except getters (answered from Python state,
never sent), under its wire name, and the method every sync rule records (a rebuild
replays it). The methods written entirely in Python are listed in ``PYTHON_ONLY`` with
the reason; the test also checks each listed one really is hand-written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pgwidgets
from pgwidgets.widgets.factory import all_classes
from pgwidgets.widgets.spec import Kind

__all__: list[str] = []

WIDGETS_JS = Path(pgwidgets.__file__).parent / "static" / "js" / "widgets"

#: spec methods with no JS counterpart, by class: what Python does instead
PYTHON_ONLY: dict[str, dict[str, str]] = {
    # the timer runs on the application's event loop; its browser object is inert
    "Timer": {
        name: "timing runs in Python"
        for name in (
            "start",
            "set",
            "cond_set",
            "stop",
            "cancel",
            "is_set",
            "elapsed_time",
            "time_left",
        )
    },
    "ColorDialog": {"popup": "set_position() then show()"},
    "Dialog": {"get_content_area": "returns the dialog itself"},
    "Image": {"get_draw_context": "raises: a canvas context cannot cross the wire"},
    "Menu": {
        "add_name": "creates a MenuAction, then add_widget()",
        "get_menu": "read from Python's log of add_menu() calls",
    },
    "MenuBar": {"add_name": "creates a Menu, then add_menu()"},
    "TabWidget": {
        "get_tab_id": "the child's widget id",
        "get_child": "looked up among Python's children",
    },
    "ToolBar": {"add_action": "creates a ToolBarAction, then add_widget()"},
}
# data views: the model lives in Python (pgwidgets/widgets/dataview); browsers get dv_* calls
for _view in ("TreeView", "TableView"):
    PYTHON_ONLY[_view] = {
        name: "changes the Python model, which sends dv_* calls"
        for name, m in all_classes()[_view].spec.methods.items()
        if m.kind is Kind.CUSTOM
    }

_CLASS = re.compile(r"^export\s+(?:default\s+)?class\s+(\w+)(?:\s+extends\s+(\w+))?\s*\{", re.M)
_IMPORT = re.compile(r"^import\s+(?:(\w+)|\{\s*([\w\s,]+?)\s*\})\s+from\s+'([^']+)';", re.M)
# a method at class-body level: two spaces in, a name, parameters, an opening brace
_METHOD = re.compile(r"^  (?:async\s+)?([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*\{", re.M)


def js_methods(path: Path, seen: tuple[Path, ...] = ()) -> set[str]:
    """Method names of the class exported by ``path``, its base classes' included."""
    if path in seen:
        raise AssertionError(f"circular extends through {path}")
    text = path.read_text(encoding="utf-8")
    found = _CLASS.search(text)
    assert found is not None, f"{path.name} exports no class"
    imports: dict[str, Path] = {}
    for im in _IMPORT.finditer(text):
        names = [im.group(1)] if im.group(1) else [n.strip() for n in im.group(2).split(",")]
        for name in names:
            imports[name.split(" as ")[-1].strip()] = (path.parent / im.group(3)).resolve()
    names = set(_METHOD.findall(text[found.end() :]))
    base = found.group(2)
    if base is not None:
        assert base in imports, f"{path.name}: extends {base}, which it does not import"
        names |= js_methods(imports[base], (*seen, path))
    return names


def sent_methods(cls: Any) -> Iterator[tuple[str, str]]:
    """``(what, JS method)`` for everything Python may send to a widget of ``cls``."""
    spec = cls.spec
    for name, m in spec.methods.items():
        if m.kind is Kind.GETTER or name in PYTHON_ONLY.get(spec.name, {}):
            continue
        yield name, m.wire_name or name
    for action, rules in spec.sync.items():
        for rule in rules:
            for method in (getattr(rule, "method", None), getattr(rule, "move", None)):
                if method:
                    yield f"sync rule of {action!r}", method


def test_the_scanner_reads_methods_and_follows_extends(tmp_path: Path) -> None:
    (tmp_path / "base.js").write_text(
        "export class Base {\n  constructor(a) {\n    if (a) {\n      this.x = 1;\n    }\n  }\n"
        "  show() { this.y = 2; }\n  async load(url = null) {\n  }\n}\n",
        encoding="utf-8",
    )
    (tmp_path / "Mid.js").write_text(
        "import { Base } from './base.js';\n\nexport default class Mid extends Base {\n"
        "  set_text(text) {\n    function inner() {}\n  }\n}\n",
        encoding="utf-8",
    )
    (tmp_path / "Leaf.js").write_text(
        "import Mid from './Mid.js';\nexport default class Leaf extends Mid {\n"
        "  static tag = 'span';\n  get_text() { return ''; }\n}\n",
        encoding="utf-8",
    )
    assert js_methods(tmp_path / "Leaf.js") == {
        "constructor",
        "show",
        "load",
        "set_text",
        "get_text",
    }


def test_python_only_methods_are_hand_written() -> None:
    """An entry in PYTHON_ONLY must not hide a generated method (one that sends)."""
    classes = all_classes()
    for cls_name, methods in PYTHON_ONLY.items():
        cls = classes[cls_name]
        for name in methods:
            assert name in cls.spec.methods, f"{cls_name}.{name} is not in its spec any more"
            fn = getattr(cls, name)
            assert fn.__qualname__ != f"{cls_name}.{name}", (
                f"{cls_name}.{name} is generated from the spec, so it is sent to the browser"
            )


@pytest.mark.parametrize("name", sorted(all_classes()))
def test_every_sent_method_exists_in_js(name: str) -> None:
    cls = all_classes()[name]
    path = WIDGETS_JS / f"{name}.js"
    assert path.is_file(), f"no JS class for {name} ({path})"
    js = js_methods(path.resolve())
    missing = sorted(
        {f"{method} ({what})" for what, method in sent_methods(cls) if method not in js}
    )
    assert missing == [], f"{name}.js lacks {missing}"
