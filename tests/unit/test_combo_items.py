"""ComboBox items kept in Python: the getters agree with a plain-list reference after every
change (Python's and the browser's), a rebuild replays exactly the calls made, and each log
entry is applied once however many getters run (a count, not a clock). No event loop, no
browser: browser input goes straight into the session core."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from pgwidgets.sync import Application
from pgwidgets.widgets.defs.controls import combo_items
from pgwidgets.widgets.item_list import ItemList, ReplayedItems

LIST_METHODS = {"append_text", "insert_alpha", "delete_alpha"}
WORDS = [
    "apple",
    "banana",
    "cherry",
    "date",
    "elder",
    "fig",
    "grape",
    "kiwi",
    "lemon",
    "mango",
    "",
    "Zebra",
    "éclair",
    "b",
    "ba",
    "bab",
]


@pytest.fixture
def W() -> Any:
    return Application(ws_port=0).create_session().get_widgets()


class Reference:
    """The ComboBox rules on a plain list, written the obvious O(n) way."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.shown = ""
        #: the list calls a rebuild must replay, in order
        self.log: list[tuple[str, list[Any]]] = []

    def _added(self, was_empty: bool) -> None:
        if was_empty and self.shown == "" and self.items:
            self.shown = self.items[0]  # the page selects the first item of an empty list

    def append_text(self, text: str) -> None:
        was_empty = not self.items
        self.items.append(text)
        self.log.append(("append_text", [text]))
        self._added(was_empty)

    def insert_alpha(self, text: str) -> None:
        was_empty = not self.items
        i = 0
        while i < len(self.items) and self.items[i] <= text:
            i += 1
        self.items.insert(i, text)
        self.log.append(("insert_alpha", [text]))
        self._added(was_empty)

    def delete_alpha(self, text: str) -> None:
        if text in self.items:
            self.items.remove(text)
        self.log.append(("delete_alpha", [text]))
        if self.shown == text and text not in self.items:
            self.shown = self.items[0] if self.items else ""

    def clear(self) -> None:
        self.items, self.shown, self.log = [], "", []

    def browser_appended(self, text: str) -> None:
        self.items.append(text)  # the page selects it itself, with ``activated``
        self.log.append(("append_text", [text]))

    def set_index(self, idx: int) -> None:
        self.shown = self.items[idx] if 0 <= idx < len(self.items) else ""

    def index(self) -> int:
        return self.items.index(self.shown) if self.shown in self.items else -1


def browser(combo: Any, action: str, *args: Any) -> None:
    """A callback from a browser, through the core as the transport would feed it."""
    frame = json.dumps({"type": "callback", "wid": combo.wid, "action": action, "args": list(args)})
    events = combo.session._send(lambda core: core.receive_text(object(), frame))
    assert events and events[0].action == action, events


def word(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(WORDS)
    return "".join(rng.choice("abcz") for _ in range(rng.randint(1, 4)))


def check(combo: Any, ref: Reference, rng: random.Random) -> None:
    assert combo.get_items() == ref.items
    assert combo.get_text() == ref.shown
    assert combo.get_index() == ref.index()
    n = len(ref.items)
    for idx in {0, -1, n, -n - 1, rng.randint(-n - 2, n + 2)}:
        expected = ref.items[idx] if -n <= idx < n else None
        assert combo.get_alpha(idx) == expected, idx


def check_rebuild(combo: Any, ref: Reference) -> None:
    core = combo.session._core
    calls = [
        (m["method"], m["args"])
        for m in core.rebuild_messages()
        if m["type"] == "call" and m["wid"] == combo.wid
    ]
    assert [c for c in calls if c[0] in LIST_METHODS] == ref.log
    selection = [c for c in calls if c[0] not in LIST_METHODS]
    assert len(selection) <= 1
    assert (selection[0][1] if selection else [""]) == [ref.shown]
    # the page, replaying those calls from scratch, gets the same list
    assert combo_items(core.widgets[combo.wid].log) == ref.items


@pytest.mark.parametrize(
    ("seed", "steps", "clear_rate"), [(1, 2500, 0.01), (2, 2500, 0.003), (3, 3000, 0.0005)]
)
def test_getters_match_a_plain_list_through_random_changes(
    W: Any, seed: int, steps: int, clear_rate: float
) -> None:
    rng = random.Random(seed)
    combo = W.ComboBox(editable=True)
    ref = Reference()
    for step in range(steps):
        r = rng.random()
        if r < clear_rate:
            combo.clear()
            ref.clear()
        elif r < 0.30:
            text = word(rng)
            combo.append_text(text)
            ref.append_text(text)
        elif r < 0.55:
            text = word(rng)
            combo.insert_alpha(text)
            ref.insert_alpha(text)
        elif r < 0.72:
            # mostly an item present (the first of equal ones goes), sometimes not
            text = rng.choice(ref.items) if ref.items and rng.random() < 0.8 else word(rng)
            combo.delete_alpha(text)
            ref.delete_alpha(text)
        elif r < 0.80:
            # an editable box: Enter adds the typed text, then selects it
            text = word(rng)
            browser(combo, "_appended", text)
            ref.browser_appended(text)
            browser(combo, "activated", len(ref.items) - 1, text)
            ref.shown = text
        elif r < 0.85 and ref.items:
            idx = rng.randrange(len(ref.items))
            browser(combo, "activated", idx, ref.items[idx])
            ref.shown = ref.items[idx]
        elif r < 0.88:
            text = word(rng)
            browser(combo, "modified", text)
            ref.shown = text
        elif r < 0.95:
            idx = rng.randint(-2, len(ref.items) + 1)
            combo.set_index(idx)
            ref.set_index(idx)
        else:
            text = word(rng)
            (combo.set_text if rng.random() < 0.5 else combo.show_text)(text)
            ref.shown = text
        check(combo, ref, rng)
        if step % 50 == 0:
            check_rebuild(combo, ref)
    check_rebuild(combo, ref)


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_item_list_matches_a_list(seed: int) -> None:
    """Positions returned by each change, and every reader, after each change (ordered
    and unordered stretches alike: appends of random words break the order)."""
    rng = random.Random(seed)
    fast, plain = ItemList(), []
    for _ in range(3000):
        r = rng.random()
        text = word(rng)
        if r < 0.35:
            fast.append(text)
            plain.append(text)
        elif r < 0.7:
            i = 0
            while i < len(plain) and plain[i] <= text:
                i += 1
            plain.insert(i, text)
            assert fast.insert_alpha(text) == i
        else:
            if plain and rng.random() < 0.8:
                text = rng.choice(plain)
            where = plain.index(text) if text in plain else -1
            if where >= 0:
                del plain[where]
            assert fast.remove(text) == where
        assert len(fast) == len(plain) and fast.to_list() == plain
        probe = rng.choice(plain) if plain and rng.random() < 0.7 else text
        assert fast.index(probe) == (plain.index(probe) if probe in plain else -1)
        assert (probe in fast) == (probe in plain)
        if plain:
            i = rng.randrange(-len(plain), len(plain))
            assert fast[i] == plain[i]
    with pytest.raises(IndexError):
        fast[len(plain)]


def test_a_replaced_log_is_read_again() -> None:
    """Only appends happen in place; a new list (``clear``) or an edited tail rebuilds."""
    view = ReplayedItems()
    log: list[tuple[str, list[Any]]] = [("append_text", ["b"]), ("insert_alpha", ["a"])]
    assert view.follow(log).to_list() == ["a", "b"]
    log.append(("delete_alpha", ["b"]))
    assert view.follow(log).to_list() == ["a"] and view.replayed == 3
    assert view.follow([]).to_list() == []
    log2: list[tuple[str, list[Any]]] = [("append_text", ["x"])]
    assert view.follow(log2).to_list() == ["x"]
    log2[-1] = ("append_text", ["y"])  # not something the core does; still caught
    assert view.follow(log2).to_list() == ["y"]


# ------------------------------------------------------------------- scaling
def build(W: Any, n: int, *, ordered: bool) -> Any:
    combo = W.ComboBox()
    rng = random.Random(n)
    for i in range(n):
        combo.append_text(f"item {i:06d}" if ordered else f"item {rng.randrange(n):06d}")
    return combo


def view_of(combo: Any) -> ReplayedItems:
    view = combo.session._core.widgets[combo.wid].derived["combo"]
    assert isinstance(view, ReplayedItems)
    return view


def mixed_work(combo: Any, n: int) -> None:
    """200 rounds of per-item changes and getters (no ``get_items``: that one is O(n))."""
    rng = random.Random(7)
    for _ in range(200):
        text = f"item {rng.randrange(n):06d}x"
        combo.insert_alpha(text)
        combo.set_index(rng.randrange(n))
        combo.get_index()
        combo.get_alpha(rng.randrange(n))
        combo.get_text()
        combo.delete_alpha(text)
        combo.append_text(text)
        combo.delete_alpha(f"item {rng.randrange(n):06d}")


@pytest.mark.parametrize("ordered", [True, False])
def test_getters_and_changes_apply_each_log_entry_once(W: Any, ordered: bool) -> None:
    """Building applies each entry once (linear), and getters and per-item changes apply
    only the entries they add: no replay of the whole log per call."""
    for n in (1_000, 10_000):
        combo = build(W, n, ordered=ordered)
        view = view_of(combo)
        assert view.replayed == n
        mixed_work(combo, n)
        assert view_of(combo) is view and view.replayed == n + 4 * 200
