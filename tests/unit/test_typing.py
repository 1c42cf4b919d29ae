"""The package type-checks with ``mypy --strict`` (it ships ``py.typed``).

Run as a test so CI checks it through the README's one test command, with the interpreter
running the tests (mypy comes from the ``test`` extra).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_is_mypy_strict_clean() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "pgwidgets",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"mypy --strict pgwidgets:\n{done.stdout}{done.stderr}"
