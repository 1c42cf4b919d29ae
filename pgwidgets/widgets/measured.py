"""``get_size()`` of every visual widget: its real size in the page, from Python state.

The design, and why it is cheap
-------------------------------
A page may hold thousands of widgets, so the browser does not watch them all: a widget
is measured only once Python has asked for its size. The first ``get_size()`` of a
widget makes one genuine browser query (it waits, like ``get_position()``: the sync API
blocks, the async API returns an awaitable) and, in the same frame, tells the browser to
keep Python's copy current on the internal ``_size`` channel. Every later call is
answered from Python state with no round trip. Widgets nobody asks about cost nothing:
no observer, no report. An asked widget costs one entry in the page's shared
``ResizeObserver`` and one small message when its size really changes (at most one per
animation frame), never one per frame or for a ``resize`` that came out as Python set it.
Windows (``TopLevel``, ``Dialog``) are measured from the start: few, and resized by the
user. The bookkeeping lives beside it, :mod:`pgwidgets.widgets.measure`, on the core's public API.

What it answers: ``(width, height)`` in CSS pixels, the element's offset size (borders
and padding included), as laid out in the primary browser; right after a ``resize`` from
Python, the size set (setters never wait), until the browser reports something else (a
minimum or maximum size, a layout that stretches it); while the widget is hidden (it
then measures 0 x 0), the last size it had when shown, or (0, 0) if it never was shown;
with no browser attached, the last size known (or set).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, NamedTuple

from pgwidgets.widgets import measure
from pgwidgets.widgets.ready import resolved

__all__ = ["Size", "VisualMethods"]


class Size(NamedTuple):
    """A widget's size in CSS pixels: ``(width, height)``, or ``.width`` and ``.height``.

    Awaitable (it yields itself), like a widget: ``await w.get_size()`` is right in the
    async API whether the call was answered from state or had to ask the browser.
    """

    width: Any
    height: Any

    def __await__(self) -> Generator[Any, None, Size]:
        return resolved(self)


class VisualMethods:
    """Methods every visual widget shares that are written by hand (see the module doc)."""

    def get_size(self: Any) -> Any:
        """The widget's real size in the page, ``Size(width, height)`` in CSS pixels.

        The first call on a widget asks the browser once (sync: blocks; async: returns an
        awaitable, so always ``await`` it) and from then on the browser keeps Python's
        copy current: later calls answer from Python state with no round trip. After a
        ``resize`` it answers the size set until the browser reports otherwise; while
        hidden, the last size measured when shown ((0, 0) if never shown).

        Raises:
            InvalidState: the widget was destroyed.
            QueryTimeout: the first call got no answer from the browser in time.
        """
        wid = self._wid_checked()
        session = self.session
        known = session._send(lambda core: measure.begin(core, wid))
        if known is not None:
            return Size(*known)

        def forget() -> None:
            # the answer never came: the next call asks again (else it would answer the
            # unmeasured state for good)
            session._read(lambda core: measure.abandon(core, wid))

        try:
            reply = session._query(wid, measure.SIZE_QUERY, [])
        except BaseException:
            forget()  # not sent (async off its loop), or the sync wait failed
            raise
        return session._then(
            reply,
            lambda value: Size(*session._read(lambda core: measure.settle(core, wid, value))),
            forget,  # async: a timeout surfaces only when the reply is awaited
        )

    get_size.kind_note = (  # type: ignore[attr-defined]
        "measured: answered from Python state; the first call asks the browser once"
    )
