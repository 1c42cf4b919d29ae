"""UploadReceiver: the part of SessionCore that takes file uploads from a browser.

An upload is ``upload-start`` (files, sizes, the callback to deliver to), binary chunk
frames tagged with the transfer id, then ``upload-end``. Limits are checked before any
byte is kept (``transfers.UploadTable``); a refused upload tells the browser to stop and
the widget's ``error`` handlers why, and its callback never sees a partial upload.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pgwidgets.exceptions import ProtocolError
from pgwidgets.protocol.events import CallbackEvent, Event
from pgwidgets.protocol.messages import (
    OutboundMessage,
    UploadEndMsg,
    UploadStartMsg,
    upload_error_message,
)
from pgwidgets.protocol.transfers import split_chunk

if TYPE_CHECKING:
    from pgwidgets.protocol.transfers import UploadTable
    from pgwidgets.protocol.widget_state import WidgetRecord

__all__ = ["UploadReceiver"]

logger = logging.getLogger("pgwidgets.protocol.session")

Conn = object


class UploadReceiver:
    """Mixin for :class:`SessionCore`: upload messages and binary chunk frames."""

    uploads: UploadTable
    widgets: dict[int, WidgetRecord]
    session_id: Any

    def send_to(self, conn: Conn, msg: OutboundMessage) -> None:  # provided by SessionCore
        raise NotImplementedError

    def _reject(self, conn: Conn, reason: str) -> None:  # provided by SessionCore
        raise NotImplementedError

    def receive_bytes(self, conn: Conn, data: bytes) -> list[Event]:
        """Read one binary browser frame (an upload chunk); returns progress events."""
        try:
            tid, chunk = split_chunk(data)
        except ProtocolError as exc:
            self._reject(conn, str(exc))
            return []
        pending = self.uploads.get(conn, tid)
        try:
            upload = self.uploads.chunk(conn, tid, chunk)
        except ProtocolError as exc:
            return self._upload_failed(conn, tid, pending.wid if pending else None, str(exc))
        if upload is None:
            return []
        rec = self.widgets.get(upload.wid)
        if rec is None or upload.progress_action not in rec.listen:
            return []
        return [
            CallbackEvent(
                upload.wid,
                upload.progress_action,
                (
                    {
                        "transfer_id": tid,
                        "transferred_bytes": len(upload.received),
                        "total_bytes": upload.total,
                        "complete": False,
                    },
                ),
                conn,
            )
        ]

    def _upload_failed(self, conn: Conn, tid: int, wid: int | None, reason: str) -> list[Event]:
        """Tell the browser to stop sending, and the widget's ``error`` handlers why."""
        logger.warning("session %s: upload %s refused: %s", self.session_id, tid, reason)
        self.send_to(conn, upload_error_message(tid, reason))
        rec = self.widgets.get(wid) if wid is not None else None
        if rec is not None and "error" in rec.kind.callbacks:
            return [CallbackEvent(rec.wid, "error", (reason,), conn)]
        return []

    def _upload(self, conn: Conn, msg: UploadStartMsg | UploadEndMsg) -> list[Event]:
        if isinstance(msg, UploadStartMsg):
            rec = self.widgets.get(msg.wid)
            if rec is None or msg.action not in rec.kind.callbacks:
                raise ProtocolError(f"widget {msg.wid} takes no upload for {msg.action!r}")
            try:
                self.uploads.start(
                    conn, msg.transfer, msg.wid, msg.action, msg.files, msg.progress, msg.extra
                )
            except ProtocolError as exc:
                return self._upload_failed(conn, msg.transfer, msg.wid, str(exc))
            return []
        if msg.cancel:
            self.uploads.cancel(conn, msg.transfer)
            return []
        try:
            upload = self.uploads.finish(conn, msg.transfer)
        except ProtocolError as exc:
            return self._upload_failed(conn, msg.transfer, None, str(exc))
        if upload is None or upload.wid not in self.widgets:
            return []
        return [CallbackEvent(upload.wid, upload.action, (upload.result(),), conn)]
