"""Splitter.get_sizes() follows the browser's layout: measured pane sizes, from Python state.

The browser reports pane sizes on the internal ``_sizes`` channel when the splitter is
first laid out and when the layout changes them later (never for a Python ``set_sizes``,
never during a drag, at most once per frame). These tests watch the reports on the page's
WebSocket (an init script wraps ``WebSocket.prototype.send``), wait for them, then click a
probe button: once its callback is in, Python has handled every report sent before it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from pgwidgets.protocol import SessionCore
from pgwidgets.widgets.base import public_callbacks
from pgwidgets.widgets.factory import widget_class
from tests.gui_helpers import call, probe, round_trip

#: records the ``args`` of every ``_sizes`` callback the page sends, in order
RECORD_SIZES = """
(() => {
  if (window.__pgwSizes) return;
  window.__pgwSizes = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"_sizes"')) {
      const msg = JSON.parse(data);
      if (msg.action === '_sizes') window.__pgwSizes.push(msg.args);
    }
    return send.call(this, data);
  };
})();
"""

#: resolves after three animation frames: a layout change seen by the ResizeObserver in
#: the first has been measured (and any report sent) by the third
FRAMES = """() => new Promise((done) => {
  let n = 3;
  const tick = () => (--n ? requestAnimationFrame(tick) : done(null));
  requestAnimationFrame(tick);
})"""

PANE_SIZES = """(vertical) => [...document.querySelectorAll('.pgw-splitter-pane')]
  .map((p) => vertical ? p.offsetHeight : p.offsetWidth)"""


def record_reports(g: Any) -> None:
    """Record ``_sizes`` reports in this page and in every page loaded after it."""
    g.page.add_init_script(RECORD_SIZES)
    g.page.evaluate(RECORD_SIZES)


def reports(g: Any) -> list[list[Any]]:
    return g.page.evaluate("window.__pgwSizes")


def wait_reports(g: Any, count: int) -> list[Any]:
    """Wait until the page has sent ``count`` reports and Python has handled them."""
    g.page.wait_for_function("(n) => window.__pgwSizes.length >= n", arg=count)
    round_trip(g)
    return reports(g)


def pane_sizes(g: Any, vertical: bool = False) -> list[int]:
    return g.page.evaluate(PANE_SIZES, vertical)


def settle(g: Any) -> None:
    """Let pending layout work finish in the page (frames, not a timer), then round-trip."""
    g.page.evaluate(FRAMES)
    round_trip(g)


def build(g: Any, panes: int = 2, *, width: int = 480, vertical: bool = False) -> tuple[Any, Any]:
    """A splitter with labelled panes that widens with its window, plus a probe; shown."""

    def make() -> Any:
        sp = g.W.Splitter(orientation="vertical" if vertical else "horizontal")
        for i in range(panes):
            sp.add_widget(g.W.Label(f"pane {i}"))
        sp.resize(None, 200 if vertical else 80)
        sp.on("sizing", g.record("sizing"))
        return sp

    sp = call(g, make)
    top = g.show(sp, probe(g), width=width)
    expect(g.page.locator(".pgw-splitter-pane")).to_have_count(panes)
    return sp, top


# ------------------------------------------------------------------ measured sizes
def test_get_sizes_is_the_laid_out_pixel_sizes_then_follows_a_window_resize(any_gui: Any) -> None:
    g = any_gui
    record_reports(g)
    sp, top = build(g, 3)
    [(sizes, basis)] = wait_reports(g, 1)
    dom = pane_sizes(g)
    assert all(px > 0 for px in dom)
    assert sp.get_sizes() == sizes == dom
    assert basis is None  # no set_sizes: measured against nothing
    g.assert_no_event()  # round_trip saw no ``sizing`` before the probe

    call(g, lambda: top.resize(640, 360))  # 160 px wider: the panes share it
    [_, (sizes2, _)] = wait_reports(g, 2)
    dom2 = pane_sizes(g)
    assert sp.get_sizes() == sizes2 == dom2
    assert sum(dom2) == pytest.approx(sum(dom) + 160, abs=3)  # 3 panes, each rounded
    settle(g)
    assert len(reports(g)) == 2  # one report per change, no stream
    g.assert_no_event()


def test_vertical_splitter_reports_heights(gui: Any) -> None:
    record_reports(gui)
    sp, top = build(gui, 2, vertical=True)
    wait_reports(gui, 1)
    assert sp.get_sizes() == pane_sizes(gui, vertical=True)
    assert all(px > 50 for px in sp.get_sizes())
    with pytest.raises(ValueError, match="no callback '_sizes'"):
        sp.on("_sizes", gui.record("measured"))  # internal: not for users' handlers


def test_set_sizes_is_not_measured_back_but_a_later_resize_is(gui: Any) -> None:
    record_reports(gui)
    sp, top = build(gui, 2)
    wait_reports(gui, 1)

    sp.set_sizes([1, 3])
    expect(gui.page.locator(".pgw-splitter-pane").first).to_have_css("flex-grow", "1")
    expect(gui.page.locator(".pgw-splitter-pane").last).to_have_css("flex-grow", "3")
    settle(gui)
    assert len(reports(gui)) == 1  # no echo of what Python set
    assert sp.get_sizes() == [1, 3]

    # a resize right after a set_sizes (same frame in the browser) is still reported,
    # measured against the values Python set
    sp.set_sizes([3, 1])
    top.resize(600, 360)
    [_, (sizes, basis)] = wait_reports(gui, 2)
    assert basis == [3, 1]
    dom = pane_sizes(gui)
    assert sp.get_sizes() == sizes == dom
    assert dom[0] == pytest.approx(3 * dom[1], abs=2)
    settle(gui)
    assert len(reports(gui)) == 2
    gui.assert_no_event()


def test_adding_a_pane_is_reported(gui: Any) -> None:
    record_reports(gui)
    sp, top = build(gui, 2)
    wait_reports(gui, 1)
    sp.add_widget(gui.W.Label("late pane"))
    expect(gui.page.locator(".pgw-splitter-pane")).to_have_count(3)
    [_, (sizes, _)] = wait_reports(gui, 2)
    assert len(sizes) == 3 and sp.get_sizes() == sizes == pane_sizes(gui)


# ------------------------------------------------------------------- drag and keys
def test_a_drag_still_reports_sizing_and_get_sizes_follows_it(gui: Any) -> None:
    record_reports(gui)
    sp, top = build(gui, 2)
    [(before, _)] = wait_reports(gui, 1)

    handle = gui.page.get_by_role("separator", name="Resize panes")
    box = handle.bounding_box()
    y = box["y"] + box["height"] / 2
    gui.page.mouse.move(box["x"] + 2, y)
    gui.page.mouse.down()
    gui.page.mouse.move(box["x"] - 98, y, steps=5)
    gui.page.mouse.up()
    name, (sizes,) = gui.next_event()
    assert name == "sizing"
    assert sizes[0] == pytest.approx(before[0] - 100, abs=2)
    assert sp.get_sizes() == sizes == pane_sizes(gui)

    handle.focus()
    gui.page.keyboard.press("ArrowRight")
    name, (sizes,) = gui.next_event()
    assert name == "sizing" and sp.get_sizes() == sizes == pane_sizes(gui)
    settle(gui)
    assert len(reports(gui)) == 1  # the drag and the key are told by ``sizing`` only

    # a resize after the drag: measured against the drag's sizes, and newer than them
    top.resize(600, 360)
    [_, (measured, basis)] = wait_reports(gui, 2)
    assert basis == sizes
    assert sp.get_sizes() == measured == pane_sizes(gui)
    gui.assert_no_event()


# ------------------------------------------------------------------------- reload
def test_reload_replays_set_sizes_and_drags_never_measurements(gui: Any) -> None:
    record_reports(gui)
    sp, top = build(gui, 2)
    wait_reports(gui, 1)
    rebuild = gui.session._read(lambda core: core.rebuild_messages())
    assert not [
        m
        for m in rebuild
        if m.get("wid") == sp.wid and m["type"] == "call" and m["method"] == "set_sizes"
    ]

    top.resize(640, 360)
    wait_reports(gui, 2)
    gui.reload()  # the new page measures and reports for itself
    [(sizes, basis)] = wait_reports(gui, 1)
    assert basis is None
    panes = gui.page.locator(".pgw-splitter-pane")
    expect(panes.first).to_have_css("flex-grow", "1")  # weights untouched by measurement
    dom = pane_sizes(gui)
    assert sp.get_sizes() == sizes == dom
    assert dom[0] == pytest.approx(dom[1], abs=1)

    # a drag is a setting: replayed, so the proportions survive the next reload
    handle = gui.page.get_by_role("separator", name="Resize panes")
    handle.focus()
    gui.page.keyboard.press("Shift+ArrowLeft")
    _, (dragged,) = gui.next_event()
    top.resize(560, 360)  # measured after the drag: get_sizes follows
    [_, (measured, _)] = wait_reports(gui, 2)
    assert sp.get_sizes() == measured != dragged
    gui.reload()
    [(sizes, basis)] = wait_reports(gui, 1)
    assert basis == dragged
    dom = pane_sizes(gui)
    assert sp.get_sizes() == sizes == dom
    assert dom[0] / sum(dom) == pytest.approx(dragged[0] / sum(dragged), abs=0.01)
    gui.assert_no_event()


# ------------------------------------------------------------- the core, no browser
def _splitter_core() -> tuple[SessionCore, object, int]:
    core = SessionCore()
    conn = object()
    core.attach(conn, resumed=False)
    wid = core.create(widget_class("Splitter").spec, [], {"orientation": "horizontal"})
    core.frames_to_send()
    return core, conn, wid


def _report(core: SessionCore, conn: object, wid: int, *args: Any) -> list[Any]:
    core.receive_text(
        conn, json.dumps({"type": "callback", "wid": wid, "action": "_sizes", "args": list(args)})
    )
    return [m for _, text in core.frames_to_send() for m in json.loads(text)]


def test_a_report_that_crossed_a_set_sizes_is_dropped() -> None:
    core, conn, wid = _splitter_core()
    assert _report(core, conn, wid, [200, 300], None) == []  # nothing echoed or broadcast
    assert core.widgets[wid].state["_sizes"] == ("set_sizes", [[200, 300]])
    core.set_state(wid, "sizes", "set_sizes", [[1, 2]])
    core.frames_to_send()
    _report(core, conn, wid, [210, 290], None)  # measured before set_sizes arrived
    assert core.widgets[wid].state["_sizes"] == ("set_sizes", [[200, 300]])
    _report(core, conn, wid, [166, 334], [1, 2])  # measured after it: current
    assert list(core.widgets[wid].state) == ["sizes", "_sizes"]
    rebuild = [m for m in core.rebuild_messages() if m.get("wid") == wid]
    assert [m["args"] for m in rebuild if m.get("method") == "set_sizes"] == [[[1, 2]]]


def test_a_report_without_its_basis_is_refused() -> None:
    core, conn, wid = _splitter_core()
    [reply] = _report(core, conn, wid, [200, 300])
    assert reply["type"] == "error" and "needs at least 2 arguments" in reply["error"]
    assert "_sizes" not in core.widgets[wid].state


def test_the_channel_is_internal() -> None:
    spec = widget_class("Splitter").spec
    assert "_sizes" in spec.callbacks
    assert "_sizes" not in public_callbacks(spec) and "sizing" in public_callbacks(spec)
