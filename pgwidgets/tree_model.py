"""Pure helpers for the dict-trees a TreeView shows (the reference's ``pgwidgets.tree_model``).

The implementation lives in :mod:`pgwidgets.widgets.dataview.tree` (the widget layer uses
it); this module is its public name.
"""

from __future__ import annotations

from pgwidgets.widgets.dataview.tree import (
    VALUES,
    add_item,
    children_of,
    copy_tree,
    delete_tree,
    diff_tree,
    is_interior,
    iter_nodes,
    merge_tree,
    node_at,
    remove_item,
    remove_items,
    set_cell,
    subtree_of,
    values_of,
)

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
