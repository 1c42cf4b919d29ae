"""Generate the reference tables of ``docs/widgets.md`` from the widget specs.

Usage: ``python scripts/widget_docs.py`` (rewrite) or ``--check`` (exit 1 if stale).

``docs/widgets.md`` is hand-written prose with generated blocks between
``<!-- BEGIN generated:NAME -->`` and ``<!-- END generated:NAME -->``. NAME is ``shared``
(the methods and callbacks every widget has) or a family (``layout``, ``controls`` ...).
Only those blocks are rewritten, from :data:`pgwidgets.widgets.spec.REGISTRY`, so the
reference cannot drift from the code; ``tests/widgets/test_compat.py`` runs the check.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

__all__ = ["CALLBACK_ARGS", "FAMILIES", "generate", "render_block"]

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "widgets.md"

#: family -> classes, in the order the docs show them
FAMILIES: dict[str, tuple[str, ...]] = {
    "layout": (
        "Box",
        "VBox",
        "HBox",
        "ButtonBox",
        "GridBox",
        "FixedLayout",
        "Splitter",
        "Frame",
        "Expander",
        "Separator",
        "AbstractScrollArea",
        "ScrollArea",
        "TabWidget",
        "StackWidget",
    ),
    "windows": ("TopLevel", "Page", "Dialog", "ColorDialog", "FileDialog"),
    "controls": (
        "Button",
        "ToggleButton",
        "RadioButton",
        "CheckBox",
        "ComboBox",
        "Slider",
        "SpinBox",
        "Dial",
        "ScrollBar",
        "ProgressBar",
    ),
    "text": ("Label", "StatusBar", "TextEntry", "TextEntrySet", "TextArea", "HtmlView"),
    "display": ("Image", "ColorWidget"),
    "dataviews": ("TreeView", "TableView"),
    "menus": ("MenuBar", "Menu", "MenuAction", "ToolBar", "ToolBarAction"),
    "nonvisual": ("Timer",),
}

#: what a callback handler receives (after the widget, for ``add_callback``), by action;
#: ``(class, action)`` keys override the general entry
CALLBACK_ARGS: dict[Any, str] = {
    "resize": "`{width, height}` (one dict, pixels)",
    "map": "`{x, y, viewport_x, viewport_y, width, height}` when it becomes visible",
    "child-added": "`child`",
    "child-removed": "`child`",
    "activated": "`state`",
    "modified": "`text` (while typing, debounced)",
    "page-switch": "`child, index`",
    "page-close": "`child` (a request: close it yourself)",
    "page-move": "`child, from_index, to_index` (the user moved a tab; already applied)",
    "sizing": "`sizes` (pixels, after a drag)",
    "toggled": "`state`",
    "scrolled": "`h, v` (fractions 0..1)",
    "area-resize": "`width, height, vbar_width, hbar_height`",
    "move": "`x, y`",
    "resized": "`width, height`",
    "close": "none (a request)",
    "window-state": "`state` (`normal`, `shaded`, `minimized`, `maximized`)",
    "hide": "none",
    "pick": "`hex` (live, while picking)",
    "expired": "`duration`",
    "cancelled": "`elapsed` (seconds)",
    "error": "`message`",
    "progress": "`{loaded, total}`",
    ("Button", "activated"): "none",
    ("ComboBox", "activated"): "`index, text`",
    ("Slider", "activated"): "`value`",
    ("SpinBox", "activated"): "`value`",
    ("Dial", "activated"): "`value`",
    ("ScrollBar", "activated"): "`fraction` (0..1)",
    ("TextEntry", "activated"): "`text` (Enter)",
    ("TextEntrySet", "activated"): "`text` (Enter or the button)",
    ("Dialog", "activated"): "`value` of the button pressed",
    ("ColorDialog", "activated"): "`hex` (OK)",
    ("ColorDialog", "cancelled"): "`hex` it reverted to (Cancel, Escape)",
    ("FileDialog", "activated"): "`{files: [{name, size, type, data}]}`",
    ("FileDialog", "cancelled"): "none",
    ("MenuAction", "activated"): "none, or `checked` when checkable",
    ("MenuAction", "toggled"): "`checked`",
    ("ToolBarAction", "activated"): "none, or `state` with `toggle`",
    ("Expander", "toggled"): "`collapsed`",
    ("TreeView", "activated"): "`values, path, col_key` (double click or Enter)",
    ("TreeView", "selected"): "`[{path, values}]` (the user changed the selection)",
    ("TreeView", "sorted"): "`col_key, ascending` (a header click)",
    ("TreeView", "cell_edited"): "`path, col_key, old, new`",
    ("TreeView", "scrolled"): "`h_pct, v_pct` (0..100)",
    ("TreeView", "cell_selected"): "`[{path, col_key, value}]`",
    ("TreeView", "cell_action"): "`path, row_values, col_key` (a cell button)",
    ("TreeView", "copy"): "`tsv`",
    ("TreeView", "cut"): "`tsv`",
    ("TreeView", "paste"): "`tsv`",
    ("TableView", "activated"): "`values, path, col_key` (double click or Enter)",
    ("TableView", "selected"): "`[{path, values}]` (the user changed the selection)",
    ("TableView", "sorted"): "`col_key, ascending` (a header click)",
    ("TableView", "cell_edited"): "`path, col_key, old, new`",
    ("TableView", "scrolled"): "`h_pct, v_pct` (0..100)",
    ("TableView", "cell_selected"): "`[{path, col_key, value}]`",
    ("TableView", "cell_action"): "`path, row_values, col_key` (a cell button)",
    ("TableView", "copy"): "`tsv`",
    ("TableView", "cut"): "`tsv`",
    ("TableView", "paste"): "`tsv`",
    ("TreeView", "expanded"): "`values, path`",
    ("TreeView", "collapsed"): "`values, path`",
    ("TreeView", "changed"): "none (the user edited a cell)",
}
_INTERACTIVE = (
    "one event dict: `type, x, y, viewport_x, viewport_y, button_trigger, "
    "button_mask, modifiers, key, ...`"
)
for _action in (
    "pointer-down",
    "pointer-up",
    "pointer-move",
    "enter",
    "leave",
    "click",
    "dblclick",
    "scroll",
    "key-down",
    "key-up",
    "key-press",
    "focus-in",
    "focus-out",
    "contextmenu",
    "drag-over",
    "drop-start",
    "drop-progress",
    "drop-end",
):
    CALLBACK_ARGS[_action] = _INTERACTIVE

_KIND_NOTES = {
    "setter": "setter: stored in Python, sent, replayed on reload",
    "getter": "getter: answered from Python state (no round trip)",
    "query": "query: asks the browser (sync blocks; async: `await`)",
    "action": "action: sent to the browser",
    "replay": "action, kept and replayed on reload",
    "child": "adds a child",
    "single": "sets the one child",
    "remove": "removes a child",
    "remove_all": "removes every child",
    "factory": "creates and adds a widget",
}


def _params(params: Any) -> str:
    out = []
    for p in params:
        out.append(p.name if p.required else f"{p.name}={p.default!r}")
    return ", ".join(out)


def _kind(cls: Any, name: str) -> str:
    m = cls.spec.methods.get(name)
    if m is None:
        return "hand-written"
    fn = getattr(cls, name)
    if getattr(fn, "kind_note", None):  # a hand-written method that says what it is
        return str(fn.kind_note)
    if getattr(fn, "__qualname__", "") != f"{cls.spec.name}.{name}":
        return "hand-written"
    return _KIND_NOTES[m.kind.value]


def _signature(cls: Any, name: str) -> str:
    import inspect

    m = cls.spec.methods.get(name)
    fn = getattr(cls, name)
    if m is not None and getattr(fn, "__qualname__", "") == f"{cls.spec.name}.{name}":
        return f"{name}({_params(m.params)})"
    sig = inspect.signature(fn)
    params = [str(p) for p in list(sig.parameters.values())[1:]]
    params = [re.sub(r"\s*=\s*", "=", re.sub(r": [^=]+", "", p)) for p in params]
    return f"{name}({', '.join(params)})"


def _callback_args(cls_name: str, action: str) -> str:
    return CALLBACK_ARGS.get((cls_name, action)) or CALLBACK_ARGS.get(action, "see the class notes")


def _shared_names() -> tuple[set[str], set[str]]:
    from pgwidgets.widgets.defs.common import CONTAINER_METHODS, WIDGET_METHODS

    return set(WIDGET_METHODS), set(CONTAINER_METHODS)


def render_class(cls: Any) -> list[str]:
    """The Markdown reference of one class."""
    spec = cls.spec
    widget_m, container_m = _shared_names()
    args = [p.name if p.required else f"{p.name}={p.default!r}" for p in spec.args]
    opts = [f"{k}={v!r}" for k, v in spec.options.items()]
    ctor = ", ".join(args + opts)
    base = {"widget": "widget", "container": "container", "nonvisual": "non-visual"}[spec.base]
    lines = [f"### {spec.name}", "", f"`W.{spec.name}({ctor})` ({base})", ""]
    doc = " ".join((spec.doc or "").split())
    if doc:
        lines += [doc, ""]
    shared = widget_m | container_m if spec.base != "nonvisual" else set()
    own = [n for n in spec.methods if n not in shared or n in _overridden(spec, n)]
    extra = sorted(
        n
        for n in vars(cls)
        if not n.startswith("_")
        and callable(vars(cls)[n])
        and n not in spec.methods
        and n != "spec"
    )
    if own or extra:
        lines += ["| method | kind |", "|---|---|"]
        for n in own + extra:
            lines.append(f"| `{_signature(cls, n)}` | {_kind(cls, n)} |")
        lines.append("")
    cbs = sorted(a for a in spec.callbacks if not a.startswith("_"))
    base_cbs = {"resize", "map", "child-added", "child-removed"}
    own_cbs = [a for a in cbs if a not in base_cbs]
    if own_cbs:
        lines += ["| callback | handler arguments |", "|---|---|"]
        for a in own_cbs:
            lines.append(f"| `{a}` | {_callback_args(spec.name, a)} |")
        lines.append("")
    inherited = [a for a in cbs if a in base_cbs]
    if inherited:
        lines += [f"Also: {', '.join(f'`{a}`' for a in inherited)}.", ""]
    return lines


def _overridden(spec: Any, name: str) -> set[str]:
    """Shared method names this class redefines (kind or parameters differ)."""
    from pgwidgets.widgets.defs.common import CONTAINER_METHODS, WIDGET_METHODS

    base = {**WIDGET_METHODS, **CONTAINER_METHODS}.get(name)
    m = spec.methods[name]
    return {name} if base is None or (base.kind, base.params) != (m.kind, m.params) else set()


def render_shared() -> list[str]:
    """The methods and callbacks every visual widget and every container has."""
    from pgwidgets.widgets.defs.common import CONTAINER_METHODS, WIDGET_METHODS
    from pgwidgets.widgets.factory import widget_class

    label, box = widget_class("Label"), widget_class("VBox")
    lines = ["| method | kind |", "|---|---|"]
    for n in WIDGET_METHODS:
        lines.append(f"| `{_signature(label, n)}` | {_kind(label, n)} |")
    for n in (
        "destroy",
        "get_children",
        "num_children",
        "get_parent",
        "is_container",
        "on",
        "add_callback",
        "remove_callback",
        "has_callback",
    ):
        lines.append(f"| `{_signature(label, n)}` | Python side |")
    lines += ["", "Containers add:", "", "| method | kind |", "|---|---|"]
    for n in CONTAINER_METHODS:
        lines.append(f"| `{_signature(box, n)}` | {_kind(box, n)} |")
    lines += ["", "| callback | handler arguments |", "|---|---|"]
    for a in ("resize", "map", "child-added", "child-removed"):
        lines.append(f"| `{a}` | {CALLBACK_ARGS[a]} |")
    return lines


def render_block(name: str) -> str:
    """The generated text of block ``name`` (``shared`` or a family)."""
    from pgwidgets.widgets.factory import all_classes

    classes = all_classes()
    if name == "shared":
        lines = render_shared()
    elif name == "other":
        known = {c for names in FAMILIES.values() for c in names}
        lines = []
        for cname in sorted(set(classes) - known):
            lines += render_class(classes[cname])
        if not lines:
            lines = ["(none)"]
    else:
        lines = []
        for cname in FAMILIES[name]:
            if cname in classes:
                lines += render_class(classes[cname])
            else:
                lines += [f"### {cname}", "", "*Not available yet.*", ""]
    return "\n".join(lines).rstrip() + "\n"


_BLOCK = re.compile(r"(<!-- BEGIN generated:(\w+) -->\n)(.*?)(<!-- END generated:\2 -->)", re.S)


def generate(text: str) -> str:
    """``text`` with every generated block rewritten."""
    return _BLOCK.sub(lambda m: m.group(1) + render_block(m.group(2)) + m.group(4), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs are stale")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    old = DOC.read_text(encoding="utf-8")
    new = generate(old)
    if args.check:
        if new != old:
            print(f"{DOC} is stale: run python scripts/widget_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
