"""Data views (issue 14) in headless Chromium: medians of wall times, page size and memory.

Usage: ``python benchmarks/bench_dataviews.py [--rounds 5]``

Each round opens a fresh page on a sync Application and times, from the Python call to
the moment the expected cell is in the page (polled by Playwright):

* ``set_data`` of 10,000 and of 1,000,000 rows x 5 columns (a list of tuples) -> first
  row visible;
* ``set_data`` of a 10,000,000 x 5 NumPy array -> first row visible;
* ``scroll_to_end`` on 1 M rows -> last row visible;
* ``sort_by_column`` (descending) on 1 M rows -> new first row visible;
* 1,000 ``set_cell`` calls on the visible rows from one handler -> the last value visible;
* TreeView, 100,000 leaves in 1,000 folders: ``set_tree`` + ``expand_all`` -> first leaf.

At 1 M rows it also reads the DOM element count and the JS heap (CDP), and the Python
memory the view adds beyond the data (tracemalloc, sorted, so the permutation counts).
Not a test: the machine is shared and timings move with its load (docs/performance.md).
"""

from __future__ import annotations

import argparse
import queue
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

__all__ = ["main"]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COLS = [{"label": f"C{i}", "key": f"c{i}", "type": "int" if i == 0 else "string"} for i in range(5)]


def cell_shown(page: Any, text: str) -> None:
    page.get_by_role("gridcell", name=text, exact=True).first.wait_for(timeout=60_000)


class _Printing(dict[str, float]):
    """Results, printed as they come (a slow step later does not hide the earlier ones)."""

    def __setitem__(self, key: str, value: float) -> None:
        print(f"  {key}: {value:.3f}", flush=True)
        super().__setitem__(key, value)


def one_round(app: Any, sessions: Any, browser: Any, rows: list[Any], np: Any) -> dict[str, float]:
    out: dict[str, float] = _Printing()
    page = browser.new_page()
    page.goto(app.url)
    s = sessions.get(timeout=30)
    W = s.get_widgets()
    top = W.TopLevel(title="bench")
    top.resize(700, 500)
    box = W.VBox()
    t = W.TableView(columns=COLS)
    box.add_widget(t, 1)
    top.set_widget(box)
    top.show()
    page.get_by_role("grid").wait_for()

    small = rows[:10_000]
    t0 = time.perf_counter()
    t.set_data(small)
    cell_shown(page, "r0 c1")
    out["set_data 10k"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    t.set_data(rows)
    page.wait_for_function(
        "() => document.querySelector('.pgw-data-view').getAttribute('aria-rowcount') === '1000001'"
    )
    cell_shown(page, "r0 c1")
    out["set_data 1M"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    t.scroll_to_end()
    cell_shown(page, f"r{len(rows) - 1} c1")
    out["scroll_to_end 1M"] = time.perf_counter() - t0

    t.scroll_to_path([0])
    cell_shown(page, "r0 c1")
    t0 = time.perf_counter()
    t.sort_by_column("c0", False)
    cell_shown(page, f"r{len(rows) - 1} c1")
    out["sort 1M"] = time.perf_counter() - t0

    out["DOM elements 1M"] = page.evaluate("document.getElementsByTagName('*').length")
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    out["JS heap MB 1M"] = cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6

    done: queue.Queue[float] = queue.Queue()
    b = W.Button("burst")
    box.add_widget(b, 0)

    def burst() -> None:
        for k in range(1000):
            t.set_cell([len(rows) - 1 - (k % 8)], "c2", f"v{k}")

    b.on("activated", burst)
    page.get_by_role("button", name="burst").wait_for()
    t0 = time.perf_counter()
    page.get_by_role("button", name="burst").click()
    cell_shown(page, "v999")
    out["1000 set_cell"] = time.perf_counter() - t0
    del done

    if np is not None:
        arr = np.arange(50_000_000, dtype=np.int64).reshape(-1, 5)
        t0 = time.perf_counter()
        t.set_data(arr)
        page.wait_for_function(
            "() => document.querySelector('.pgw-data-view')"
            ".getAttribute('aria-rowcount') === '10000001'"
        )
        cell_shown(page, "49999996")  # still sorted descending by the first column
        out["numpy 10M"] = time.perf_counter() - t0
        del arr

    tree = {f"d{i:04}": {f"f{i:04}-{j:03}": {"c1": "x"} for j in range(100)} for i in range(1000)}
    tv = W.TreeView(columns=COLS)
    box.remove(t)
    box.add_widget(tv, 1)
    page.get_by_role("treegrid").wait_for()
    t0 = time.perf_counter()
    tv.set_tree(tree)
    tv.expand_all()
    cell_shown(page, "f0000-000")
    out["tree 100k expand_all"] = time.perf_counter() - t0
    page.close()
    return out


def view_memory(rows: list[Any]) -> float:
    """Bytes per row the view adds beyond the rows (a sorted list model)."""
    from pgwidgets.widgets.dataview import DataView

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    v = DataView(COLS)
    v.set_data(rows)
    v.sort_by("c0", False)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del v
    return (after - before) / len(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    opts = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from pgwidgets.sync import Application

    try:
        import numpy as np
    except ImportError:
        np = None
    rows = [(i, f"r{i} c1", f"r{i} c2", f"r{i} c3", f"r{i} c4") for i in range(1_000_000)]
    print(f"view memory beyond the rows, sorted list model: {view_memory(rows):.1f} B/row")
    app = Application(ws_port=0)
    sessions: queue.Queue[Any] = queue.Queue()
    app.on_connect(sessions.put)
    app.start()
    results: dict[str, list[float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium")
            for r in range(opts.rounds):
                got = one_round(app, sessions, browser, rows, np)
                print(f"round {r + 1}: " + ", ".join(f"{k} {v:.3f}" for k, v in got.items()))
                for k, v in got.items():
                    results.setdefault(k, []).append(v)
            browser.close()
    finally:
        app.close()
    print("medians:")
    for k, vals in results.items():
        print(f"  {k:24} {statistics.median(vals):10.3f}   (min {min(vals):.3f})")


if __name__ == "__main__":
    main()
