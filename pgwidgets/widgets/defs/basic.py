"""The first widgets: TopLevel, Box/VBox/HBox, Label, Button, TextEntry, CheckBox."""

from __future__ import annotations

from pgwidgets.widgets.spec import Kind, SyncRule, define

__all__: list[str] = []

define(
    "TopLevel", base="container",
    options={"title": "", "icon": None, "resizable": True, "moveable": True,
             "closeable": True, "minimizable": False, "maximizable": False,
             "lowerable": False, "shadeable": True},
    methods="set_widget(child) set_title(title) get_title() set_icon(url) "
            "set_position(x, y) get_position() set_moveable(moveable) set_resizable(resizable) "
            "raise_() lower() toggle_minimize() toggle_maximize() toggle_shade() "
            "set_window_state(state) get_window_state() close()",
    kinds={"get_position": Kind.GETTER},
    overrides={"get_position": {"key": "position"}},
    callbacks="move close window-state",
    sync={"move": (SyncRule("position", "set_position", (0, 1)),),
          "window-state": (SyncRule("window_state", "set_window_state"),)},
    defaults={"visible": False, "window_state": "normal", "title": ""},
    doc="A desktop-style window: title bar, move, resize, minimise/maximise/shade.",
)

define(
    "Box", base="container", options={"orientation": "horizontal"},
    methods="add_widget(child, stretch=0) insert_widget(index, child, stretch=0) "
            "set_spacing(spacing) get_spacing() set_align(align)",
    defaults={"spacing": 0},
    doc="Lays its children out in a row or a column; ``stretch`` shares spare space.",
)
define("VBox", base="container", inherit=("Box",), doc="A vertical Box.")
define("HBox", base="container", inherit=("Box",), doc="A horizontal Box.")

define(
    "Label", args="text=''", options={"halign": "left", "interactive": False, "menu": None},
    methods="set_text(text) get_text() set_color(bg=None, fg=None) set_halign(halign) "
            "set_valign(valign) set_menu(menu)",
    callbacks="pointer-down pointer-up pointer-move enter leave click dblclick scroll "
              "key-down key-up key-press focus-in focus-out contextmenu",
    defaults={"text": ""},
    doc="Text, always shown as text (never parsed as HTML).",
)

define(
    "Button", args="text=''",
    methods="set_text(text) get_text() set_icon(url, size=None) get_icon() "
            "set_color(bg=None, fg=None) set_hover(bg=None, fg=None)",
    kinds={"get_icon": Kind.GETTER},
    callbacks="activated",
    defaults={"text": ""},
    doc="A push button; ``activated()`` when clicked or pressed with Enter/Space.",
)

define(
    "TextEntry", args="text=''",
    options={"editable": True, "linehistory": 1, "password": False},
    methods="set_text(text) get_text() clear() set_length(nchars) set_editable(editable) "
            "set_password(password)",
    overrides={"clear": {"resets": ("text",)}},
    callbacks="activated modified",
    sync={"activated": (SyncRule("text", "set_text"),),
          "modified": (SyncRule("text", "set_text"),)},
    defaults={"text": ""},
    doc="A one-line text field; ``activated(text)`` on Enter, ``modified(text)`` on typing.",
)

define(
    "CheckBox", args="text=''",
    methods="set_text(text) get_text() set_state(state) get_state()",
    callbacks="activated",
    sync={"activated": (SyncRule("state", "set_state"),)},
    defaults={"state": False, "text": ""},
    doc="A check box; ``activated(state)`` when the user toggles it.",
)
