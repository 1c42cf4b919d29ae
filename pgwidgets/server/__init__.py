"""The aiohttp transport: routes, the WebSocket pump and the server life cycle.

It moves messages between sockets and :class:`~pgwidgets.protocol.SessionCore`; all
protocol decisions are the core's.
"""

from __future__ import annotations

from pgwidgets.server.config import ServerConfig

__all__ = ["ServerConfig"]
