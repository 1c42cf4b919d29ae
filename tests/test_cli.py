"""The ``pgwidgets`` command, run as a user runs it: real processes, real signals, real ports.

Every wait is on a condition (a line of output, a socket closing), never a delay.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pgwidgets import __version__
from tests.conftest import free_port
from tests.protocol.fake_browser import FakeBrowser

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
for _name in list(ENV):
    if _name.startswith("PGWIDGETS_"):
        del ENV[_name]

#: a program that makes an Application and does not run it: the command runs it
MODULE_LEVEL = """
from pgwidgets.sync import Application

app = Application()

@app.on_connect
def built(session):
    session.get_widgets().Label("{text}")
"""


def pgwidgets(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pgwidgets", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or ENV,
    )


def banner(proc: subprocess.Popen[str]) -> str:
    """The start lines (read up to their last one)."""
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "Stop it with Ctrl-C" in line:
            return "".join(lines)
    pytest.fail(f"no start lines; exit {proc.wait()}: {''.join(lines)}")


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def stop(proc: subprocess.Popen[str], sig: int = signal.SIGTERM) -> str:
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    return err


def label_text(port: int) -> str:
    async def read() -> str:
        b = await FakeBrowser.connect(f"ws://127.0.0.1:{port}/ws")
        msg = await b.expect("create", **{"class": "Label"})
        await b.close()
        return str(msg["args"][0])

    return asyncio.run(read())


def test_help_version_and_environment_are_documented() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pgwidgets", "--help"], capture_output=True, text=True, env=ENV
    )
    assert done.returncode == 0
    for word in ("run", "hash-password", "token", "PGWIDGETS_HOST", "PGWIDGETS_PORT"):
        assert word in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "pgwidgets", "run", "--help"],
        capture_output=True,
        text=True,
        env=ENV,
    )
    for option in ("--host", "--port", "--auth", "--open", "--reload", "--port-retries"):
        assert option in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "pgwidgets", "--version"], capture_output=True, text=True, env=ENV
    )
    assert done.stdout.strip() == f"pgwidgets {__version__}"


def test_hash_password_helper(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pgwidgets", "hash-password", "--stdin"],
        input="correct horse\n",
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    from pgwidgets.auth.passwords import verify_password

    assert verify_password("correct horse", done.stdout.strip())


def test_run_a_file_with_the_commands_port(procs: list[subprocess.Popen[str]]) -> None:
    """examples/hello.py passes its own ws_port=9500: the command's --port wins."""
    port = free_port()
    proc = pgwidgets("run", "examples/hello.py", "--port", str(port))
    procs.append(proc)
    assert f"http://127.0.0.1:{port}/" in banner(proc)
    assert label_text(port) == "Hello from Python!"
    stop(proc)


def test_a_module_level_app_is_run_with_token_auth_from_the_environment(
    tmp_path: Path, procs: list[subprocess.Popen[str]]
) -> None:
    (tmp_path / "app.py").write_text(MODULE_LEVEL.format(text="made at module level"))
    port = free_port()
    env = {**ENV, "PGWIDGETS_PORT": str(port), "PGWIDGETS_AUTH": "token"}
    proc = pgwidgets("run", "app.py", env=env, cwd=tmp_path)
    procs.append(proc)
    lines = banner(proc)
    assert f"http://127.0.0.1:{port}/" in lines and "token" in lines, lines

    async def check() -> None:
        import aiohttp

        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/") as resp:
                assert resp.status == 401  # the token is required

    asyncio.run(check())
    stop(proc, signal.SIGINT)


def test_a_module_is_run_by_name(tmp_path: Path, procs: list[subprocess.Popen[str]]) -> None:
    (tmp_path / "mymod.py").write_text(MODULE_LEVEL.format(text="a module"))
    port = free_port()
    proc = pgwidgets("run", "mymod", "--port", str(port), cwd=tmp_path)
    procs.append(proc)
    banner(proc)
    assert label_text(port) == "a module"
    stop(proc)


def test_a_port_in_use_is_one_line(procs: list[subprocess.Popen[str]]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "pgwidgets", "run", "examples/hello.py", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=ENV,
            timeout=60,
        )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"port {port} on 127.0.0.1 is already in use" in lines[0]
    assert "ws port" not in lines[0] and "Traceback" not in done.stderr


def test_port_retries_take_the_next_free_port(procs: list[subprocess.Popen[str]]) -> None:
    with socket.socket() as taken:
        for _ in range(50):  # a taken port whose next one is free
            port = free_port()
            try:
                taken.bind(("127.0.0.1", port))
            except OSError:
                continue
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
            break
        taken.listen()
        proc = pgwidgets("run", "examples/hello.py", "--port", str(port), "--port-retries", "1")
        procs.append(proc)
        assert f"http://127.0.0.1:{port + 1}/" in banner(proc)
    stop(proc)


def test_reload_restarts_on_a_change_and_browsers_reconnect(
    tmp_path: Path, procs: list[subprocess.Popen[str]]
) -> None:
    app = tmp_path / "app.py"
    app.write_text(MODULE_LEVEL.format(text="version 1"))
    port = free_port()
    proc = pgwidgets("run", "app.py", "--port", str(port), "--reload", cwd=tmp_path)
    procs.append(proc)
    banner(proc)

    async def scenario() -> tuple[str, int | None, str]:
        b = await FakeBrowser.connect(f"ws://127.0.0.1:{port}/ws")
        first = (await b.expect("create", **{"class": "Label"}))["args"][0]
        app.write_text(MODULE_LEVEL.format(text="version 2"))
        os.utime(app, ns=(app.stat().st_atime_ns, app.stat().st_mtime_ns + 10**9))
        code = await b.wait_closed(timeout=30)  # the old server goes away gracefully
        await b.close()
        return first, code, ""

    first, code, _ = asyncio.run(scenario())
    assert first == "version 1" and code == 1001
    assert "restarting" in proc.stderr.readline()  # type: ignore[union-attr]
    banner(proc)  # the new child listens
    assert label_text(port) == "version 2"
    stop(proc)


def test_the_gallery_runs_from_the_package(procs: list[subprocess.Popen[str]]) -> None:
    """``python -m pgwidgets.examples.gallery``: no checkout needed (the README's path)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pgwidgets.examples.gallery", "--port", str(port)],
        cwd=ROOT / "docs",  # anywhere but the checkout's root
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    procs.append(proc)
    banner(proc)

    async def first_window() -> str:
        b = await FakeBrowser.connect(f"ws://127.0.0.1:{port}/ws")
        msg = await b.expect("create", **{"class": "TopLevel"})
        await b.expect("call", wid=msg["wid"], method="show")  # the whole window was built
        await b.close()
        return str(msg["options"].get("title"))

    assert "gallery" in asyncio.run(first_window()).lower()
    stop(proc)
