"""Timer: one-shot and repeating, silent stop, reported cancel, cond_set; in a headless
session (no browser at all), in the async API, and once with a page attached (which
fires once, however the page reloads).
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any

import pytest

WAIT = 5.0


@pytest.fixture
def headless(sync_app: Callable[..., Any]) -> Any:
    return sync_app().create_session().get_widgets()


def recorder() -> tuple[queue.Queue[tuple[str, tuple[Any, ...]]], Callable[[str], Any]]:
    q: queue.Queue[tuple[str, tuple[Any, ...]]] = queue.Queue()

    def record(name: str) -> Callable[..., None]:
        return lambda *args: q.put((name, args))

    return q, record


def test_one_shot_expires_once_with_its_duration(headless: Any) -> None:
    q, record = recorder()
    t = headless.Timer(duration=0.05)
    t.on("expired", record("expired"))
    assert t.get_duration() == 0.05 and not t.is_set() and t.time_left() == 0.0
    t.start()
    assert t.is_set() and 0 < t.time_left() <= 0.05
    assert q.get(timeout=WAIT) == ("expired", (0.05,))
    assert not t.is_set() and t.elapsed_time() == 0.0
    # a later, longer timer fires after it: proof the first did not fire twice
    marker = headless.Timer()
    marker.on("expired", record("marker"))
    marker.start(0.1)
    assert q.get(timeout=WAIT) == ("marker", (0.1,))


def test_stop_is_silent_and_cancel_reports_elapsed(headless: Any) -> None:
    q, record = recorder()
    t = headless.Timer()
    t.on("expired", record("expired"))
    t.on("cancelled", record("cancelled"))
    t.start(0.05)
    t.stop()
    assert not t.is_set()
    t.set(30)
    t.cancel()
    name, (elapsed,) = q.get(timeout=WAIT)
    assert name == "cancelled" and 0 <= elapsed < 30
    t.cancel()  # not running: nothing to report
    marker = headless.Timer()
    marker.on("expired", record("marker"))
    marker.start(0.15)  # later than the stopped 0.05 s one would have fired
    assert q.get(timeout=WAIT) == ("marker", (0.15,))


def test_cond_set_and_restart(headless: Any) -> None:
    q, record = recorder()
    t = headless.Timer()
    t.on("expired", record("expired"))
    t.cond_set(0.1)
    t.cond_set(60)  # running: ignored
    assert t.time_left() <= 0.1
    t.start(0.05)  # a restart replaces the pending expiry
    assert q.get(timeout=WAIT) == ("expired", (0.05,))
    assert t.get_duration() == 0.05
    with pytest.raises(ValueError):
        t.start(-1)


def test_repeating_timer_fires_until_stopped(headless: Any) -> None:
    q, record = recorder()
    t = headless.Timer(duration=0.02, repeat=True)
    t.on("expired", record("expired"))
    t.start()
    assert [q.get(timeout=WAIT) for _ in range(3)] == [("expired", (0.02,))] * 3
    assert t.is_set()
    t.stop()
    t.set_repeat(False)
    assert t.get_repeat() is False
    t.start(0.03)
    assert q.get(timeout=WAIT) == ("expired", (0.03,))
    assert not t.is_set()


def test_async_timer_with_coroutine_handler(agui: Any) -> None:
    async def build() -> Any:
        t = await agui.W.Timer(duration=0.05)

        async def on_expired(duration: float) -> None:
            agui.events.put(("expired", (duration, t.is_set())))

        await t.on("expired", on_expired)
        await t.start()
        return t

    agui.run(build)
    assert agui.next_event() == ("expired", (0.05, False))


def test_timer_with_a_page_fires_once_across_a_reload(gui: Any) -> None:
    t = gui.W.Timer(duration=1.0)
    t.on("expired", gui.record("expired"))
    gui.show(gui.W.Label("timer page"))
    t.start()
    gui.reload()
    assert gui.next_event() == ("expired", (1.0,))
    marker = gui.W.Timer()
    marker.on("expired", gui.record("marker"))
    marker.start(0.1)
    assert gui.next_event() == ("marker", (0.1,))
