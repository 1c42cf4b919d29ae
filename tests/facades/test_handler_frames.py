"""Sync handlers: their calls leave as one frame when they return, and a long handler
still shows its progress without waiting for its end."""

from __future__ import annotations

import threading
from typing import Any

from pgwidgets.sync import Application
from tests.protocol.fake_browser import SyncFakeBrowser


def _app(build: Any) -> Application:
    app = Application(ws_port=0)
    app.on_connect(build)
    app.start()
    return app


def test_a_handlers_burst_arrives_as_one_frame() -> None:
    made: dict[str, Any] = {}

    def build(session: Any) -> None:
        W = session.get_widgets()
        made["label"] = label = W.Label("0")
        made["button"] = button = W.Button("go")

        def burst() -> None:
            for i in range(1, 501):
                label.set_text(str(i))
        button.on("activated", burst)

    app = _app(build)
    fb = SyncFakeBrowser()
    try:
        b = fb.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
        fb.run(b.expect("listen", action="activated"))
        fb.run(b.callback(made["button"].wid, "activated"))
        texts: list[str] = []
        frames = 0
        while texts[-1:] != ["500"]:
            frames += 1
            texts += [m["args"][0] for m in fb.run(b.frame()) if m.get("method") == "set_text"]
        assert texts == [str(i) for i in range(1, 501)]  # all of them, in order
        # one frame when the handler returns (a very slow machine may add a flush every
        # 10 ms of handler time); without batching each loop wake-up sent its own frame
        assert frames <= 3, frames
    finally:
        fb.stop()
        app.close()


def test_a_long_handler_shows_progress_before_it_returns() -> None:
    made: dict[str, Any] = {}
    release = threading.Event()

    def build(session: Any) -> None:
        W = session.get_widgets()
        made["label"] = label = W.Label("idle")
        made["button"] = button = W.Button("go")

        def slow() -> None:
            label.set_text("working")
            release.wait(10)  # the "work": ends only when the test says so
            label.set_text("done")
        button.on("activated", slow)

    app = _app(build)
    fb = SyncFakeBrowser()
    try:
        b = fb.connect(f"ws://127.0.0.1:{app.ws_port}/ws")
        fb.run(b.expect("listen", action="activated"))
        fb.run(b.callback(made["button"].wid, "activated"))
        # "working" arrives while the handler is still blocked
        fb.run(b.expect("call", method="set_text", args=["working"]))
        assert not release.is_set()
        release.set()
        fb.run(b.expect("call", method="set_text", args=["done"]))
    finally:
        release.set()
        fb.stop()
        app.close()
