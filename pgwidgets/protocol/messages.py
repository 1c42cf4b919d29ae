"""Wire messages: decoding what a browser sends, encoding what the server sends.

Every server frame is a JSON array of message objects (one frame per event-loop turn).
A browser frame is one JSON object or an array of them. ``docs/protocol.md`` has the table.
Browser input is untrusted: every field is type-checked here, and anything malformed raises
:class:`~pgwidgets.exceptions.ProtocolError` with a message fit to send back.

Inbound messages are frozen dataclasses, decoded and checked once. Outbound messages are
``TypedDict`` types made only by the ``*_message`` constructors below: a typed dict is its
own wire form, so the outbox holds what ``json.dumps`` takes, with no conversion on the
flush path (every setter makes one), while mypy still checks every field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NotRequired, TypedDict

from pgwidgets.exceptions import ProtocolError

__all__ = [
    "CLOSE_FULL",
    "CLOSE_REFUSED",
    "CLOSE_SESSION_ENDED",
    "REFUSED_ENDED",
    "REFUSED_FULL",
    "REFUSED_IDENTITY",
    "REFUSED_USER_FULL",
    "MAX_DEPTH",
    "MAX_MESSAGE_BYTES",
    "Refusal",
    "error_message",
    "refusal",
    "resolve_refs",
    "PROTOCOL_VERSION",
    "CallbackMsg",
    "ErrorMsg",
    "Hello",
    "InboundMessage",
    "ResultMsg",
    "UploadEndMsg",
    "UploadStartMsg",
    "ViewportMsg",
    "decode_browser_frame",
    "encode_frame",
    "to_wire",
    # outbound
    "BinaryMessage",
    "CallMessage",
    "CreateMessage",
    "DestroyMessage",
    "ErrorMessage",
    "ListenMessage",
    "OutboundMessage",
    "PageMessage",
    "QueryMessage",
    "RefusedMessage",
    "ResetMessage",
    "UploadErrorMessage",
    "WelcomeMessage",
    "WidgetRef",
    "call_message",
    "create_message",
    "destroy_message",
    "listen_message",
    "page_message",
    "query_message",
    "refused_message",
    "reset_message",
    "upload_error_message",
    "welcome_message",
    "widget_ref",
]

PROTOCOL_VERSION = 1
#: default cap on one browser frame (bytes); the transport enforces it before decoding
MAX_MESSAGE_BYTES = 1 << 20
#: deepest nesting of lists/objects a browser frame may have (the frame itself is level 1)
MAX_DEPTH = 64
#: cap on how many messages one browser frame may carry
MAX_MESSAGES_PER_FRAME = 1000
_MAX_NAME = 64


@dataclass(frozen=True, slots=True)
class Hello:
    """First browser message: who it was (credentials it holds, if any) and its viewport."""

    session_id: str | None
    token: str | None
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class ResultMsg:
    """The browser answers a query."""

    query_id: int
    value: Any


@dataclass(frozen=True, slots=True)
class ErrorMsg:
    """The browser failed a query (``query_id`` set) or reports a stray error."""

    query_id: int | None
    message: str
    stack: str | None


@dataclass(frozen=True, slots=True)
class CallbackMsg:
    """The user acted on a widget."""

    wid: int
    action: str
    args: list[Any]


@dataclass(frozen=True, slots=True)
class ViewportMsg:
    """The browser viewport size changed."""

    width: int
    height: int


@dataclass(frozen=True, slots=True)
class UploadStartMsg:
    """The browser announces an upload (its chunks follow as binary frames)."""

    transfer: int
    wid: int
    action: str
    files: list[Any]
    #: the callback reporting progress (``progress``, ``drop-progress``)
    progress: str = "progress"
    #: event details merged into the delivered payload (a drop's position ...)
    extra: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class UploadEndMsg:
    """The browser finished (or, with ``cancel``, abandoned) an upload."""

    transfer: int
    cancel: bool


InboundMessage = (
    Hello | ResultMsg | ErrorMsg | CallbackMsg | ViewportMsg | UploadStartMsg | UploadEndMsg
)


def _int(obj: dict[str, Any], key: str, *, default: int | None = None) -> int:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(f"field {key!r} must be an integer")
    return value


def _opt_str(obj: dict[str, Any], key: str, limit: int = 256) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ProtocolError(f"field {key!r} must be a string of at most {limit} characters")
    return value


def _name(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value or len(value) > _MAX_NAME:
        raise ProtocolError(f"field {key!r} must be a non-empty name")
    return value


def _decode_one(obj: Any) -> InboundMessage:
    if not isinstance(obj, dict):
        raise ProtocolError("each message must be a JSON object")
    kind = obj.get("type")
    if kind == "callback":
        args = obj.get("args", [])
        if not isinstance(args, list):
            raise ProtocolError("field 'args' must be a list")
        return CallbackMsg(_int(obj, "wid"), _name(obj, "action"), args)
    if kind == "result":
        return ResultMsg(_int(obj, "id"), obj.get("value"))
    if kind == "error":
        qid = obj.get("id")
        if qid is not None and (isinstance(qid, bool) or not isinstance(qid, int)):
            raise ProtocolError("field 'id' must be an integer")
        message = obj.get("error")
        return ErrorMsg(qid, str(message)[:2000], _opt_str(obj, "stack", 8000))
    if kind == "viewport":
        return ViewportMsg(_int(obj, "width", default=0), _int(obj, "height", default=0))
    if kind == "upload-start":
        files = obj.get("files")
        if not isinstance(files, list):
            raise ProtocolError("field 'files' must be a list")
        extra = obj.get("extra")
        if extra is not None and not isinstance(extra, dict):
            raise ProtocolError("field 'extra' must be an object")
        progress = _name(obj, "progress") if "progress" in obj else "progress"
        return UploadStartMsg(
            _int(obj, "transfer"), _int(obj, "wid"), _name(obj, "action"), files, progress, extra
        )
    if kind == "upload-end":
        return UploadEndMsg(_int(obj, "transfer"), obj.get("cancel") is True)
    if kind == "hello":
        return Hello(
            _opt_str(obj, "session_id"),
            _opt_str(obj, "token"),
            _int(obj, "width", default=0),
            _int(obj, "height", default=0),
        )
    raise ProtocolError(f"unknown message type {str(kind)[:40]!r}")


def _check_depth(data: Any, text: str) -> None:
    """Refuse values nested deeper than :data:`MAX_DEPTH`.

    ``json.loads`` reads up to ~1000 levels, and code walking such a value recursively
    later (widget references, echoing state to other browsers, a rebuild) would fail far
    from here. A frame with fewer brackets than the limit cannot be that deep, so the walk
    (iterative, one step per container) runs only for frames with many containers.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ProtocolError(f"frame is nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, (list, dict)))
        elif isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (list, dict)))


def decode_browser_frame(text: str) -> list[InboundMessage]:
    """Parse one text frame from a browser into messages.

    Raises:
        ProtocolError: the frame is not JSON, or a message is malformed. Nothing of a
            malformed frame is applied (all messages are checked before any is returned).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProtocolError(f"frame is not valid JSON ({exc.msg})") from None
    except ValueError:  # e.g. an integer of more than sys.get_int_max_str_digits() digits
        raise ProtocolError("frame holds a number too long to read") from None
    except RecursionError:
        raise ProtocolError(f"frame is nested deeper than {MAX_DEPTH} levels") from None
    _check_depth(data, text)
    items = data if isinstance(data, list) else [data]
    if len(items) > MAX_MESSAGES_PER_FRAME:
        raise ProtocolError(f"more than {MAX_MESSAGES_PER_FRAME} messages in one frame")
    return [_decode_one(item) for item in items]


#: JSON-ready as they are (exact types: subclasses such as enums take the general path)
_PLAIN = frozenset({str, int, bool, type(None)})


def to_wire(value: Any) -> Any:
    """Turn a Python value into plain JSON data.

    Widgets (anything with an integer ``_pgw_wid``) become ``{"__wid__": n}`` references,
    tuples become lists, NaN and infinities become ``None``, numpy-style scalars and arrays
    are converted via ``.item()`` / ``.tolist()``.

    Raises:
        TypeError: the value cannot be represented (the message names its type).
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:  # most calls: a short list of plain values
        return [v if type(v) in _PLAIN else to_wire(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_wire(v) for k, v in value.items()}
    wid = getattr(value, "_pgw_wid", None)
    if isinstance(wid, int):
        return {"__wid__": wid}
    if hasattr(value, "tolist"):
        return to_wire(value.tolist())
    if hasattr(value, "item"):
        return to_wire(value.item())
    raise TypeError(f"cannot send a {type(value).__name__} to the browser")


#: close codes the page understands (4000-4999: do not reconnect)
CLOSE_SESSION_ENDED = 4000
CLOSE_REFUSED = 4001
CLOSE_FULL = 4003

#: why a hello is refused
REFUSED_FULL = "full"
REFUSED_IDENTITY = "identity"
#: this user (or, without auth, this address) holds ``max_sessions_per_user`` sessions
REFUSED_USER_FULL = "user-full"
#: the browser's session existed but has ended (expired or destroyed)
REFUSED_ENDED = "ended"


# ------------------------------------------------------------------ outbound messages
class WidgetRef(TypedDict):
    """A widget as a value on the wire, both ways: ``{"__wid__": n}``."""

    __wid__: int


class WelcomeMessage(TypedDict):
    """First message to a browser: the protocol version and the session's credentials."""

    type: Literal["welcome"]
    protocol: int
    session_id: str
    token: str
    resumed: bool


class ResetMessage(TypedDict):
    """Clear the page: a rebuild follows."""

    type: Literal["reset"]


# ``class`` is a keyword: the functional form names that field
CreateMessage = TypedDict(
    "CreateMessage",
    {
        "type": Literal["create"],
        "wid": int,
        "class": str,
        "args": list[Any],
        "options": dict[str, Any],
        "listen": NotRequired[list[str]],
    },
)
CreateMessage.__doc__ = (
    """Make a widget; ``listen`` names the callbacks to forward (absent: none)."""
)


class CallMessage(TypedDict):
    """Call a widget's method in the page."""

    type: Literal["call"]
    wid: int
    method: str
    args: list[Any]


class QueryMessage(TypedDict):
    """Ask the page for a value; the browser answers ``result`` or ``error`` with ``id``."""

    type: Literal["query"]
    id: int
    wid: int | None
    method: str
    args: list[Any]


class ListenMessage(TypedDict):
    """Start forwarding a widget's callback ``action``."""

    type: Literal["listen"]
    wid: int
    action: str


class DestroyMessage(TypedDict):
    """Destroy a widget and its descendants."""

    type: Literal["destroy"]
    wid: int


class PageMessage(TypedDict):
    """A page-level call (``set_theme``, ``open_url``)."""

    type: Literal["page"]
    method: str
    args: list[Any]


class ErrorMessage(TypedDict):
    """The server could not take a browser's input."""

    type: Literal["error"]
    error: str


class RefusedMessage(TypedDict):
    """Why a browser is turned away (shown in the page before the close)."""

    type: Literal["refused"]
    reason: str
    message: str


class UploadErrorMessage(TypedDict):
    """Stop sending an upload: it was refused."""

    type: Literal["upload-error"]
    transfer: int
    error: str


class BinaryMessage(TypedDict):
    """Call ``method(payload, *args)``; the payload follows in binary frames.

    The bytes ride under ``_payload`` until the frame is written (``transfers.wire_header``
    strips them).
    """

    type: Literal["binary"]
    wid: int
    method: str
    args: list[Any]
    size: int
    _payload: bytes


OutboundMessage = (
    WelcomeMessage
    | ResetMessage
    | CreateMessage
    | CallMessage
    | QueryMessage
    | ListenMessage
    | DestroyMessage
    | PageMessage
    | ErrorMessage
    | RefusedMessage
    | UploadErrorMessage
    | BinaryMessage
)
"""Every message the server sends (plain data: :func:`encode_frame` takes it as it is)."""


def widget_ref(wid: int) -> WidgetRef:
    """``{"__wid__": wid}``: a widget as a call argument."""
    return {"__wid__": wid}


def welcome_message(session_id: str, token: str, *, resumed: bool) -> WelcomeMessage:
    return {
        "type": "welcome",
        "protocol": PROTOCOL_VERSION,
        "session_id": session_id,
        "token": token,
        "resumed": resumed,
    }


def reset_message() -> ResetMessage:
    return {"type": "reset"}


def create_message(
    wid: int, cls: str, args: list[Any], options: dict[str, Any], listen: list[str]
) -> CreateMessage:
    """``listen`` is left out when empty (the page then forwards nothing)."""
    msg: CreateMessage = {
        "type": "create",
        "wid": wid,
        "class": cls,
        "args": args,
        "options": options,
    }
    if listen:
        msg["listen"] = listen
    return msg


def call_message(wid: int, method: str, args: list[Any]) -> CallMessage:
    """``args`` must be wire values already (:func:`to_wire`)."""
    return {"type": "call", "wid": wid, "method": method, "args": args}


def query_message(qid: int, wid: int | None, method: str, args: list[Any]) -> QueryMessage:
    return {"type": "query", "id": qid, "wid": wid, "method": method, "args": args}


def listen_message(wid: int, action: str) -> ListenMessage:
    return {"type": "listen", "wid": wid, "action": action}


def destroy_message(wid: int) -> DestroyMessage:
    return {"type": "destroy", "wid": wid}


def page_message(method: str, args: list[Any]) -> PageMessage:
    return {"type": "page", "method": method, "args": args}


def error_message(reason: str) -> ErrorMessage:
    """The ``error`` message a browser gets for input the server could not take."""
    return {"type": "error", "error": reason}


def refused_message(reason: str, message: str) -> RefusedMessage:
    return {"type": "refused", "reason": reason, "message": message}


def upload_error_message(transfer: int, reason: str) -> UploadErrorMessage:
    return {"type": "upload-error", "transfer": transfer, "error": reason}


@dataclass(frozen=True, slots=True)
class Refusal:
    """How to turn a browser away: an optional message to show, then a close code."""

    code: int
    close_reason: str
    message: RefusedMessage | None


_REFUSALS = {
    REFUSED_ENDED: Refusal(
        CLOSE_SESSION_ENDED, "This session has ended (it was idle too long, or closed).", None
    ),
    REFUSED_FULL: Refusal(
        CLOSE_FULL,
        REFUSED_FULL,
        refused_message(
            REFUSED_FULL,
            "This application is serving as many sessions as it allows. Please try again later.",
        ),
    ),
    REFUSED_USER_FULL: Refusal(
        CLOSE_FULL,
        REFUSED_USER_FULL,
        {
            "type": "refused",
            "reason": REFUSED_USER_FULL,
            "message": "You already have as many sessions of this application open as "
            "one user may. Close one of its other tabs or windows (or wait a few minutes "
            "for an abandoned one to end), then reload this page.",
        },
    ),
    REFUSED_IDENTITY: Refusal(
        CLOSE_REFUSED,
        REFUSED_IDENTITY,
        refused_message(REFUSED_IDENTITY, "These session credentials belong to another user."),
    ),
}


def refusal(reason: str) -> Refusal:
    """The refusal for one of the ``REFUSED_*`` reasons."""
    return _REFUSALS[reason]


_REF_KEYS = frozenset({"__wid__", "__class__"})


def resolve_refs(value: Any, lookup: Callable[[int], Any]) -> Any:
    """The inverse of :func:`to_wire` for browser values: ``{"__wid__": n}`` (optionally
    with ``__class__``) becomes ``lookup(n)``; anything else is walked unchanged."""
    if isinstance(value, list):
        return [resolve_refs(v, lookup) for v in value]
    if isinstance(value, dict):
        ref = value.get("__wid__")
        if isinstance(ref, int) and not isinstance(ref, bool) and set(value) <= _REF_KEYS:
            return lookup(ref)
        return {k: resolve_refs(v, lookup) for k, v in value.items()}
    return value


def encode_frame(messages: Sequence[OutboundMessage | dict[str, Any]]) -> str:
    """Encode server messages (already plain data) as one text frame."""
    return json.dumps(messages, separators=(",", ":"), ensure_ascii=False)
