"""Windows and dialogs: TopLevel, Page and Dialog.

A window's geometry and state live in Python: the user's drags come back as ``move(x, y)``
and ``resized(width, height)``, title-bar buttons as ``window-state(state)``, and an
autoclosing dialog reports that it hid itself; each updates the state a rebuild replays,
so a reload puts every window back where the user left it. Which window is in front is
kept too (``protocol/stacking.py``): shows, raises and lowers from Python, and the user's
raises, reported on the internal ``_raised`` channel.

A window's real size (``get_size()``) is measured from the start, not on first demand as
for other widgets (:mod:`pgwidgets.widgets.measure`): windows are few and the user
resizes them. A resize by the user is a setting (``resized``, replayed), so the browser
does not report it again as a measurement; maximising, a minimum size or the content
changing it are measured.
"""

from __future__ import annotations

from typing import Any

from pgwidgets.widgets.measure import SIZE_CHANNEL, size_rule
from pgwidgets.widgets.spec import Kind, SyncRule, define, mixin

__all__ = ["WINDOW_STATES"]

#: the values of ``set_window_state`` / ``window-state``
WINDOW_STATES = ("normal", "minimized", "maximized", "shaded")

_WINDOW_METHODS = (
    "set_title(title) get_title() set_icon(url) get_icon() "
    "set_position(x, y) get_position() set_moveable(tf) set_resizable(tf) "
    "raise_() lower() toggle_minimize() toggle_maximize() toggle_shade() "
    "set_window_state(state) get_window_state() close()"
)
_WINDOW_SYNC = {
    "move": (SyncRule("position", "set_position", (0, 1)),),
    "resized": (SyncRule("size", "resize", (0, 1)),),
    "window-state": (SyncRule("window_state", "set_window_state"),),
    # no state of its own: listened to so the core can keep the stacking order
    "_raised": (),
    # the measured size: reported from the start (the base measures on demand)
    SIZE_CHANNEL: (size_rule(lazy=False),),
}

define(
    "TopLevel",
    inherit=("container",),
    options={
        "title": "",
        "icon": None,
        "resizable": True,
        "moveable": True,
        "closeable": True,
        "minimizable": False,
        "maximizable": False,
        "lowerable": False,
        "shadeable": True,
    },
    methods="set_widget(child) " + _WINDOW_METHODS,
    kinds={"get_position": Kind.GETTER, "get_icon": Kind.GETTER},
    overrides={"get_position": {"key": "position"}},
    # _raised: the user brought the window to the front (protocol/stacking.py)
    callbacks="move resized close window-state _raised",
    sync=_WINDOW_SYNC,
    defaults={"visible": False, "window_state": "normal", "position": None},
    doc="A desktop-style window: drag the title bar to move it, any edge or corner to "
    "resize it (``resized(width, height)``; ``get_size()`` follows); minimise, "
    "maximise and shade where enabled; raised on click (the "
    "stacking order is kept in Python: a reload, or another browser, shows the same "
    "window in front). "
    "``close()`` from the title bar or Escape is a request: the app decides.",
)


@mixin("TopLevel")
class _Window:
    """Toggles and close computed in Python, so the mirrored state stays exact."""

    def _toggle(self: Any, state: str) -> Any:
        current = self.get_window_state()
        return self.set_window_state("normal" if current == state else state)

    def toggle_minimize(self: Any) -> Any:
        return self._toggle("minimized")

    def toggle_maximize(self: Any) -> Any:
        return self._toggle("maximized")

    def toggle_shade(self: Any) -> Any:
        return self._toggle("shaded")

    def set_window_state(self: Any, state: str) -> Any:
        if state not in WINDOW_STATES:
            raise ValueError(f"window state must be one of {WINDOW_STATES}, not {state!r}")
        wid = self._wid_checked()
        self.session._send(
            lambda core: core.set_state(wid, "window_state", "set_window_state", [state])
        )
        return self.session._done(None)

    def close(self: Any) -> Any:
        """Close (hide) the window from Python; the user's close only asks (``close``)."""
        return self.hide()


define(
    "Page",
    inherit=("container",),
    methods="set_widget(child)",
    defaults={"visible": False},
    doc="Fills the whole browser page with one child (shown with ``show()``).",
)

define(
    "Dialog",
    inherit=("TopLevel",),
    args="title='', buttons=None",
    options={
        "autoclose": False,
        "modal": False,
        "resizable": True,
        "moveable": True,
        "closeable": True,
    },
    methods="add_widget(child, stretch=0) insert_widget(index, child, stretch=0) "
    "add_button(child, value) set_spacing(gap) get_spacing() popup(x=None, y=None) "
    "set_modal(tf) get_modal() get_content_area() set_widget(child)",
    # the content child is one of several (the buttons are children too), so set_widget
    # must not unlink the buttons the way a single-child container would
    kinds={"set_widget": Kind.CHILD},
    callbacks="activated hide",
    # an autoclosing dialog hides itself: Python must know, or a reload would reopen it
    sync={"hide": (SyncRule("visible", "hide", ()),)},
    defaults={"spacing": 0},
    doc="A window with content and a row of buttons given as ``[[label, value], ...]``; "
    "``activated(value)`` when one is pressed (autoclose then hides it). Modal "
    "dialogs cover the page, trap focus and take it back to where it was on close.",
)


@mixin("Dialog")
class _Dialog:
    """Dialog inherits TopLevel, so TopLevel's mixin (``_Window``) is its too."""

    def popup(self: Any, x: int | None = None, y: int | None = None) -> Any:
        """Show the dialog at (x, y), or centred when no position is given."""
        if x is not None and y is not None:
            self.set_position(x, y)
        return self.show()

    def get_content_area(self: Any) -> Any:
        """The dialog itself takes children (``add_widget``); there is no separate area."""
        return self
