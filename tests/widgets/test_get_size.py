"""get_size() is the size a widget really has in the page, answered from Python state.

The first ``get_size()`` of a widget asks the browser once; from then on the browser
reports the widget's size on the internal ``_size`` channel when the layout changes it
(never for a ``resize`` that came out as set, at most once per frame). Windows report from
the start. These tests watch the reports on the page's WebSocket (an init script wraps
``WebSocket.prototype.send``) and the queries the page answers, wait for a report, then
click a probe button: once its callback is in, Python has handled every report before it.
Sizes are compared with the DOM's ``offsetWidth`` / ``offsetHeight`` read by Playwright.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from pgwidgets.exceptions import InvalidState
from pgwidgets.protocol import SessionCore
from pgwidgets.widgets.base import public_callbacks
from pgwidgets.widgets.factory import widget_class
from pgwidgets.widgets.measure import SIZE_CHANNEL
from tests.gui_helpers import call, probe, round_trip

pytestmark = pytest.mark.browser

#: records every ``_size`` report the page sends, as ``[wid, width, height, basis]``
RECORD_REPORTS = """
(() => {
  if (window.__pgwReports) return;
  window.__pgwReports = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"_size"')) {
      const msg = JSON.parse(data);
      if (msg.action === '_size') window.__pgwReports.push([msg.wid, ...msg.args]);
    }
    return send.call(this, data);
  };
})();
"""

#: counts the ``get_size`` queries the page answers (patched on the live client)
COUNT_QUERIES = """() => {
  const client = window.pgwidgets.client;
  window.__pgwQueries = 0;
  const query = client.query.bind(client);
  client.query = (msg) => {
    if (msg.method === 'get_size') window.__pgwQueries += 1;
    return query(msg);
  };
}"""

#: resolves after three animation frames: a layout change seen by the ResizeObserver in
#: the first has been measured (and any report sent) by the third
FRAMES = """() => new Promise((done) => {
  let n = 3;
  const tick = () => (--n ? requestAnimationFrame(tick) : done(null));
  requestAnimationFrame(tick);
})"""


def watch(g: Any) -> None:
    """Record reports in this page and in every page loaded after it; count queries."""
    g.page.add_init_script(RECORD_REPORTS)
    g.page.evaluate(RECORD_REPORTS)
    g.page.evaluate(COUNT_QUERIES)


def reports(g: Any, wid: int | None = None) -> list[list[Any]]:
    """The reports sent so far (``[width, height, basis]``), of one widget or all."""
    sent = g.page.evaluate("window.__pgwReports")
    return [r[1:] for r in sent] if wid is None else [r[1:] for r in sent if r[0] == wid]


def wait_reports(g: Any, wid: int, count: int) -> list[list[Any]]:
    """Wait until widget ``wid`` has sent ``count`` reports and Python has handled them."""
    g.page.wait_for_function(
        "([wid, n]) => window.__pgwReports.filter((r) => r[0] === wid).length >= n",
        arg=[wid, count],
    )
    round_trip(g)
    return reports(g, wid)


def queries(g: Any) -> int:
    return g.page.evaluate("window.__pgwQueries")


def settle(g: Any) -> None:
    """Let pending layout work finish in the page (frames, not a timer), then round-trip."""
    g.page.evaluate(FRAMES)
    round_trip(g)


def named(g: Any, name: str) -> Any:
    return g.page.locator(f'[data-name="{name}"]')


def dom_size(g: Any, name: str) -> tuple[int, int]:
    """The element's laid-out size, as the page measures it."""
    return tuple(named(g, name).evaluate("e => [e.offsetWidth, e.offsetHeight]"))


def size(g: Any, widget: Any) -> Any:
    """``widget.get_size()`` in either API (awaited on the app's loop in the async one)."""
    return call(g, widget.get_size)


def build(g: Any) -> tuple[Any, Any, Any]:
    """A label and a button at their natural size (a row aligned to the top) and a box
    holding a label (as wide as its window), named, shown with a probe button."""

    def make() -> tuple[Any, Any, Any, Any]:
        label = g.W.Label("natural size")
        label.set_name("label")
        button = g.W.Button("Press me")
        button.set_name("button")
        row = g.W.HBox(spacing=8)
        row.set_align("top")
        row.add_widget(label)
        row.add_widget(button)
        box = g.W.VBox()
        box.set_name("box")
        box.add_widget(g.W.Label("inside the box"))
        box.set_padding(5)
        return label, button, box, row

    label, button, box, row = call(g, make)
    g.show(row, box, probe(g))
    expect(named(g, "box")).to_be_visible()
    return label, button, box


def drag(g: Any, locator: Any, dx: float, dy: float) -> None:
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    g.page.mouse.move(x, y)
    g.page.mouse.down()
    g.page.mouse.move(x + dx, y + dy, steps=4)
    g.page.mouse.up()


# ------------------------------------------------------------------ measured sizes
def test_get_size_is_the_laid_out_size_asked_once(any_gui: Any) -> None:
    g = any_gui
    watch(g)
    label, button, box = build(g)
    for widget, name in ((label, "label"), (button, "button"), (box, "box")):
        dom = dom_size(g, name)
        assert dom[0] > 0 and dom[1] > 0
        assert size(g, widget) == dom
    assert queries(g) == 3  # one genuine browser query per widget
    first = size(g, label)
    assert (first.width, first.height) == dom_size(g, "label")
    assert size(g, button) == dom_size(g, "button")
    assert queries(g) == 3  # later calls: Python state, no round trip
    settle(g)
    assert reports(g, label.wid) == []  # nothing changed since the query: no report


def test_unasked_widgets_are_not_measured(gui: Any) -> None:
    watch(gui)
    label, button, box = build(gui)
    assert size(gui, label) == dom_size(gui, "label")
    create = gui.session._read(lambda core: core.widgets[button.wid].create_message())
    assert SIZE_CHANNEL not in create.get("listen", [])
    box_before = dom_size(gui, "box")
    gui.top.resize(620, 400)  # the box widens with the window
    expect(gui.page.locator(".pgw-window")).to_have_css("width", "620px")
    gui.page.wait_for_function(
        "(w) => document.querySelector('[data-name=box]').offsetWidth > w", arg=box_before[0]
    )
    settle(gui)
    # the box and the button were never asked about: nothing watches them, nothing is
    # sent; the window's resize came out as Python set it, so it is not echoed either;
    # the label (asked) keeps its natural size
    assert reports(gui) == []
    assert size(gui, box) == dom_size(gui, "box") != box_before
    assert gui.top.get_size() == (620, 400)


def test_resize_from_python_answers_at_once_and_is_not_echoed(any_gui: Any) -> None:
    g = any_gui
    watch(g)
    label, _, _ = build(g)
    size(g, label)
    call(g, lambda: label.resize(150, 40))
    assert size(g, label) == (150, 40)  # the setter did not wait; Python knows
    expect(named(g, "label")).to_have_css("width", "150px")
    settle(g)
    assert dom_size(g, "label") == (150, 40) == size(g, label)
    assert reports(g, label.wid) == []  # came out as set: nothing reported back

    # a limit Python did not foresee: the browser reports the size it really got
    call(g, lambda: label.set_max_size(120, None))
    call(g, lambda: label.resize(200, 40))
    [[width, height, basis]] = wait_reports(g, label.wid, 1)
    assert (width, height) == (120, 40) and basis == [200, 40]
    assert size(g, label) == (120, 40) == dom_size(g, "label")

    # a side left alone is measured, not guessed
    call(g, lambda: label.resize(None, 60))
    [_, [width, height, basis]] = wait_reports(g, label.wid, 2)
    assert (width, height) == (120, 60) and basis == [None, 60]
    assert size(g, label) == (120, 60) == dom_size(g, "label")


def test_text_change_updates_the_natural_size(any_gui: Any) -> None:
    g = any_gui
    watch(g)
    label, _, _ = build(g)
    before = size(g, label)
    call(g, lambda: label.set_text("a much longer text that needs more room"))
    [[width, height, basis]] = wait_reports(g, label.wid, 1)
    assert basis is None  # no resize() was ever made
    assert size(g, label) == (width, height) == dom_size(g, "label")
    assert width > before.width
    settle(g)
    assert len(reports(g, label.wid)) == 1  # one report per change, no stream


def test_user_resizing_the_window(any_gui: Any) -> None:
    g = any_gui
    watch(g)
    label, _, box = build(g)
    win = g.top
    call(g, lambda: win.on("resized", g.record("resized")))
    assert (
        size(g, win)
        == (480, 360)
        == tuple(g.page.locator(".pgw-window").evaluate("e => [e.offsetWidth, e.offsetHeight]"))
    )
    assert queries(g) == 0  # a window is measured from the start
    assert size(g, box) == dom_size(g, "box")
    box_before = size(g, box)

    drag(g, g.page.locator(".pgw-grip-e"), 60, 0)
    assert g.next_event() == ("resized", (540, 360))
    assert size(g, win) == (540, 360)
    wait_reports(g, box.wid, 1)  # the box widened with its window
    assert size(g, box) == dom_size(g, "box")
    assert size(g, box).width == box_before.width + 60
    settle(g)
    assert reports(g, win.wid) == []  # ``resized`` told it; no measurement echo
    drag(g, g.page.locator(".pgw-grip-s"), 0, 30)
    assert g.next_event() == ("resized", (540, 390))
    assert size(g, win) == (540, 390)
    assert queries(g) == 1  # the box's first call only


def test_maximising_a_window_is_measured(gui: Any) -> None:
    watch(gui)
    build(gui)
    win = gui.top
    win.set_window_state("maximized")
    [[width, height, basis]] = wait_reports(gui, win.wid, 1)
    assert basis == [480, 360]
    viewport = gui.page.evaluate("[window.innerWidth, window.innerHeight]")
    assert win.get_size() == (width, height)
    assert width == pytest.approx(viewport[0], abs=4) and width > 480
    win.set_window_state("normal")
    [_, [width, height, _]] = wait_reports(gui, win.wid, 2)
    assert win.get_size() == (width, height) == (480, 360)


def test_hidden_widget_keeps_its_last_shown_size(gui: Any) -> None:
    watch(gui)
    label, _, _ = build(gui)
    shown = size(gui, label)
    label.hide()
    expect(named(gui, "label")).to_be_hidden()
    settle(gui)
    assert dom_size(gui, "label") == (0, 0)
    assert reports(gui, label.wid) == [] and label.get_size() == shown

    label.set_text("changed while hidden, so wider")
    label.show()
    [[width, height, _]] = wait_reports(gui, label.wid, 1)
    assert label.get_size() == (width, height) == dom_size(gui, "label")
    assert width > shown.width

    # asked first while hidden: (0, 0) until it is shown, then the real size
    late = gui.W.Label("never shown yet")
    late.set_name("late")
    late.hide()
    gui.top.get_children()[0].add_widget(late)
    expect(named(gui, "late")).to_have_count(1)
    assert late.get_size() == (0, 0)
    late.show()
    [[width, height, _]] = wait_reports(gui, late.wid, 1)
    assert late.get_size() == (width, height) == dom_size(gui, "late") != (0, 0)


def test_reload_keeps_measuring_without_asking_again(gui: Any) -> None:
    watch(gui)
    label, button, _ = build(gui)
    size(gui, label)
    gui.top.resize(500, 380)
    gui.reload()
    gui.page.evaluate(COUNT_QUERIES)
    expect(named(gui, "label")).to_be_visible()
    assert label.get_size() == dom_size(gui, "label")
    label.set_text("after the reload, the new page reports changes")
    gui.page.wait_for_function(
        "(wid) => window.__pgwReports.some((r) => r[0] === wid && r[1] > 150)", arg=label.wid
    )
    round_trip(gui)
    assert label.get_size() == dom_size(gui, "label")
    assert gui.top.get_size() == (500, 380)
    assert button.get_size() == dom_size(gui, "button")  # first ask after the reload
    assert queries(gui) == 1


def test_async_first_call_waits_on_the_loop(agui: Any) -> None:
    watch(agui)
    label, _, _ = build(agui)
    with pytest.raises(InvalidState, match="get_size"):
        label.get_size()  # it must ask the browser: only on the app's loop
    assert queries(agui) == 0

    async def ask() -> Any:
        return await label.get_size()

    assert agui.run(ask) == dom_size(agui, "label")  # nothing was left half-done
    assert queries(agui) == 1
    assert label.get_size() == dom_size(agui, "label")  # now from state, any thread


def test_destroyed_widget_raises(any_gui: Any) -> None:
    g = any_gui
    label, _, _ = build(g)
    size(g, label)
    call(g, label.destroy)
    expect(named(g, "label")).to_have_count(0)
    with pytest.raises(InvalidState):
        label.get_size()


# ------------------------------------------------------------- the core, no browser
def _core(*kinds: str) -> tuple[SessionCore, object, list[int]]:
    core = SessionCore()
    conn = object()
    core.attach(conn, resumed=False)
    wids = [core.create(widget_class(k).spec, [], {}) for k in kinds]
    core.frames_to_send()
    return core, conn, wids


def _report(core: SessionCore, conn: object, wid: int, *args: Any) -> list[Any]:
    core.receive_text(
        conn,
        json.dumps({"type": "callback", "wid": wid, "action": SIZE_CHANNEL, "args": list(args)}),
    )
    return [m for _, text in core.frames_to_send() for m in json.loads(text)]


def test_only_windows_are_measured_from_the_start() -> None:
    core, _, (label, top) = _core("Label", "TopLevel")
    assert SIZE_CHANNEL not in core.widgets[label].create_message().get("listen", [])
    assert SIZE_CHANNEL in core.widgets[top].create_message()["listen"]
    assert SIZE_CHANNEL not in public_callbacks(widget_class("Label").spec)


def test_a_report_that_crossed_a_resize_is_dropped() -> None:
    core, conn, (wid,) = _core("Label")
    assert _report(core, conn, wid, 80, 20, None) == []  # nothing echoed or broadcast
    assert core.widgets[wid].state["_size"] == ("resize", [80, 20])
    core.set_state(wid, "size", "resize", [150, None])
    core.frames_to_send()
    _report(core, conn, wid, 90, 20, None)  # measured before the resize arrived
    assert core.widgets[wid].state["_size"] == ("resize", [80, 20])
    _report(core, conn, wid, 150, 24, [150, None])  # measured after it: current
    assert core.widgets[wid].state["_size"] == ("resize", [150, 24])
    rebuild = [m for m in core.rebuild_messages() if m.get("wid") == wid]
    assert [m["args"] for m in rebuild if m.get("method") == "resize"] == [[150, None]]


def test_only_the_primary_browser_measures() -> None:
    core, a, (wid,) = _core("Label")
    b = object()
    core.attach(b, resumed=True)
    core.frames_to_send()
    _report(core, b, wid, 300, 20, None)
    assert "_size" not in core.widgets[wid].state
    _report(core, a, wid, 200, 20, None)
    assert core.widgets[wid].state["_size"] == ("resize", [200, 20])


def test_without_a_browser_the_answer_comes_from_state() -> None:
    from pgwidgets.sync import Application

    session = Application(ws_port=0).create_session()
    label = session.get_widgets().Label("headless")
    assert label.get_size() == (0, 0)
    label.resize(120, "2em")
    assert label.get_size() == (120, 0)  # a CSS size is not a pixel size
    rec = session._read(lambda core: core.widgets[label.wid])
    assert SIZE_CHANNEL in rec.listen  # a browser attaching later measures it
