"""The ``pgwidgets`` command (also ``python -m pgwidgets``).

``pgwidgets run app.py`` runs a program that makes an ``Application``, with the host,
port and authentication given on the command line (or by ``PGWIDGETS_*`` environment
variables) in place of the program's own; ``--reload`` restarts it when a file changes.
``pgwidgets hash-password`` and ``pgwidgets token`` are the ``pgwidgets.auth`` helpers.

The program may call ``app.run()`` itself (as every example does), or only make a
module-level Application and register its handlers: the command then runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import runpy
import sys
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pgwidgets import __version__
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.server.launch import Launch, install, uninstall

__all__ = ["ENVIRONMENT", "main"]

#: environment variable -> (option, help): each is the default of its option
ENVIRONMENT = {
    "PGWIDGETS_HOST": ("--host", "interface to listen on"),
    "PGWIDGETS_PORT": ("--port", "the port to open in a browser"),
    "PGWIDGETS_AUTH": ("--auth", "token or password"),
    "PGWIDGETS_TOKEN": ("--auth token", "the token to use (default: a new random one)"),
    "PGWIDGETS_USERS": ("--users", "file of name:hash lines for --auth password"),
    "PGWIDGETS_OPEN": ("--open", "1: open a browser"),
    "PGWIDGETS_RELOAD": ("--reload", "1: restart on file changes"),
    "PGWIDGETS_PORT_RETRIES": ("--port-retries", "ports to try after a port in use"),
}

_EPILOG = "environment variables (an option on the command line wins):\n" + "\n".join(
    f"  {name:<24} {option}: {text}" for name, (option, text) in ENVIRONMENT.items()
)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _env_int(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"pgwidgets: {name}={value!r} is not a number") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pgwidgets",
        description="Run pgwidgets programs, and the helpers of its authentication.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pgwidgets {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="run a program (a file or a module) that makes an Application",
        description="Run a program that makes an Application, with these settings in "
        "place of its own. Arguments after -- are passed to the program.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("target", help="app.py, or a module name (package.module)")
    run.add_argument("--host", default=os.environ.get("PGWIDGETS_HOST") or None)
    run.add_argument("--port", type=int, default=_env_int("PGWIDGETS_PORT"))
    run.add_argument(
        "--auth",
        choices=("token", "password"),
        default=os.environ.get("PGWIDGETS_AUTH") or None,
        help="token: a link with a secret token; password: a login page (--users)",
    )
    run.add_argument(
        "--users",
        default=os.environ.get("PGWIDGETS_USERS") or None,
        help="for --auth password: a file of 'name:hash' lines (hash-password makes them)",
    )
    run.add_argument(
        "--open", action="store_true", default=_env_flag("PGWIDGETS_OPEN"), help="open a browser"
    )
    run.add_argument(
        "--reload",
        action="store_true",
        default=_env_flag("PGWIDGETS_RELOAD"),
        help="development: restart when a .py file beside the program changes "
        "(open pages reconnect by themselves)",
    )
    run.add_argument(
        "--port-retries",
        type=int,
        default=_env_int("PGWIDGETS_PORT_RETRIES") or 0,
        metavar="N",
        help="when the port is in use, try the next N ports",
    )

    bs = commands.add_parser(
        "build-static",
        help="copy the static folder for an external web server, with the one-script bundle",
        description="Copy pgwidgets' static folder to DEST with the widget library built "
        "as one script (js/pgwidgets-bundle.js) and remote.html loading it: nginx, Apache or "
        "Caddy serving DEST then send the library in one request, as the built-in server "
        "does. An installed package's static folder (app.static_path) has it already; "
        "this is for a source checkout, or to serve a copy.",
    )
    bs.add_argument("dest", help="folder to create (must not exist)")

    hp = commands.add_parser("hash-password", help="hash a password for PasswordAuth")
    hp.add_argument("--stdin", action="store_true", help="read the password from standard input")
    commands.add_parser("token", help="print a random token for TokenAuth")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    own, program_args = argv, []
    if "--" in argv:  # pgwidgets run app.py --port 8000 -- --the-programs-own
        cut = argv.index("--")
        own, program_args = argv[:cut], argv[cut + 1 :]
    args = _parser().parse_args(own)
    args.args = program_args
    if args.command in ("hash-password", "token"):
        from pgwidgets.auth.__main__ import main as auth_main

        return auth_main([args.command, *(["--stdin"] if getattr(args, "stdin", False) else [])])
    if args.command == "build-static":
        return build_static(Path(args.dest))
    if args.port_retries < 0:
        return _fail("--port-retries must be 0 or more")
    if args.reload:
        from pgwidgets.reload import run_with_reload

        return run_with_reload(args)
    try:
        return run_program(args)
    except ConfigurationError as exc:
        return _fail(str(exc))


def build_static(dest: Path) -> int:
    """``pgwidgets build-static DEST``."""
    import shutil

    from pgwidgets.server.assets import STATIC_DIR
    from pgwidgets.server.bundle import BundleError, build_static_bundle

    if dest.exists():
        return _fail(f"{dest} exists: give a new folder")
    shutil.copytree(STATIC_DIR, dest, ignore=shutil.ignore_patterns("__pycache__"))
    try:
        bundle = build_static_bundle(dest)
    except BundleError as exc:
        return _fail(f"cannot bundle the library: {exc}")
    print(f"{dest}: static files for your web server ({bundle.stat().st_size} byte bundle)")
    return 0


def _fail(message: str) -> int:
    print(f"pgwidgets: {message}", file=sys.stderr)
    return 1


def _auth(args: argparse.Namespace) -> Any:
    if args.auth == "token":
        from pgwidgets.auth import TokenAuth

        # the --reload parent hands its token down, so a restart keeps the same link
        return (
            TokenAuth(env="PGWIDGETS_TOKEN") if os.environ.get("PGWIDGETS_TOKEN") else (TokenAuth())
        )
    if args.auth == "password":
        from pgwidgets.auth import PasswordAuth

        if not args.users:
            raise ConfigurationError(
                "--auth password needs --users FILE: lines of 'name:hash' "
                "(make a hash with: pgwidgets hash-password)"
            )
        return PasswordAuth(_read_users(Path(args.users)))
    return None


def _read_users(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"cannot read --users {path}: {exc.strerror or exc}") from None
    users = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, stored = line.partition(":")
        if not sep:
            raise ConfigurationError(f"{path}:{number}: expected 'name:hash'")
        users[name.strip()] = stored.strip()
    return users


def run_program(args: argparse.Namespace) -> int:
    """Run the program in this process with the command's settings; its exit status."""
    opener: Callable[[Any], None] | None = None
    if args.open:

        def opener(app: Any) -> None:
            url = app.url
            if url:
                webbrowser.open(url)

    launch = Launch(
        host=args.host,
        port=args.port,
        auth=_auth(args),
        port_retries=args.port_retries,
        on_started=opener,
    )
    install(launch)
    try:
        namespace = _run_target(args.target, list(args.args))
        if not launch.started:
            _serve_found_app(namespace)
    except KeyboardInterrupt:
        pass  # Ctrl-C while the program was still setting up
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        uninstall(launch)
    return 0


def _run_target(target: str, argv: list[str]) -> dict[str, Any]:
    """Run a file or a module as ``__main__`` (like ``python app.py`` / ``python -m``)."""
    saved_argv, saved_path = sys.argv[:], sys.path[:]
    try:
        if target.endswith(".py") or os.sep in target or Path(target).is_file():
            path = Path(target)
            if not path.is_file():
                raise ConfigurationError(f"no such file: {target}")
            sys.argv = [str(path), *argv]
            sys.path.insert(0, str(path.resolve().parent))
            return runpy.run_path(str(path), run_name="__main__")
        sys.argv = [target, *argv]
        sys.path.insert(0, os.getcwd())
        try:
            return runpy.run_module(target, run_name="__main__", alter_sys=True)
        except ImportError as exc:
            raise ConfigurationError(f"cannot import {target}: {exc}") from None
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path


def _serve_found_app(namespace: dict[str, Any]) -> None:
    """The program made an Application but did not run it: run it here."""
    from pgwidgets.async_ import Application as AsyncApplication
    from pgwidgets.server.base_application import BaseApplication
    from pgwidgets.sync import Application as SyncApplication

    apps = [v for v in namespace.values() if isinstance(v, BaseApplication)]
    if not apps:
        raise ConfigurationError(
            "the program made no Application to run (make one at module level, "
            "e.g. app = Application(), or call app.run())"
        )
    if len(apps) > 1:
        raise ConfigurationError("the program made several Applications: call run() yourself")
    (app,) = apps
    if isinstance(app, AsyncApplication):
        asyncio.run(app.run())
    elif isinstance(app, SyncApplication):
        app.run()
    else:
        raise ConfigurationError(
            f"cannot run {type(app).__name__}: not a sync or async Application"
        )
