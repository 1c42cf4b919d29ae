"""The three bases every widget spec inherits (``widget``, ``container``, ``nonvisual``),
and ``interactive``, shared by widgets of several families.

They are abstract specs (``define(..., abstract=True)``): a spec names one in
``inherit=`` (``widget`` unless it says otherwise) and gets its methods, callbacks and
sync rules the same way it would get a concrete class's. ``get_size()`` is hand-written
(``widgets/measured.py``), registered here as the ``widget`` base's mixin: it answers
the size the widget has in the page, kept current through the internal ``_size`` channel
once asked (:mod:`pgwidgets.widgets.measure`).
"""

from __future__ import annotations

from pgwidgets.widgets.measure import SIZE_CHANNEL, size_rule
from pgwidgets.widgets.measured import VisualMethods
from pgwidgets.widgets.spec import Kind, define, mixin

__all__ = ["CONTAINER_METHODS", "WIDGET_METHODS"]

WIDGET = define(
    "widget",
    abstract=True,
    inherit=(),
    methods="show() hide() is_visible() resize(width, height) get_size() "
    "set_enabled(enabled=True) get_enabled() set_tooltip(text) get_tooltip() "
    "set_bg(color) set_fg(color) set_font(family=None, size=None, weight=None, style=None) "
    "set_padding(padding) set_margins(margins) set_border_width(width) "
    "set_border_color(color) set_min_size(width=None, height=None) "
    "set_max_size(width=None, height=None) set_expanding(horizontal=False, vertical=False) "
    "get_expanding() set_cursor(cursor) set_allow_text_selection(allow) "
    "set_focus() get_position() set_name(name) get_name() "
    "add_cursor(name, url, hotspot_x=0, hotspot_y=0, size=None)",
    # add_cursor registers a named cursor in the browser: replayed on rebuild
    # get_size: the measured size (widgets/measured.py), not the last resize()
    kinds={"set_focus": Kind.ACTION, "add_cursor": Kind.REPLAY, "get_size": Kind.CUSTOM},
    callbacks=f"resize map {SIZE_CHANNEL}",
    # measurements of the widget's size, listened to only once Python asks (lazy)
    sync={SIZE_CHANNEL: (size_rule(),)},
    post_keys=("visible",),
    doc="What every visual widget has.",
)

CONTAINER = define(
    "container",
    abstract=True,
    methods="remove(child, destroy=False) remove_widget(child, destroy=False) "
    "remove_all(destroy=False)",
    callbacks="child-added child-removed",
    doc="What every widget that holds others has.",
)

define(
    "nonvisual",
    abstract=True,
    inherit=(),
    post_keys=(),
    doc="A widget with no place in the page (Timer, FileDialog): none of the visual methods.",
)

#: the methods every visual widget has, and the ones every container adds
WIDGET_METHODS = dict(WIDGET.methods)
CONTAINER_METHODS = {k: v for k, v in CONTAINER.methods.items() if k not in WIDGET.methods}

mixin("widget")(VisualMethods)

# the pointer, key and drop events an ``interactive`` widget (Label, Image) forwards
# (payload: one flat dict, see static/js/interactive.js)
define(
    "interactive",
    abstract=True,
    callbacks="pointer-down pointer-up pointer-move enter leave click dblclick scroll "
    "key-down key-up key-press focus-in focus-out contextmenu "
    "drag-over drop-start drop-progress drop-end",
    doc="A widget that can forward pointer and key events (``interactive=True``).",
)
