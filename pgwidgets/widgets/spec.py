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

This module is also the one way widget code is shared: :func:`define` with ``inherit=``
(specs inherit specs, abstract ones included) and :func:`mixin` (hand-written methods for
one or more specs, inherited along with them). ``docs/architecture.md`` says how.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, TypeVar

from pgwidgets.protocol.rules import LogRule, MeasureRule, MoveRule, StateRule, SyncRule
from pgwidgets.protocol.widget_state import Rule

__all__ = [
    "ABSTRACT",
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
    "mixin",
    "mixins_for",
    "parse_methods",
    "REGISTRY",
    "spec_named",
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
    """One widget class: what Python needs to build its proxy and mirror its state.

    ``lineage`` names every spec this one inherits from, nearest first (``Dialog``:
    ``TopLevel``, ``container``, ``widget``); the factory gives the class the mixins of
    all of them. An ``abstract`` spec (the three bases, shared parts such as ``box``)
    only exists to be inherited: it has no class and is not in :data:`REGISTRY`.
    """

    name: str
    args: tuple[Param, ...]
    options: Mapping[str, Any]
    methods: Mapping[str, MethodSpec]
    callbacks: frozenset[str]
    sync: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    post_keys: frozenset[str] = frozenset({"visible"})
    #: getter defaults for keys neither set nor given to the constructor
    defaults: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""
    lineage: tuple[str, ...] = ()
    abstract: bool = False

    def is_a(self, name: str) -> bool:
        """Whether this spec is ``name`` or inherits from it."""
        return name == self.name or name in self.lineage

    @property
    def base(self) -> str:
        """Which of the three bases it derives from: ``widget``, ``container``, ``nonvisual``."""
        for base in ("container", "nonvisual"):
            if self.is_a(base):
                return base
        return "widget"

    @property
    def visual(self) -> bool:
        return not self.is_a("nonvisual")


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
#: the specs that only exist to be inherited (``define(..., abstract=True)``)
ABSTRACT: dict[str, WidgetSpec] = {}


def spec_named(name: str) -> WidgetSpec:
    """The spec called ``name``, a class's or an abstract one.

    Raises:
        KeyError: no such spec has been defined (yet).
    """
    spec = REGISTRY.get(name) or ABSTRACT.get(name)
    if spec is None:
        raise KeyError(
            f"no widget spec {name!r} has been defined: define it first, or import the "
            "module of widgets/defs that defines it"
        )
    return spec


def define(
    name: str,
    *,
    inherit: tuple[str, ...] | None = None,
    abstract: bool = False,
    args: str | None = None,
    options: Mapping[str, Any] | None = None,
    methods: str = "",
    kinds: Mapping[str, Kind] | None = None,
    overrides: Mapping[str, dict[str, Any]] | None = None,
    callbacks: str = "",
    sync: Mapping[str, tuple[Rule, ...]] | None = None,
    post_keys: tuple[str, ...] = (),
    defaults: Mapping[str, Any] | None = None,
    doc: str = "",
) -> WidgetSpec:
    """Describe a widget class (or an abstract part of one) and register it.

    This is the one way widget specs share anything: a spec *inherits* the specs it
    names, and hand-written methods come from mixins registered for a spec (``@mixin``),
    which every spec inheriting it gets too.

    Args:
        inherit: the specs whose parts come first, in order (default ``("widget",)``).
            The bases are ``widget``, ``container`` and ``nonvisual`` (``defs/common.py``);
            ``Dialog`` inherits ``TopLevel``. Methods, callbacks, sync rules, post keys,
            defaults and options are merged parent by parent, then this spec's own are
            added (options keep the parents' order; the new ones follow). The positional
            ``args`` are the first parent's unless given. The ``doc`` is never inherited.
        abstract: only for inheriting: no class is made and it is not in :data:`REGISTRY`.
        args: positional constructor parameters, ``"text, buttons=None"``.
        options: constructor options with their defaults (sent as a dict).
        methods: signatures, see :func:`parse_methods`.
        kinds: explicit kinds; they may re-kind an inherited method too (``Kind.CUSTOM``
            for one a mixin writes by hand).
        overrides: :class:`MethodSpec` fields per method, for own or inherited methods.
        callbacks: space-separated action names.
        sync: browser callbacks that update state (``{"activated": (SyncRule("state",
            "set_state"),)}``).
        post_keys: state keys replayed after every widget's structure (tab index,
            splitter sizes).
    """
    parents = [spec_named(p) for p in (("widget",) if inherit is None else inherit)]
    lineage: list[str] = []
    merged_methods: dict[str, MethodSpec] = {}
    merged_callbacks: set[str] = set()
    merged_sync: dict[str, tuple[Rule, ...]] = {}
    merged_post: set[str] = set()
    merged_defaults: dict[str, Any] = {}
    merged_options: dict[str, Any] = {}
    for p in parents:
        for ancestor in (p.name, *p.lineage):
            if ancestor not in lineage:
                lineage.append(ancestor)
        merged_methods.update(p.methods)
        merged_callbacks |= p.callbacks
        merged_sync.update(p.sync)
        merged_post |= p.post_keys
        merged_defaults.update(p.defaults)
        merged_options.update(p.options)
    kinds = dict(kinds or {})
    overrides = dict(overrides or {})
    parsed = parse_methods(methods, kinds, **overrides)
    # a getter pairs with an inherited setter too (get_text after the base's set_text)
    known = set(merged_methods) | set(parsed)
    for mname, mspec in list(parsed.items()):
        if mspec.kind is Kind.QUERY and mname not in kinds and "set_" + mname[4:] in known:
            parsed[mname] = replace(mspec, kind=Kind.GETTER, key=mname[4:])
    # kinds and overrides naming inherited methods change them for this spec only
    for mname in (set(kinds) | set(overrides)) - set(parsed):
        if mname not in merged_methods:
            raise ValueError(f"define({name!r}): kinds/overrides name unknown method {mname!r}")
        changes = dict(overrides.get(mname, {}))
        if mname in kinds:
            changes["kind"] = kinds[mname]
            if kinds[mname] not in (Kind.SETTER, Kind.GETTER):
                changes.setdefault("key", None)
        parsed[mname] = replace(merged_methods[mname], **changes)
    merged_methods.update(parsed)
    merged_callbacks.update(callbacks.split())
    merged_sync.update(sync or {})
    merged_post.update(post_keys)
    merged_defaults.update(defaults or {})
    merged_options.update(options or {})
    spec = WidgetSpec(
        name=name,
        args=parents[0].args if args is None and parents else _params(args or ""),
        options=merged_options,
        methods=merged_methods,
        callbacks=frozenset(merged_callbacks),
        sync=merged_sync,
        post_keys=frozenset(merged_post),
        defaults=merged_defaults,
        doc=doc,
        lineage=tuple(lineage),
        abstract=abstract,
    )
    if name in REGISTRY or name in ABSTRACT:
        raise ValueError(f"widget spec {name!r} is defined twice")
    (ABSTRACT if abstract else REGISTRY)[name] = spec
    return spec


#: hand-written method classes by the spec name they were registered for
MIXINS: dict[str, list[type]] = {}

C = TypeVar("C", bound=type)


def mixin(*names: str) -> Callable[[C], C]:
    """Register a class of hand-written methods for the specs ``names`` (decorator).

    ``@mixin("ToggleButton", "ToolBarAction")``. A class gets the mixins of its own spec
    and of every spec it inherits, as base classes (:func:`mixins_for`); register them
    before the class is first used (in the defs module that defines the spec).
    """
    if not names:
        raise TypeError("mixin() needs at least one spec name")

    def register(cls: C) -> C:
        for name in names:
            MIXINS.setdefault(name, []).append(cls)
        return cls

    return register


def mixins_for(spec: WidgetSpec) -> tuple[type, ...]:
    """The mixins of ``spec``'s class: its own first, then its ancestors', nearest first.

    A mixin that is a base class of another one already listed is left to inheritance
    (listing it again would make the method resolution order inconsistent).
    """
    found: list[type] = []
    for name in (spec.name, *spec.lineage):
        for cls in MIXINS.get(name, ()):
            if cls not in found:
                found.append(cls)
    return tuple(c for c in found if not any(o is not c and issubclass(o, c) for o in found))
