"""The outgoing frame queue (``protocol/outgoing.py``): chunking, wire order, no copies.

No loop, no socket: frames are pushed and popped by hand, as ``server/connection.py``
does, and the core's ``frames_to_send`` is drained directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from pgwidgets.protocol import SessionCore
from pgwidgets.protocol.outgoing import (
    OUTGOING_CHUNK_SIZE,
    FrameQueue,
    OutgoingPayload,
    chunk_count,
)
from pgwidgets.protocol.rules import SyncRule

CHUNK = OUTGOING_CHUNK_SIZE


@dataclass
class Kind:
    name: str = "Image"
    callbacks: frozenset[str] = frozenset()
    sync: dict[str, tuple[SyncRule, ...]] = field(default_factory=dict)
    post_keys: frozenset[str] = frozenset()


def drain(queue: FrameQueue) -> list[str | bytes]:
    """Pop everything; binary frames as bytes (text as str)."""
    out: list[str | bytes] = []
    while (frame := queue.pop()) is not None:
        out.append(frame if isinstance(frame, str) else bytes(frame))
    return out


def test_the_chunk_size_is_256_kib() -> None:
    assert CHUNK == 256 * 1024


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_a_payload_is_cut_into_chunks_that_add_up_to_it(size: int) -> None:
    data = bytes(i % 251 for i in range(size))
    queue = FrameQueue()
    queue.push(OutgoingPayload(data))
    frames = drain(queue)
    assert len(frames) == chunk_count(size) == max(1, -(-size // CHUNK))
    assert all(isinstance(f, bytes) and len(f) <= CHUNK for f in frames)
    assert b"".join(frames) == data  # type: ignore[arg-type]
    assert not queue and len(queue) == 0


def test_chunks_are_views_of_the_payload_not_copies() -> None:
    data = bytes(3 * CHUNK)
    queue = FrameQueue()
    queue.push(OutgoingPayload(data))
    first = queue.pop()
    assert isinstance(first, memoryview) and first.obj is data
    assert len(first) == CHUNK


def test_text_goes_before_chunks_still_waiting_but_after_its_own_header() -> None:
    """The header's frame leaves before its payload; a later text frame waits for one
    chunk at most; payloads follow each other whole, in header order."""
    queue = FrameQueue(chunk_size=4)
    queue.push("header 1")
    queue.push(OutgoingPayload(b"aaaabbbbcc"))
    assert queue.pop() == "header 1"
    assert bytes(queue.pop() or b"") == b"aaaa"
    queue.push("label set meanwhile")
    queue.push(OutgoingPayload(b"zz"))  # its header was in the text frame just pushed
    assert drain(queue) == ["label set meanwhile", b"bbbb", b"cc", b"zz"]


def test_a_payload_is_one_entry_however_large() -> None:
    """``max_queued_frames`` bounds entries: a 50 MB payload does not trip it."""
    queue = FrameQueue()
    queue.push(OutgoingPayload(bytes(50 * 1024 * 1024)))
    assert len(queue) == 1 and queue.streaming
    queue.pop()
    assert len(queue) == 1
    queue.push("text")
    assert len(queue) == 2
    queue.clear()
    assert len(queue) == 0 and not queue.streaming and queue.pop() is None


def test_plain_bytes_are_a_payload_and_an_empty_one_is_one_empty_frame() -> None:
    queue = FrameQueue(chunk_size=2)
    queue.push(b"abc")
    queue.push(b"")
    assert drain(queue) == [b"ab", b"c", b""]


def test_a_chunk_size_below_one_byte_is_refused() -> None:
    with pytest.raises(ValueError):
        FrameQueue(chunk_size=0)


def test_core_hands_every_browser_the_same_bytes() -> None:
    """``frames_to_send`` wraps the payload, never copies it, once per connection; the
    header on the wire has no bytes in it and no chunk count (the size is enough)."""
    core = SessionCore()
    a, b = object(), object()
    core.attach(a, resumed=False)
    core.attach(b, resumed=False)
    core.frames_to_send()
    wid = core.create(Kind(), [], {})
    data = bytes(2 * CHUNK + 1)
    core.send_binary(wid, "set_binary_image", ["png"], data, key="image")
    frames = core.frames_to_send()
    payloads = [f for _, f in frames if isinstance(f, OutgoingPayload)]
    assert [conn for conn, f in frames if isinstance(f, OutgoingPayload)] == [a, b]
    assert all(p.data is data for p in payloads) and len(payloads[0]) == len(data)
    header = json.loads(next(f for _, f in frames if isinstance(f, str)))[-1]
    assert header == {
        "type": "binary",
        "wid": wid,
        "method": "set_binary_image",
        "args": ["png"],
        "size": len(data),
    }
