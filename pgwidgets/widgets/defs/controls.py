"""Controls: buttons, toggles, radio buttons, check box, combo box, value widgets.

Every state a person can change in the browser comes back through a callback with a
:class:`SyncRule`, so Python always holds it and a rebuild (reload, second browser) replays
it. Two cases need more than one rule:

* **Groups** (``ToggleButton``/``RadioButton`` with ``group=<owner widget>``): only the
  member the user chose fires ``activated(state)``; members switched off as a side effect
  report through the internal ``_state`` channel (a callback no handler is expected on),
  so Python's state of every member stays right. ``set_state(True)`` from Python switches
  the peers off in Python too (the browser does the same on its side, silently): the
  one group rule, shared with ToolBarAction, is :mod:`pgwidgets.widgets.groups`.
* **ComboBox**: the item list is the widget's replay log (``append_text``,
  ``insert_alpha``, ``delete_alpha``; ``clear`` forgets them), read through an index kept
  on the record that applies only the entries new since the last read
  (:mod:`pgwidgets.widgets.item_list`); the selection is one state
  key, ``selection``, always stored as ``set_text(text)`` so that it survives items being
  inserted before it, and replayed after the items (a post key).

Callback names starting with ``_`` are internal sync channels (not in the reference).
Names and parameters follow the reference definitions (``pgwidgets_js/defs.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pgwidgets.widgets.groups import ExclusiveState
from pgwidgets.widgets.item_list import ItemList, ReplayedItems
from pgwidgets.widgets.spec import Kind, SyncRule, define, mixin

__all__ = ["combo_items", "combo_list"]

T = TypeVar("T")

define(
    "Button",
    args="text=''",
    methods="set_text(text) get_text() set_icon(url, size=None) get_icon() "
    "set_color(bg=None, fg=None) set_hover(bg=None, fg=None)",
    kinds={"get_icon": Kind.GETTER},
    callbacks="activated",
    defaults={"text": ""},
    doc="A push button; ``activated()`` when clicked, tapped or pressed with Enter/Space. "
    "``set_icon(url, [w, h])`` shows an image before the text; ``set_color``/"
    "``set_hover`` colour it (None keeps the theme's colour).",
)

define(
    "ToggleButton",
    args="text=''",
    options={"group": None},
    methods="set_text(text) get_text() set_state(value) get_state()",
    callbacks="activated _state",
    sync={
        "activated": (SyncRule("state", "set_state"),),
        "_state": (SyncRule("state", "set_state"),),
    },
    defaults={"state": False, "text": ""},
    doc="A button that stays pressed (``aria-pressed``). ``group=<ToggleButton>`` makes "
    "the members exclusive: pressing one releases the others; pressing the pressed "
    "one releases it. ``activated(state)`` fires for the button the user pressed only.",
)
# set_state(True) switches the group's other members off (pgwidgets/widgets/groups.py)
mixin("ToggleButton")(ExclusiveState)

define(
    "RadioButton",
    inherit=("ToggleButton",),
    doc="A radio button (role radio). ``group=<RadioButton>`` (the group's first button) "
    "joins the group: one member is on; arrow keys move between members. "
    "``activated(True)`` fires for the button the user chose only.",
)

define(
    "CheckBox",
    args="text=''",
    methods="set_text(text) get_text() set_state(tf) get_state()",
    callbacks="activated",
    sync={"activated": (SyncRule("state", "set_state"),)},
    defaults={"state": False, "text": ""},
    doc="A check box; ``activated(state)`` when the user toggles it.",
)

define(
    "ComboBox",
    options={"editable": False, "dropdown_limit": 0},
    methods="append_text(text) insert_alpha(text) delete_alpha(text) set_text(text) "
    "get_text() set_index(idx) get_index() get_alpha(idx) show_text(text) clear() "
    "set_length(numchars)",
    kinds={
        "append_text": Kind.REPLAY,
        "insert_alpha": Kind.REPLAY,
        "delete_alpha": Kind.REPLAY,
        "show_text": Kind.SETTER,
    },
    overrides={
        "set_text": {"key": "selection"},
        "show_text": {"key": "selection"},
        "clear": {
            "forget": ("append_text", "insert_alpha", "delete_alpha"),
            "resets": ("selection",),
        },
    },
    callbacks="activated modified _appended",
    sync={
        "activated": (SyncRule("selection", "set_text", (1,)),),
        "modified": (SyncRule("selection", "set_text"),),
        # an editable box adds new text entered with Enter to its list
        "_appended": (SyncRule("items", "append_text", append=True),),
    },
    post_keys=("selection",),
    doc="A drop-down list (role combobox + listbox). ``activated(index, text)`` when the "
    "user picks an item (click, tap, Enter); with ``editable=True`` the user may type "
    "(``modified(text)`` while typing; Enter adds new text to the list, then "
    "``activated(index, text)``).",
)

_VALUE_OPTIONS = {
    "track": False,
    "dtype": "int",
    "min": 0,
    "max": 100,
    "step": 1,
    "value": 50,
    "show_value": False,
    "show_value_position": "r",
    "decimals": None,
}
# what the slider and the dial share; their options differ in order (it is the
# constructor's positional order), so each lists its own from _VALUE_OPTIONS
define(
    "value",
    abstract=True,
    methods="set_value(num) get_value() set_limits(minval, maxval, incrval=None) "
    "set_tracking(track) set_decimals(num)",
    callbacks="activated",
    sync={"activated": (SyncRule("value", "set_value"),)},
    doc="A number the user sets by dragging or with keys.",
)

define(
    "Slider",
    inherit=("value",),
    options={"orientation": "horizontal", **_VALUE_OPTIONS},
    doc="A slider (role slider): drag, tap, arrow/Page/Home/End keys. ``activated(value)`` "
    "when the user lets go (or continuously with ``track=True``); ``dtype`` is "
    "``'int'`` or ``'float'``.",
)

define(
    "Dial",
    inherit=("value",),
    options={**_VALUE_OPTIONS, "show_value_position": "b"},
    methods="set_knob_diameter(len_px) set_icon(url, size=None)",
    doc="A rotary knob (role slider): drag around it or use the arrow/Page/Home/End keys; "
    "``activated(value)`` as for Slider.",
)

define(
    "SpinBox",
    options={"dtype": "int", "min": 0, "max": 99, "step": 1, "value": None, "decimals": None},
    methods="set_value(val) get_value() set_limits(minval, maxval, incrval=None) set_decimals(num)",
    callbacks="activated",
    sync={"activated": (SyncRule("value", "set_value"),)},
    doc="A number field with steppers (role spinbutton); ``activated(value)`` when the "
    "user commits a value (arrow keys, stepper, Enter, leaving the field).",
)

define(
    "ScrollBar",
    options={"orientation": "horizontal", "thickness": 15},
    methods="set_scroll_percent(pct) get_scroll_percent() set_thumb_percent(pct) "
    "get_thumb_percent()",
    callbacks="activated",
    sync={"activated": (SyncRule("scroll_percent", "set_scroll_percent"),)},
    defaults={"scroll_percent": 0.0, "thumb_percent": 0.1},
    doc="A scroll bar (role scrollbar); positions are fractions 0..1. ``activated(fraction)``"
    " when the user drags the thumb, clicks the track or uses the keys.",
)

define(
    "ProgressBar",
    methods="set_value(value) get_value()",
    defaults={"value": 0.0},
    doc="A progress bar (role progressbar) showing ``value`` (0..1) as a percentage.",
)


@mixin("Button")
class _ButtonMixin:
    def get_icon(self) -> Any:
        """The icon URL last set (None: no icon)."""
        value = self._get("icon")  # type: ignore[attr-defined]
        return value[0] if isinstance(value, tuple) else value


# ------------------------------------------------------------------ combo box
def combo_items(log: list[tuple[str, list[Any]]]) -> list[str]:
    """The item list a combo box's replay log builds (the browser runs the same steps)."""
    return ReplayedItems().follow(log).to_list()


def combo_list(rec: Any) -> ItemList:
    """The items of ComboBox record ``rec``, brought up to date with its log.

    Kept on the record (``derived``) so each call applies only the log entries added
    since the last one: getters and per-item changes do not replay the whole list.
    """
    view: ReplayedItems | None = rec.derived.get("combo")
    if view is None:
        view = rec.derived["combo"] = ReplayedItems()
    return view.follow(rec.log)


def _shown(rec: Any) -> str:
    entry = rec.state.get("selection")
    return str(entry.args[0]) if entry else ""


@mixin("ComboBox")
class _ComboBoxMixin:
    """Item list and selection kept in Python, with the browser's rules for both.

    The browser selects the first item added to an empty list (when nothing is shown)
    and, when the selected item is deleted, the first remaining one; these methods record
    the same so getters and rebuilds agree with the page. Every read holds the session
    lock, which also guards the record's cached item list (:func:`combo_list`).
    """

    def _read_combo(self, fn: Callable[[ItemList, str], T]) -> T:
        wid = self._wid_checked()  # type: ignore[attr-defined]

        def read(core: Any) -> T:
            rec = core.record(wid)
            return fn(combo_list(rec), _shown(rec))

        return self.session._read(read)  # type: ignore[attr-defined,no-any-return]

    def _list_op(self, method: str, text: str) -> Any:
        wid = self._wid_checked()  # type: ignore[attr-defined]
        text = str(text)

        def apply(core: Any) -> None:
            rec = core.record(wid)
            was_empty = not combo_list(rec)
            current = _shown(rec)
            core.action(wid, method, [text], replay=True)
            after = combo_list(rec)
            if method != "delete_alpha" and was_empty and current == "" and after:
                core.put_state(wid, "selection", "set_text", [after[0]])
            elif method == "delete_alpha" and current == text and current not in after:
                core.put_state(wid, "selection", "set_text", [after[0] if after else ""])

        self.session._send(apply)  # type: ignore[attr-defined]
        return self.session._done(None)  # type: ignore[attr-defined]

    def append_text(self, text: str) -> Any:
        """Add an item at the end."""
        return self._list_op("append_text", text)

    def insert_alpha(self, text: str) -> Any:
        """Insert an item in alphabetical position."""
        return self._list_op("insert_alpha", text)

    def delete_alpha(self, text: str) -> Any:
        """Remove the first item equal to ``text``."""
        return self._list_op("delete_alpha", text)

    def set_index(self, idx: int) -> Any:
        """Select item ``idx`` (out of range: nothing selected)."""
        wid = self._wid_checked()  # type: ignore[attr-defined]
        idx = int(idx)

        def apply(core: Any) -> None:
            items = combo_list(core.record(wid))
            text = items[idx] if 0 <= idx < len(items) else ""
            core.set_state(wid, "selection", "set_index", [idx])
            # replayed by text: items inserted before it must not move the selection
            core.put_state(wid, "selection", "set_text", [text])

        self.session._send(apply)  # type: ignore[attr-defined]
        return self.session._done(None)  # type: ignore[attr-defined]

    def get_text(self) -> str:
        """The text shown (the selected item, or what the user typed)."""
        wid = self._wid_checked()  # type: ignore[attr-defined]
        return self.session._read(  # type: ignore[attr-defined,no-any-return]
            lambda core: _shown(core.record(wid))
        )

    def get_index(self) -> int:
        """Index of the shown text in the list, -1 if it is not an item."""
        return self._read_combo(lambda items, text: items.index(text))

    def get_alpha(self, idx: int) -> str | None:
        """Item ``idx`` (None when out of range); read from Python, no browser needed."""
        return self._read_combo(
            lambda items, _: items[idx] if -len(items) <= idx < len(items) else None
        )

    def get_items(self) -> list[str]:
        """Every item, in order."""
        return self._read_combo(lambda items, _: items.to_list())


# -------------------------------------------------------------- value widgets
def _num(value: Any, dtype: Any) -> Any:
    if value is None:
        return None
    return float(value) if str(dtype) == "float" else int(round(float(value)))


@mixin("value")
class _ValueMixin:
    """Value getters typed by ``dtype``, and limits that clamp the value like the page."""

    _default_value: Any = 50

    def _limits(self) -> tuple[Any, Any]:
        lim = self._get("limits")  # type: ignore[attr-defined]
        if isinstance(lim, tuple):
            return lim[0], lim[1]
        return self._get("min"), self._get("max")  # type: ignore[attr-defined]

    def get_value(self) -> Any:
        """The current value (int or float, per ``dtype``)."""
        value = self._get("value")  # type: ignore[attr-defined]
        lo, hi = self._limits()
        if value is None:
            value = self._default_value if self._default_value is not None else lo
        if lo is not None and hi is not None and lo <= hi:
            value = min(max(value, lo), hi)  # the page clamps too
        return _num(value, self._get("dtype"))  # type: ignore[attr-defined]

    def set_limits(self, minval: Any, maxval: Any, incrval: Any = None) -> Any:
        """Change the range (and step); a value outside the range is clamped."""
        wid = self._wid_checked()  # type: ignore[attr-defined]
        value = self.get_value()

        def apply(core: Any) -> None:
            core.set_state(wid, "limits", "set_limits", [minval, maxval, incrval])
            if value is not None and not (minval <= value <= maxval):
                core.put_state(wid, "value", "set_value", [min(max(value, minval), maxval)])

        self.session._send(apply)  # type: ignore[attr-defined]
        return self.session._done(None)  # type: ignore[attr-defined]


@mixin("SpinBox")
class _SpinBoxMixin(_ValueMixin):
    """A SpinBox made without a ``value`` shows the bottom of its range, as the page does."""

    _default_value = None
