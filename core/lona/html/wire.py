"""How nodes look on the wire: attribute strings and node specs.

See ``docs/protocol.md`` ("Node specs").  ``sync_subtree`` is where a node
becomes *synced*: the clients get its spec, and from then on the node records
its changes for the next flush.
"""

from __future__ import annotations

from typing import Any

from lona.html.attributes import attribute_value, plain_value, wire_attributes
from lona.html.base import AbstractNode, SyncContext
from lona.html.children import ParentNode, flat_children
from lona.html.node import Node

__all__ = [
    "Spec",
    "attribute_value",
    "plain_value",
    "spec_of_synced",
    "sync_root",
    "sync_subtree",
    "wire_attributes",
]

Spec = list[Any]


def sync_subtree(
    node: AbstractNode, context: SyncContext, nodes_by_id: dict[int, AbstractNode]
) -> Spec | int:
    """Make a subtree synced in ``context``; its spec (or, if synced already, its id).

    ``node`` is one of the flat children of an element (``children.flat_children``):
    an element, a text node, or a marker of a legacy widget.
    """
    if node._sync is context:
        return node._id  # the client has it: move it here
    node._sync = context
    node._forget_changes()
    nodes_by_id[node._id] = node
    if isinstance(node, Node):
        children = [sync_subtree(child, context, nodes_by_id) for child in flat_children(node)]
        return node._serialize(children)
    return node._flat_spec()


def sync_root(root: ParentNode, context: SyncContext, nodes_by_id: dict[int, AbstractNode]) -> Spec:
    """Make a whole tree synced in a fresh ``context``; the spec of its root.

    A root element is sent as it is; a legacy widget as a fragment, whose
    children the client puts straight into the window's element.
    """
    if isinstance(root, Node):
        spec = sync_subtree(root, context, nodes_by_id)
        assert isinstance(spec, list)  # a fresh context has no synced nodes
        return spec
    root._sync = context
    root._forget_changes()
    nodes_by_id[root._id] = root
    children = [sync_subtree(child, context, nodes_by_id) for child in flat_children(root)]
    return root._serialize(children)


def spec_of_synced(node: AbstractNode) -> Spec:
    """The spec of a synced tree as the clients have it (the root may be a fragment)."""
    return node._serialize()
