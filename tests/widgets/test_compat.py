"""Compatibility with the reference widget API (pgwidgets-js ``defs.py``).

``reference_api.json`` lists, for every class issue 5 covers, the reference's positional
constructor args, options, methods (with parameter names) and callbacks. Code written for
the reference must run unchanged here, so for each class this checks that:

* the class exists (``pgwidgets.sync.Widgets`` and ``factory.all_classes()``);
* every method exists and accepts the reference's positional arguments, in order
  (extra *optional* parameters are allowed; a parameter we require that the reference
  does not pass is not);
* every option and positional arg is accepted by the constructor (and lands in the
  options sent to the browser, not in some other slot);
* every callback name is accepted by ``widget.on(...)``.

No browser: widgets are built in a headless session (``Application.create_session``).
A class that a family developer has not landed yet fails here on purpose.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

__all__: list[str] = []

REFERENCE: dict[str, Any] = json.loads(
    (Path(__file__).with_name("reference_api.json")).read_text(encoding="utf-8")
)
CLASSES: dict[str, dict[str, Any]] = REFERENCE["classes"]
SHARED: dict[str, Any] = REFERENCE["shared"]
NOT_APPLICABLE: dict[str, str] = REFERENCE["not_applicable"]


def reference_methods(name: str) -> dict[str, list[str]]:
    """Every method the reference gives class ``name``: its own plus its base's."""
    ref = CLASSES[name]
    if ref["base"] == "nonvisual":
        base = dict(SHARED["nonvisual_methods"])
    elif ref["base"] == "container":
        base = {**SHARED["widget_methods"], **SHARED["container_methods"]}
    else:
        base = dict(SHARED["widget_methods"])
    return {**base, **ref["methods"]}


def reference_callbacks(name: str) -> list[str]:
    """Every callback the reference gives class ``name`` (base callbacks included)."""
    ref = CLASSES[name]
    extra: list[str] = []
    if ref["base"] != "nonvisual":
        extra += SHARED["visual_callbacks"]
    if ref["base"] == "container":
        extra += SHARED["container_callbacks"]
    return sorted(set(ref["callbacks"]) | set(extra))


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    """A headless session: widgets are mirrored in Python, nothing is sent anywhere."""
    from pgwidgets.sync import Application

    app = Application(ws_port=0)
    yield app.create_session()


def our_class(name: str) -> Any:
    from pgwidgets.widgets.factory import all_classes

    classes = all_classes()
    if name not in classes:
        pytest.fail(f"{name}: class missing (not defined in pgwidgets/widgets/defs yet)")
    return classes[name]


def positional_range(cls: Any, method: str) -> tuple[int, float]:
    """How many positional arguments ``cls.method`` accepts: ``(required, maximum)``.

    Spec-generated methods take ``*args`` and check them against the spec's params, so
    the spec is the truth for them; hand-written ones (mixins, the base class) are read
    with ``inspect.signature``.
    """
    fn = getattr(cls, method)
    spec_m = cls.spec.methods.get(method)
    generated = (
        spec_m is not None
        and _takes_varargs(fn)
        and getattr(fn, "__qualname__", "") == f"{cls.spec.name}.{method}"
    )
    if generated:
        return sum(1 for p in spec_m.params if p.required), len(spec_m.params)
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())[1:]  # drop self
    required = 0
    maximum: float = 0
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            maximum = float("inf")
        elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            maximum += 1
            if p.default is p.empty:
                required += 1
    return required, maximum


def _takes_varargs(fn: Any) -> bool:
    try:
        return any(p.kind is p.VAR_POSITIONAL for p in inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return False


# ------------------------------------------------------------------------- tests
def test_reference_lists_the_issue_5_classes() -> None:
    """The data file covers exactly the families' classes (guards against typos in it)."""
    families = REFERENCE["families"]
    listed = sorted(n for names in families.values() for n in names)
    assert listed == sorted(CLASSES)
    assert len(CLASSES) == 42
    for name, ref in CLASSES.items():
        assert ref["base"] in ("widget", "container", "nonvisual"), name
        assert all(isinstance(p, list) for p in ref["methods"].values()), name


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_class_exists(name: str) -> None:
    import pgwidgets.async_.Widgets as AW
    import pgwidgets.sync.Widgets as SW

    cls = our_class(name)
    assert getattr(SW, name) is cls
    assert getattr(AW, name) is cls


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_methods_exist_with_compatible_signatures(name: str) -> None:
    cls = our_class(name)
    problems = []
    for method, ref_params in sorted(reference_methods(name).items()):
        if method in NOT_APPLICABLE:
            continue
        if not callable(getattr(cls, method, None)):
            problems.append(f"{method}: missing")
            continue
        required, maximum = positional_range(cls, method)
        n = len(ref_params)
        if maximum < n:
            problems.append(
                f"{method}({', '.join(ref_params)}): accepts only {maximum} positional argument(s)"
            )
        elif required > n:
            problems.append(
                f"{method}({', '.join(ref_params)}): requires {required} "
                f"argument(s), the reference passes at most {n}"
            )
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_constructor_accepts_options_and_args(name: str, session: Any) -> None:
    cls = our_class(name)
    ref = CLASSES[name]
    problems = []
    for i, arg in enumerate(ref["args"]):
        # positionally, in the reference's order
        try:
            w = cls(session, *([None] * (i + 1)))
        except TypeError as exc:
            problems.append(f"positional arg {i} ({arg}): {exc}")
            continue
        w.destroy()
    for option in ref["options"]:
        value = cls.spec.options.get(option)
        try:
            w = cls(session, **{option: value})
        except TypeError as exc:
            problems.append(f"option {option}: {exc}")
            continue
        wid = w.wid
        rec = session._read(lambda core, wid=wid: core.widgets[wid])
        arg_names = [p.name for p in cls.spec.args]
        if option not in rec.options and option not in arg_names:
            problems.append(f"option {option}: accepted but not sent as an option")
        w.destroy()
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_callbacks_accepted_by_on(name: str, session: Any) -> None:
    cls = our_class(name)
    w = cls(session)
    problems = []
    for action in reference_callbacks(name):
        try:
            w.on(action, lambda *a: None)
        except ValueError as exc:
            problems.append(str(exc).split(" (it has")[0])
    w.destroy()
    assert not problems, f"{name}: " + "; ".join(problems)


def test_destroyed_widget_rejects_calls(session: Any) -> None:
    """The reference's ``destroy`` exists on every class and ends the proxy's life."""
    from pgwidgets.exceptions import InvalidState

    label = our_class("Label")(session, "x")
    label.destroy()
    with pytest.raises(InvalidState):
        label.set_text("y")


def test_widget_docs_are_current() -> None:
    """``docs/widgets.md``'s reference tables match the specs (regenerate if this fails)."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "widget_docs", root / "scripts" / "widget_docs.py"
    )
    assert spec is not None and spec.loader is not None
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    text = (root / "docs" / "widgets.md").read_text(encoding="utf-8")
    assert "<!-- BEGIN generated:controls -->" in text
    assert docs.generate(text) == text, "docs/widgets.md is stale: python scripts/widget_docs.py"
    from pgwidgets.widgets.factory import all_classes

    for name in all_classes():
        assert f"### {name}\n" in text, f"{name} is not documented"
