"""Exclusive groups (ToggleButton, RadioButton, ToolBarAction), the Python half.

A member's ``group`` option names the group's owner, another widget of the same class;
a widget without one owns its own group (and is its first member). Switching one member
on switches the others off. The browser applies the same rule on its side
(``static/js/helpers/button-group.js``) and does so silently when Python asks, so Python
records the peers' new state itself instead of waiting for reports.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ExclusiveState", "group_members"]


def _owner(rec: Any) -> int:
    group = rec.options.get("group")
    if isinstance(group, dict) and isinstance(group.get("__wid__"), int):
        return int(group["__wid__"])
    return int(rec.wid)


def group_members(core: Any, wid: int) -> list[int]:
    """Ids of the widgets in ``wid``'s group (itself included), in creation order."""
    rec = core.record(wid)
    owner = _owner(rec)
    return [
        r.wid for r in core.widgets.values() if r.kind.name == rec.kind.name and _owner(r) == owner
    ]


class ExclusiveState:
    """``set_state`` of a group member: switching one on switches its peers off."""

    def set_state(self: Any, value: bool) -> Any:
        """Set the state; with True the group's other members go off (no callbacks)."""
        wid = self._wid_checked()
        value = bool(value)

        def apply(core: Any) -> None:
            core.set_state(wid, "state", "set_state", [value])
            if value:
                for peer in group_members(core, wid):
                    if peer != wid:
                        # the browser switches peers off itself: record, do not send
                        core.put_state(peer, "state", "set_state", [False])

        self.session._send(apply)
        return self.session._done(None)
