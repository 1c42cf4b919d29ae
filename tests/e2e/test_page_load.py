"""How the page loads the widget library: one bundle from our server, modules elsewhere.

Our server serves ``boot.js`` (it opens the WebSocket at once) and one script made from the
ES modules (``server/bundle.py``); ``?modules`` and every other web server load the modules
themselves. Both must run the same UI, and a widget class first used late must come from
the bundle, not as a second copy of its module from the server.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.test_core_hello import check_hello_works

pytestmark = pytest.mark.browser


def scripts_fetched(page: Any) -> list[str]:
    """Paths under ``js/`` of the scripts this page fetched."""
    names = page.evaluate("performance.getEntriesByType('resource').map((r) => r.name)")
    return sorted(n.split("/js/", 1)[1] for n in names if "/js/" in n)


@pytest.mark.parametrize("query", ["", "?modules"])
def test_bundle_and_modules_run_the_same_ui(
    sync_app: Callable[..., Any], page: Any, query: str
) -> None:
    from tests.e2e.test_core_hello import build_hello

    app = sync_app(build_hello)
    page.goto(app.url + query)
    check_hello_works(page)
    fetched = scripts_fetched(page)
    if query:
        assert {"main.js", "client.js", "widgets/Label.js", "widgets/Box.js"} <= set(fetched)
        assert "pgwidgets-bundle.js" not in fetched
    else:
        assert fetched == ["boot.js", "pgwidgets-bundle.js"], fetched


@pytest.mark.parametrize("query", ["", "?modules"])
def test_a_class_first_used_late_works(sync_app: Callable[..., Any], page: Any, query: str) -> None:
    """A Slider after the first frame: loaded by name (from the bundle, or as a module);
    its base class must be the page's one (one copy of widget.js), or it would not mount."""
    sessions: queue.Queue[Any] = queue.Queue()
    moved: queue.Queue[Any] = queue.Queue()
    app = sync_app(sessions.put)
    page.goto(app.url + query)
    W = sessions.get(timeout=10).get_widgets()
    first = W.TopLevel(title="first")
    first.set_widget(W.Label("first label"))
    first.show()
    expect(page.get_by_text("first label", exact=True)).to_be_visible()
    late = W.TopLevel(title="late")
    slider = W.Slider(orientation="horizontal")
    slider.set_limits(0, 10, 1)
    slider.set_value(7)
    slider.on("activated", moved.put)
    late.set_widget(slider)
    late.show()
    handle = page.get_by_role("slider")
    expect(handle).to_have_value("7")
    handle.focus()
    handle.press("ArrowRight")
    assert moved.get(timeout=10) == 8
    fetched = scripts_fetched(page)
    assert ("widgets/Slider.js" in fetched) == bool(query), fetched
    same_base = page.evaluate(
        "() => { const ws = [...window.pgwidgets.client.widgets.values()];"
        "const base = (name) => Object.getPrototypeOf(Object.getPrototypeOf("
        "ws.find((w) => w.constructor.name === name))).constructor;"
        "return base('Slider') === base('Label'); }"
    )
    assert same_base, "Slider and Label must share one Widget base class"
