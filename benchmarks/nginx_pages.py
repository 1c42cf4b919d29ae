"""(d) behind nginx: 20 pages opening at once, with the static folder served by nginx.

Usage: ``python benchmarks/nginx_pages.py [--reps 5] [--sessions 20]``

Three targets take turns, each opened by ``--sessions`` pages at the same moment (the same
measurement as ``run.py``'s (d): plain CDP, one fresh context per round, time until the
last page shows its 10-label UI):

* ``builtin``: the built-in server (page, library and WebSocket on one port);
* ``nginx_bundle``: nginx serving a static folder made by ``pgwidgets build-static`` (as an
  installed package has it: the library as one script) and proxying ``/ws``;
* ``nginx_modules``: nginx serving the source tree's static folder (~40 module requests
  per page), for comparison.

The pgwidgets server is ``memserver.py`` in its own process (as in ``run.py``); nginx runs
in the foreground from a scratch folder, with the deployment recipe
``examples/deploy/nginx/pgwidgets.conf``. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.cdp import CdpBrowser  # noqa: E402
from benchmarks.run import CHROMIUM, CHROMIUM_ARGS, _open_all_cdp, med  # noqa: E402

NGINX_MAIN = """
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    {sites}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def site(static: Path, port: int, ws_port: int) -> str:
    recipe = (ROOT / "examples" / "deploy" / "nginx" / "pgwidgets.conf").read_text()
    return (
        recipe.replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("/path/to/pgwidgets/static", str(static))
        .replace("127.0.0.1:9500", f"127.0.0.1:{ws_port}")
    )


def wait_port(port: int, proc: subprocess.Popen[Any]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)  # polling interval
    raise RuntimeError(f"port {port} never opened")


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="pgw-nginx-bench-"))
    work.chmod(0o755)  # nginx's workers (nobody, when started as root) read the files
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    built = work / "static-built"
    subprocess.run(
        [sys.executable, "-m", "pgwidgets", "build-static", str(built)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "memserver.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    nginx: subprocess.Popen[Any] | None = None
    try:
        assert server.stdout is not None
        ws_port = int(server.stdout.readline().split()[1])
        ports = {"nginx_bundle": free_port(), "nginx_modules": free_port()}
        sites = site(built, ports["nginx_bundle"], ws_port) + site(
            ROOT / "pgwidgets" / "static", ports["nginx_modules"], ws_port
        )
        conf = work / "nginx.conf"
        conf.write_text(NGINX_MAIN.format(work=work, sites=sites))
        nginx = subprocess.Popen(
            ["/usr/sbin/nginx", "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)]
        )
        for port in ports.values():
            wait_port(port, nginx)
        urls = {
            "builtin": f"http://127.0.0.1:{ws_port}/",
            **{name: f"http://127.0.0.1:{port}/" for name, port in ports.items()},
        }
        runs: dict[str, list[float]] = {name: [] for name in urls}
        lost: dict[str, list[int]] = {name: [] for name in urls}
        async with CdpBrowser(CHROMIUM, CHROMIUM_ARGS) as cdp:
            for url in urls.values():  # warm-up: imports, caches, first renderer
                await _open_all_cdp(cdp, url, 1)
            for _ in range(args.reps):
                for name, url in urls.items():
                    up = await _open_all_cdp(cdp, url, args.sessions)
                    lost[name].append(args.sessions - len(up))
                    runs[name].append(max(up) if len(up) == args.sessions else float("inf"))
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(10)
        if server.stdin is not None:
            server.stdin.write("quit\n")
            server.stdin.flush()
        server.wait(20)
        shutil.rmtree(work, ignore_errors=True)
    return {
        "sessions": args.sessions,
        "all_up_s": runs,
        "lost_pages": lost,
        "median_all_up_s": {name: med(v) for name, v in runs.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main_async(args)), indent=2))


if __name__ == "__main__":
    main()
