"""Text widgets in headless Chromium: Label, StatusBar, TextEntry, TextEntrySet, TextArea,
HtmlView. What a person sees (text stays text, except in HtmlView), typing and keys, the
Python callbacks and state, setters that do not echo, and the state after a reload.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from pgwidgets.widgets.defs.text import trim_lines
from tests.gui_helpers import call, probe, round_trip


def test_trim_lines_rule() -> None:
    assert trim_lines("a\nb\nc\n", 2) == "b\nc\n"
    assert trim_lines("a\nb\nc", 2) == "b\nc"
    assert trim_lines("a\nb\n", 2) == "a\nb\n"
    assert trim_lines("a\nb\nc", None) == "a\nb\nc"


# ---------------------------------------------------------------- Label + StatusBar
def test_label_text_alignment_colours_events(gui: Any) -> None:
    W = gui.W
    plain = W.Label("<b>5 < 6</b>", halign="right")
    inter = W.Label("Press me", interactive=True)
    for action in ("click", "key-down", "pointer-down", "focus-in", "contextmenu"):
        inter.on(action, gui.record(action))
    plain.resize(300, 60)
    gui.show(plain, inter)
    page = gui.page
    shown = page.get_by_text("<b>5 < 6</b>", exact=True)
    expect(shown).to_be_visible()  # markup shows as typed
    assert page.locator(".pgw-label b").count() == 0
    label = page.locator(".pgw-label").first
    expect(label).to_have_css("justify-content", "flex-end")
    expect(label).to_have_css("align-items", "center")

    plain.set_valign("bottom")
    plain.set_halign("center")
    plain.set_color("rgb(1, 2, 3)", "rgb(250, 240, 230)")
    expect(label).to_have_css("align-items", "flex-end")
    expect(label).to_have_css("justify-content", "center")
    expect(label).to_have_css("background-color", "rgb(1, 2, 3)")
    expect(label).to_have_css("color", "rgb(250, 240, 230)")
    assert (plain.get_halign(), plain.get_valign()) == ("center", "bottom")

    target = page.get_by_text("Press me")
    target.click()
    name, (ev,) = gui.next_event()
    assert name == "pointer-down" and ev["button_trigger"] == 1
    assert gui.next_event()[0] == "focus-in"
    name, (ev,) = gui.next_event()
    assert name == "click" and ev["type"] == "click" and ev["x"] >= 0 and ev["modifiers"] == []
    page.keyboard.press("Shift+A")
    name, (ev,) = gui.next_event()
    assert name == "key-down" and ev["key"] == "Shift"
    name, (ev,) = gui.next_event()
    assert (name, ev["key"], ev["keycode"], ev["modifiers"]) == ("key-down", "A", "KeyA", ["shift"])
    target.click(button="right")
    name, (ev,) = gui.next_event()
    assert name == "pointer-down" and ev["button_trigger"] == 3
    assert gui.next_event()[0] == "contextmenu"

    plain.set_text("new & <i>plain</i>")
    gui.reload()
    expect(page.get_by_text("new & <i>plain</i>", exact=True)).to_be_visible()
    label = page.locator(".pgw-label").first
    expect(label).to_have_css("background-color", "rgb(1, 2, 3)")
    expect(label).to_have_css("align-items", "flex-end")


def test_label_adds_dom_listeners_only_for_what_python_listens_to(gui: Any) -> None:
    """A label Python does not listen to has no DOM listeners (300 labels used to add
    ~5,000); listening later adds them, passive unless the label must cancel the event."""
    W = gui.W
    quiet = W.Label("quiet")
    late = W.Label("late")
    late.on("contextmenu", gui.record("contextmenu"))
    gui.show(quiet, late)
    page = gui.page
    expect(page.get_by_text("late", exact=True)).to_be_visible()
    cdp = page.context.new_cdp_session(page)

    def listeners(text: str) -> dict[str, bool]:
        obj = cdp.send(
            "Runtime.evaluate",
            {
                "expression": (
                    "[...document.querySelectorAll('.pgw-label')]"
                    f".find((e) => e.textContent === {text!r})"
                )
            },
        )["result"]["objectId"]
        found = cdp.send("DOMDebugger.getEventListeners", {"objectId": obj})["listeners"]
        return {entry["type"]: entry["passive"] for entry in found}

    assert listeners("quiet") == {}
    assert listeners("late") == {"contextmenu": False}  # it cancels the browser's menu
    late.on("scroll", gui.record("scroll"))
    late.set_text("later")  # frames apply in order: once this shows, so has the listen
    expect(page.get_by_text("later", exact=True)).to_be_visible()
    assert listeners("later") == {"contextmenu": False, "wheel": True}
    page.get_by_text("later", exact=True).hover()
    page.mouse.wheel(0, 40)
    name, (ev,) = gui.next_event()
    assert name == "scroll" and ev["type"] == "scroll"


def test_statusbar_timed_message(gui: Any) -> None:
    bar = gui.W.StatusBar()
    gui.show(bar, probe(gui))
    page = gui.page
    status = page.get_by_role("status")
    bar.set_message("Saved <file>", 0.4)
    expect(status).to_have_text("Saved <file>")
    assert bar.get_message() == "Saved <file>"
    expect(status).to_have_text("", timeout=5000)  # cleared by the page after 0.4 s
    round_trip(gui)  # the expiry was sent before the probe, so Python has it now
    assert bar.get_message() == ""
    bar.set_message("Ready")
    gui.reload()
    expect(page.get_by_role("status")).to_have_text("Ready")
    bar.clear()
    expect(page.get_by_role("status")).to_have_text("")
    assert bar.get_message() == ""


# ---------------------------------------------------------------- TextEntry (+Set)
def test_text_entry_both_apis(any_gui: Any) -> None:
    g = any_gui

    def build() -> tuple[Any, ...]:
        e = g.W.TextEntry("start", linehistory=3)
        e.on("activated", g.record("activated"))
        e.on("modified", g.record("modified"))
        pw = g.W.TextEntry("", password=True)
        return e, pw, probe(g)

    e, pw, p = call(g, build)
    g.show(e, pw, p)
    page = g.page
    box = page.get_by_role("textbox").first
    expect(box).to_have_value("start")
    assert page.locator("input[type=password]").count() == 1

    box.fill("one")
    assert g.next_event() == ("modified", ("one",))
    box.press("Enter")
    assert g.next_event() == ("activated", ("one",))
    box.fill("two")
    box.press("Enter")  # Enter drops the pending debounced "modified"
    assert g.next_event() == ("activated", ("two",))
    assert e.get_text() == "two"
    # history: Up recalls the earlier entries
    box.fill("")
    box.press("ArrowUp")
    expect(box).to_have_value("two")
    box.press("ArrowUp")
    expect(box).to_have_value("one")
    box.press("ArrowDown")
    expect(box).to_have_value("two")
    assert g.next_event() == ("modified", ("two",))

    call(g, lambda: (e.set_text("from python"), e.set_editable(False)))
    expect(box).to_have_value("from python")
    expect(box).not_to_be_editable()
    round_trip(g)
    g.assert_no_event()
    call(g, lambda: (e.set_editable(True), e.clear()))
    expect(box).to_have_value("")
    assert e.get_text() == ""
    box.fill("typed, no Enter")
    assert g.next_event() == ("modified", ("typed, no Enter",))
    assert e.get_history() == ["one", "two"]  # the browser told Python
    g.reload()
    box = page.get_by_role("textbox").first
    expect(box).to_have_value("typed, no Enter")
    expect(box).to_be_editable()
    box.fill("")
    box.press("ArrowUp")  # the history survived the reload
    expect(box).to_have_value("two")
    call(g, lambda: e.set_history(["a", "b", "c", "d"]))  # only the last 3 are kept
    page.wait_for_function(  # applied in the page (the keys below must not race it)
        f"() => window.pgwidgets.client.widgets.get({e.wid}).history.join() === 'b,c,d'"
    )
    box.fill("")
    for expected in ("d", "c", "b", "b"):
        box.press("ArrowUp")
        expect(box).to_have_value(expected)


def test_text_entry_set(gui: Any) -> None:
    es = gui.W.TextEntrySet("x", label="Apply")
    es.on("activated", gui.record("set"))
    gui.show(es)
    page = gui.page
    box = page.get_by_role("textbox")
    box.fill("42")
    page.get_by_role("button", name="Apply").click()
    assert gui.next_event() == ("set", ("42",))
    box.fill("43")
    box.press("Enter")
    assert gui.next_event() == ("set", ("43",))
    es.set_button_text("Go")
    es.set_length(6)
    expect(page.get_by_role("button", name="Go")).to_be_visible()
    expect(box).to_have_attribute("size", "6")
    gui.reload()
    expect(page.get_by_role("textbox")).to_have_value("43")
    expect(page.get_by_role("button", name="Go")).to_be_visible()


# ---------------------------------------------------------------- TextArea
def test_text_area_typing_append_limit_scroll(any_gui: Any) -> None:
    g = any_gui

    def build() -> tuple[Any, ...]:
        ta = g.W.TextArea("line 0\n", wrap=False)
        ta.resize(300, 100)
        ta.on("modified", g.record("modified"))
        ta.on("scrolled", g.record("scrolled"))
        return ta, probe(g)

    ta, p = call(g, build)
    g.show(ta, p)
    page = g.page
    area = page.get_by_role("textbox")
    expect(area).to_have_value("line 0\n")

    area.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("typed")
    assert g.next_event() == ("modified", ("line 0\ntyped",))
    # appending after user input keeps both, and Python's copy agrees with the page
    call(
        g,
        lambda: (
            ta.append_text("\n" + "".join(f"row {i}\n" for i in range(1, 40))),
            ta.set_limit(30),
        ),
    )
    expect(area).to_have_value(
        trim_lines("line 0\ntyped\n" + "".join(f"row {i}\n" for i in range(1, 40)), 30)
    )
    assert ta.get_text() == area.input_value()
    assert ta.get_text().startswith("row 10\n")

    area.evaluate("e => { e.scrollTop = e.scrollHeight; }")
    name, (h, v) = g.next_event()
    assert name == "scrolled" and h == 0 and v == 1
    assert ta.get_scroll_position() == (0.0, 1.0)
    call(g, lambda: ta.set_scroll_position(0, 0.5))
    page.wait_for_function(
        "() => { const e = document.querySelector('.pgw-textarea');"
        " return Math.abs(e.scrollTop / (e.scrollHeight - e.clientHeight) - 0.5) < 0.02; }"
    )
    round_trip(g)
    g.assert_no_event()  # the position Python set is not echoed

    call(g, lambda: (ta.set_editable(False), ta.set_wrap(True)))
    expect(area).not_to_be_editable()
    g.reload()
    area = page.get_by_role("textbox")
    expect(area).to_have_value(ta.get_text())
    expect(area).not_to_be_editable()
    page.wait_for_function(
        "() => { const e = document.querySelector('.pgw-textarea');"
        " return e.scrollHeight > e.clientHeight &&"
        " Math.abs(e.scrollTop / (e.scrollHeight - e.clientHeight) - 0.5) < 0.05; }"
    )
    call(g, lambda: ta.clear())
    expect(area).to_have_value("")
    assert ta.get_text() == ""


# ---------------------------------------------------------------- HtmlView
def test_html_view_trusted_markup_and_scroll(gui: Any) -> None:
    view = gui.W.HtmlView("<h2>Title</h2><p>para <b>bold</b></p>")
    view.resize(300, 120)
    view.on("scrolled", gui.record("scrolled"))
    p = probe(gui)
    gui.show(view, p)
    page = gui.page
    expect(page.get_by_role("heading", name="Title")).to_be_visible()
    expect(page.locator(".pgw-html-view b")).to_have_text("bold")
    view.append_html("".join(f"<p>item {i}</p>" for i in range(30)))
    expect(page.locator(".pgw-html-view p")).to_have_count(31)
    assert view.get_html().endswith("<p>item 29</p>")

    body = page.locator(".pgw-html-body")
    body.focus()
    page.keyboard.press("End")  # keyboard scrolling of the focused view
    name, (h, v) = gui.next_event()
    while v < 1:  # smooth scrolling reports its way down, at most once a frame
        assert name == "scrolled"
        name, (h, v) = gui.next_event()
    assert name == "scrolled" and v == 1
    assert view.get_scroll_position()[1] == 1
    view.scroll_to_top()
    page.wait_for_function("() => document.querySelector('.pgw-html-body').scrollTop === 0")
    assert view.get_scroll_position() == (0.0, 0.0)
    round_trip(gui)
    gui.assert_no_event()

    body.evaluate("e => { e.scrollTop = (e.scrollHeight - e.clientHeight) / 2; }")
    name, (h, v) = gui.next_event()
    assert name == "scrolled" and abs(v - 0.5) < 0.02
    gui.reload()
    expect(page.locator(".pgw-html-view p")).to_have_count(31)
    page.wait_for_function(
        "() => { const e = document.querySelector('.pgw-html-body');"
        " return e.scrollHeight > e.clientHeight &&"
        " Math.abs(e.scrollTop / (e.scrollHeight - e.clientHeight) - 0.5) < 0.05; }"
    )
    view.clear()
    expect(page.locator(".pgw-html-view p")).to_have_count(0)
    assert view.get_html() == ""
