"""The sans-I/O core: wire messages, session state and widget state.

Nothing in this package imports aiohttp, asyncio or threading (``tests/unit/test_layers.py``
checks it). The transport feeds it browser text with :meth:`SessionCore.receive_text` and
drains :meth:`SessionCore.frames_to_send` (text frames and payloads; a connection's
:class:`~pgwidgets.protocol.outgoing.FrameQueue` cuts payloads into chunks and interleaves
them with text); facades call :meth:`SessionCore.create`,
:meth:`SessionCore.call` and friends. See ``docs/protocol.md`` for the wire format.
"""

from __future__ import annotations

from pgwidgets.protocol.credentials import Credentials, new_credentials
from pgwidgets.protocol.events import (
    BrowserError,
    CallbackEvent,
    Event,
    QueryFailed,
    QueryReturned,
    ViewportChanged,
)
from pgwidgets.protocol.messages import (
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    Hello,
    decode_browser_frame,
    encode_frame,
)
from pgwidgets.protocol.session import SessionCore
from pgwidgets.protocol.state import SessionState

__all__ = [
    "MAX_MESSAGE_BYTES",
    "PROTOCOL_VERSION",
    "BrowserError",
    "CallbackEvent",
    "Credentials",
    "Event",
    "Hello",
    "QueryFailed",
    "QueryReturned",
    "SessionCore",
    "SessionState",
    "ViewportChanged",
    "decode_browser_frame",
    "encode_frame",
    "new_credentials",
]
