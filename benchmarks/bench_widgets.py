"""How long a window of 2,000 mixed widgets takes to appear (sync API, headless Chromium).

Usage: ``python benchmarks/bench_widgets.py [--widgets 2000] [--runs 7]``

After the page has loaded and its session is connected, each run builds one TopLevel
holding ``--widgets`` leaf widgets of ten kinds (in rows of ten, in a ScrollArea), and
measures from the first constructor call in Python until the browser has created every
widget and laid the window out (checked on an animation frame). The window is destroyed
between runs. The median is printed; the goal is under 1 s. Not a test: timings depend on
the machine (docs/performance.md records ours).
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["build_window", "main"]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHROMIUM = os.environ.get("PGWIDGETS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"]

#: the leaf kinds, cycled (each row holds one of each)
KINDS = (
    "Label",
    "Button",
    "CheckBox",
    "TextEntry",
    "ToggleButton",
    "RadioButton",
    "Slider",
    "SpinBox",
    "ComboBox",
    "ProgressBar",
)


def make_leaf(W: Any, kind: str, i: int) -> Any:
    """One widget of ``kind``, configured the way an application would."""
    if kind in ("Label", "Button", "CheckBox", "ToggleButton", "RadioButton", "TextEntry"):
        return getattr(W, kind)(f"{kind} {i}")
    if kind == "Slider":
        return W.Slider(min=0, max=100, value=i % 100)
    if kind == "SpinBox":
        return W.SpinBox(min=0, max=1000, value=i % 1000)
    if kind == "ComboBox":
        combo = W.ComboBox()
        for text in ("one", "two", "three"):
            combo.append_text(text)
        return combo
    bar = W.ProgressBar()
    bar.set_value((i % 100) / 100)
    return bar


def build_window(W: Any, n: int, marker: str) -> Any:
    """A shown TopLevel with ``n`` leaf widgets; the last one is named ``marker``."""
    top = W.TopLevel(title=f"{n} widgets")
    top.resize(900, 600)
    column = W.VBox(spacing=2)
    row = None
    last = None
    for i in range(n):
        if i % len(KINDS) == 0:
            row = W.HBox(spacing=4)
            column.add_widget(row, 0)
        last = make_leaf(W, KINDS[i % len(KINDS)], i)
        row.add_widget(last, 0)
    assert last is not None
    last.set_name(marker)
    scroll = W.ScrollArea()
    scroll.set_widget(column)
    top.set_widget(scroll)
    top.show()
    return top


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="time a 2,000-widget window")
    parser.add_argument("--widgets", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from pgwidgets.sync import Application

    sessions: queue.Queue[Any] = queue.Queue()
    app = Application(ws_port=0)
    app.on_connect(sessions.put)
    app.start()
    times: list[float] = []
    py_times: list[float] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(app.url)
            session = sessions.get(timeout=10)
            page.wait_for_load_state("networkidle")
            W = session.get_widgets()
            for run in range(args.runs + 1):  # run 0 warms up (module loading)
                marker = f"bench-last-{run}"
                t0 = time.perf_counter()
                top = build_window(W, args.widgets, marker)
                t_py = time.perf_counter() - t0
                page.wait_for_function(
                    'm => { const e = document.querySelector(`[data-name="${m}"]`);'
                    " return e !== null && e.getBoundingClientRect().height > 0; }",
                    arg=marker,
                    polling="raf",
                    timeout=60_000,
                )
                elapsed = time.perf_counter() - t0
                if run:
                    times.append(elapsed)
                    py_times.append(t_py)
                    print(f"run {run}: {elapsed * 1000:.0f} ms (Python side {t_py * 1000:.0f} ms)")
                top.destroy()
                page.wait_for_function(
                    'm => !document.querySelector(`[data-name="${m}"]`)', arg=marker
                )
            if errors:
                print(f"browser errors: {errors[:3]}", file=sys.stderr)
                return 1
            browser.close()
    finally:
        app.close()
    median = statistics.median(times)
    verdict = "OK" if median < 1.0 else "SLOW"
    print(
        f"{args.widgets} widgets: median {median * 1000:.0f} ms over {len(times)} runs "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}) -> {verdict} "
        f"(goal < 1000 ms); Python side median {statistics.median(py_times) * 1000:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
