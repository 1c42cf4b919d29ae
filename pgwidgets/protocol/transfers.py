"""Binary payloads, both ways, with no I/O: outgoing headers and incoming uploads.

Server to browser
-----------------
A payload (an image, a file to save) travels as a ``binary`` header message in the normal
JSON frame, ``{"type": "binary", "wid", "method", "args", "size"}``, and its bytes follow
in binary WebSocket frames of at most ``outgoing.OUTGOING_CHUNK_SIZE`` bytes, payloads in
header order (FIFO). The browser takes binary frames for the oldest unfinished header until
it has ``size`` bytes, then calls ``widget[method](payload, ...args)``. How the chunks are
cut and interleaved with later text frames is :mod:`pgwidgets.protocol.outgoing`'s
business. Inside the core the bytes ride along in the header dict under
:data:`PAYLOAD_KEY`, which :func:`wire_header` strips before encoding, so a rebuild can
replay payloads exactly like other messages.

Browser to server (uploads)
---------------------------
``upload-start {transfer, wid, action, files: [{name, size, type}]}`` announces a transfer;
binary frames ``[4-byte big-endian transfer id][chunk]`` carry the files' bytes
back to back, in file order; ``upload-end {transfer}`` completes it (``cancel: true``
abandons it). :class:`UploadTable` enforces a per-transfer size limit and a cap on
concurrent transfers per connection: a violation fails the whole transfer and nothing of
it is ever delivered.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any, Final

from pgwidgets.exceptions import ProtocolError
from pgwidgets.protocol.messages import BinaryMessage, OutboundMessage

__all__ = [
    "CHUNK_HEADER",
    "DEFAULT_MAX_UPLOADS",
    "DEFAULT_MAX_UPLOAD_SIZE",
    "PAYLOAD_KEY",
    "Upload",
    "UploadTable",
    "binary_header",
    "split_chunk",
    "wire_header",
]

#: where the core keeps a header's bytes until the frame is written (never sent as JSON)
PAYLOAD_KEY: Final = "_payload"
#: the transfer id prefix of every upload chunk frame
CHUNK_HEADER = struct.Struct(">I")
#: default cap on one transfer (all its files together), bytes
DEFAULT_MAX_UPLOAD_SIZE = 64 * 1024 * 1024
#: default cap on transfers in progress per browser connection
DEFAULT_MAX_UPLOADS = 4
_MAX_FILES = 1000


def binary_header(wid: int, method: str, args: list[Any], payload: bytes) -> BinaryMessage:
    """The header message for one outgoing payload (bytes kept under :data:`PAYLOAD_KEY`)."""
    return {
        "type": "binary",
        "wid": wid,
        "method": method,
        "args": args,
        "size": len(payload),
        PAYLOAD_KEY: payload,
    }


def wire_header(msg: OutboundMessage) -> OutboundMessage | dict[str, Any]:
    """A message as sent: a ``binary`` header loses its bytes (they go in binary frames)."""
    if PAYLOAD_KEY not in msg:
        return msg
    return {k: v for k, v in msg.items() if k != PAYLOAD_KEY}


def split_chunk(data: bytes) -> tuple[int, bytes]:
    """Read an upload chunk frame: ``(transfer_id, chunk)``.

    Raises:
        ProtocolError: the frame is too short to carry a transfer id.
    """
    if len(data) < CHUNK_HEADER.size:
        raise ProtocolError("binary frame too short for an upload chunk")
    (tid,) = CHUNK_HEADER.unpack_from(data)
    return tid, bytes(data[CHUNK_HEADER.size :])


@dataclass
class Upload:
    """One transfer being received: its declared files and the bytes so far."""

    transfer: int
    wid: int
    action: str
    files: list[dict[str, Any]]
    total: int
    received: bytearray = field(default_factory=bytearray)
    #: the callback that reports progress, and details the payload carries
    progress_action: str = "progress"
    extra: dict[str, Any] = field(default_factory=dict)

    def result(self) -> dict[str, Any]:
        """The callback payload: ``{**extra, "files": [{name, size, type, data: bytes}]}``."""
        out = []
        offset = 0
        for f in self.files:
            size = f["size"]
            out.append({**f, "data": bytes(self.received[offset : offset + size])})
            offset += size
        return {**self.extra, "files": out}


class UploadTable:
    """Uploads in progress, per connection, with their limits.

    Every method raises :class:`ProtocolError` with a message fit for the user when a
    transfer breaks a rule; the transfer is then forgotten (all of it).
    """

    def __init__(
        self, max_size: int = DEFAULT_MAX_UPLOAD_SIZE, max_concurrent: int = DEFAULT_MAX_UPLOADS
    ) -> None:
        #: largest transfer accepted, bytes (all files of one transfer together)
        self.max_size = max_size
        #: transfers one connection may have in progress at once
        self.max_concurrent = max_concurrent
        self._uploads: dict[tuple[object, int], Upload] = {}

    def start(
        self,
        conn: object,
        transfer: int,
        wid: int,
        action: str,
        files: list[Any],
        progress: str = "progress",
        extra: dict[str, Any] | None = None,
    ) -> Upload:
        """Open a transfer after checking its declaration against the limits."""
        if (conn, transfer) in self._uploads:
            raise ProtocolError(f"upload {transfer} is already in progress")
        if sum(1 for key in self._uploads if key[0] is conn) >= self.max_concurrent:
            raise ProtocolError(f"too many uploads at once (at most {self.max_concurrent})")
        if not isinstance(files, list) or not files or len(files) > _MAX_FILES:
            raise ProtocolError(f"an upload needs 1 to {_MAX_FILES} files")
        clean: list[dict[str, Any]] = []
        for f in files:
            if not isinstance(f, dict):
                raise ProtocolError("each file must be an object")
            size = f.get("size")
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                raise ProtocolError("each file needs a size in bytes")
            clean.append(
                {
                    "name": str(f.get("name", ""))[:1024],
                    "size": size,
                    "type": str(f.get("type", ""))[:256],
                }
            )
        total = sum(f["size"] for f in clean)
        if total > self.max_size:
            raise ProtocolError(
                f"upload of {total} bytes is larger than the limit of {self.max_size} bytes"
            )
        upload = Upload(
            transfer,
            wid,
            action,
            clean,
            total,
            progress_action=progress,
            extra={k: v for k, v in (extra or {}).items() if k != "files"},
        )
        self._uploads[(conn, transfer)] = upload
        return upload

    def get(self, conn: object, transfer: int) -> Upload | None:
        """The transfer in progress with this id, if any."""
        return self._uploads.get((conn, transfer))

    def chunk(self, conn: object, transfer: int, data: bytes) -> Upload | None:
        """Add a chunk; fails (and drops the transfer) if it exceeds the declared size.

        Returns None for a transfer not in progress: it was refused, and the chunks the
        browser sent before hearing so are dropped quietly.
        """
        upload = self._uploads.get((conn, transfer))
        if upload is None:
            return None
        if len(upload.received) + len(data) > upload.total:
            del self._uploads[(conn, transfer)]
            raise ProtocolError(f"upload {transfer} sent more bytes than it declared")
        upload.received += data
        return upload

    def finish(self, conn: object, transfer: int) -> Upload | None:
        """Close a transfer; it must have delivered exactly the declared bytes.

        Returns None for a transfer not in progress (already refused).
        """
        upload = self._uploads.pop((conn, transfer), None)
        if upload is None:
            return None
        if len(upload.received) != upload.total:
            raise ProtocolError(
                f"upload {transfer} ended after {len(upload.received)} of {upload.total} bytes"
            )
        return upload

    def cancel(self, conn: object, transfer: int) -> Upload | None:
        """Abandon a transfer (the user or the page gave up)."""
        return self._uploads.pop((conn, transfer), None)

    def drop_connection(self, conn: object) -> None:
        """Forget every transfer of a connection that went away."""
        for key in [k for k in self._uploads if k[0] is conn]:
            del self._uploads[key]

    def __len__(self) -> int:
        return len(self._uploads)
