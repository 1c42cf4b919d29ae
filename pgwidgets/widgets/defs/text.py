"""Text widgets: Label, StatusBar, TextEntry, TextEntrySet, TextArea, HtmlView.

Text is always text (``textContent``) except in :class:`HtmlView`, the one widget that
takes HTML, and takes it as *trusted*: never pass it user-supplied markup.

What the user types flows back to Python (``activated``/``modified`` with a
:class:`SyncRule`), so getters need no browser and a rebuild shows what the user left.
``append_text``/``append_html`` are recorded as the resulting whole text, not as a log, so
text the user typed in between is neither lost nor doubled on replay. Scroll positions are
post keys (replayed after everything, when the content is there).

Callback names starting with ``_`` are internal sync channels (not in the reference).
Names and parameters follow the reference definitions (``pgwidgets_js/defs.py``).
"""

from __future__ import annotations

from typing import Any

from pgwidgets.widgets.spec import Kind, SyncRule, define, mixin

__all__ = ["trim_lines"]

define(
    "Label",
    inherit=("interactive",),
    args="text=''",
    options={"halign": "left", "interactive": False, "menu": None},
    methods="set_text(text) get_text() set_color(bg=None, fg=None) set_halign(align) "
    "get_halign() set_valign(valign) get_valign() set_menu(menu)",
    defaults={"text": "", "valign": "center"},
    doc="Text, always shown as text (markup is shown as typed, never parsed). "
    "``halign`` left/center/right, ``valign`` top/center/bottom. With "
    "``interactive=True`` it takes focus and forwards pointer and key events; "
    "``menu=<Menu>`` pops the menu up under it when pressed.",
)

define(
    "StatusBar",
    options={"halign": "left"},
    methods="set_message(text, duration=None) get_message() clear() "
    "set_color(bg=None, fg=None) set_halign(align)",
    kinds={"get_message": Kind.GETTER},
    overrides={"clear": {"resets": ("message",)}},
    callbacks="_expired",
    sync={"_expired": (SyncRule("message", "clear", ()),)},
    doc="A status line (role status, announced politely). ``set_message(text, duration)`` "
    "shows text, cleared after ``duration`` seconds when given.",
)

# what both one-line entries share (each keeps its own options: their order is positional)
define(
    "entry",
    abstract=True,
    args="text=''",
    methods="set_text(text) get_text() clear() set_length(numchars) set_editable(editable) "
    "set_history(history) get_history()",
    callbacks="activated modified _history",
    sync={
        "activated": (SyncRule("text", "set_text"),),
        "modified": (SyncRule("text", "set_text"),),
        # the Up/Down history (linehistory > 1), so a reload keeps it
        "_history": (SyncRule("history", "set_history"),),
    },
    defaults={"text": "", "history": []},
    doc="A one-line text field.",
)

define(
    "TextEntry",
    inherit=("entry",),
    options={"editable": True, "linehistory": 1, "password": False},
    methods="set_password(password)",
    doc="A one-line text field; ``activated(text)`` on Enter, ``modified(text)`` while "
    "typing (debounced 300 ms). With ``linehistory=N`` Up/Down recall the last N "
    "entries; ``password=True`` hides the text.",
)

define(
    "TextEntrySet",
    inherit=("entry",),
    options={"label": "Set", "editable": True, "linehistory": 1, "password": False},
    methods="set_button_text(text)",
    doc="A text field with a button; ``activated(text)`` on Enter or when the button is pressed.",
)

# what both multi-line views share: a scroll position the user changes, replayed last
define(
    "text_view",
    abstract=True,
    methods="set_scroll_position(h_pct, v_pct) get_scroll_position()",
    callbacks="scrolled",
    sync={"scrolled": (SyncRule("scroll_position", "set_scroll_position", (0, 1)),)},
    post_keys=("scroll_position",),
    defaults={"scroll_position": (0.0, 0.0)},
    doc="Multi-line content with a scroll position.",
)

define(
    "TextArea",
    inherit=("text_view",),
    args="text=''",
    options={"wrap": False, "editable": True},
    methods="set_text(text) get_text() append_text(text) clear() set_editable(tf) "
    "set_wrap(tf) set_limit(numlines) scroll_to_end()",
    callbacks="modified",
    sync={"modified": (SyncRule("text", "set_text"),)},
    defaults={"text": "", "limit": None},
    doc="Multi-line text. ``append_text`` adds at the end (keeping at most ``set_limit`` "
    "lines); ``modified(text)`` while the user types (debounced); ``scrolled(h, v)`` "
    "with fractions 0..1.",
)

define(
    "HtmlView",
    inherit=("text_view",),
    args="html=''",
    methods="set_html(html) get_html() append_html(html) clear() scroll_to_top() "
    "scroll_to_bottom()",
    defaults={"html": ""},
    doc="Shows **trusted** HTML (inserted as markup, not sanitised): only pass markup your "
    "program made, never text from users or other outside sources. ``scrolled(h, v)`` "
    "with fractions 0..1.",
)


# ------------------------------------------------------------------ helpers
def trim_lines(text: str, limit: int | None) -> str:
    """Keep the last ``limit`` lines of ``text`` (a final newline does not count as a line).

    TextArea.js applies the very same rule, so Python's copy matches the page.
    """
    if not limit or limit <= 0:
        return text
    parts = text.split("\n")
    trailing = len(parts) > 1 and parts[-1] == ""
    body = parts[:-1] if trailing else parts
    if len(body) <= limit:
        return text
    return "\n".join(body[-limit:]) + ("\n" if trailing else "")


def _send_and_record(
    self: Any, method: str, args: list[Any], key: str, setter: str, compute: Any
) -> Any:
    """Send ``method(*args)``; record ``key`` as ``setter(compute(current))`` atomically."""
    wid = self._wid_checked()

    def apply(core: Any) -> None:
        value = compute(self)  # under the session lock (re-entrant): no lost update
        core.action(wid, method, args)
        core.put_state(wid, key, setter, value)

    self.session._send(apply)
    return self.session._done(None)


@mixin("entry")
class _ClearText:
    """``clear()`` records an empty text (not "unset", which would show the constructor's)."""

    def clear(self) -> Any:
        """Empty the text."""
        return _send_and_record(self, "clear", [], "text", "set_text", lambda w: [""])


@mixin("StatusBar")
class _StatusBarMixin:
    def get_message(self) -> str:
        """The message shown now ("" when cleared or expired)."""
        wid = self._wid_checked()  # type: ignore[attr-defined]
        entry = self.session._read(  # type: ignore[attr-defined]
            lambda core: core.state_entry(wid, "message")
        )
        if entry is None or entry.method != "set_message" or not entry.args:
            return ""
        return "" if entry.args[0] is None else str(entry.args[0])


def _scroll(self: Any) -> tuple[float, float]:
    value = self._get("scroll_position")
    return (float(value[0]), float(value[1])) if isinstance(value, (tuple, list)) else (0.0, 0.0)


@mixin("text_view")
class _TextViewMixin:
    def get_scroll_position(self) -> tuple[float, float]:
        """``(h, v)`` scroll fractions 0..1."""
        return _scroll(self)


@mixin("TextArea")
class _TextAreaMixin(_ClearText):
    def append_text(self, text: str) -> Any:
        """Add ``text`` at the end (no newline is added); older lines beyond the limit go."""
        text = "" if text is None else str(text)
        return _send_and_record(
            self,
            "append_text",
            [text],
            "text",
            "set_text",
            lambda w: [trim_lines(str(w._get("text") or "") + text, w._get("limit"))],
        )

    def set_limit(self, numlines: int | None) -> Any:
        """Keep at most ``numlines`` lines (None or 0: no limit); trims now too."""
        wid = self._wid_checked()  # type: ignore[attr-defined]

        def apply(core: Any) -> None:
            current = str(self._get("text") or "")  # type: ignore[attr-defined]
            core.set_state(wid, "limit", "set_limit", [numlines])
            trimmed = trim_lines(current, numlines)
            if trimmed != current:
                core.put_state(wid, "text", "set_text", [trimmed])

        self.session._send(apply)  # type: ignore[attr-defined]
        return self.session._done(None)  # type: ignore[attr-defined]

    def scroll_to_end(self) -> Any:
        """Scroll to the last line."""
        return _send_and_record(
            self,
            "scroll_to_end",
            [],
            "scroll_position",
            "set_scroll_position",
            lambda w: [_scroll(w)[0], 1.0],
        )


@mixin("HtmlView")
class _HtmlViewMixin:
    def clear(self) -> Any:
        """Remove all content."""
        return _send_and_record(self, "clear", [], "html", "set_html", lambda w: [""])

    def append_html(self, html: str) -> Any:
        """Add trusted HTML at the end."""
        html = "" if html is None else str(html)
        return _send_and_record(
            self,
            "append_html",
            [html],
            "html",
            "set_html",
            lambda w: [str(w._get("html") or "") + html],
        )

    def scroll_to_top(self) -> Any:
        return _send_and_record(
            self,
            "scroll_to_top",
            [],
            "scroll_position",
            "set_scroll_position",
            lambda w: [_scroll(w)[0], 0.0],
        )

    def scroll_to_bottom(self) -> Any:
        return _send_and_record(
            self,
            "scroll_to_bottom",
            [],
            "scroll_position",
            "set_scroll_position",
            lambda w: [_scroll(w)[0], 1.0],
        )
