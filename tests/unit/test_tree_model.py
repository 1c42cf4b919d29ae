"""pgwidgets.tree_model: the pure dict-tree helpers (no browser, no session)."""

from __future__ import annotations

from typing import Any

from pgwidgets import tree_model as tm


def sample() -> dict[str, Any]:
    return {
        "Documents": {
            "report.pdf": {"TYPE": "PDF", "SIZE": 2400},
            "Slides": {"a.key": {"SIZE": 1}},
            "TYPE": "Folder",
        },
        "Empty": {},
        "Pictures": {"__values__": {"TYPE": "Folder"}, "p.jpg": {"SIZE": 3}},
    }


def test_shapes_leaf_interior_mixed_values_and_empty() -> None:
    t = sample()
    assert not tm.is_interior(t["Documents"]["report.pdf"])
    assert tm.is_interior(t["Documents"]) and tm.is_interior(t["Empty"])
    assert tm.is_interior(t["Pictures"])
    assert tm.values_of(t["Documents"]) == {"TYPE": "Folder"}
    assert tm.values_of(t["Pictures"]) == {"TYPE": "Folder"}
    assert tm.values_of(t["Documents"]["report.pdf"]) == {"TYPE": "PDF", "SIZE": 2400}
    assert list(tm.children_of(t["Documents"])) == ["report.pdf", "Slides"]
    assert tm.children_of(t["Empty"]) == {}


def test_node_at_resolves_paths_and_rejects_bad_ones() -> None:
    t = sample()
    assert tm.node_at(t, []) is t
    assert tm.node_at(t, ["Documents", "Slides", "a.key"]) == {"SIZE": 1}
    assert tm.node_at(t, ["Documents", "TYPE"]) is None  # a value, not a node
    assert tm.node_at(t, ["nope"]) is None
    assert tm.node_at(t, ["Documents", "report.pdf", "x"]) is None


def test_iter_nodes_is_depth_first_in_order() -> None:
    assert list(tm.iter_nodes(sample())) == [
        ("Documents",),
        ("Documents", "report.pdf"),
        ("Documents", "Slides"),
        ("Documents", "Slides", "a.key"),
        ("Empty",),
        ("Pictures",),
        ("Pictures", "p.jpg"),
    ]


def test_set_cell_writes_leaf_and_interior_values_without_changing_kind() -> None:
    t = sample()
    assert tm.set_cell(t, ["Documents", "report.pdf"], "SIZE", 1)
    assert t["Documents"]["report.pdf"]["SIZE"] == 1
    assert tm.set_cell(t, ["Pictures"], "TYPE", "Album")
    assert t["Pictures"]["__values__"]["TYPE"] == "Album"
    assert tm.set_cell(t, ["Empty"], "TYPE", "Folder")
    assert not tm.set_cell(t, ["missing"], "TYPE", 1)
    assert not tm.set_cell(t, [], "TYPE", 1)


def test_add_remove_merge() -> None:
    t = sample()
    assert tm.add_item(t, ["Empty"], "new.txt", {"SIZE": 5})
    assert tm.node_at(t, ["Empty", "new.txt"]) == {"SIZE": 5}
    # a leaf that gains a child keeps its values under __values__
    assert tm.add_item(t, ["Documents", "report.pdf"], "page1", {"SIZE": 1})
    assert tm.values_of(t["Documents"]["report.pdf"]) == {"TYPE": "PDF", "SIZE": 2400}
    assert tm.remove_item(t, ["Documents", "Slides"])
    assert tm.node_at(t, ["Documents", "Slides"]) is None
    assert not tm.remove_item(t, ["Documents", "Slides"])
    assert tm.remove_items(t, [["Empty"], ["nope"]]) == 1
    assert tm.merge_tree(t, {"Music": {"s.mp3": {"SIZE": 9}}})
    assert tm.merge_tree(t, {"p2.jpg": {"SIZE": 1}}, ["Pictures"])
    assert list(tm.children_of(t["Pictures"])) == ["p.jpg", "p2.jpg"]
    assert not tm.merge_tree(t, {}, ["nowhere"])


def test_delete_tree_with_and_without_pruning() -> None:
    t = sample()
    removed = tm.delete_tree(t, {"Documents": {"Slides": {"a.key": None}}})
    assert removed == 2  # a.key, then Slides pruned as empty
    assert tm.node_at(t, ["Documents", "Slides"]) is None
    t = sample()
    assert tm.delete_tree(t, {"Documents": {"Slides": {"a.key": None}}}, prune_empty=False) == 1
    assert tm.node_at(t, ["Documents", "Slides"]) == {}
    assert tm.delete_tree(t, {"Pictures": {}}) == 1


def test_subtree_round_trips_and_keeps_ancestors() -> None:
    t = sample()
    sub = tm.subtree_of(t, [("Documents", "Slides")])
    assert sub == {
        "Documents": {"__values__": {"TYPE": "Folder"}, "Slides": {"a.key": {"SIZE": 1}}}
    }
    assert tm.subtree_of(t, [()]) == {}


def test_diff_tree_gives_the_operations_that_rebuild_the_new_tree() -> None:
    old = sample()
    new = tm.copy_tree(old)
    new["Documents"]["report.pdf"]["SIZE"] = 1
    del new["Empty"]
    new["Music"] = {"s.mp3": {"SIZE": 2}}
    new["Pictures"]["p.jpg"] = {"SIZE": 3, "TYPE": "JPEG"}
    ops = tm.diff_tree(old, new)
    assert ("set", ["Documents", "report.pdf"], "SIZE", 1) in ops
    assert ("remove", ["Empty"]) in ops
    assert ("add", [], "Music", {"s.mp3": {"SIZE": 2}}) in ops
    assert ("set", ["Pictures", "p.jpg"], "TYPE", "JPEG") in ops
    # applying them turns old into new
    work = tm.copy_tree(old)
    for op in ops:
        if op[0] == "remove":
            tm.remove_item(work, op[1])
        elif op[0] == "add":
            tm.add_item(work, op[1], op[2], op[3])
        else:
            tm.set_cell(work, op[1], op[2], op[3])
    assert work == new
    assert tm.diff_tree(new, new) == []


def test_copy_tree_is_deep() -> None:
    t = sample()
    c = tm.copy_tree(t)
    c["Documents"]["report.pdf"]["SIZE"] = 0
    assert t["Documents"]["report.pdf"]["SIZE"] == 2400
