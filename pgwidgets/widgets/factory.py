"""Widget classes built from specs, and the per-session factory namespace.

Classes are made once per process from :data:`spec.REGISTRY`; both facades use the very
same classes (their methods only talk to the :class:`SessionBinding`). Hand-written
methods come from mixins: plain classes registered with :func:`mixin` for one or more
specs. A class gets the mixins of its own spec and of every spec it inherits (its
``lineage``), as ordinary base classes, so a method written once for ``widget``
(``get_size``) or for ``ToggleButton`` reaches every class that inherits it, and mixins
share code among themselves by ordinary inheritance. A spec method that a mixin (or one
of its bases) defines is not generated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pgwidgets.widgets.base import Widget, make_method
from pgwidgets.widgets.spec import REGISTRY, Kind, WidgetSpec

__all__ = ["WidgetNamespace", "all_classes", "mixin", "widget_class"]

_MIXINS: dict[str, list[type]] = {}
_CLASSES: dict[str, type[Widget]] = {}

C = TypeVar("C", bound=type)


def mixin(*names: str) -> Callable[[C], C]:
    """Register a class of hand-written methods for the specs ``names`` (decorator).

    ``@mixin("ToggleButton", "ToolBarAction")``; specs inheriting one of them get it too.
    """
    if not names:
        raise TypeError("mixin() needs at least one spec name")

    def register(cls: C) -> C:
        for name in names:
            if name in _CLASSES:
                raise RuntimeError(f"mixin for {name!r} registered after its class was built")
            _MIXINS.setdefault(name, []).append(cls)
        return cls

    return register


def mixins_for(spec: WidgetSpec) -> tuple[type, ...]:
    """The mixins of ``spec``'s class: its own first, then its ancestors', nearest first.

    A mixin that is a base class of another one already listed is left to inheritance
    (listing it again would make the method resolution order inconsistent).
    """
    found: list[type] = []
    for name in (spec.name, *spec.lineage):
        for cls in _MIXINS.get(name, ()):
            if cls not in found:
                found.append(cls)
    return tuple(c for c in found if not any(o is not c and issubclass(o, c) for o in found))


def _defines(mixins: tuple[type, ...], name: str) -> bool:
    return any(name in vars(k) for c in mixins for k in c.__mro__ if k is not object)


def _build(spec: WidgetSpec) -> type[Widget]:
    mixins = mixins_for(spec)
    namespace: dict[str, Any] = {
        "spec": spec,
        "__doc__": spec.doc or f"{spec.name} widget.",
        "__module__": "pgwidgets.widgets",
    }
    for name, m in spec.methods.items():
        if _defines(mixins, name):
            continue
        if m.kind in (Kind.FACTORY, Kind.CUSTOM):
            raise TypeError(f"{spec.name}.{name} is {m.kind.value}: a mixin must define it")
        namespace[name] = make_method(spec, m)
    return type(spec.name, (*mixins, Widget), namespace)


def widget_class(name: str) -> type[Widget]:
    """The proxy class for widget ``name``."""
    cls = _CLASSES.get(name)
    if cls is None:
        _load_defs()
        cls = _CLASSES[name] = _build(REGISTRY[name])
    return cls


def all_classes() -> dict[str, type[Widget]]:
    """Every widget class by name."""
    _load_defs()
    return {name: widget_class(name) for name in REGISTRY}


def _load_defs() -> None:
    import pgwidgets.widgets.defs  # noqa: F401  (fills REGISTRY and mixins)


class WidgetNamespace:
    """``session.get_widgets()``: one factory per class, with the session pre-bound.

    ``Widgets.Label("hi")`` is ``Label(session, "hi")``. Classes registered with
    ``app.register_widget`` are added under their name.
    """

    def __init__(self, session: Any, extra: dict[str, type] | None = None) -> None:
        self._session = session
        self._classes: dict[str, type] = {**all_classes(), **(extra or {})}

    def __getattr__(self, name: str) -> Callable[..., Any]:
        try:
            cls = self.__dict__["_classes"][name]
        except KeyError:
            raise AttributeError(f"no widget class {name!r}") from None
        session = self.__dict__["_session"]

        def make(*args: Any, **kwargs: Any) -> Any:
            return cls(session, *args, **kwargs)

        make.__name__ = name
        make.__doc__ = cls.__doc__
        return make

    def __dir__(self) -> list[str]:
        return sorted(self._classes)
