"""Outgoing frames of one browser connection: text first, payloads one chunk at a time.

Theory of operation
-------------------
``SessionCore.frames_to_send`` yields, per connection, a text frame (a JSON array) and,
for every ``binary`` header in it, an :class:`OutgoingPayload` holding that header's bytes.
The transport pushes both into the connection's :class:`FrameQueue` and writes whatever
:meth:`FrameQueue.pop` hands it, one WebSocket frame per call. The queue decides the wire
order, with two rules:

1. Text frames keep their order among themselves; so do binary frames. A payload is cut
   into frames of at most :data:`OUTGOING_CHUNK_SIZE` bytes (a zero-byte payload is one
   empty frame), and payloads follow each other whole, in header order.
2. A text frame goes before any binary frame still waiting, so a text frame queued while
   a big payload streams waits for one chunk at most, never for the whole payload.

Rule 2 never puts a chunk before its own header: the header's text frame is pushed before
its payload, and text always leaves first. The browser pairs binary frames with headers
strictly FIFO (``static/js/payload.js``): it takes frames for the oldest unfinished header
until it has the header's ``size`` bytes. So chunks need no tag and a payload of one chunk
is exactly the single frame it always was. The browser still *applies* messages in the
order they were queued: a message after a ``binary`` call waits there until the payload
is complete, even when its frame overtook the payload on the wire.

Nothing is copied here: chunks are ``memoryview`` slices of the payload's bytes, and a
payload counts as one entry however large it is, so a 50 MB image neither trips the
transport's queue bound nor sits in the socket as one 50 MB frame.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

__all__ = ["OUTGOING_CHUNK_SIZE", "FrameQueue", "OutgoingPayload", "chunk_count"]

#: largest binary frame the server sends (bytes). 256 KiB is the upload chunk size of
#: ``static/js/upload.js`` too: far below the frame and message limits of proxies and
#: browsers (and below our own 1 MiB ``max_message_size``), while a frame's fixed cost (a
#: few header bytes, one loop turn, one ``onmessage``) stays negligible. A text frame
#: queued behind a payload waits for at most one chunk: about 20 ms at 100 Mbit/s.
OUTGOING_CHUNK_SIZE = 256 * 1024


def chunk_count(size: int, chunk_size: int = OUTGOING_CHUNK_SIZE) -> int:
    """How many binary frames a payload of ``size`` bytes takes (an empty one takes one)."""
    return max(1, -(-size // chunk_size))


@dataclass(frozen=True, slots=True)
class OutgoingPayload:
    """The bytes of one ``binary`` header, to follow the text frame that carries it.

    A value, not a cursor: the core hands the same bytes to every connection (no copy)
    and each connection's :class:`FrameQueue` keeps its own position in them.
    """

    data: bytes

    def __len__(self) -> int:
        return len(self.data)


class _Stream:
    """One payload being written to one connection: the bytes and how far they went."""

    __slots__ = ("offset", "view")

    def __init__(self, data: bytes) -> None:
        self.view = memoryview(data)
        self.offset = 0


class FrameQueue:
    """Frames waiting for one connection's socket, handed out in wire order.

    ``len()`` counts entries: each text frame and each unfinished payload is one, so a
    bound on it (``max_queued_frames``) catches a browser that stopped reading, not a
    large payload.
    """

    def __init__(self, chunk_size: int = OUTGOING_CHUNK_SIZE) -> None:
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1 byte")
        #: largest binary frame :meth:`pop` returns
        self.chunk_size = chunk_size
        self._text: deque[str] = deque()
        self._binary: deque[_Stream] = deque()

    def push(self, frame: str | bytes | OutgoingPayload) -> None:
        """Queue a text frame, or a payload to stream (plain bytes count as a payload)."""
        if isinstance(frame, str):
            self._text.append(frame)
        else:
            data = frame.data if isinstance(frame, OutgoingPayload) else frame
            self._binary.append(_Stream(data))

    def pop(self) -> str | memoryview | None:
        """The next frame to write: the oldest text frame, else the next chunk, else None."""
        if self._text:
            return self._text.popleft()
        if not self._binary:
            return None
        stream = self._binary[0]
        end = stream.offset + self.chunk_size
        chunk = stream.view[stream.offset : end]
        stream.offset = end
        if end >= len(stream.view):
            self._binary.popleft()
        return chunk

    def clear(self) -> None:
        """Drop everything (the socket failed)."""
        self._text.clear()
        self._binary.clear()

    @property
    def streaming(self) -> bool:
        """True while a payload has chunks left to write."""
        return bool(self._binary)

    def __len__(self) -> int:
        return len(self._text) + len(self._binary)

    def __bool__(self) -> bool:
        return bool(self._text or self._binary)
