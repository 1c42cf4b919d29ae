"""Pure helpers for the dict-trees a TreeView shows; no browser, no session.

A tree is a dict keyed by stable string ids. Each value is a node:

* a dict whose values are all primitive is a **leaf**: the dict is the row (column key ->
  value);
* a dict with at least one dict value (or with ``__values__``) is an **interior** node: its
  dict values are its children, its primitive entries and the ``__values__`` dict are the
  node's own column values;
* ``{}`` is an empty interior (a folder with nothing in it).

A path is a sequence of keys from the root. Paths name nodes, not positions, so they stay
valid however the view is sorted. Every function here works on plain dicts and is what the
TreeView's Python model uses; they are public so a program can prepare, compare and edit
trees without a widget.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = [
    "VALUES",
    "add_item",
    "children_of",
    "copy_tree",
    "delete_tree",
    "diff_tree",
    "is_interior",
    "iter_nodes",
    "merge_tree",
    "node_at",
    "remove_item",
    "remove_items",
    "set_cell",
    "subtree_of",
    "values_of",
]

#: the key under which an interior node may keep its own column values
VALUES = "__values__"

Tree = dict[str, Any]
Path = Sequence[str]


def copy_tree(tree: Mapping[str, Any]) -> Tree:
    """A deep copy: the caller may go on editing the dict it handed over."""
    return copy.deepcopy(dict(tree))


def is_interior(node: Any) -> bool:
    """Whether ``node`` has (or may have) children: ``{}``, ``__values__`` or a dict value."""
    if not isinstance(node, dict):
        return False
    if not node or VALUES in node:
        return True
    return any(isinstance(v, dict) for v in node.values())


def children_of(node: Any) -> dict[str, Any]:
    """``{key: child}`` of an interior node (empty for a leaf), in insertion order."""
    if not is_interior(node):
        return {}
    return {k: v for k, v in node.items() if k != VALUES and isinstance(v, dict)}


def values_of(node: Any) -> dict[str, Any]:
    """A node's own column values (a new dict: changing it changes nothing)."""
    if not isinstance(node, dict):
        return {}
    if not is_interior(node):
        return dict(node)
    own = {k: v for k, v in node.items() if k != VALUES and not isinstance(v, dict)}
    extra = node.get(VALUES)
    if isinstance(extra, dict):
        own.update(extra)
    return own


def node_at(tree: Mapping[str, Any], path: Path) -> Any:
    """The node at ``path`` (the tree itself for ``[]``), or None when it does not resolve."""
    node: Any = tree
    for key in path:
        kids = children_of(node) if node is not tree else node
        if not isinstance(kids, Mapping) or key not in kids or not isinstance(kids[key], dict):
            return None
        node = kids[key]
    return node


def iter_nodes(tree: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every node's path, depth first, parents before children, in insertion order."""
    for key, child in tree.items():
        if key == VALUES or not isinstance(child, dict):
            continue
        path = (*prefix, key)
        yield path
        if is_interior(child):
            yield from iter_nodes(child, path)


def set_cell(tree: Tree, path: Path, col_key: str, value: Any) -> bool:
    """Write one column value of the node at ``path``; False when the path does not resolve.

    An interior node that keeps its values under ``__values__`` gets it written there, so a
    node never changes between leaf and interior by having a cell set.
    """
    node = node_at(tree, path)
    if node is None or not path:
        return False
    if isinstance(node.get(VALUES), dict):
        node[VALUES][col_key] = value
    else:
        node[col_key] = value
    return True


def add_item(tree: Tree, parent: Path | None, key: str, values: Mapping[str, Any]) -> bool:
    """Add (or replace) child ``key`` under ``parent`` (None or ``[]``: the root)."""
    node = node_at(tree, parent or [])
    if node is None:
        return False
    if node is not tree and not is_interior(node):
        # a leaf gains a child: its own values move under __values__
        own = dict(node)
        node.clear()
        node[VALUES] = own
    node[key] = copy_tree(values)
    return True


def remove_item(tree: Tree, path: Path) -> bool:
    """Remove the node at ``path`` with its subtree; False when it does not resolve."""
    if not path:
        return False
    parent = node_at(tree, path[:-1])
    if parent is None or not isinstance(parent.get(path[-1]), dict):
        return False
    del parent[path[-1]]
    return True


def remove_items(tree: Tree, paths: Iterable[Path]) -> int:
    """Remove several nodes; returns how many were there."""
    return sum(remove_item(tree, p) for p in list(paths))


def merge_tree(tree: Tree, subtree: Mapping[str, Any], parent: Path | None = None) -> bool:
    """Merge ``subtree`` under ``parent``: same-key nodes are replaced subtree-deep, new
    keys are appended. False when ``parent`` does not resolve."""
    node = node_at(tree, parent or [])
    if node is None:
        return False
    for key, child in subtree.items():
        if key == VALUES:
            node.setdefault(VALUES, {}).update(copy.deepcopy(child))
        else:
            node[key] = copy.deepcopy(child)
    return True


def delete_tree(tree: Tree, spec: Mapping[str, Any], prune_empty: bool = True) -> int:
    """Delete the nodes ``spec`` names; returns how many nodes were removed.

    ``spec`` has the tree's shape: a key whose value is a non-empty dict descends into
    that node (its keys name children); any other value (``None``, ``{}``) deletes the
    node. With
    ``prune_empty`` an interior node left with no children by the deletion goes too.
    """

    def walk(node: Tree, sub: Mapping[str, Any]) -> int:
        removed = 0
        for key, want in sub.items():
            child = node.get(key)
            if key == VALUES or not isinstance(child, dict):
                continue
            if isinstance(want, dict) and any(k != VALUES for k in want):
                removed += walk(child, {k: v for k, v in want.items() if k != VALUES})
                if prune_empty and is_interior(child) and not children_of(child):
                    del node[key]
                    removed += 1
            else:
                del node[key]
                removed += 1
        return removed

    return walk(tree, spec)


def subtree_of(tree: Mapping[str, Any], keep: Iterable[Sequence[str]]) -> Tree:
    """The part of ``tree`` holding the nodes in ``keep``, their descendants and the
    ancestors that connect them (a tree ``set_tree`` accepts)."""
    out: Tree = {}
    for path in sorted({tuple(p) for p in keep}, key=len):
        node = node_at(tree, path)
        if node is None or not path:
            continue
        src: Any = tree
        dst = out
        for key in path[:-1]:
            src = src[key]
            if key not in dst:
                own = values_of(src)
                dst[key] = {VALUES: own} if own else {}
            dst = dst[key]
        dst[path[-1]] = copy.deepcopy(node)
    return out


def diff_tree(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The operations that turn ``old`` into ``new``, parents before children.

    Each is one of ``("remove", path)``, ``("add", parent_path, key, node)`` and
    ``("set", path, col_key, value)`` (``value`` None: the cell became absent). A node that
    changes between leaf and interior is removed and added again.
    """
    ops: list[tuple[Any, ...]] = []

    def walk(o: Mapping[str, Any], n: Mapping[str, Any], path: tuple[str, ...]) -> None:
        okids = children_of(o) if path else {k: v for k, v in o.items() if isinstance(v, dict)}
        nkids = children_of(n) if path else {k: v for k, v in n.items() if isinstance(v, dict)}
        for key in okids:
            if key not in nkids:
                ops.append(("remove", [*path, key]))
        for key, nchild in nkids.items():
            here = (*path, key)
            ochild = okids.get(key)
            if ochild is None or is_interior(ochild) != is_interior(nchild):
                if ochild is not None:
                    ops.append(("remove", list(here)))
                ops.append(("add", list(path), key, copy.deepcopy(nchild)))
                continue
            ov, nv = values_of(ochild), values_of(nchild)
            for col in {**ov, **nv}:
                if ov.get(col) != nv.get(col) or (col in ov) != (col in nv):
                    ops.append(("set", list(here), col, nv.get(col)))
            if is_interior(nchild):
                walk(ochild, nchild, here)

    walk(old, new, ())
    return ops
