"""Window stacking in Chromium: which window is in front survives a reload.

The user's raises (a press in a window) and Python's ``show``/``raise_``/``lower`` are
kept in Python (``protocol/stacking.py``); the rebuild raises the windows bottom-first.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.gui_helpers import call, probe, round_trip

__all__: list[str] = []

pytestmark = pytest.mark.browser

Z_ORDER = """(names) => names.map((n) => Number(getComputedStyle(
    document.querySelector(`[data-name="${n}"]`)).zIndex))"""


def front_to_back(g: Any, *names: str) -> list[str]:
    """The named windows, frontmost first, as the page stacks them now."""
    z = g.page.evaluate(Z_ORDER, list(names))
    return [n for _, n in sorted(zip(z, names, strict=True), reverse=True)]


def test_user_and_python_raises_survive_reload(any_gui: Any) -> None:
    g = any_gui
    W = g.W

    def build() -> tuple[Any, Any]:
        wins = []
        for name, x, y in (("A", 600, 100), ("B", 680, 170)):
            win = W.TopLevel(title=f"window {name}")
            win.set_name(name)
            win.resize(220, 140)
            win.set_position(x, y)  # B covers A's body, not its title
            win.set_widget(W.Label(f"inside {name}"))
            win.show()
            wins.append(win)
        return wins[0], wins[1]

    a, b = call(g, build)
    g.show(probe(g))  # a third window ("Test"), shown last
    page = g.page
    page.get_by_text("inside B").wait_for()
    assert front_to_back(g, "A", "B") == ["B", "A"]

    # the user brings A to the front with a press on its title bar
    page.get_by_text("window A").click()
    assert front_to_back(g, "A", "B") == ["A", "B"]
    round_trip(g)  # Python has heard of it (this raises the probe's window too)
    g.reload()
    assert front_to_back(g, "A", "B") == ["A", "B"]

    # Python raises B, then lowers it under everything
    call(g, b.raise_)
    page.wait_for_function(f"() => ({Z_ORDER})(['A', 'B']).reduce((x, y) => y - x) > 0")
    g.reload()
    assert front_to_back(g, "A", "B") == ["B", "A"]
    call(g, b.lower)
    page.wait_for_function(f"() => ({Z_ORDER})(['A', 'B']).reduce((x, y) => y - x) < 0")
    g.reload()
    assert front_to_back(g, "A", "B") == ["A", "B"]
