"""Harness for the deployment recipes: real servers as foreground child processes.

Every server (nginx, apache2, caddy, uvicorn, Flask, our own examples) runs as a child of the
test on free loopback ports, configured from the files in ``examples/deploy/`` with only
ports, paths and certificate locations substituted (:func:`render` fails when a substitution
does not apply, so a recipe cannot drift away from what the test runs). Each process is
stopped by its pid (SIGTERM, then SIGKILL) when the test ends.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.certs import make_cert
from tests.conftest import free_port

__all__ = [
    "DEPLOY",
    "EXAMPLES",
    "REPO",
    "STATIC",
    "Proc",
    "check_gui",
    "make_cert",
    "need",
    "python_env",
    "render",
    "wait_for_port",
]

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
DEPLOY = EXAMPLES / "deploy"
STATIC = REPO / "pgwidgets" / "static"
#: seconds a server has to start listening
START_TIMEOUT = 20.0


def need(binary: str) -> str:
    """The binary's path, or skip the test naming what is missing."""
    found = shutil.which(binary) or next(
        (p for p in (f"/usr/sbin/{binary}", f"/usr/bin/{binary}") if os.path.exists(p)), None
    )
    if found is None:
        pytest.skip(f"{binary} is not installed (CI installs it from Debian's packages)")
    return found


def python_env(**extra: str) -> dict[str, str]:
    """The environment for our Python children: this checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def render(template: Path | str, subs: Sequence[tuple[str, str]]) -> str:
    """The text of ``template`` with each ``(old, new)`` replaced; every ``old`` must occur."""
    text = template.read_text(encoding="utf-8") if isinstance(template, Path) else template
    for old, new in subs:
        assert old in text, f"{old!r} not found in {template}: the recipe changed"
        text = text.replace(old, new)
    return text


class Proc:
    """A foreground child process with its output in a log file."""

    def __init__(self, name: str, cmd: Sequence[str], log: Path, **popen: Any) -> None:
        self.name = name
        self.log = log
        self._out = log.open("wb")
        # its own process group (id = its pid), so children it leaves behind go with it
        self.popen = subprocess.Popen(
            list(cmd),
            stdout=self._out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            **popen,
        )
        self.pid = self.popen.pid

    def output(self) -> str:
        self._out.flush()
        return self.log.read_text(errors="replace")

    def stop(self) -> int | None:
        """SIGTERM by pid, then SIGKILL; then SIGKILL whatever is left of its group.

        Returns the exit status. (An Apache child holding a proxied WebSocket can ignore
        the parent's SIGTERM and outlive it; the group kill keeps it from leaking.)
        """
        if self.popen.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.popen.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.popen.wait(5)
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the group is already gone
        self._out.close()
        return self.popen.returncode


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_port(port: int, proc: Proc | None = None, timeout: float = START_TIMEOUT) -> None:
    """Poll until ``port`` accepts connections; fail early with the log if ``proc`` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open(port):
            return
        if proc is not None and proc.popen.poll() is not None:
            raise AssertionError(
                f"{proc.name} exited ({proc.popen.returncode}) before "
                f"listening on {port}:\n{proc.output()}"
            )
        time.sleep(0.05)  # polling interval of a deadline loop, not a wait for an effect
    raise AssertionError(
        f"nothing listens on {port} after {timeout} s"
        + (f"; {proc.name} said:\n{proc.output()}" if proc else "")
    )


def wait_port_free(port: int, timeout: float = 10.0) -> None:
    """Poll until ``port`` can be bound again on 127.0.0.1."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
                return
            except OSError:
                pass
        time.sleep(0.05)  # polling interval
    raise AssertionError(f"port {port} is still in use after {timeout} s")


@pytest.fixture
def workdir() -> Iterator[Path]:
    """A scratch directory every server user can read (Apache's children drop root)."""
    path = Path(tempfile.mkdtemp(prefix="pgw-deploy-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def spawn(workdir: Path) -> Iterator[Callable[..., Proc]]:
    """Factory: ``spawn(name, cmd, port=..., **popen)`` starts a child and waits for its port."""
    procs: list[Proc] = []

    def make(name: str, cmd: Sequence[str], *, port: int | None = None, **popen: Any) -> Proc:
        proc = Proc(name, cmd, workdir / f"{name}.log", **popen)
        procs.append(proc)
        if port is not None:
            wait_for_port(port, proc)
        return proc

    yield make
    # in start order: the Python backend first, so proxies see their tunnels close (an
    # Apache child holding an open WebSocket tunnel otherwise ignores SIGTERM for seconds)
    for proc in procs:
        proc.stop()


@pytest.fixture
def demo(spawn: Callable[..., Proc]) -> Callable[..., tuple[Proc, int]]:
    """Factory: run ``examples/deploy/demo.py`` on a free port; returns (proc, ws_port)."""

    def start(*args: str) -> tuple[Proc, int]:
        ws_port = free_port()
        proc = spawn(
            "demo",
            [sys.executable, str(DEPLOY / "demo.py"), "--ws-port", str(ws_port), *args],
            port=ws_port,
            env=python_env(),
            cwd=str(DEPLOY),
        )
        return proc, ws_port

    return start


def run_user() -> str | None:
    """The user name to give servers that insist on one when started as root."""
    return pwd.getpwuid(os.geteuid()).pw_name if os.geteuid() == 0 else None


def check_gui(
    page: Any,
    url: str,
    *,
    ws_prefix: str,
    title: str = "Deployment Demo",
    button: str | None = "Click me",
    label: str = "Clicked 1 time",
    after_reload: str | None = None,
) -> None:
    """The recipe works: window shown, styled, a click runs Python, a reload restores it.

    Args:
        ws_prefix: what the page's WebSocket URL must start with (scheme, host, port, path).
        button: the button to click (None: the seed programs have none; ``label`` is then
            a text their Python code put there).
        after_reload: the label text that must be back after the reload (default: ``label``).
    """
    page.set_default_timeout(20_000)  # real servers on a busy CI machine
    if url:
        page.goto(url)
    page.get_by_text(title, exact=True).wait_for()
    ws_url = page.evaluate("window.pgwidgets.connection.ws.url")
    assert ws_url.startswith(ws_prefix), f"page connected to {ws_url}, not {ws_prefix}…"
    assert_page_intact(page)
    if button is not None:
        page.get_by_role("button", name=button).click()
    page.get_by_text(label, exact=True).wait_for()
    page.reload()
    page.get_by_text(title, exact=True).wait_for()
    page.get_by_text(after_reload or label, exact=True).wait_for()
    assert_page_intact(page)


def assert_page_intact(page: Any) -> None:
    """The stylesheet applies and no stray text sits in the body (e.g. Apache's ``n``)."""
    bg = page.evaluate(  # the tokens sit on the root (issue 12: the host page is left alone)
        "getComputedStyle(document.getElementById('pgw-root')).getPropertyValue('--pgw-bg').trim()"
    )
    assert bg, "css/pgwidgets.css did not load: the page is unstyled"
    assert page.title() == "pgwidgets"
    stray = page.evaluate("""() => [...document.body.childNodes]
        .filter(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
        .map(n => n.textContent)""")
    assert not stray, f"stray text in the page body: {stray}"


def assert_security_headers(base: str, paths: Sequence[str] = ("", "js/main.js")) -> None:
    """The recipe sends what pgwidgets' own server sends (issue 13): a strict CSP, nosniff.

    Fetched without verifying certificates (the tests' own self-signed ones).
    """
    import ssl
    import urllib.request

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=10, context=context) as answer:
            csp = answer.headers.get("Content-Security-Policy", "")
            assert answer.headers.get("X-Content-Type-Options") == "nosniff", path
        assert "script-src 'self'" in csp and "object-src 'none'" in csp, (path, csp)
        assert " ws: " not in csp + " " and "unsafe-eval" not in csp, (path, csp)
