"""Property-based fuzzing of the frame decoder and the core's input path (issue 13).

Whatever a browser sends - any text, any JSON, messages with fields of any type - the
decoder returns messages or raises ProtocolError, and ``SessionCore.receive_text`` never
raises at all: bad input is answered with an ``error`` message. Bounded (examples, sizes,
no deadline surprises on a busy machine) so the suite stays fast.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pgwidgets.exceptions import ProtocolError
from pgwidgets.protocol.messages import (
    MAX_DEPTH,
    CallbackMsg,
    ErrorMsg,
    Hello,
    ResultMsg,
    UploadEndMsg,
    UploadStartMsg,
    ViewportMsg,
    decode_browser_frame,
)
from pgwidgets.protocol.session import SessionCore
from pgwidgets.widgets import defs  # noqa: F401  (importing it fills REGISTRY)
from pgwidgets.widgets.spec import REGISTRY

BOUNDED = settings(max_examples=60, deadline=None)
MESSAGE_TYPES = (Hello, ResultMsg, ErrorMsg, CallbackMsg, ViewportMsg, UploadStartMsg, UploadEndMsg)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**20, max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KINDS = ["hello", "callback", "result", "error", "viewport", "upload-start", "upload-end", "x"]
FIELDS = [
    "type",
    "wid",
    "action",
    "args",
    "id",
    "value",
    "error",
    "stack",
    "width",
    "height",
    "session_id",
    "token",
    "transfer",
    "files",
    "extra",
    "progress",
    "cancel",
]
messages = st.builds(
    lambda kind, fields: {"type": kind, **fields},
    st.sampled_from(KINDS),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6),
)


def text_frames() -> st.SearchStrategy[str]:
    """Raw text: valid frames, near-JSON, deep nesting, huge numbers, plain junk."""
    frames = st.one_of(
        st.lists(messages, max_size=4).map(json.dumps),
        messages.map(json.dumps),
        json_values.map(json.dumps),
        st.text(max_size=200),
        st.integers(min_value=1, max_value=1500).map(lambda n: "[" * n + "]" * n),
        st.integers(min_value=1, max_value=1500).map(lambda n: '{"a":' * n + "1" + "}" * n),
        st.integers(min_value=4400, max_value=5000).map(lambda n: "9" * n),
        st.integers(min_value=4400, max_value=5000).map(
            lambda n: '{"type":"viewport","width":' + "1" * n + "}"
        ),
    )
    return frames


@BOUNDED
@given(text_frames())
def test_decoder_returns_messages_or_raises_protocol_error(text: str) -> None:
    try:
        decoded = decode_browser_frame(text)
    except ProtocolError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return
    assert all(isinstance(m, MESSAGE_TYPES) for m in decoded)


#: widgets whose callbacks change state in the core (sync rules, moves, stacking)
KINDS_WITH_RULES = [
    "TopLevel",
    "TabWidget",
    "CheckBox",
    "Slider",
    "TextEntry",
    "ComboBox",
    "Splitter",
    "SpinBox",
    "Label",
]
ACTIONS = sorted({a for name in KINDS_WITH_RULES for a in REGISTRY[name].callbacks})


def busy_core() -> tuple[SessionCore, list[int]]:
    """A core with one widget of each kind above, attached to two browsers."""
    core = SessionCore()
    for conn in ("a", "b"):
        core.attach(conn, Hello(None, None, 800, 600), resumed=False)
    wids = [core.create(REGISTRY[name], [], {}) for name in KINDS_WITH_RULES]
    core.frames_to_send()
    return core, wids


callbacks = st.builds(
    lambda wid, action, args: {"type": "callback", "wid": wid, "action": action, "args": args},
    st.integers(min_value=0, max_value=len(KINDS_WITH_RULES) + 1),
    st.sampled_from(ACTIONS),
    st.lists(json_values, max_size=5),
)


@BOUNDED
@given(st.lists(text_frames() | callbacks.map(json.dumps), min_size=1, max_size=4))
def test_core_never_raises_on_browser_input(frames: list[str]) -> None:
    core, _ = busy_core()
    for text in frames:
        core.receive_text("a", text)  # the property: no exception escapes
    for _conn, frame in core.frames_to_send():
        if isinstance(frame, str):
            assert isinstance(json.loads(frame), list)
    # the session still rebuilds for a new browser (no state the encoder chokes on)
    core.attach("c", Hello(None, None, 800, 600), resumed=False)
    assert any(conn == "c" for conn, _ in core.frames_to_send())


def test_nesting_limit_holds_exactly() -> None:
    ok = '{"type":"result","id":1,"value":' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    assert isinstance(decode_browser_frame(ok)[0], ResultMsg)
    deep = '{"type":"result","id":1,"value":' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
    try:
        decode_browser_frame(deep)
    except ProtocolError as exc:
        assert "nested deeper" in str(exc)
    else:
        raise AssertionError("a frame nested deeper than MAX_DEPTH was accepted")
