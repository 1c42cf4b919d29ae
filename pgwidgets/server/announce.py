"""The lines a starting server shows: where to open it.

Why not only ``logger.info``: Python hides INFO until logging is configured, so a first
program showed nothing at all, and with ``TokenAuth()`` the one link that works (it
carries a generated token) was never seen. Like Jupyter, the start lines are shown on
standard error whatever the logging set-up; when logging is configured to show INFO for
them, they go through logging instead (once, never twice). An app's ``logger=`` always
gets them. To silence them: ``logging.getLogger("pgwidgets.url").setLevel(logging.WARNING)``.

A server listening on every interface (``0.0.0.0``, ``::``) is shown by an address
another machine can use, besides ``localhost``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication

__all__ = ["BANNER_LOGGER", "announce", "lan_address", "open_urls"]

#: the logger of the start lines (set its level above INFO to silence them)
BANNER_LOGGER = "pgwidgets.url"

_WILDCARD = ("", "0.0.0.0", "::")


def lan_address(host: str = "0.0.0.0") -> str | None:
    """This machine's address on the network its default route leaves by, or None.

    A UDP socket "connected" to a public address sends nothing; it only makes the kernel
    pick the outgoing interface, whose address other machines can reach (on most LANs).
    """
    family, probe = (
        (socket.AF_INET6, "2001:db8::1") if host == "::" else (socket.AF_INET, "192.0.2.1")
    )
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))
            address = str(s.getsockname()[0])
    except OSError:
        return None
    if ipaddress.ip_address(address).is_loopback or address.startswith("0."):
        return None
    return address


def _url_host(host: str) -> str:
    try:
        if ipaddress.ip_address(host).version == 6:
            return f"[{host}]"
    except ValueError:
        pass
    return host


def open_urls(app: BaseApplication) -> list[str]:
    """The URLs to show: the app's own, and for a wildcard host one for other machines.

    With ``TokenAuth`` they carry the token (the backend's ``decorate_url``).
    """
    url = app.url
    if url is None:
        return []
    host = app.config.host
    if host not in _WILDCARD:
        return [url]
    port = app.http_port
    remote = lan_address(host) or socket.gethostname()
    base = f"{app.config.scheme}://{_url_host(remote)}:{port}/"
    other = app.auth.decorate_url(base) if app.auth is not None else base
    return [other, url] if other != url else [url]


def _lines(app: BaseApplication) -> list[str]:
    urls = open_urls(app)
    if not urls:
        return [
            "pgwidgets: WebSocket listening on "
            f"{_url_host(app.config.host)}:{app.ws_port} (no built-in page: "
            "your web server serves it)"
        ]
    show = app.auth.redact_url if app.auth is not None else (lambda u: u)
    lines = ["pgwidgets is serving this program. Open it in a browser:"]
    if len(urls) > 1:
        lines.append(f"    {show(urls[0])}   (from other machines)")
        lines.append(f"    {show(urls[1])}")
    else:
        lines.append(f"    {show(urls[0])}")
    lines.append("Stop it with Ctrl-C.")
    return lines


def announce(app: BaseApplication) -> None:
    """Show where the app can be opened (see the module docstring for where it goes)."""
    text = "\n".join(_lines(app))
    if app.logger is not None:
        app.logger.info("%s", text)
        return
    log = logging.getLogger(BANNER_LOGGER)
    if log.disabled or log.level > logging.INFO:
        return  # silenced on purpose
    if log.isEnabledFor(logging.INFO) and _shown(log):
        log.info("%s", text)
        return
    record = log.makeRecord(log.name, logging.INFO, __file__, 0, text, (), None)
    handler = logging.StreamHandler(sys.stderr)
    handler.handle(record)


def _shown(log: logging.Logger) -> bool:
    """Would an INFO record of ``log`` reach a handler that shows it?"""
    current: logging.Logger | None = log
    while current is not None:
        if any(h.level <= logging.INFO for h in current.handlers):
            return True
        if not current.propagate:
            return False
        current = current.parent
    return False
