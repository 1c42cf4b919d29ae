"""Smoke test of the GUI harness itself: both APIs show a label and run a handler."""

from __future__ import annotations

from typing import Any


def test_sync_label_and_button(gui: Any) -> None:
    label = gui.W.Label("<b>not bold</b>")
    button = gui.W.Button("Go")
    button.on("activated", gui.record("go"))
    gui.show(label, button)
    gui.page.get_by_text("<b>not bold</b>").wait_for()
    gui.page.get_by_role("button", name="Go").click()
    assert gui.next_event() == ("go", ())


def test_async_label_and_button(agui: Any) -> None:
    async def build() -> Any:
        label = await agui.W.Label("async hello")
        button = await agui.W.Button("Go")
        await button.on("activated", agui.record("go"))
        await agui.show_async(label, button)
        return label

    label = agui.run(build)
    agui.page.get_by_text("async hello").wait_for()
    agui.page.get_by_role("button", name="Go").click()
    assert agui.next_event() == ("go", ())
    assert label.get_text() == "async hello"
