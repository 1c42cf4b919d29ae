"""Menus and toolbars: MenuBar, Menu, MenuAction, ToolBar, ToolBarAction.

Factory methods (``MenuBar.add_name``, ``Menu.add_name``/``add_menu``,
``ToolBar.add_action``) create the child as a normal widget and attach it with a CHILD
call, so they work with no browser attached and replay on rebuild like anything else.
Check and toggle states the user changes come back through a ``toggled(state)`` callback
that every checkable item reports (``activated`` keeps the reference's payloads).
"""

from __future__ import annotations

from typing import Any

from pgwidgets.widgets.groups import ExclusiveState
from pgwidgets.widgets.spec import Kind, SyncRule, define, mixin

__all__: list[str] = []

define(
    "MenuBar",
    methods="add_menu(menu, name, options=None) add_name(name) get_menu(name)",
    kinds={"add_name": Kind.FACTORY, "get_menu": Kind.CUSTOM},
    doc="A row of menus (``role=menubar``): arrow keys move between menus, Down/Enter opens one.",
)

define(
    "Menu",
    methods="add_widget(child) add_name(name, checkable=False) add_menu(name, menu=None) "
    "add_separator() get_menu(name) popup(x=None, y=None) close()",
    kinds={
        "add_name": Kind.FACTORY,
        "add_menu": Kind.FACTORY,
        "get_menu": Kind.CUSTOM,
        "add_separator": Kind.REPLAY,
    },
    defaults={"visible": False},
    doc="A drop-down or context menu (``role=menu``): arrow keys, Enter/Space, Escape; "
    "submenus open with Right/Enter or on hover. ``popup(x, y)`` shows it at a point.",
)

# what a menu item and a tool bar button share; each keeps its own options (their order
# is the positional order of the constructor) and its own state key
define(
    "action",
    abstract=True,
    methods="set_text(text) get_text() set_icon(url, iconsize=None) set_state(state) get_state()",
    callbacks="activated toggled",
    doc="A menu item or a tool bar button.",
)

define(
    "MenuAction",
    inherit=("action",),
    options={
        "text": "",
        "name": None,
        "icon_url": None,
        "iconsize": None,
        "checkable": False,
        "icon_only": False,
    },
    methods="set_checked(checked) get_checked()",
    overrides={
        "set_state": {"key": "checked", "wire_name": "set_checked"},
        "get_state": {"key": "checked"},
    },
    sync={"toggled": (SyncRule("checked", "set_checked"),)},
    defaults={"checked": False},
    doc="A menu item: ``activated()``, or ``activated(checked)`` when checkable (then also "
    "``toggled(checked)``).",
)

define(
    "ToolBar",
    options={"orientation": "horizontal"},
    methods="add_widget(child) add_separator() add_spacer() add_action(options=None)",
    kinds={"add_separator": Kind.REPLAY, "add_spacer": Kind.REPLAY, "add_action": Kind.FACTORY},
    doc="A tool bar (``role=toolbar``; arrow keys move between its buttons).",
)

define(
    "ToolBarAction",
    inherit=("action",),
    options={
        "text": "",
        "icon_url": None,
        "iconsize": None,
        "toggle": False,
        "group": None,
        "menu": None,
    },
    methods="set_menu(menu)",
    kinds={"set_state": Kind.CUSTOM},
    sync={"toggled": (SyncRule("state", "set_state"),)},
    defaults={"state": False},
    doc="A tool bar button: ``activated()``, or ``activated(state)`` with ``toggle`` (then "
    "also ``toggled(state)``). Toggles sharing a ``group`` (the group's first action) "
    "are exclusive; with ``menu`` it opens that Menu.",
)


def _named_child(widget: Any, name: str) -> Any:
    """The Menu attached under ``name`` by ``add_menu`` (MenuBar or Menu), or None."""
    wid = widget._wid_checked()
    log = widget.session._read(lambda core: list(core.record(wid).log))
    for method, args in log:
        if method != "add_menu" or name not in args:
            continue
        for arg in args:
            if isinstance(arg, dict) and "__wid__" in arg:
                return widget.session._proxy(arg["__wid__"])
    return None


@mixin("MenuBar")
class _MenuBarMethods:
    def add_name(self: Any, name: str) -> Any:
        """Add a new, empty Menu titled ``name`` and return it."""
        menu = self._class_named("Menu")(self.session)
        self.add_menu(menu, name)
        return self.session._done(menu)

    def get_menu(self: Any, name: str) -> Any:
        """The Menu titled ``name`` (local, no browser round trip); None if absent."""
        return _named_child(self, name)


@mixin("Menu")
class _MenuMethods:
    def add_name(self: Any, name: str, checkable: bool = False) -> Any:
        """Add a new MenuAction labelled ``name`` and return it."""
        action = self._class_named("MenuAction")(
            self.session, text=name, name=name, checkable=bool(checkable)
        )
        self.add_widget(action)
        return self.session._done(action)

    def add_menu(self: Any, name: str, menu: Any = None) -> Any:
        """Add a submenu titled ``name`` (a new Menu unless one is given); returns it."""
        if menu is None:
            menu = self._class_named("Menu")(self.session)
        wid, cwid = self._wid_checked(), menu._wid_checked()
        if menu.session is not self.session or cwid == wid:
            raise ValueError("add_menu() needs another Menu of the same session")
        self.session._send(lambda core: core.add_child(wid, "add_menu", cwid, [name, menu]))
        return self.session._done(menu)

    def get_menu(self: Any, name: str) -> Any:
        """The submenu titled ``name`` (local); None if absent."""
        return _named_child(self, name)


@mixin("ToolBar")
class _ToolBarMethods:
    def add_action(self: Any, options: str | dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """Add a ToolBarAction and return it: ``add_action("Open", toggle=True)``.

        ``options`` is the text or a dict of ToolBarAction options; keywords add to it.
        """
        opts: dict[str, Any] = (
            {"text": options} if isinstance(options, str) else dict(options or {})
        )
        opts.update(kwargs)
        action = self._class_named("ToolBarAction")(self.session, **opts)
        self.add_widget(action)
        return self.session._done(action)


@mixin("ToolBarAction")
class _ToolBarActionMethods(ExclusiveState):
    def set_state(self: Any, state: bool) -> Any:
        """Press or release a toggle; pressing one of a group releases the others."""
        # the group rule is ExclusiveState's; this keeps the keyword name ``state``
        return super().set_state(state)
