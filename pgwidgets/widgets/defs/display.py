"""Display and pickers: Image, ColorWidget, ColorDialog.

Image keeps the last picture, URL or bytes, as Python state, so a reconnecting browser
gets it again; bytes travel as one binary WebSocket frame (no base64), see
:mod:`pgwidgets.protocol.transfers`.
"""

from __future__ import annotations

from typing import Any

from pgwidgets.widgets.spec import Kind, SyncRule, define, mixin

__all__: list[str] = []

IMAGE_FORMATS = frozenset({"png", "jpeg", "jpg", "gif", "webp", "bmp", "svg+xml", "avif"})

define(
    "Image",
    inherit=("interactive",),
    options={"url": None, "interactive": False, "use_animation_frame": False, "alt": ""},
    methods="set_image(url) get_image() set_binary_image(data, format='jpeg') "
    "set_alt(text) get_alt() get_draw_context() update()",
    kinds={"set_binary_image": Kind.CUSTOM, "get_draw_context": Kind.CUSTOM},
    doc="A picture from a URL, or from bytes (``set_binary_image``); ``alt`` names it for "
    "screen readers. With ``interactive`` it reports pointer and key events. Files "
    "dropped on it arrive whole in ``drop-end({..., files: [{name, size, type, data}]})``"
    " when that is listened to. With ``use_animation_frame`` (for a stream of frames) "
    "the picture is a canvas: only the newest image is drawn, on the browser's next "
    "animation frame, so images sent faster than the screen refreshes are dropped "
    "instead of queued.",
)


@mixin("Image")
class _ImageMethods:
    """``set_binary_image``: bytes go in binary frames and stay as state for replay."""

    def set_binary_image(
        self: Any, data: bytes | bytearray | memoryview, format: str = "jpeg"
    ) -> Any:  # noqa: A002 - reference name
        """Show an encoded image (PNG, JPEG ...) given as bytes.

        The bytes are kept (the last image only) and resent on reconnect, like any state;
        a later ``set_image(url)`` replaces them.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"set_binary_image() takes bytes, not {type(data).__name__}")
        fmt = str(format).lower()
        if fmt not in IMAGE_FORMATS:
            raise ValueError(
                f"unknown image format {format!r}; use one of {', '.join(sorted(IMAGE_FORMATS))}"
            )
        wid = self._wid_checked()
        payload = bytes(data)
        self.session._send(
            lambda core: core.send_binary(wid, "set_binary_image", [fmt], payload, key="image")
        )
        return self.session._done(None)

    def get_draw_context(self: Any) -> Any:
        """Not available remotely: a canvas context cannot cross the wire.

        Raises:
            NotImplementedError: always; render into PNG/JPEG bytes and call
                :meth:`set_binary_image` instead.
        """
        raise NotImplementedError(
            "get_draw_context() only exists in the browser; render "
            "to PNG/JPEG bytes and call set_binary_image()"
        )

    def get_image(self: Any) -> Any:
        """The URL shown, or ``None`` when the image came from bytes (or none was set)."""
        wid = self._wid_checked()
        entry = self.session._read(lambda core: core.state_entry(wid, "image"))
        if entry is None:
            return self._get("url")
        return entry.args[0] if entry.method == "set_image" else None


define(
    "ColorWidget",
    options={"color": "#ff0000"},
    methods="set_color(hex_string) get_color()",
    callbacks="pick",
    sync={"pick": (SyncRule("color", "set_color"),)},
    defaults={"color": "#ff0000"},
    doc="A colour picker (saturation/value plane, hue strip, hex entry); ``pick(hex)`` "
    "when the user chooses a colour.",
)

define(
    "ColorDialog",
    options={"color": "#ff0000", "title": "Choose Color", "modal": False, "moveable": True},
    methods="set_color(hex_string) get_color() set_title(title) get_title() "
    "set_position(x, y) get_position() set_modal(modal) get_modal() "
    "popup(x=None, y=None)",
    kinds={"get_position": Kind.GETTER, "popup": Kind.CUSTOM},
    overrides={"get_position": {"key": "position"}},
    callbacks="activated pick cancelled move close",
    sync={
        "activated": (SyncRule("color", "set_color"), SyncRule("visible", "hide", ())),
        "cancelled": (SyncRule("color", "set_color"), SyncRule("visible", "hide", ())),
        "pick": (SyncRule("color", "set_color"),),
        "move": (SyncRule("position", "set_position", (0, 1)),),
    },
    defaults={"visible": False, "color": "#ff0000", "title": "Choose Color", "modal": False},
    doc="A colour dialog: ``pick(hex)`` live while choosing, ``activated(hex)`` on OK, "
    "``cancelled(hex)`` on Cancel or Escape (the colour it reverted to).",
)


@mixin("ColorDialog")
class _ColorDialogMethods:
    def popup(self: Any, x: int | None = None, y: int | None = None) -> Any:
        """Show the dialog, at ``(x, y)`` if given (else where it was, or centred)."""
        if x is not None and y is not None:
            self.set_position(x, y)
        return self.show()
