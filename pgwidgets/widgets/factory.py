"""Widget classes built from specs, and the per-session factory namespace.

Classes are made once per process from :data:`spec.REGISTRY`; both facades use the very
same classes (their methods only talk to the :class:`SessionBinding`). Hand-written
methods for a class come from a mixin registered with :func:`mixin`; those every visual
widget shares (``get_size``) from :class:`~pgwidgets.widgets.measured.VisualMethods`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pgwidgets.widgets.base import Widget, make_method
from pgwidgets.widgets.measured import VisualMethods
from pgwidgets.widgets.spec import REGISTRY, Kind, WidgetSpec

__all__ = ["WidgetNamespace", "all_classes", "mixin", "widget_class"]

_MIXINS: dict[str, type] = {}
_CLASSES: dict[str, type[Widget]] = {}

C = TypeVar("C", bound=type)


def mixin(name: str) -> Callable[[C], C]:
    """Register hand-written methods for widget class ``name`` (decorator)."""

    def register(cls: C) -> C:
        _MIXINS[name] = cls
        return cls

    return register


def _build(spec: WidgetSpec) -> type[Widget]:
    extra = _MIXINS.get(spec.name)
    mixins = tuple(c for c in (extra, VisualMethods if spec.visual else None) if c is not None)
    namespace: dict[str, Any] = {
        "spec": spec,
        "__doc__": spec.doc or f"{spec.name} widget.",
        "__module__": "pgwidgets.widgets",
    }
    for name, m in spec.methods.items():
        if any(name in vars(c) for c in mixins):
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
