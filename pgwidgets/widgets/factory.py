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
from typing import Any

from pgwidgets.widgets.base import Widget, make_method
from pgwidgets.widgets.spec import REGISTRY, Kind, WidgetSpec, mixin, mixins_for

# ``mixin`` is defined with the specs (spec.py), which the defs modules import; it is
# named here too for code written before it moved
__all__ = ["WidgetNamespace", "all_classes", "mixin", "widget_class"]

_CLASSES: dict[str, type[Widget]] = {}


def _defines(mixins: tuple[type, ...], name: str) -> bool:
    return any(name in vars(k) for c in mixins for k in c.__mro__ if k is not object)


def _build(spec: WidgetSpec) -> type[Widget]:
    mixins = mixins_for(spec)
    namespace: dict[str, Any] = {
        "spec": spec,
        "__doc__": spec.doc or f"{spec.name} widget.",
        "__module__": "pgwidgets.widgets",
        # mixins that create other widgets (Menu.add_name) find their classes here
        "_class_named": staticmethod(widget_class),
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
        cls = _CLASSES[name] = _build(REGISTRY[name])
    return cls


def all_classes() -> dict[str, type[Widget]]:
    """Every widget class by name."""
    return {name: widget_class(name) for name in REGISTRY}


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
