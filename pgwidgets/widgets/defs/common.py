"""Method sets every widget shares, by base: ``widget``, ``container``, ``nonvisual``.

``get_size()`` is hand-written (``widgets/measured.py``): it answers the size the widget
has in the page, kept current through the internal ``_size`` channel once asked
(:mod:`pgwidgets.protocol.measure`).
"""

from __future__ import annotations

from collections.abc import Mapping

from pgwidgets.protocol.measure import SIZE_CHANNEL, size_rule
from pgwidgets.widgets.spec import Kind, MethodSpec, Rule, parse_methods

__all__ = ["base_parts"]

WIDGET_METHODS = parse_methods(
    "show() hide() is_visible() resize(width, height) get_size() "
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
)

CONTAINER_METHODS = parse_methods(
    "remove(child, destroy=False) remove_widget(child, destroy=False) remove_all(destroy=False)",
)

_VISUAL_CALLBACKS = frozenset({"resize", "map", SIZE_CHANNEL})
#: measurements of the widget's size, listened to only once Python asks (lazy)
_VISUAL_SYNC = {SIZE_CHANNEL: (size_rule(),)}
_CONTAINER_CALLBACKS = frozenset({"child-added", "child-removed"})


def base_parts(
    base: str,
) -> tuple[
    Mapping[str, MethodSpec], frozenset[str], Mapping[str, tuple[Rule, ...]], frozenset[str]
]:
    """Methods, callbacks, sync rules and post keys of a base kind."""
    if base == "widget":
        return WIDGET_METHODS, _VISUAL_CALLBACKS, _VISUAL_SYNC, frozenset({"visible"})
    if base == "container":
        return (
            {**WIDGET_METHODS, **CONTAINER_METHODS},
            _VISUAL_CALLBACKS | _CONTAINER_CALLBACKS,
            _VISUAL_SYNC,
            frozenset({"visible"}),
        )
    if base == "nonvisual":
        return {}, frozenset(), {}, frozenset()
    raise ValueError(f"unknown widget base {base!r}")
