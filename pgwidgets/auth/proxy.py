"""What the browser sees (scheme, host, path prefix, its address) through trusted proxies.

A reverse proxy tells us the browser-facing scheme, host and path prefix in ``Forwarded`` or
``X-Forwarded-Proto/-Host/-Prefix/-For``. Anyone can send those headers, so they are believed
only when the TCP peer is one of the ``trusted_proxies`` the user lists. Nobody is trusted by
default, not even loopback: any program on this machine could otherwise set
X-Forwarded-For (dodging the per-client rate limits), X-Forwarded-Host and -Prefix (the
origin, links and cookie path we derive). A proxy on this machine is listed as
``trusted_proxies=["127.0.0.1", "::1"]``.

This module imports no server code, so the config can use it to validate settings.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from pgwidgets.exceptions import ConfigurationError

__all__ = [
    "DEFAULT_TRUSTED_PROXIES",
    "ClientView",
    "TrustedNetworks",
    "client_view",
    "mount_prefix",
    "request_key",
]

#: used when ``trusted_proxies`` is not given: nobody's forwarded headers are believed
DEFAULT_TRUSTED_PROXIES: tuple[str, ...] = ()

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def request_key(name: str) -> Any:
    """A typed request-storage key where aiohttp has them (3.12+), else the plain name."""
    maker = getattr(web, "RequestKey", None)
    return maker(name, object) if maker is not None else name


_VIEW_KEY: Any = request_key("pgwidgets.client_view")


class TrustedNetworks:
    """A set of addresses/CIDRs; ``contains`` tells whether a peer address is in it."""

    def __init__(self, entries: Iterable[str]) -> None:
        if isinstance(entries, str):
            raise ConfigurationError("trusted_proxies must be a list of addresses, not a string")
        nets: list[_Network] = []
        for entry in entries:
            try:
                nets.append(ipaddress.ip_network(str(entry).strip(), strict=False))
            except ValueError:
                raise ConfigurationError(
                    f"trusted_proxies: {entry!r} is not an IP address or CIDR network"
                ) from None
        self._nets = tuple(nets)

    def __bool__(self) -> bool:
        return bool(self._nets)

    def contains(self, address: str | None) -> bool:
        """True when ``address`` (a peer IP, maybe with an IPv6 zone) is trusted."""
        if not address or not self._nets:
            return False
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0].strip("[]"))
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip.version == net.version and ip in net for net in self._nets)

    def __repr__(self) -> str:
        return f"TrustedNetworks({[str(n) for n in self._nets]!r})"


@dataclass(frozen=True, slots=True)
class ClientView:
    """The request as the browser made it.

    Attributes:
        scheme: ``http`` or ``https`` (``ws``/``wss`` are reported as http/https).
        host: the Host the browser used, with its port if it gave one (lower case).
        prefix: the path prefix in front of this app (proxy prefix + sub-app mount), no
            trailing slash; ``""`` at the root.
        client: the browser's address (for rate limits), not necessarily the TCP peer.
        via_proxy: the peer is a trusted proxy (its forwarded headers were used).
    """

    scheme: str
    host: str
    prefix: str
    client: str
    via_proxy: bool

    @property
    def secure(self) -> bool:
        return self.scheme == "https"

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` as a browser on this page would send it."""
        return f"{self.scheme}://{self.host}"


def _last(value: str | None) -> str | None:
    """The value the nearest proxy appended (the right-most of a comma list)."""
    if not value:
        return None
    item = value.rsplit(",", 1)[-1].strip()
    return item or None


def _forwarded_pairs(header: str | None) -> dict[str, str]:
    """The right-most element of an RFC 7239 ``Forwarded`` header as a dict."""
    last = _last(header)
    if last is None:
        return {}
    pairs: dict[str, str] = {}
    for part in last.split(";"):
        name, sep, value = part.partition("=")
        if sep:
            pairs[name.strip().lower()] = value.strip().strip('"')
    return pairs


def _client_address(request: Any, trusted: TrustedNetworks) -> str:
    """Walk X-Forwarded-For from the right, skipping trusted proxies."""
    peer = request.remote or ""
    hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
    address = peer
    while hops and trusted.contains(address):
        address = hops.pop()
    return address


def mount_prefix(request: Any) -> str:
    """The sub-application prefix this request was routed through (``""`` at the root)."""
    prefix = ""
    apps = list(getattr(request.match_info, "apps", ()) or ())
    for parent, child in zip(apps, apps[1:], strict=False):
        for resource in parent.router.resources():
            info = resource.get_info()
            if info.get("app") is child:
                prefix += str(info.get("prefix", "")).rstrip("/")
                break
    return prefix


def client_view(request: Any, trusted: TrustedNetworks) -> ClientView:
    """Compute (once per request) what the browser sees, believing only trusted peers."""
    cached = request.get(_VIEW_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    scheme = "https" if request.secure else "http"
    if request.transport is not None and request.transport.get_extra_info("sslcontext"):
        scheme = "https"
    host = (request.headers.get("Host") or "").strip().lower()
    fwd_prefix = ""
    via_proxy = trusted.contains(request.remote)
    if via_proxy:
        fwd = _forwarded_pairs(request.headers.get("Forwarded"))
        proto = fwd.get("proto") or _last(request.headers.get("X-Forwarded-Proto"))
        if proto and proto.lower() in ("http", "https", "ws", "wss"):
            scheme = "https" if proto.lower() in ("https", "wss") else "http"
        fhost = fwd.get("host") or _last(request.headers.get("X-Forwarded-Host"))
        if fhost:
            host = fhost.lower()
            port = _last(request.headers.get("X-Forwarded-Port"))
            if port and port.isdigit() and ":" not in host.rsplit("]", 1)[-1]:
                host = f"{host}:{port}"
        fwd_prefix = (_last(request.headers.get("X-Forwarded-Prefix")) or "").rstrip("/")
        if fwd_prefix and not fwd_prefix.startswith("/"):
            fwd_prefix = ""
    view = ClientView(
        scheme=scheme,
        host=host,
        prefix=fwd_prefix + mount_prefix(request),
        client=_client_address(request, trusted) if via_proxy else (request.remote or ""),
        via_proxy=via_proxy,
    )
    request[_VIEW_KEY] = view
    return view
