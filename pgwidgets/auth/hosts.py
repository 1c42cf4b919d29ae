"""The Host allow-list: DNS rebinding protection, as Jupyter Server does it.

A DNS-rebinding page lives at a name its author controls (``rebind.evil.example``) that
first resolves to their server and then to ours (127.0.0.1, a LAN address). The browser
then treats our server as that page's own origin: Host and Origin both say
``rebind.evil.example:9500``, so the Origin check alone cannot tell. What gives it away is the
Host: a name we never answer to. So every request's Host must be one of:

* an IP address literal (a page at an IP address is not anyone's rebinding name);
* ``localhost`` or a ``*.localhost`` name (RFC 6761: always the browser's own machine);
* the address the server was told to bind (``host=``), when it is a name; bound to all
  interfaces, also this machine's own host names (``socket.gethostname()``/``getfqdn()``);
* the host names of ``allowed_origins`` (pages the operator already vouches for);
* an ``allowed_hosts`` entry: ``"app.example.com"``, ``".example.com"`` or
  ``"*.example.com"`` (that domain and every name under it), or ``"*"`` (turn the check off).

Behind a proxy the browser's host name arrives as the Host the proxy passes on, or as
X-Forwarded-Host from a trusted proxy: both are checked. A public name therefore needs
``allowed_hosts=["app.example.com"]`` (or an ``allowed_origins`` entry naming it).

This module imports no server code, so the config can use it to validate settings.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from functools import lru_cache

from pgwidgets.exceptions import ConfigurationError

__all__ = ["AllowedHosts", "host_name"]

_WILDCARD_BINDS = ("", "0.0.0.0", "::", "*")


def host_name(host: str) -> str:
    """The host name of a ``Host`` value: lower case, no port, no brackets, no final dot."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _own_names() -> frozenset[str]:
    """This machine's host names (what a LAN user types for a server bound to 0.0.0.0)."""
    names = set()
    for lookup in (socket.gethostname, socket.getfqdn):
        try:
            names.add(host_name(lookup()))
        except OSError:
            pass
    return frozenset(n for n in names if n)


class AllowedHosts:
    """Which ``Host`` names this server answers to (see the module docstring).

    Args:
        entries: the ``allowed_hosts`` setting.
        bound_host: the ``host=`` the server binds (a name is allowed as well).

    Raises:
        ConfigurationError: an entry is not a host name (a URL, a port, a path).
    """

    def __init__(self, entries: Iterable[str], bound_host: str = "") -> None:
        if isinstance(entries, str):
            raise ConfigurationError("allowed_hosts must be a list of host names, not a string")
        self.any = False
        self._names: set[str] = set()
        self._suffixes: list[str] = []
        for entry in entries:
            text = str(entry).strip().lower().rstrip(".")
            if text == "*":
                self.any = True
                continue
            if _is_ip(host_name(text)):
                continue  # addresses are always allowed
            suffix = text.startswith((".", "*."))
            name = text.lstrip("*").lstrip(".")
            if not name or any(c in name for c in "/:@*[] \t?#"):
                raise ConfigurationError(
                    f"allowed_hosts: {entry!r} is not a host name like 'app.example.com', "
                    "'.example.com' (and every name under it) or '*' (no scheme, no port)"
                )
            if suffix:
                self._suffixes.append(name)
            else:
                self._names.add(name)
        bound = host_name(bound_host)
        self._wildcard_bind = bound_host.strip() in _WILDCARD_BINDS
        if bound and not self._wildcard_bind and not _is_ip(bound):
            self._names.add(bound)

    def allows(self, host: str | None) -> bool:
        """True when a request's ``Host`` (or forwarded host) may be answered."""
        if self.any or not host:
            return True  # no Host: HTTP/1.0, not a browser
        name = host_name(host)
        if _is_ip(name) or name == "localhost" or name.endswith(".localhost"):
            return True
        if name in self._names:
            return True
        if any(name == s or name.endswith("." + s) for s in self._suffixes):
            return True
        return self._wildcard_bind and name in _own_names()
