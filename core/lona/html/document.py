"""A view's document: the tree on screen and the patches that keep it there.

Sync model
----------
A node is *synced* when the clients of this document already have it
(``node._sync is document.context``).  Only synced nodes record changes; a
fresh node is simply serialized whole when its parent's change is flushed.
``show()`` of another tree starts a new ``SyncContext``, which turns every
node of the old tree unsynced in O(1).

A flush emits, in this order:

1. ``REMOVE``/``CLEAR`` for every child that left a dirty parent (removals of
   all parents first, so that a node moved between parents is detached before
   it is inserted anywhere);
2. ``INSERT`` in ascending index order, per dirty parent, of every child that
   is not part of the longest run of children that kept their order; moved
   synced nodes are inserted by id, fresh ones as a full node spec;
3. ``SET_ATTR``/``REMOVE_ATTR``/``SET_TEXT``/``WIDGET_DATA`` for synced nodes.

The client applies a patch list in order; see ``docs/protocol.md``.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from typing import Any

from lona.html.base import (
    DIRTY_ATTRIBUTES,
    DIRTY_CHILDREN,
    DIRTY_TEXT,
    DIRTY_WIDGET,
    AbstractNode,
    TextNode,
)
from lona.html.node import Node
from lona.protocol import Op

__all__ = ["Document", "Flush", "SyncContext", "attribute_value", "wire_attributes"]

Spec = list[Any]


class Flush:
    """The patch operations of one flush.

    ``issued`` maps op indices to the client window that caused the change
    (a typed value): that window already shows it and must not get it back.
    """

    __slots__ = ("issued", "ops")

    def __init__(self, ops: list[list[Any]], issued: dict[int, Any] | None = None) -> None:
        self.ops = ops
        self.issued = issued or {}

    def ops_for(self, receiver: Any) -> list[list[Any]]:
        if not self.issued:
            return self.ops
        return [op for index, op in enumerate(self.ops) if self.issued.get(index) != receiver]

    def __bool__(self) -> bool:
        return bool(self.ops)


class SyncContext:
    """The generation of a document's shown tree; inactive once replaced."""

    __slots__ = ("active", "document")

    def __init__(self, document: Document) -> None:
        self.document = document
        self.active = True


def wire_attributes(node: Node) -> dict[str, str]:
    """All attributes of an element as the client receives them (strings)."""
    result: dict[str, str] = {}
    if node._ids:
        result["id"] = " ".join(node._ids)
    if node._classes:
        result["class"] = " ".join(node._classes)
    if node._style:
        result["style"] = "; ".join(f"{key}: {value}" for key, value in node._style.items())
    if node._attrs:
        for key, value in node._attrs.items():
            if value is True:
                result[key] = ""
            elif value is not False:
                result[key] = value if type(value) is str else str(value)
    if node._events:
        result["data-lona-events"] = ";".join(event.serialize() for event in node._events)
    return result


def attribute_value(node: Node, name: str) -> str | None:
    """The wire value of one attribute, or None when it is absent."""
    if name == "id":
        return " ".join(node._ids) if node._ids else None
    if name == "class":
        return " ".join(node._classes) if node._classes else None
    if name == "style":
        if not node._style:
            return None
        return "; ".join(f"{key}: {value}" for key, value in node._style.items())
    if name == "data-lona-events":
        if not node._events:
            return None
        return ";".join(event.serialize() for event in node._events)
    if not node._attrs or name not in node._attrs:
        return None
    value = node._attrs[name]
    if value is True:
        return ""
    if value is False:
        return None
    return value if type(value) is str else str(value)


class Document:
    """The tree (or HTML string) a view shows, with its lock and pending changes."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.root: Node | None = None
        self.html_string: str | None = None
        self.title: str | None = None
        self.context: SyncContext | None = None
        self._dirty_nodes: list[AbstractNode] = []
        # (node id, attribute) -> the client window whose input set the value
        self._issued: dict[tuple[int, str], Any] = {}
        # every node the clients have, by id: resolves input events in O(1)
        self._nodes_by_id: dict[int, AbstractNode] = {}

    # showing ################################################################

    def set_root(self, root: Node) -> Spec:
        """Show a new tree; return its full node spec."""
        with self.lock:
            if root._parent is not None:
                raise RuntimeError("node is no root node")
            self._detach_current()
            self.root = root
            self.html_string = None
            root._document = self
            self.context = SyncContext(self)
            spec = self._serialize(root, self.context)
            assert isinstance(spec, list)  # a fresh context has no synced nodes
            return spec

    def set_html_string(self, html: str) -> None:
        with self.lock:
            self._detach_current()
            self.root = None
            self.html_string = html

    def _detach_current(self) -> None:
        if self.context is not None:
            self.context.active = False
        if self.root is not None:
            self.root._document = None
        self.context = None
        self._dirty_nodes = []
        self._issued = {}
        self._nodes_by_id = {}

    def serialize(self) -> Spec | None:
        """The full spec of the current tree, for a newly attached client.

        Pending changes are flushed first by the caller, so the spec and the
        patches that follow agree.
        """
        with self.lock:
            if self.root is None or self.context is None:
                return None
            return _spec_of_synced(self.root)

    def get_node(self, node_id: int) -> AbstractNode | None:
        """The synced node with this id if it is still part of the shown tree."""
        node = self._nodes_by_id.get(node_id)
        if node is None or node.root is not self.root:
            return None
        return node

    @property
    def is_dirty(self) -> bool:
        return bool(self._dirty_nodes)

    def mark_issued(self, node: AbstractNode, name: str, issuer: Any) -> None:
        """The pending change of ``name`` came from ``issuer``, which shows it already."""
        with self.lock:
            if node._sync is self.context:
                self._issued[(node._id, name)] = issuer

    def forget_issuer(self, node: AbstractNode, names: Any) -> None:
        if self._issued:
            for name in names:
                self._issued.pop((node._id, name), None)

    # flushing ###############################################################

    def flush(self) -> Flush:
        """Turn all recorded changes into patch operations."""
        with self.lock:
            dirty = self._dirty_nodes
            context = self.context
            if not dirty or context is None:
                return Flush([])
            self._dirty_nodes = []
            issued_by_name, self._issued = self._issued, {}
            removals: list[list[Any]] = []
            inserts: list[list[Any]] = []
            for node in dirty:
                if node._dirty & DIRTY_CHILDREN:
                    self._diff_children(node, context, removals, inserts)  # type: ignore[arg-type]
            updates: list[list[Any]] = []
            for node in dirty:
                if node._sync is context and node._dirty and node.root is self.root:
                    self._emit_updates(node, updates)
                _reset(node)
            ops = removals + inserts + updates
            issued: dict[int, Any] = {}
            if issued_by_name:
                offset = len(removals) + len(inserts)
                for index, op in enumerate(updates, offset):
                    if op[0] == Op.SET_ATTR and (op[1], op[2]) in issued_by_name:
                        issued[index] = issued_by_name[(op[1], op[2])]
            return Flush(ops, issued)

    def _diff_children(
        self,
        parent: Node,
        context: SyncContext,
        removals: list[list[Any]],
        inserts: list[list[Any]],
    ) -> None:
        old = parent._old_nodes or []
        new = parent._nodes
        parent._old_nodes = None
        parent_shown = parent._sync is context and parent.root is self.root
        if len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True)):
            return
        stable = _stable_children(old, new)
        leaving = [child for child in old if id(child) not in stable]
        for child in leaving:
            if child.root is not self.root:
                self._unsync(child, context)
        if not parent_shown:
            return
        if leaving and not stable and len(leaving) > 1:
            removals.append([Op.CLEAR, parent._id])
        else:
            removals.extend([Op.REMOVE, child._id] for child in leaving)
        for index, child in enumerate(new):
            if id(child) in stable:
                continue
            if child._sync is context:
                inserts.append([Op.INSERT, parent._id, index, child._id])
            else:
                inserts.append([Op.INSERT, parent._id, index, self._serialize(child, context)])

    def _emit_updates(self, node: AbstractNode, updates: list[list[Any]]) -> None:
        if isinstance(node, TextNode):
            if node._dirty & DIRTY_TEXT:
                updates.append([Op.SET_TEXT, node._id, node._text])
            return
        assert isinstance(node, Node)
        if node._dirty & DIRTY_ATTRIBUTES and node._dirty_names:
            for name in sorted(node._dirty_names):
                value = attribute_value(node, name)
                if value is None:
                    updates.append([Op.REMOVE_ATTR, node._id, name])
                else:
                    updates.append([Op.SET_ATTR, node._id, name, value])
        if node._dirty & DIRTY_WIDGET:
            updates.append([Op.WIDGET_DATA, node._id, node._widget_data])

    # serialization ##########################################################

    def _serialize(self, node: AbstractNode, context: SyncContext) -> Spec | int:
        if node._sync is context:
            return node._id  # the client has it: move it here
        node._sync = context
        _reset(node)
        self._nodes_by_id[node._id] = node
        if isinstance(node, TextNode):
            return [node._id, node._text]
        assert isinstance(node, Node)
        children = [self._serialize(child, context) for child in node._nodes]
        return _element_spec(node, children)

    def _unsync(self, node: AbstractNode, context: SyncContext) -> None:
        """The client dropped this subtree: it is fresh again for us."""
        stack = [node]
        nodes_by_id = self._nodes_by_id
        while stack:
            current = stack.pop()
            if current._sync is not context:
                continue
            current._sync = None
            nodes_by_id.pop(current._id, None)
            if isinstance(current, Node):
                stack.extend(current._nodes)


def _element_spec(node: Node, children: list[Any]) -> Spec:
    spec: Spec = [node._id, node._tag, wire_attributes(node), children]
    if node._namespace or node._widget:
        spec.append(node._namespace)
    if node._widget:
        spec.append(node._widget)
        spec.append(node._widget_data)
    return spec


def _spec_of_synced(node: AbstractNode) -> Spec:
    if isinstance(node, TextNode):
        return [node._id, node._text]
    assert isinstance(node, Node)
    return _element_spec(node, [_spec_of_synced(child) for child in node._nodes])


def _reset(node: AbstractNode) -> None:
    node._dirty = 0
    if isinstance(node, Node):
        node._old_nodes = None
        node._dirty_names = None


def _stable_children(old: list[AbstractNode], new: list[AbstractNode]) -> set[int]:
    """Ids of the nodes in both lists that keep their relative order.

    The longest increasing subsequence of old positions, read in new order:
    everything else is removed and re-inserted, so the patch is minimal for
    appends, inserts, removals and single moves.
    """
    old_position = {id(node): index for index, node in enumerate(old)}
    sequence: list[tuple[int, AbstractNode]] = []
    for node in new:
        position = old_position.get(id(node))
        if position is not None:
            sequence.append((position, node))
    if not sequence:
        return set()
    # patience sorting with back links: O(n log n)
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(sequence)
    for index, (position, _node) in enumerate(sequence):
        slot = bisect_left(tails, position)
        if slot == len(tails):
            tails.append(position)
            tail_index.append(index)
        else:
            tails[slot] = position
            tail_index[slot] = index
        previous[index] = tail_index[slot - 1] if slot else -1
    stable: set[int] = set()
    cursor = tail_index[-1]
    while cursor != -1:
        stable.add(id(sequence[cursor][1]))
        cursor = previous[cursor]
    return stable
