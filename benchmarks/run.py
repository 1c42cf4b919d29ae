"""pgwidgets benchmarks with real headless Chromium; prints medians, writes JSON.

Usage: ``python benchmarks/run.py [--reps 5] [--clicks 200] [--sessions 20]``

(a) page open -> a window of 300 rows (HBox of Label "row i" + Button "b i") fully shown
    (pages driven over plain CDP; the same pages driven by Playwright are printed beside);
(b) 2,000 sequential ``set_text`` calls on one label from a button's handler, until the
    last text is in the page;
(c) click-to-update latency over ``--clicks`` clicks (the handler sets a label to the click
    count), median and p95, for both APIs, and the same loop against a hand-written
    aiohttp + plain-JS page (the floor, ``benchmarks/floor.py``);
(d) ``--sessions`` pages opening one session each at the same moment (how long until all
    are up), and the server's memory per session with a 10-label UI (tracemalloc and RSS).
    The pages are driven over plain CDP (``benchmarks/cdp.py``); the same rounds driven by
    Playwright are printed beside;
(e) click-to-update with the label in a window of 300 rows against one of 10 rows
    (``benchmarks/big_click.py``: frames drawn when asked for, not on vsync).

Times are taken inside the page (``performance.now()``), so the harness's own round trips do
not count, and the harness awaits a promise the page resolves instead of polling it.
Results go to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import big_click  # noqa: E402
from benchmarks.cdp import CdpBrowser, CdpError  # noqa: E402
from benchmarks.floor import FloorServer  # noqa: E402

CHROMIUM = os.environ.get("PGWIDGETS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
ROWS = 300
BURST = 2000

# -------------------------------------------------------------------- page-side code
#: installed before any page script: ``window.__shown`` is a promise of the time at which
#: the 300-row window is shown (after the frame that draws it: rAF then a task)
SHOWN_WATCH = """
(() => {
  let resolve;
  window.__shown = new Promise((r) => { resolve = r; });
  const done = () => requestAnimationFrame(() => setTimeout(() => {
    resolve(performance.now());
  }));
  const obs = new MutationObserver(() => {
    const top = document.querySelector('.pgw-top-level:not([hidden])');
    const last = top && top.querySelectorAll('.pgw-button');
    if (last && last.length && last[last.length - 1].textContent === 'b @LAST@') {
      obs.disconnect();
      done();
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    obs.observe(document.body, {subtree: true, childList: true, characterData: true,
                                attributes: true, attributeFilter: ['hidden']});
  });
})();
""".replace("@LAST@", str(ROWS - 1))

#: click ``button`` and resolve when ``label`` reads ``expected``: elapsed ms
CLICK_UNTIL = """
async ({button, label, expected, times}) => {
  const find = (sel, text) => [...document.querySelectorAll(sel)]
      .find((e) => e.textContent === text);
  const btn = find('.pgw-button', button);
  const lab = document.querySelector(label);
  const out = [];
  for (let i = 0; i < times; i++) {
    const want = expected === null ? String(Number(lab.textContent) + 1) : expected;
    const t0 = performance.now();
    await new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (lab.textContent === want) { obs.disconnect(); resolve(); }
      });
      obs.observe(lab, {subtree: true, childList: true, characterData: true});
      btn.click();
    });
    out.push(performance.now() - t0);
  }
  return out;
}
"""


# ------------------------------------------------------------------------ the apps
def build_rows(session: Any) -> None:
    W = session.get_widgets()
    top = W.TopLevel(title="300 rows")
    top.resize(500, 600)
    vbox = W.VBox(spacing=2)
    for i in range(ROWS):
        row = W.HBox(spacing=4)
        row.add_widget(W.Label(f"row {i}"), 1)
        row.add_widget(W.Button(f"b {i}"), 0)
        vbox.add_widget(row, 0)
    top.set_widget(vbox)
    top.show()


def build_clicks(session: Any) -> None:
    """A count label + Count button, and a burst label + Burst button (2,000 set_text)."""
    W = session.get_widgets()
    top = W.TopLevel(title="clicks")
    vbox = W.VBox(spacing=4)
    count = W.Label("0")
    count.set_name("count")
    burst = W.Label("burst")
    burst.set_name("burst")
    b_count = W.Button("Count")
    b_burst = W.Button("Burst")
    n = [0]

    def on_count() -> Any:
        n[0] += 1
        return count.set_text(str(n[0]))

    def on_burst() -> None:
        for i in range(BURST):
            burst.set_text(f"n {i}")

    b_count.on("activated", on_count)
    b_burst.on("activated", on_burst)
    for w in (count, b_count, burst, b_burst):
        vbox.add_widget(w, 0)
    top.set_widget(vbox)
    top.show()


def start_app(api: str, build: Callable[[Any], None], **kwargs: Any) -> Any:
    """A pgwidgets Application on a free port, sync or async API, on its own thread."""
    if api == "sync":
        from pgwidgets.sync import Application

        app = Application(ws_port=0, **kwargs)
        app.on_connect(build)
        app.start()
        app.stop = app.close
        return app
    import threading

    from pgwidgets.async_ import Application as AsyncApplication

    app = AsyncApplication(ws_port=0, **kwargs)

    async def on_connect(session: Any) -> None:
        build(session)

    app.on_connect(on_connect)
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    asyncio.run_coroutine_threadsafe(_serve(app), loop)
    asyncio.run_coroutine_threadsafe(app.wait_started(), loop).result(10)

    def stop() -> None:
        asyncio.run_coroutine_threadsafe(app.close(), loop).result(15)
        loop.call_soon_threadsafe(loop.stop)

    app.stop = stop
    return app


async def _serve(app: Any) -> None:
    await app.run()


# ----------------------------------------------------------------------- measuring
def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


#: after the window is shown: its time and how many buttons the page has
SHOWN_AND_COUNT = "window.__shown.then((t) => [t, document.querySelectorAll('.pgw-button').length])"


async def _rows_page_cdp(cdp: CdpBrowser, url: str) -> float:
    """One fresh page (own context) driven over plain CDP: seconds until shown."""
    context, (session,) = await cdp.open_pages(1, SHOWN_WATCH)
    try:
        shown, buttons = await cdp.navigate_and_await(session, url, SHOWN_AND_COUNT, 20)
    finally:
        await cdp.close_context(context)
    assert buttons == ROWS, buttons
    return float(shown) / 1000


async def _rows_page_playwright(browser: Any, url: str) -> float:
    """The same page driven by Playwright (it watches every request of its pages)."""
    ctx = await browser.new_context()
    try:
        page = await ctx.new_page()
        await page.add_init_script(SHOWN_WATCH)
        await page.goto(url, wait_until="commit")
        shown, buttons = await page.evaluate(SHOWN_AND_COUNT)
    finally:
        await ctx.close()
    assert buttons == ROWS, buttons
    return float(shown) / 1000


async def bench_rows(browser: Any, reps: int) -> dict[str, Any]:
    """``reps`` fresh pages (own context: nothing cached) after one warm-up page, whose
    time is reported apart: it also pays for the server's first session (imports, caches).

    As for (d), the pages are driven over plain CDP (``benchmarks/cdp.py``: Playwright's
    watching of every request runs on the same two CPUs as the page being timed) and the
    same pages driven by Playwright are reported beside them; the two take turns.
    """
    app = start_app("sync", build_rows)
    times: dict[str, list[float]] = {"cdp": [], "playwright": []}
    try:
        async with CdpBrowser(CHROMIUM, CHROMIUM_ARGS) as cdp:
            for _ in range(reps + 1):
                times["cdp"].append(await _rows_page_cdp(cdp, app.url))
                times["playwright"].append(await _rows_page_playwright(browser, app.url))
    finally:
        app.stop()
    first, runs = times["cdp"][0], times["cdp"][1:]
    playwright = times["playwright"][1:]
    return {
        "warm_up_s": first,
        "runs_s": runs,
        "median_s": med(runs),
        "min_s": min(runs),
        "playwright_runs_s": playwright,
        "playwright_median_s": med(playwright),
    }


async def _click_page(browser: Any, url: str, ready: str) -> tuple[Any, Any]:
    ctx = await browser.new_context()
    page = await ctx.new_page()
    await page.goto(url)
    await page.wait_for_selector(ready)
    return ctx, page


async def bench_burst(browser: Any, reps: int) -> dict[str, Any]:
    app = start_app("sync", build_clicks)
    try:
        ctx, page = await _click_page(browser, app.url, "text=Burst")
        times = []
        for _ in range(reps):
            await page.evaluate(
                "() => { document.querySelector("
                "'[data-name=burst] .pgw-label-text').textContent = 'x'; }"
            )
            ms = await page.evaluate(
                CLICK_UNTIL,
                {
                    "button": "Burst",
                    "label": "[data-name=burst] .pgw-label-text",
                    "expected": f"n {BURST - 1}",
                    "times": 1,
                },
            )
            times.append(ms[0] / 1000)
        await ctx.close()
    finally:
        app.stop()
    return {"runs_s": times, "median_s": med(times)}


async def bench_clicks(browser: Any, reps: int, clicks: int) -> dict[str, Any]:
    """Click latency of the floor, the sync API and the async API, interleaved.

    The three pages stay open and take turns (floor, sync, async, floor, ...), so a change
    in machine load hits all three alike and the ratio stays fair.
    """
    floor = FloorServer()
    apps = {"sync": start_app("sync", build_clicks), "async": start_app("async", build_clicks)}
    label = "[data-name=count] .pgw-label-text"
    targets = {
        "floor": (floor.url, "body[data-ready]", ".pgw-label-text"),
        "sync": (apps["sync"].url, "text=Count", label),
        "async": (apps["async"].url, "text=Count", label),
    }
    contexts = []
    try:
        pages = {}
        for name, (url, ready, lab) in targets.items():
            ctx, page = await _click_page(browser, url, ready)
            contexts.append(ctx)
            pages[name] = (page, lab)
            await page.evaluate(
                CLICK_UNTIL, {"button": "Count", "expected": None, "times": 20, "label": lab}
            )
        runs: dict[str, list[list[float]]] = {name: [] for name in targets}
        for _ in range(reps):
            for name, (page, lab) in pages.items():
                runs[name].append(
                    await page.evaluate(
                        CLICK_UNTIL,
                        {"button": "Count", "label": lab, "expected": None, "times": clicks},
                    )
                )
    finally:
        for ctx in contexts:
            await ctx.close()
        floor.close()
        for app in apps.values():
            app.stop()
    return {
        f"c_{'floor' if n == 'floor' else 'clicks_' + n}": _click_stats(r) for n, r in runs.items()
    }


#: a page's clock is coarsened to 0.1 ms (no cross-origin isolation), so each latency is a
#: multiple of it
CLOCK_STEP_MS = 0.1


def grouped_median(values: list[float], step: float = CLOCK_STEP_MS) -> float:
    """The median of values read on a clock of resolution ``step``, interpolated in its bin.

    Click latencies are ~1 ms, so a plain median is one of a few 0.1 ms steps and a ratio
    of two such medians jumps by 10-15 % between neighbouring steps. The grouped-data
    median (``L + (n/2 - F) / f * step``: L the lower edge of the bin holding the middle,
    F the count below that bin, f the count in it) places the median inside its bin.
    """
    if not values:
        return float("nan")
    bins = sorted(round(v / step) for v in values)
    middle = bins[(len(bins) - 1) // 2]  # the middle value, or the lower of the two
    below = sum(1 for b in bins if b < middle)
    inside = sum(1 for b in bins if b == middle)
    return (middle - 0.5) * step + (len(bins) / 2 - below) / inside * step


def _click_stats(runs: list[list[float]]) -> dict[str, Any]:
    return {
        "median_ms": med([grouped_median(r) for r in runs]),
        "p95_ms": med([p95(r) for r in runs]),
        "run_medians_ms": [grouped_median(r) for r in runs],
        "run_plain_medians_ms": [med(r) for r in runs],
        "run_p95_ms": [p95(r) for r in runs],
    }


#: installed before any page script for (d): ``window.__up`` is a promise of the wall-clock
#: time (ms since the epoch) at which the page is up: its 10-label UI shows "label 9"
#: (pgwidgets), or its WebSocket is open (the floor page sets ``data-ready``). A promise
#: rather than a polled flag: polling every animation frame in 20 pages loads the very CPUs
#: being measured.
UP_WATCH = """
(() => {
  let resolve;
  window.__up = new Promise((r) => { resolve = r; });
  const up = () => document.body.dataset.ready ||
      [...document.querySelectorAll('.pgw-label')].some((e) => e.textContent === 'label 9');
  const check = () => {
    if (up()) {
      obs.disconnect();
      resolve(performance.timeOrigin + performance.now());
    }
  };
  const obs = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    obs.observe(document.body, {subtree: true, childList: true, characterData: true,
                                attributes: true, attributeFilter: ['data-ready']});
    check();
  });
})();
"""


async def _open_all_cdp(browser: CdpBrowser, url: str, n: int) -> list[float]:
    """Open n pages (one fresh context, so each has its own sessionStorage) at the same
    moment, driven over plain CDP (``benchmarks/cdp.py``).

    Returns, for the pages that came up within 20 s, the seconds from the common start
    until each was up as the page itself saw it (``UP_WATCH``).
    """
    context, sessions = await browser.open_pages(n, UP_WATCH)
    t0 = time.time()

    async def one(session: str) -> float | None:
        try:
            up_ms = await browser.navigate_and_await(session, url, "window.__up", 20)
        except (TimeoutError, CdpError):
            return None  # counted as a page that never came up
        return float(up_ms) / 1000 - t0

    done = [d for d in await asyncio.gather(*(one(s) for s in sessions)) if d is not None]
    await browser.close_context(context)
    return done


async def _open_all_playwright(browser: Any, url: str, n: int) -> list[float]:
    """The same with Playwright driving the pages (it watches every request of each)."""
    ctx = await browser.new_context()
    await ctx.add_init_script(UP_WATCH)
    pages = [await ctx.new_page() for _ in range(n)]
    await asyncio.gather(*(p.evaluate("1") for p in pages))
    t0 = time.time()

    async def one(page: Any) -> float | None:
        try:
            await page.goto(url, wait_until="commit", timeout=20_000)
            return float(await page.evaluate("window.__up")) / 1000 - t0
        except Exception:  # noqa: BLE001 - counted as a page that never came up
            return None

    done = [d for d in await asyncio.gather(*(one(p) for p in pages)) if d is not None]
    await ctx.close()
    return done


async def bench_sessions(browser: Any, reps: int, n: int) -> dict[str, Any]:
    """n pages at once against a server in its own process (``memserver.py``).

    pgwidgets and the floor page take turns, so load changes hit both alike. The pages are
    driven over plain CDP (see ``benchmarks/cdp.py`` for why); the same rounds driven by
    Playwright are reported beside them. The timing rounds run without tracemalloc (it
    slows every allocation in the server); the memory is measured in one more round, with
    tracemalloc on.
    """
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "memserver.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdin is not None and proc.stdout is not None

    def ask(cmd: str) -> dict[str, Any]:
        proc.stdin.write(cmd + "\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        return json.loads(proc.stdout.readline())  # type: ignore[union-attr]

    floor = FloorServer()
    try:
        port = int(proc.stdout.readline().split()[1])
        url = f"http://127.0.0.1:{port}/"
        async with CdpBrowser(CHROMIUM, CHROMIUM_ARGS) as cdp:
            drivers = {
                "": lambda u, k: _open_all_cdp(cdp, u, k),
                "playwright_": lambda u, k: _open_all_playwright(browser, u, k),
            }
            for warm in (url, floor.url):  # imports, caches, first renderer
                for driver in drivers.values():
                    await driver(warm, 1)
            runs: dict[str, list[float]] = {}
            failed = []
            for _ in range(reps):
                for driver_name, driver in drivers.items():
                    for prefix, target in (("", url), ("floor_", floor.url)):
                        up = await driver(target, n)
                        lost = n - len(up)
                        if not prefix:
                            failed.append(lost)
                        runs.setdefault(driver_name + prefix + "all_up_s", []).append(
                            max(up) if up and not lost else float("inf")
                        )
            ask("mark")  # starts tracemalloc
            up = await _open_all_cdp(cdp, url, n)
            mem = ask("measure")
            failed.append(n - len(up))
    finally:
        floor.close()
        try:
            ask("quit")
        except (OSError, ValueError):
            pass
        proc.wait(20)
    return {
        "sessions": n,
        **runs,
        "failed_pages": failed,
        "memory": mem,
        **{"median_" + k: med(v) for k, v in runs.items()},
        "heap_per_session_kb": mem["heap_kb"] / n,
        "rss_per_session_kb": mem["rss_kb"] / n,
    }


# ----------------------------------------------------------------------------- main
async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    results: dict[str, Any] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            steps = {
                "a_rows": lambda: bench_rows(browser, args.reps),
                "b_burst": lambda: bench_burst(browser, args.reps),
                "c_clicks": lambda: bench_clicks(browser, args.click_reps, args.clicks),
                "d_sessions": lambda: bench_sessions(browser, args.session_reps, args.sessions),
                "e_big_click": lambda: big_click.bench_big_click(
                    start_app, CHROMIUM_ARGS, args.click_reps, args.clicks // 2
                ),
            }
            for name, step in steps.items():
                if args.only and not any(name.startswith(o) for o in args.only):
                    continue
                print(f"... {name}", file=sys.stderr, flush=True)
                result = await step()
                if name == "c_clicks":
                    results.update(result)
                else:
                    results[name] = result
        finally:
            await browser.close()
    return results


def report(r: dict[str, Any]) -> None:
    def line(name: str, value: str, target: str, ok: bool | None) -> None:
        mark = "" if ok is None else ("met" if ok else "MISSED")
        print(f"{name:<44} {value:>16}   {target:<22} {mark}")

    print(f"{'benchmark (medians)':<44} {'result':>16}   {'target':<22}")
    if "a_rows" in r:
        v = r["a_rows"]["median_s"]
        line("(a) open -> 300-row window shown", f"{v:.3f} s", "< 0.35 s", v < 0.35)
        line("    (fastest run)", f"{r['a_rows']['min_s']:.3f} s", "", None)
        line(
            "    (warm-up: the server's first page)", f"{r['a_rows']['warm_up_s']:.3f} s", "", None
        )
        line(
            "    (the same pages driven by Playwright)",
            f"{r['a_rows']['playwright_median_s']:.3f} s",
            "",
            None,
        )
    if "b_burst" in r:
        v = r["b_burst"]["median_s"]
        line("(b) 2,000 set_text -> last text shown", f"{v:.3f} s", "< 0.25 s", v < 0.25)
    floor = r.get("c_floor", {}).get("median_ms")
    if floor:
        line(
            "(c) floor click->update median / p95",
            f"{floor:.2f} / {r['c_floor']['p95_ms']:.2f} ms",
            "",
            None,
        )
    for api in ("sync", "async"):
        c = r.get(f"c_clicks_{api}")
        if c:
            ratio = c["median_ms"] / floor if floor else float("nan")
            c["ratio_to_floor"] = ratio
            line(
                f"(c) {api} click->update median / p95",
                f"{c['median_ms']:.2f} / {c['p95_ms']:.2f} ms",
                "",
                None,
            )
            line(f"(c) {api} median / floor median", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5)
    if "e_big_click" in r:
        big_click.report(r["e_big_click"])
    d = r.get("d_sessions")
    if d:
        v = d["median_all_up_s"]
        line(
            f"(d) {d['sessions']} pages at once: all up",
            f"{v:.2f} s",
            "< 2 s, none lost",
            v < 2 and not any(d["failed_pages"]),
        )
        line(
            "(d) floor: {} plain pages at once".format(d["sessions"]),
            f"{d['median_floor_all_up_s']:.2f} s",
            "(browser cost)",
            None,
        )
        line(
            "    (both driven by Playwright: ours / floor)",
            f"{d['median_playwright_all_up_s']:.2f} / "
            f"{d['median_playwright_floor_all_up_s']:.2f} s",
            "",
            None,
        )
        line(
            "(d) server heap per session (tracemalloc)",
            f"{d['heap_per_session_kb']:.1f} KB",
            "< 100 KB",
            d["heap_per_session_kb"] < 100,
        )
        line(
            "(d) server RSS per session",
            f"{d['rss_per_session_kb']:.1f} KB",
            "< 100 KB",
            d["rss_per_session_kb"] < 100,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=9, help="repetitions of (a) and (b)")
    parser.add_argument("--clicks", type=int, default=200)
    parser.add_argument("--click-reps", type=int, default=5, help="repetitions of (c)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--session-reps", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="run only these (a b c d e, or full names)")
    args = parser.parse_args()
    if args.only:
        short = {"a": "a_", "b": "b_", "c": "c_", "d": "d_", "e": "e_"}
        args.only = [short.get(o, o) for o in args.only]
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    load_before = os.getloadavg()
    results = asyncio.run(main_async(args))
    report(results)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    results["meta"] = {
        "argv": sys.argv[1:],
        "seconds": time.perf_counter() - started,
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
    }
    (out / "latest.json").write_text(json.dumps(results, indent=1))
    print(
        f"load average before/after: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    print(f"\nfull results: {out / 'latest.json'} ({results['meta']['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
