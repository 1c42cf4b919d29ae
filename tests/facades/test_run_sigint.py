"""Ctrl-C stops a running program cleanly, in both APIs (real processes, real SIGINT)."""

from __future__ import annotations

import asyncio
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


PROGRAM = """
import sys
from pgwidgets.{api} import Application

app = Application(ws_port={port})

@app.on_connect
{kw}def built(session):
    W = session.get_widgets()
    {aw}W.Label("hi")
    print("connected", flush=True)

@app.on_disconnect
def gone(session):
    print("on_disconnect called", flush=True)

{main}
"""
MAINS = {
    "sync": "app.run()\nprint('run returned', flush=True)",
    # the asyncio programs' idiom: Ctrl-C must end it without a traceback
    "async_": ("import asyncio\nasyncio.run(app.run())\nprint('run returned', flush=True)"),
}


def _start(tmp_path: Path, api: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    source = PROGRAM.format(
        api=api,
        port=port,
        kw="async " if api == "async_" else "",
        aw="await " if api == "async_" else "",
        main=MAINS[api],
    )
    program = tmp_path / "program.py"
    program.write_text(source)
    proc = subprocess.Popen(
        [sys.executable, str(program)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stderr is not None
    banner = []
    for line in proc.stderr:  # the start lines, shown with no logging set up
        banner.append(line)
        if "Stop it with Ctrl-C" in line:
            break
    else:
        pytest.fail(f"no start lines; exit {proc.wait()}: {''.join(banner)}")
    assert f"http://127.0.0.1:{port}/" in "".join(banner)
    return proc, port


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("api", ["sync", "async_"])
def test_a_stop_signal_closes_gracefully(tmp_path: Path, api: str, sig: signal.Signals) -> None:
    """systemd/Docker's SIGTERM, like Ctrl-C: browsers told, on_disconnect run, exit 0."""
    from tests.protocol.fake_browser import FakeBrowser

    proc, port = _start(tmp_path, api)
    try:
        assert proc.stdout is not None

        async def scenario() -> int | None:
            b = await FakeBrowser.connect(f"ws://127.0.0.1:{port}/ws")
            # the handler ran (its output line is a condition, not a delay)
            line = await asyncio.to_thread(proc.stdout.readline)  # type: ignore[union-attr]
            assert line.strip() == "connected"
            proc.send_signal(sig)
            code = await b.wait_closed()
            await b.close()
            return code

        assert asyncio.run(scenario()) == 1001  # going away: the server shut down
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
        assert out.splitlines() == ["on_disconnect called", "run returned"], out
        with socket.socket() as s:  # nobody listens on the port (TIME_WAIT aside)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
            s.listen()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
