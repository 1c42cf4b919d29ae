"""``pgwidgets run --reload``: run the program in a child process, restart it on changes.

Why a child process: a Python program cannot reliably unload and re-import itself
(module state, threads, the event loop). The parent only watches files and restarts;
the child is ``pgwidgets run`` without ``--reload``. A restart is a graceful stop
(SIGTERM, which the child handles like Ctrl-C), so the port is free for the next child,
and open pages reconnect by themselves (their reconnect loop finds the new server and
gets a fresh session, rebuilt by ``on_connect``).

Watching is by polling modification times of the ``.py`` files beside the program (or
under the current folder for a module), twice a second: no dependency, no platform
notification API, and cheap for a project's worth of files.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

__all__ = ["POLL_INTERVAL", "run_with_reload", "snapshot"]

#: seconds between two looks at the files
POLL_INTERVAL = 0.5
#: folders never watched
_SKIP = {"__pycache__", "node_modules", "build", "dist", "venv"}
#: a bound on the files looked at (a program started from a home folder ...)
_MAX_FILES = 5000


def _files(root: Path) -> Iterator[Path]:
    count = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP and not d.startswith(".")]
        for name in names:
            if name.endswith(".py"):
                count += 1
                if count > _MAX_FILES:
                    return
                yield Path(folder, name)


def snapshot(root: Path) -> dict[Path, int]:
    """Modification times of the watched files under ``root``."""
    stamps = {}
    for path in _files(root):
        try:
            stamps[path] = path.stat().st_mtime_ns
        except OSError:
            continue  # removed while walking
    return stamps


def _child_command(args: argparse.Namespace) -> list[str]:
    cmd = [sys.executable, "-m", "pgwidgets", "run", args.target]
    if args.host:
        cmd += ["--host", args.host]
    if args.port is not None:
        cmd += ["--port", str(args.port)]
    if args.auth:
        cmd += ["--auth", args.auth]
    if args.users:
        cmd += ["--users", args.users]
    if args.port_retries:
        cmd += ["--port-retries", str(args.port_retries)]
    if args.args:
        cmd += ["--", *args.args]
    return cmd


class _Stop(BaseException):
    """SIGTERM to the watching parent."""


def run_with_reload(args: argparse.Namespace) -> int:
    """Run ``args.target`` in a child process; restart it whenever a watched file changes."""
    target = Path(args.target)
    root = target.resolve().parent if target.is_file() else Path.cwd()
    env = dict(os.environ)
    env.pop("PGWIDGETS_RELOAD", None)
    env.pop("PGWIDGETS_OPEN", None)  # a browser opens once, not at every restart
    if args.auth == "token" and not env.get("PGWIDGETS_TOKEN"):
        env["PGWIDGETS_TOKEN"] = secrets.token_urlsafe(32)  # one link across restarts
    command = _child_command(args)
    first = True

    def on_term(signum: int, frame: object) -> None:
        raise _Stop()

    previous = signal.signal(signal.SIGTERM, on_term)
    child: subprocess.Popen[bytes] | None = None
    try:
        while True:
            before = snapshot(root)
            cmd = command + (["--open"] if first and args.open else [])
            if "--" in cmd and cmd[-1:] == ["--open"]:  # keep the program's args last
                cmd = command[: command.index("--")] + ["--open"] + command[command.index("--") :]
            first = False
            child = subprocess.Popen(cmd, env=env)
            while True:
                try:
                    child.wait(timeout=POLL_INTERVAL)
                except subprocess.TimeoutExpired:
                    pass
                if snapshot(root) != before:
                    break
            print("pgwidgets: a file changed, restarting", file=sys.stderr, flush=True)
            _stop_child(child)
            child = None
    except (KeyboardInterrupt, _Stop):
        if child is not None:
            _stop_child(child)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_child(child: subprocess.Popen[bytes]) -> None:
    """Stop the child gracefully (SIGTERM: it closes like Ctrl-C), or kill it."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=15)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
