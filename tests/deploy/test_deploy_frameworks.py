"""FastAPI (async and sync, under uvicorn) and Flask serving the page, in Chromium.

Two generations of each program:

* ``examples/fastapi_async.py``, ``fastapi_sync.py``, ``flask_app.py``: the guide's code
  verbatim. They hard-code ``ws_port=9500`` (and Flask ``port=8000``), so the test copies
  the file with those literals replaced by free ports (:func:`seed_copy`) - the only edit a
  user makes. Pages are opened at ``localhost``, as the guide says.
* ``examples/deploy/*.py``: ours, with ``render_remote_html(ws_port=...)`` at ``/`` and the
  guide's ``replace("<head>", ...)`` at ``/literal``; they read PGWIDGETS_WS_PORT (and
  Flask PORT) from the environment, defaulting to the guide's values.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.conftest import free_port
from tests.deploy.conftest import (
    DEPLOY,
    EXAMPLES,
    Proc,
    assert_security_headers,
    check_gui,
    python_env,
    render,
    wait_for_port,
    wait_port_free,
)

pytestmark = [pytest.mark.deploy, pytest.mark.browser]

SEED_LABEL = {
    "fastapi_async": "Hello from FastAPI + pgwidgets!",
    "fastapi_sync": "Hello from FastAPI + pgwidgets!",
    "flask_app": "Hello from Flask + pgwidgets!",
}
TITLE = {
    "fastapi_async": "FastAPI Async Demo",
    "fastapi_sync": "FastAPI Sync Demo",
    "flask_app": "Flask Demo",
}


def seed_copy(name: str, workdir: Path, ws_port: int, http_port: int) -> Path:
    """The guide's program with its port literals (and Flask's 0.0.0.0) substituted."""
    subs = [
        ("ws_port=9500", f"ws_port={ws_port}"),
        ("ws://localhost:9500", f"ws://localhost:{ws_port}"),
    ]
    if name == "flask_app":
        subs += [
            ('web.run(host="0.0.0.0", port=8000)', f'web.run(host="127.0.0.1", port={http_port})')
        ]
    path = workdir / f"{name}.py"
    path.write_text(render(EXAMPLES / f"{name}.py", subs))
    return path


def serve(spawn: Callable[..., Proc], name: str, cwd: Path, http_port: int, **env: str) -> Proc:
    if name == "flask_app":
        cmd = [sys.executable, f"{name}.py"]
    else:
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            f"{name}:web",
            "--host",
            "127.0.0.1",
            "--port",
            str(http_port),
        ]
    return spawn(name, cmd, port=http_port, cwd=str(cwd), env=python_env(**env))


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
@pytest.mark.parametrize("name", ["fastapi_async", "fastapi_sync", "flask_app"])
def test_seed_program(
    name: str, host: str, spawn: Callable[..., Proc], workdir: Path, page: Any
) -> None:
    """Opened as the guide says (localhost) and at the URL uvicorn/Flask print (127.0.0.1):
    the page's origin then differs from the WebSocket's host name (issue 18)."""
    ws_port, http_port = free_port(), free_port()
    proc = serve(spawn, name, seed_copy(name, workdir, ws_port, http_port).parent, http_port)
    wait_for_port(ws_port, proc)  # the async one binds in a task after uvicorn's port
    check_gui(
        page,
        f"http://{host}:{http_port}/",
        ws_prefix=f"ws://localhost:{ws_port}",
        title=TITLE[name],
        button=None,
        label=SEED_LABEL[name],
    )


@pytest.mark.parametrize("name", ["fastapi_async", "fastapi_sync", "flask_app"])
def test_recipe(name: str, spawn: Callable[..., Proc], page_factory: Callable[..., Any]) -> None:
    """Ours: the helper at / and the literal replace at /literal, both on 127.0.0.1."""
    ws_port, http_port = free_port(), free_port()
    proc = serve(
        spawn, name, DEPLOY, http_port, PGWIDGETS_WS_PORT=str(ws_port), PORT=str(http_port)
    )
    wait_for_port(ws_port, proc)
    for path in ("/", "/literal"):
        page = page_factory()
        check_gui(
            page,
            f"http://127.0.0.1:{http_port}{path}",
            ws_prefix=f"ws://127.0.0.1:{ws_port}/ws",
            title=TITLE[name],
        )
        page.close()  # before the servers stop: its reconnect attempts are not errors
    assert_security_headers(f"http://127.0.0.1:{http_port}/", ("", "literal", "js/main.js"))
    # stopping the web server stops pgwidgets with it: its port is free again
    proc.stop()
    wait_port_free(ws_port)


def load_module(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def _port_open(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


async def _poll(condition: Callable[[], Any], what: str, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        assert loop.time() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.05)  # polling interval of a deadline loop


@pytest.mark.parametrize("source", ["seed", "recipe"])
def test_fastapi_async_lifespan_frees_port(
    source: str, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guide's ``task.cancel()`` really stops pgwidgets: sessions closed, port free.

    Runs the lifespan on a loop of its own thread (Playwright's sync API may own this
    thread's loop).
    """
    ws_port = free_port()
    if source == "seed":
        module = load_module(seed_copy("fastapi_async", workdir, ws_port, 0), "seed_fastapi_async")
    else:
        monkeypatch.syspath_prepend(str(DEPLOY))
        monkeypatch.setenv("PGWIDGETS_WS_PORT", str(ws_port))
        module = load_module(DEPLOY / "fastapi_async.py", "deploy_fastapi_async")
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, _lifespan_scenario(module, ws_port)).result(60)


async def _lifespan_scenario(module: Any, ws_port: int) -> None:
    web, pgapp = module.web, module.pgapp
    async with aiohttp.ClientSession() as client:
        async with web.router.lifespan_context(web):
            await _poll(lambda: _port_open(ws_port), "pgwidgets listens")
            ws = await client.ws_connect(f"ws://127.0.0.1:{ws_port}/ws", protocols=("pgwidgets",))
            await ws.send_json({"type": "hello", "width": 800, "height": 600})
            first = await ws.receive_json(timeout=10)
            assert any(m.get("type") == "welcome" for m in first), first
            await _poll(lambda: _true(len(pgapp.sessions) == 1), "the session exists")
        # lifespan exited: the browser connection is closed and the port released
        msg = await ws.receive(timeout=10)
        while msg.type == aiohttp.WSMsgType.TEXT:
            msg = await ws.receive(timeout=10)
        assert msg.type in (
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSING,
        )
        await ws.close()
    await _poll(lambda: _true(not pgapp.sessions), "every session is closed")
    await asyncio.to_thread(wait_port_free, ws_port)


async def _true(value: bool) -> bool:
    return value
