"""What the ``pgwidgets`` command line asks of the Applications of the program it runs.

``pgwidgets run app.py --port 8000`` runs a program that makes its own ``Application``:
the command's settings (flags, or ``PGWIDGETS_*`` environment variables read by the
command) must reach that Application without the program passing them. The command puts
them here before running the program; :class:`~pgwidgets.server.base_application.
BaseApplication` applies them over the program's own arguments (what the user typed last
wins), and reports each Application that starts listening (so the command can open a
browser, and knows the program served).

Outside the command nothing is set here, and an Application uses its arguments as given:
the library itself never reads the environment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Launch", "current", "install", "uninstall"]


@dataclass
class Launch:
    """Settings from the command line, and what happened while the program ran."""

    host: str | None = None
    #: the port to open in a browser (the shared port; the page's port with split ports)
    port: int | None = None
    #: the ``auth=`` backend to use instead of the program's
    auth: Any = None
    #: on "port in use", try this many following ports
    port_retries: int = 0
    #: called with each Application once it listens
    on_started: Callable[[Any], None] | None = None
    #: the Applications that started listening
    started: list[Any] = field(default_factory=list)

    def apply(self, settings: dict[str, Any]) -> dict[str, Any]:
        """``Application``'s arguments with the command's settings put over them."""
        out = dict(settings)
        if self.host is not None:
            out["host"] = self.host
        if self.port is not None:
            if out.get("http_server", True) and out.get("http_port") is not None:
                out["http_port"] = self.port
            else:
                out["ws_port"] = self.port
                out["ws_sock"] = None
        if self.auth is not None:
            out["auth"] = self.auth
        return out

    def report_started(self, app: Any) -> None:
        self.started.append(app)
        if self.on_started is not None:
            self.on_started(app)


_CURRENT: list[Launch] = []


def current() -> Launch | None:
    """The command's settings while it runs a program, else None."""
    return _CURRENT[-1] if _CURRENT else None


def install(launch: Launch) -> None:
    _CURRENT.append(launch)


def uninstall(launch: Launch) -> None:
    if launch in _CURRENT:
        _CURRENT.remove(launch)
