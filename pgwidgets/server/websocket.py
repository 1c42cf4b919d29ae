"""The WebSocket pump: hello, then text frames in to the core, frames out via Connection.

The only place that awaits WebSocket I/O. Authentication and the Origin check have already
happened in middleware, before the upgrade is accepted.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from aiohttp import WSMsgType, web

from pgwidgets.auth.base import CONTEXT_KEY, IDENTITY_KEY
from pgwidgets.exceptions import InvalidState, ProtocolError
from pgwidgets.protocol import Hello, decode_browser_frame, encode_frame
from pgwidgets.protocol.messages import (
    CLOSE_FULL,
    CLOSE_REFUSED,
    CLOSE_SESSION_ENDED,
    REFUSED_ENDED,
    error_message,
    refusal,
)
from pgwidgets.protocol.throttle import log_throttled
from pgwidgets.server.connection import Connection
from pgwidgets.server.routes import APP_KEY, upgrade_required

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication

__all__ = [
    "CLOSE_FULL",
    "CLOSE_REFUSED",
    "CLOSE_SESSION_ENDED",
    "HELLO_TIMEOUT",
    "websocket_handler",
]

logger = logging.getLogger(__name__)

#: seconds a new connection has to say hello
HELLO_TIMEOUT = 15.0
SUBPROTOCOLS = ("pgwidgets",)


async def websocket_handler(request: web.Request) -> web.StreamResponse:
    """Serve one browser connection for its whole life."""
    app: BaseApplication = request.app[APP_KEY]
    cfg = app.config
    # no permessage-deflate: its zlib state costs ~300 KB per connection (most of a
    # session's memory) and CPU on every frame, for frames that are mostly small
    ws = web.WebSocketResponse(
        heartbeat=cfg.heartbeat,
        max_msg_size=cfg.max_message_size,
        protocols=SUBPROTOCOLS,
        autoping=True,
        compress=False,
    )
    if not ws.can_prepare(request).ok:
        return await upgrade_required(request)
    await ws.prepare(request)
    peer = request.remote or "?"
    conn = Connection(
        ws, max_queued=cfg.max_queued_frames, peer=peer, loop=asyncio.get_running_loop()
    )
    hello = await _read_hello(ws, peer)
    if hello is None:
        return ws
    identity = request.get(IDENTITY_KEY)
    ctx = request.get(CONTEXT_KEY)
    opened = app._open_session(hello, identity, ctx.view.client if ctx else request.remote)
    if isinstance(opened, str):
        await _refuse(ws, opened)
        return ws
    session, resumed = opened
    log = app._log(logger)
    log.info("browser %s %s session %s", peer, "resumed" if resumed else "opened", session.id)
    try:
        session._attach(conn, hello, resumed=resumed)
    except InvalidState:  # destroyed by another thread between lookup and attach
        await ws.close(code=CLOSE_SESSION_ENDED, message=b"session ended")
        return ws
    app._session_opened(session, resumed)
    try:
        async for msg in ws:
            if msg.type is WSMsgType.TEXT:
                session._receive(conn, msg.data)
            elif msg.type is WSMsgType.BINARY:  # upload chunks
                session._receive_bytes(conn, msg.data)
            elif msg.type is WSMsgType.ERROR:
                # e.g. a frame over max_message_size: aiohttp has closed with 1009
                log.info("connection from %s failed: %s", peer, ws.exception())
                break
    finally:
        conn.closed = True
        session._detach(conn)
        app._connection_closed(session)
        log.info("browser %s left session %s (code %s)", peer, session.id, ws.close_code)
    return ws


async def _read_hello(ws: web.WebSocketResponse, peer: str) -> Hello | None:
    try:
        msg = await ws.receive(timeout=HELLO_TIMEOUT)
    except TimeoutError:
        await ws.close(code=1002, message=b"no hello")
        return None
    if msg.type is not WSMsgType.TEXT:
        if msg.type not in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
            await ws.close(code=1002, message=b"expected a hello text frame")
        return None
    try:
        messages = decode_browser_frame(msg.data)
        if len(messages) != 1 or not isinstance(messages[0], Hello):
            raise ProtocolError("the first message must be one hello")
    except ProtocolError as exc:
        log_throttled(logger, "bad-hello", "browser %s: bad hello: %s", peer, exc)
        reason = str(exc)  # our own words about the frame, never an internal detail
    except Exception:  # noqa: BLE001 - a bug must not cost more than this connection
        log_throttled(
            logger, "hello-failed", "browser %s: reading its hello failed", peer, exc_info=True
        )
        reason = "the server could not read this hello"
    else:
        return messages[0]
    await ws.send_str(encode_frame([error_message(reason)]))
    await ws.close(code=1002, message=b"bad hello")
    return None


async def _refuse(ws: web.WebSocketResponse, reason: str) -> None:
    """Turn a browser away as the protocol says (``messages.refusal``)."""
    how = refusal(reason)
    # a browser coming back to an expired session is routine; the others are worth a look
    log_throttled(
        logger,
        f"refused:{reason}",
        "refused a browser: %s",
        reason,
        level=logging.INFO if reason == REFUSED_ENDED else logging.WARNING,
    )
    if how.message is not None:
        await ws.send_str(encode_frame([how.message]))
    await ws.close(code=how.code, message=how.close_reason.encode())
