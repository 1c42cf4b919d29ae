"""Ctrl-C stops a running program cleanly, in both APIs (real processes, real SIGINT)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("program", ["hello.py", "hello_async.py"])
def test_ctrl_c_stops_the_server_and_frees_the_port(program: str) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / program), "--port", str(port)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # blocks until the program says it listens
            if "in a browser" in line:
                break
        else:
            pytest.fail(f"{program} ended before listening (exit {proc.wait()})")
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # it really listens
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=15)[1]
        assert proc.returncode == 0, rest
        assert "Traceback" not in rest
        with socket.socket() as s:  # the port is free again
            s.bind(("127.0.0.1", port))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
