"""The code is formatted with ``ruff format`` and passes ``ruff check`` (pyproject.toml).

Run as a test so CI checks it through the README's one test command; ruff comes from the
``test`` extra, pinned to a range whose formatting the tree was written with.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("pgwidgets", "tests", "benchmarks", "examples")


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_code_is_formatted() -> None:
    done = ruff("format", "--check", "--no-cache")
    assert done.returncode == 0, (
        f"run `ruff format {' '.join(CHECKED)}`:\n{done.stdout}{done.stderr}"
    )


def test_code_passes_the_linter() -> None:
    done = ruff("check", "--no-cache")
    assert done.returncode == 0, f"`ruff check` found:\n{done.stdout}{done.stderr}"
