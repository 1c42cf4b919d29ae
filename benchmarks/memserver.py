"""A pgwidgets server in its own process, for measuring memory per session.

Run by ``benchmarks/run.py`` (so Playwright's own objects are not counted): it prints
``port <n>`` once listening, then answers stdin commands with one JSON line each:

* ``mark``: start tracemalloc (the timing rounds before it run without: it slows every
  allocation) and remember the current heap and RSS;
* ``measure``: heap and RSS growth since ``mark``, and the number of live sessions;
* ``quit``.

Each session gets the 10-label UI (a TopLevel, a VBox and ten Labels).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tracemalloc
from typing import Any

from pgwidgets.sync import Application

__all__ = ["build_labels", "main"]


def build_labels(session: Any) -> None:
    W = session.get_widgets()
    top = W.TopLevel(title="ten labels")
    vbox = W.VBox()
    for i in range(10):
        vbox.add_widget(W.Label(f"label {i}"))
    top.set_widget(vbox)
    top.show()


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def main() -> None:
    # every round adds n sessions from one address and none expires: no caps here
    app = Application(
        ws_port=0, session_timeout=None, max_sessions=None, max_sessions_per_user=None
    )
    app.on_connect(build_labels)
    app.start()
    print(f"port {app.ws_port}", flush=True)
    heap0, rss0 = 0, 0
    for line in sys.stdin:
        cmd = line.strip()
        gc.collect()
        if cmd == "mark":
            if not tracemalloc.is_tracing():
                tracemalloc.start()
            heap0, rss0 = tracemalloc.get_traced_memory()[0], rss_kb()
            print(json.dumps({"ok": True}), flush=True)
        elif cmd == "measure":
            heap, rss = tracemalloc.get_traced_memory()[0], rss_kb()
            print(
                json.dumps(
                    {
                        "sessions": len(app.sessions),
                        "heap_kb": (heap - heap0) / 1024,
                        "rss_kb": rss - rss0,
                    }
                ),
                flush=True,
            )
        elif cmd == "quit":
            break
    app.close()


if __name__ == "__main__":
    main()
