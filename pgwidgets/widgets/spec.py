"""Declarative widget descriptions: one ``WidgetSpec`` per class drives both facades.

A spec lists the constructor's positional args and options, every method with its *kind*
and the callbacks. The kind decides what a call does locally and on the wire:

========== ===================================================== ==========================
kind       Python side                                           wire
========== ===================================================== ==========================
SETTER     stores the args under a state key                     ``call`` (no wait)
GETTER     reads the state key (or the constructor value)        nothing
ACTION     nothing (REPLAY: appended to the widget's log)        ``call`` (no wait)
QUERY      nothing                                               ``query``, waits for reply
CHILD      links parent/child (SINGLE replaces the old child)    ``call`` (no wait)
REMOVE     unlinks a child / all children                        ``call`` (no wait)
FACTORY    creates a widget of another class, then a CHILD call  ``create`` + ``call``
CUSTOM     hand-written in a mixin                                 (its own choice)
========== ===================================================== ==========================

Methods are written as signatures in a string, ``"set_text(text) get_text()"``, and
classified by the rules of :func:`classify` unless a spec says otherwise.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from pgwidgets.protocol.rules import LogRule, MeasureRule, MoveRule, StateRule, SyncRule
from pgwidgets.protocol.widget_state import Rule

__all__ = [
    "Kind",
    "LogRule",
    "MeasureRule",
    "MethodSpec",
    "MoveRule",
    "Rule",
    "StateRule",
    "SyncRule",
    "WidgetSpec",
    "define",
    "parse_methods",
    "REGISTRY",
]


class Kind(Enum):
    SETTER = "setter"
    GETTER = "getter"
    ACTION = "action"
    REPLAY = "replay"
    QUERY = "query"
    CHILD = "child"
    SINGLE = "single"
    REMOVE = "remove"
    REMOVE_ALL = "remove_all"
    FACTORY = "factory"
    #: written by hand in a mixin (``@mixin``): no generated implementation
    CUSTOM = "custom"


_NO_DEFAULT: Any = object()


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    default: Any = _NO_DEFAULT

    @property
    def required(self) -> bool:
        return self.default is _NO_DEFAULT


@dataclass(frozen=True, slots=True)
class MethodSpec:
    """One method of a widget class."""

    name: str
    kind: Kind
    params: tuple[Param, ...]
    #: state key for SETTER/GETTER
    key: str | None = None
    #: ACTION/REPLAY: log methods this call forgets, state keys it resets (``clear``)
    forget: tuple[str, ...] = ()
    resets: tuple[str, ...] = ()
    #: FACTORY: class created, CHILD method used to attach it, and which arg names
    #: go to the constructor (the rest to the child call)
    creates: str | None = None
    via: str | None = None
    #: what the JS method is called when it differs (``show`` -> ``show``)
    wire_name: str | None = None


@dataclass(frozen=True)
class WidgetSpec:
    """One widget class: what Python needs to build its proxy and mirror its state."""

    name: str
    base: str
    args: tuple[Param, ...]
    options: Mapping[str, Any]
    methods: Mapping[str, MethodSpec]
    callbacks: frozenset[str]
    sync: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    post_keys: frozenset[str] = frozenset({"visible"})
    #: getter defaults for keys neither set nor given to the constructor
    defaults: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""

    @property
    def visual(self) -> bool:
        return self.base != "nonvisual"


_SIG = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(([^()]*)\)")


def _params(text: str) -> tuple[Param, ...]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        if "=" in part:
            name, default = part.split("=", 1)
            out.append(Param(name.strip(), ast.literal_eval(default.strip())))
        else:
            out.append(Param(part))
    return tuple(out)


_CHILD = {
    "add_widget": Kind.CHILD,
    "insert_widget": Kind.CHILD,
    "add_button": Kind.CHILD,
    "add_menu": Kind.CHILD,
    "add_action": Kind.CHILD,
    "set_widget": Kind.SINGLE,
    "remove": Kind.REMOVE,
    "remove_widget": Kind.REMOVE,
    "remove_all": Kind.REMOVE_ALL,
}


def parse_methods(
    text: str, kinds: Mapping[str, Kind] | None = None, **extra: dict[str, Any]
) -> dict[str, MethodSpec]:
    """Parse ``"set_text(text) get_text() ..."`` into classified method specs.

    Args:
        kinds: explicit kinds that override the rules (``{"popup": Kind.ACTION}``).
        extra: per-method keyword overrides for :class:`MethodSpec` fields.
    """
    kinds = dict(kinds or {})
    sigs = {m.group(1): _params(m.group(2)) for m in _SIG.finditer(text)}
    out: dict[str, MethodSpec] = {}
    for name, params in sigs.items():
        kind = kinds.get(name) or classify(name, params, sigs)
        key = None
        if kind in (Kind.SETTER, Kind.GETTER):
            key = {
                "show": "visible",
                "hide": "visible",
                "is_visible": "visible",
                "resize": "size",
                "get_size": "size",
            }.get(name, name[4:])
        fields = dict(extra.get(name, {}))
        key = fields.pop("key", key)
        out[name] = MethodSpec(name, kind, params, key, **fields)
    return out


def classify(name: str, params: tuple[Param, ...], sigs: Mapping[str, Any]) -> Kind:
    """The default kind of a method, by the reference implementation's naming rules."""
    if name in _CHILD:
        return _CHILD[name]
    if name in ("show", "hide", "resize"):
        return Kind.SETTER
    if name in ("is_visible", "get_size"):
        return Kind.GETTER
    if name.startswith("set_") and params:
        return Kind.SETTER
    if name.startswith("get_") and not params:
        return Kind.GETTER if "set_" + name[4:] in sigs else Kind.QUERY
    return Kind.ACTION


#: every widget class by name, filled by :func:`define` (modules in ``widgets/defs``)
REGISTRY: dict[str, WidgetSpec] = {}


def define(
    name: str,
    *,
    base: str = "widget",
    args: str = "",
    options: Mapping[str, Any] | None = None,
    methods: str = "",
    kinds: Mapping[str, Kind] | None = None,
    overrides: Mapping[str, dict[str, Any]] | None = None,
    callbacks: str = "",
    sync: Mapping[str, tuple[Rule, ...]] | None = None,
    post_keys: tuple[str, ...] = (),
    defaults: Mapping[str, Any] | None = None,
    inherit: tuple[str, ...] = (),
    doc: str = "",
) -> WidgetSpec:
    """Describe a widget class and add it to :data:`REGISTRY`.

    Args:
        base: ``"widget"``, ``"container"`` or ``"nonvisual"``; the shared method set of
            the base (``defs/common.py``) is merged in first.
        args: positional constructor parameters, ``"text, buttons=None"``.
        options: constructor options with their defaults (sent as a dict).
        methods: signatures, see :func:`parse_methods`.
        inherit: names of already-defined specs whose methods/callbacks/sync are merged
            before this one's (``Dialog`` inherits ``TopLevel``).
        callbacks: space-separated action names.
        sync: browser callbacks that update state (``{"activated": (SyncRule("state",
            "set_state"),)}``).
        post_keys: state keys replayed after every widget's structure (tab index,
            splitter sizes).
    """
    from pgwidgets.widgets.defs.common import base_parts  # late: common uses define()

    base_methods, base_callbacks, base_sync, base_post = base_parts(base)
    merged_methods: dict[str, MethodSpec] = dict(base_methods)
    merged_callbacks = set(base_callbacks)
    merged_sync: dict[str, tuple[Rule, ...]] = dict(base_sync)
    merged_post = set(base_post)
    merged_defaults: dict[str, Any] = {}
    merged_options: dict[str, Any] = {}
    for parent in inherit:
        p = REGISTRY[parent]
        merged_methods.update(p.methods)
        merged_callbacks |= p.callbacks
        merged_sync.update(p.sync)
        merged_post |= p.post_keys
        merged_defaults.update(p.defaults)
        merged_options.update(p.options)
    parsed = parse_methods(methods, kinds, **(overrides or {}))
    # a getter pairs with an inherited setter too (get_text after the base's set_text)
    known = set(merged_methods) | set(parsed)
    for mname, mspec in list(parsed.items()):
        if mspec.kind is Kind.QUERY and mname not in (kinds or {}) and "set_" + mname[4:] in known:
            parsed[mname] = replace(mspec, kind=Kind.GETTER, key=mname[4:])
    merged_methods.update(parsed)
    merged_callbacks.update(callbacks.split())
    merged_sync.update(sync or {})
    merged_post.update(post_keys)
    merged_defaults.update(defaults or {})
    merged_options.update(options or {})
    spec = WidgetSpec(
        name=name,
        base=base,
        args=_params(args),
        options=merged_options,
        methods=merged_methods,
        callbacks=frozenset(merged_callbacks),
        sync=merged_sync,
        post_keys=frozenset(merged_post),
        defaults=merged_defaults,
        doc=doc,
    )
    REGISTRY[name] = spec
    return spec
