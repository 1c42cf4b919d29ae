"""Column descriptors: what each column shows and how.

A descriptor is a dict: ``label``, ``key`` (auto ``_col<i>`` when missing), ``type``
(``string``/``str``, ``integer``/``int``, ``float``/``number``, ``boolean``/``bool`` shown
as a check mark, ``icon`` with ``icon_size``), ``halign`` (defaults by type: numbers right,
booleans and icons centred, text left), ``editable``, ``width`` (``colwidth``) and an
optional cell ``widget`` (``checkbox``, ``combobox`` with ``choices``, ``progress``,
``button``). Bad descriptors raise ``ConfigurationError`` naming the offending entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pgwidgets.exceptions import ConfigurationError

__all__ = ["Column", "TYPES", "WIDGETS", "normalize_column", "normalize_columns"]

#: accepted type names -> canonical type
TYPES = {
    "string": "string",
    "str": "string",
    "text": "string",
    "integer": "integer",
    "int": "integer",
    "float": "float",
    "number": "float",
    "boolean": "boolean",
    "bool": "boolean",
    "icon": "icon",
}
#: cell widgets a column may show instead of text
WIDGETS = ("checkbox", "combobox", "progress", "button")
_HALIGN = {"integer": "right", "float": "right", "boolean": "center", "icon": "center"}


@dataclass
class Column:
    """One column, normalised."""

    key: str
    label: str
    type: str = "string"
    halign: str = "left"
    editable: bool = False
    icon_size: int = 16
    width: int | None = None
    widget: str | None = None
    choices: list[Any] = field(default_factory=list)

    def to_wire(self) -> dict[str, Any]:
        """What the browser needs to draw the column."""
        out: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "type": self.type,
            "halign": self.halign,
            "editable": self.editable,
        }
        if self.type == "icon":
            out["icon_size"] = self.icon_size
        if self.widget:
            out["widget"] = self.widget
        if self.choices:
            out["choices"] = list(self.choices)
        return out

    def to_descriptor(self) -> dict[str, Any]:
        """The descriptor as a user would write it (``insert_column`` round-trips it)."""
        out = self.to_wire()
        if self.width is not None:
            out["width"] = self.width
        return out


def normalize_column(desc: Any, index: int, where: str = "columns") -> Column:
    """One descriptor (a dict, or a plain string taken as the label) -> :class:`Column`."""
    name = f"{where}[{index}]"
    if isinstance(desc, str):
        desc = {"label": desc}
    if not isinstance(desc, Mapping):
        raise ConfigurationError(f"{name} must be a dict, got {type(desc).__name__}")
    key = desc.get("key")
    if key is None:
        key = f"_col{index}"
    elif not isinstance(key, str) or not key:
        raise ConfigurationError(f"{name}['key'] must be a non-empty string, got {key!r}")
    label = desc.get("label", key if not key.startswith("_col") else "")
    kind = TYPES.get(str(desc.get("type", "string")).lower())
    if kind is None:
        raise ConfigurationError(
            f"{name}['type'] is {desc.get('type')!r}; expected one of {sorted(TYPES)}"
        )
    halign = desc.get("halign") or _HALIGN.get(kind, "left")
    if halign not in ("left", "center", "right"):
        raise ConfigurationError(f"{name}['halign'] must be left, center or right")
    widget = desc.get("widget")
    if widget is not None and widget not in WIDGETS:
        raise ConfigurationError(f"{name}['widget'] is {widget!r}; expected one of {WIDGETS}")
    width = desc.get("width", desc.get("colwidth"))
    if width is not None and (not isinstance(width, (int, float)) or width < 0):
        raise ConfigurationError(f"{name}['width'] must be a number of pixels, got {width!r}")
    choices = desc.get("choices") or []
    if not isinstance(choices, (list, tuple)):
        raise ConfigurationError(f"{name}['choices'] must be a list")
    size = desc.get("icon_size", 16)
    return Column(
        key=key,
        label=str(label),
        type=kind,
        halign=halign,
        editable=bool(desc.get("editable", False)),
        icon_size=int(size),
        width=None if width is None else int(width),
        widget=widget,
        choices=list(choices),
    )


def normalize_columns(columns: Any) -> list[Column]:
    """A list of descriptors -> columns, checking keys are unique."""
    if columns is None:
        return []
    if isinstance(columns, (str, bytes)) or not isinstance(columns, Sequence):
        raise ConfigurationError(
            f"columns must be a list of column descriptors, got {type(columns).__name__}"
        )
    out = [normalize_column(c, i) for i, c in enumerate(columns)]
    seen: set[str] = set()
    for c in out:
        if c.key in seen:
            raise ConfigurationError(f"columns: key {c.key!r} is used twice")
        seen.add(c.key)
    return out
