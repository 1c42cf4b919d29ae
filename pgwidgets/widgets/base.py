"""The widget proxy base class and the method implementations, one per method kind.

Every widget method of both facades is one of the functions made by :func:`make_method`
from its :class:`MethodSpec`; hand-written methods (menus' ``add_name``, ...) live in mixins
and use the same :class:`SessionBinding` primitives. Nothing here waits: waiting is the
facade's business (``_done``/``_query``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any, ClassVar

from pgwidgets.exceptions import InvalidState
from pgwidgets.widgets.binding import SessionBinding
from pgwidgets.widgets.ready import resolved
from pgwidgets.widgets.spec import _NO_DEFAULT, Kind, MethodSpec, Param, WidgetSpec

__all__ = ["Widget", "bind_args", "make_method", "public_callbacks"]


#: what the shared getters answer before any setter (the reference's defaults)
_BASE_DEFAULTS: dict[str, Any] = {"enabled": True, "expanding": (False, False)}


def _is_widget(value: object) -> bool:
    return isinstance(getattr(value, "_pgw_wid", None), int)


def bind_args(
    where: str, params: tuple[Param, ...], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> list[Any]:
    """Place positional and keyword arguments into the parameter slots.

    Skipped optional slots get their default; a trailing ``options`` parameter collects
    unknown keywords into its dict (the reference's convention).

    Raises:
        TypeError: too many arguments, an unknown keyword, or a required one missing.
    """
    if not kwargs and len(args) <= len(params):
        # the common call (positional only): no names to place, no options to merge
        values: list[Any] = list(args)
        for p in params[len(args) :]:
            if p.required:
                raise TypeError(f"{where}() missing required argument {p.name!r}")
            values.append(p.default)
        return values
    if len(args) > len(params):
        raise TypeError(f"{where}() takes {len(params)} arguments, {len(args)} given")
    values = list(args) + [_NO_DEFAULT] * (len(params) - len(args))
    leftovers: dict[str, Any] = {}
    names = [p.name for p in params]
    for key, value in kwargs.items():
        if key in names:
            i = names.index(key)
            if values[i] is not _NO_DEFAULT:
                raise TypeError(f"{where}() got multiple values for {key!r}")
            values[i] = value
        else:
            leftovers[key] = value
    if leftovers:
        if not names or names[-1] != "options":
            raise TypeError(
                f"{where}() got unexpected keyword(s) {sorted(leftovers)}; parameters are {names}"
            )
        opts = values[-1]
        if opts is _NO_DEFAULT or opts is None:
            opts = {}
        elif isinstance(opts, str):
            opts = {"text": opts}
        values[-1] = {**opts, **leftovers}
    for i, p in enumerate(params):
        if values[i] is _NO_DEFAULT:
            if p.required:
                raise TypeError(f"{where}() missing required argument {p.name!r}")
            values[i] = p.default
    return values


def make_method(spec: WidgetSpec, m: MethodSpec) -> Callable[..., Any]:
    """Build the Python method for one spec method."""
    where = f"{spec.name}.{m.name}"
    wire = m.wire_name or m.name
    kind = m.kind

    if kind is Kind.SETTER:
        key = m.key or m.name

        def setter(self: Widget, *args: Any, **kwargs: Any) -> Any:
            values = bind_args(where, m.params, args, kwargs)
            wid = self._wid_checked()
            self.session._send(lambda core: core.set_state(wid, key, wire, values))
            return self.session._done(None)

        fn: Callable[..., Any] = setter

    elif kind is Kind.GETTER:
        key = m.key or m.name[4:]

        def getter(self: Widget) -> Any:
            return self._get(key)

        fn = getter

    elif kind in (Kind.ACTION, Kind.REPLAY):
        replay = kind is Kind.REPLAY

        def action(self: Widget, *args: Any, **kwargs: Any) -> Any:
            values = bind_args(where, m.params, args, kwargs)
            wid = self._wid_checked()
            self.session._send(
                lambda core: core.action(
                    wid, wire, values, replay=replay, forget=m.forget, reset_keys=m.resets
                )
            )
            return self.session._done(None)

        fn = action

    elif kind is Kind.QUERY:

        def query(self: Widget, *args: Any, **kwargs: Any) -> Any:
            values = bind_args(where, m.params, args, kwargs)
            return self.session._query(self._wid_checked(), wire, values)

        fn = query

    elif kind in (Kind.CHILD, Kind.SINGLE):
        single = kind is Kind.SINGLE

        def child(self: Widget, *args: Any, **kwargs: Any) -> Any:
            values = bind_args(where, m.params, args, kwargs)
            kids = [v for v in values if _is_widget(v)]
            if not kids:
                raise TypeError(f"{where}() needs a widget argument")
            kid: Widget = kids[0]
            if kid.session is not self.session:
                raise InvalidState(f"{where}(): the child belongs to another session")
            if kid is self:
                raise InvalidState(f"{where}(): a widget cannot contain itself")
            wid, cwid = self._wid_checked(), kid._wid_checked()
            self.session._send(lambda core: core.add_child(wid, wire, cwid, values, single=single))
            return self.session._done(None)

        fn = child

    elif kind is Kind.REMOVE:

        def remove(self: Widget, child: Widget, destroy: bool = False) -> Any:
            wid, cwid = self._wid_checked(), child._wid_checked()

            def apply(core: Any) -> list[int]:
                core.remove_child(wid, cwid, wire)
                return core.destroy(cwid) if destroy else []

            self.session._release(self.session._send(apply))
            return self.session._done(None)

        fn = remove

    elif kind is Kind.REMOVE_ALL:

        def remove_all(self: Widget, destroy: bool = False) -> Any:
            wid = self._wid_checked()

            def apply(core: Any) -> list[int]:
                released: list[int] = []
                for cwid in core.children(wid):
                    core.remove_child(wid, cwid, "remove")
                    if destroy:
                        released += core.destroy(cwid)
                return released

            self.session._release(self.session._send(apply))
            return self.session._done(None)

        fn = remove_all

    else:
        raise TypeError(f"{where}: kind {kind} needs a hand-written method (use a mixin)")
    fn.__name__ = m.name
    fn.__qualname__ = f"{spec.name}.{m.name}"
    fn.__doc__ = f"{m.name}({', '.join(p.name for p in m.params)}) [{kind.value}]"
    return fn


class Widget:
    """Base of every widget proxy. Subclasses are generated from a :class:`WidgetSpec`.

    Constructor: ``Cls(session, *args, **kwargs)``. Positional values fill the spec's
    positional args, then its options in order; keywords naming an arg or option go there;
    any other keyword ``k=v`` becomes a ``set_k(v)`` call after creation (so
    ``VBox(spacing=8)`` works), and a keyword with no such setter raises ``TypeError``.
    """

    spec: ClassVar[WidgetSpec]
    #: the class of another widget by name (set by the factory on every class): how a
    #: mixin that creates widgets (``Menu.add_name``) finds them without importing it
    _class_named: ClassVar[Callable[[str], type[Widget]]]

    def __init__(self, session: SessionBinding, *args: Any, **kwargs: Any) -> None:
        spec = type(self).spec
        ctor_args, options, extra = _bind_constructor(spec, args, kwargs)
        #: the session this widget lives in
        self.session: Any = session
        self._pgw_wid: int | None = session._register(self, spec, ctor_args, options)
        for name, value in extra.items():
            setter = getattr(self, "set_" + name)
            nparams = len(spec.methods["set_" + name].params)
            if isinstance(value, (tuple, list)) and nparams > 1:
                setter(*value)
            else:
                setter(value)

    # -- identity ----------------------------------------------------------------
    @property
    def wid(self) -> int | None:
        """The widget id (None once destroyed)."""
        return self._pgw_wid

    def _wid_checked(self) -> int:
        if self._pgw_wid is None:
            raise InvalidState(f"{type(self).__name__} has been destroyed")
        return self._pgw_wid

    def __repr__(self) -> str:
        return f"<{type(self).__name__} wid={self._pgw_wid}>"

    def __await__(self) -> Generator[Any, None, Widget]:
        """``await Widgets.Label("x")`` in the async API: construction never waits."""
        return resolved(self)

    # -- state -------------------------------------------------------------------
    def _get(self, key: str) -> Any:
        """A getter's answer, from Python state: last setter, else constructor, else default."""
        wid = self._wid_checked()
        # one locked read: the mirror changes under the loop thread (browser callbacks)
        entry, args, options = self.session._read(lambda core: core.setting(wid, key))
        spec = type(self).spec
        if key == "visible":
            return spec.defaults.get("visible", True) if entry is None else entry.method == "show"
        if entry is not None:
            values = entry.args  # StateEntry.value, inlined: getters are hot
            return values[0] if len(values) == 1 else tuple(values)
        if key in options:
            return options[key]
        for i, p in enumerate(spec.args):
            if p.name == key and i < len(args) and args[i] is not None:
                return args[i]
        if key in spec.defaults:
            return spec.defaults[key]
        return spec.options.get(key, _BASE_DEFAULTS.get(key))

    # -- callbacks ---------------------------------------------------------------
    def _check_action(self, action: str) -> None:
        # ``_name`` callbacks are internal channels (state sync only), not for users
        if action.startswith("_") or action not in type(self).spec.callbacks:
            known = ", ".join(sorted(public_callbacks(type(self).spec))) or "none"
            raise ValueError(f"{type(self).__name__} has no callback {action!r} (it has: {known})")

    def on(self, action: str, handler: Callable[..., Any], *extra: Any, **kwargs: Any) -> Any:
        """Call ``handler(*callback_args, *extra, **kwargs)`` when ``action`` happens."""
        self._check_action(action)
        self.session._add_handler(self._wid_checked(), action, handler, extra, kwargs, False)
        return self.session._done(None)

    def add_callback(
        self, action: str, handler: Callable[..., Any], *extra: Any, **kwargs: Any
    ) -> Any:
        """Call ``handler(widget, *callback_args, *extra, **kwargs)`` on ``action``."""
        self._check_action(action)
        self.session._add_handler(self._wid_checked(), action, handler, extra, kwargs, True)
        return self.session._done(None)

    def remove_callback(self, action: str, handler: Callable[..., Any] | None = None) -> int:
        """Unregister ``handler`` (or every handler) for ``action``; returns how many."""
        self._check_action(action)
        removed: int = self.session._remove_handler(self._wid_checked(), action, handler)
        return removed

    def has_callback(self, action: str) -> bool:
        """Tell whether this class has the (public) callback ``action``."""
        return action in public_callbacks(type(self).spec)

    # -- tree --------------------------------------------------------------------
    def get_children(self) -> list[Widget]:
        """Child widgets, in the order they were added (local, no browser round trip)."""
        wid = self._wid_checked()
        kids = self.session._read(lambda core: core.children(wid))
        return [p for p in map(self.session._proxy, kids) if p is not None]

    def num_children(self) -> int:
        return len(self.get_children())

    def is_container(self) -> bool:
        return type(self).spec.is_a("container")

    def get_parent(self) -> Widget | None:
        wid = self._wid_checked()
        parent = self.session._read(lambda core: core.parent_of(wid))
        return None if parent is None else self.session._proxy(parent)

    def destroy(self) -> Any:
        """Destroy this widget and its children, in Python and in every browser."""
        if self._pgw_wid is None:
            return self.session._done(None)
        wid = self._pgw_wid
        self.session._release(self.session._send(lambda core: core.destroy(wid)))
        return self.session._done(None)

    def batch(self) -> Any:
        """Compatibility: every call is already batched per event-loop turn."""
        return self.session.batch()


def public_callbacks(spec: WidgetSpec) -> frozenset[str]:
    """The callbacks users may register: not the internal ``_name`` sync channels."""
    return frozenset(c for c in spec.callbacks if not c.startswith("_"))


def _bind_constructor(
    spec: WidgetSpec, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[list[Any], dict[str, Any], dict[str, Any]]:
    if not kwargs and len(args) <= len(spec.args):
        # the common call (positional constructor arguments only): no options, no setters
        return (
            list(args) + [p.default if not p.required else None for p in spec.args[len(args) :]],
            {},
            {},
        )
    arg_names = [p.name for p in spec.args]
    opt_names = list(spec.options)
    slots = arg_names + opt_names
    if len(args) > len(slots):
        raise TypeError(
            f"{spec.name}() takes at most {len(slots)} positional arguments "
            f"({', '.join(slots)}), {len(args)} given"
        )
    ctor: list[Any] = [p.default if not p.required else None for p in spec.args]
    options: dict[str, Any] = {}
    if (
        len(args) == len(arg_names) + 1
        and isinstance(args[-1], dict)
        and args[-1]
        and all(k in spec.options for k in args[-1])
    ):
        # the JS convention ``new Cls(arg, ..., {options})``: a dict right after the
        # positional args whose keys are all option names is the options dict
        options.update(args[-1])
        args = args[:-1]
    for i, value in enumerate(args):
        if i < len(arg_names):
            ctor[i] = value
        elif value is not None:
            options[opt_names[i - len(arg_names)]] = value
    extra: dict[str, Any] = {}
    for key, value in kwargs.items():
        if key in arg_names:
            ctor[arg_names.index(key)] = value
        elif key in spec.options:
            options[key] = value
        elif isinstance(options_dict := value, dict) and key == "options":
            options.update(options_dict)
        elif "set_" + key in spec.methods and spec.methods["set_" + key].kind is Kind.SETTER:
            extra[key] = value
        else:
            raise TypeError(
                f"{spec.name}() got an unexpected keyword {key!r}: it is neither "
                f"an argument, an option ({', '.join(opt_names) or 'none'}) "
                f"nor has a set_{key}() method"
            )
    unknown = [k for k in options if k not in spec.options]
    if unknown:
        raise TypeError(f"{spec.name}() got unknown option(s) {unknown}")
    return ctor, options, extra
