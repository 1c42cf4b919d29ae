"""Runs the page's own unit tests (``tests/js/*.test.mjs``) with ``node --test``.

They test ``client.js`` (frame order, errors), ``payload.js`` and ``widget.js`` without a
browser, on the wire cases the Python fake browser shares (``tests/protocol/frames.json``).
Node is a requirement of the suite like Chromium (``scripts/test.sh`` installs it): a
missing ``node`` fails here rather than skipping.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JS_TESTS = ROOT / "tests" / "js"


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node, "node is required for the page's unit tests (scripts/test.sh installs nodejs)"
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.mjs"))
    assert len(files) >= 3, files
    proc = subprocess.run(
        [node, "--test", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, report
    passed = re.search(r"^# pass (\d+)$", report, re.M)
    failed = re.search(r"^# fail (\d+)$", report, re.M)
    assert passed and int(passed.group(1)) >= 15, report
    assert failed and failed.group(1) == "0", report
