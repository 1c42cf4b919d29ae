"""CPU cost of the Python hot path with no browser: setters, getters and the flush.

Usage: ``python benchmarks/bench_core.py [--rounds 15]``

A sync session with one fake connection (nothing is written: the frames are dropped)
holds a window of 300 labels. Each round times, per call: ``set_text`` on every label
(the generated SETTER: binding, the core's mirror, the outbox), ``get_text`` on every
label (the GETTER: a locked read of the mirror), and one flush of everything queued
(``frames_to_send``: JSON encoding). Times are this thread's CPU time (the machine is
shared, wall time is noise); the median and the minimum over the rounds are printed in
microseconds per widget. Not a test: timings depend on the machine (docs/performance.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["main", "measure_round"]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LABELS = 300


class _NullConn:
    """A connection that takes frames and drops them."""

    def send(self, frame: Any) -> None:
        return None


def measure_round(session: Any, labels: list[Any]) -> tuple[float, float, float]:
    """One round: (setter, getter, flush) cost in µs per widget."""
    t0 = time.thread_time()
    for i, label in enumerate(labels):
        label.set_text(f"label {i}")
    t1 = time.thread_time()
    for label in labels:
        label.get_text()
    t2 = time.thread_time()
    session._flush()
    t3 = time.thread_time()
    n = len(labels)
    return (t1 - t0) / n * 1e6, (t2 - t1) / n * 1e6, (t3 - t2) / n * 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    opts = parser.parse_args(argv)

    from pgwidgets.sync import Application

    app = Application()
    session = app.create_session()  # no loop: flushes are run by hand below
    session._schedule_flush = lambda schedule: None  # type: ignore[method-assign]
    conn = _NullConn()
    session._attach(conn, None, resumed=False)
    W = session.get_widgets()
    top = W.TopLevel(title="bench")
    box = W.VBox()
    top.set_widget(box)
    labels = [W.Label(f"label {i}") for i in range(LABELS)]
    for label in labels:
        box.add_widget(label)
    session._flush()
    rows = [measure_round(session, labels) for _ in range(opts.rounds)]
    for name, values in zip(("setter", "getter", "flush"), zip(*rows, strict=True), strict=True):
        median, least = statistics.median(values), min(values)
        print(f"{name:7s} median {median:6.2f}  min {least:6.2f} µs per widget")


if __name__ == "__main__":
    main()
