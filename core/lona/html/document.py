"""A view's document: the tree on screen and the patches that keep it there.

Sync model
----------
A node is *synced* when the clients of this document already have it
(``node._sync is document.context``).  Only synced nodes record changes; a
fresh node is simply serialized whole when its parent's change is flushed.
``show()`` of another tree starts a new ``SyncContext``, which turns every
node of the old tree unsynced in O(1); the new tree is sent as the changes
against the old one (``replace_root``, see ``lona.html.diff``).

A flush emits, in this order:

1. ``REMOVE``/``CLEAR`` for every child that left a dirty parent (removals of
   all parents first, so that a node moved between parents is detached before
   it is inserted anywhere);
2. ``INSERT`` in ascending index order, per dirty parent, of every child that
   is not part of the longest run of children that kept their order; moved
   synced nodes are inserted by id, fresh ones as a full node spec;
3. ``SET_ATTR``/``REMOVE_ATTR``/``SET_TEXT`` and the widget data operations
   for synced nodes.

The client applies a patch list in order; see ``docs/protocol.md``.
"""

from __future__ import annotations

import threading
from typing import Any

from lona.html.base import (
    DIRTY_ATTRIBUTES,
    DIRTY_CHILDREN,
    DIRTY_TEXT,
    DIRTY_WIDGET,
    AbstractNode,
    SyncContext,
    TextNode,
)
from lona.html.children import ParentNode, flat_children
from lona.html.diff import diff_trees
from lona.html.node import Node
from lona.html.ordering import longest_increasing_run
from lona.html.widget_records import WidgetDataOwner, widget_ops
from lona.html.wire import (
    Spec,
    attribute_value,
    spec_of_synced,
    sync_root,
    sync_subtree,
    wire_attributes,
)
from lona.protocol import Op

__all__ = ["Document", "Flush", "SyncContext", "attribute_value", "wire_attributes"]


# attribute changes a window may have made itself (a checkbox unchecked is a removal)
_ATTRIBUTE_OPS = (Op.SET_ATTR, Op.REMOVE_ATTR)


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


class Document:
    """The tree (or HTML string) a view shows, with its lock and pending changes."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.root: ParentNode | None = None  # an element, or a legacy widget
        self.html_string: str | None = None
        self.title: str | None = None
        self.context: SyncContext | None = None
        self._dirty_nodes: list[AbstractNode] = []
        # (node id, attribute) -> the client window whose input set the value
        self._issued: dict[tuple[int, str], Any] = {}
        # every node the clients have, by id: resolves input events in O(1)
        self._nodes_by_id: dict[int, AbstractNode] = {}
        # counts what the clients were sent (trees, HTML, flushed changes): a page
        # rendered at one version shows what clients of that version show
        self.version = 0

    # showing ################################################################

    def set_root(self, root: ParentNode) -> Spec:
        """Show a new tree (an element or a legacy widget); return its full node spec."""
        with self.lock:
            if root._parent is not None:
                raise RuntimeError("node is no root node")
            self._detach_current()
            self.root = root
            self.html_string = None
            root._document = self
            self.context = SyncContext(self)
            self.version += 1
            return sync_root(root, self.context, self._nodes_by_id)

    def replace_root(self, root: ParentNode) -> list[list[Any]] | None:
        """Show a new tree as patch operations against the one the clients show.

        Call it with no changes pending (flush first), so that the shown tree
        is what the clients have.  None when only a whole tree will do: no
        tree is shown, changes are pending, the roots differ in kind, or the
        old root has become part of the new tree.
        """
        with self.lock:
            old = self.root
            if (
                old is None
                or self.context is None
                or self._dirty_nodes
                or old._parent is not None
                or root._parent is not None
            ):
                return None
            context = SyncContext(self)
            nodes_by_id: dict[int, AbstractNode] = {}
            try:
                ops = diff_trees(old, root, context, nodes_by_id)
            except BaseException:
                context.active = False  # nothing may record into a context never shown
                raise
            if ops is None:
                return None
            self._detach_current()
            self.root = root
            self.html_string = None
            root._document = self
            self.context = context
            self._nodes_by_id = nodes_by_id
            self.version += 1
            return ops

    def set_title(self, title: object) -> None:
        """A new title: a page rendered before shows another one."""
        with self.lock:
            self.title = str(title)
            self.version += 1

    def set_html_string(self, html: str) -> None:
        with self.lock:
            self._detach_current()
            self.root = None
            self.html_string = html
            self.version += 1

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
            return spec_of_synced(self.root)

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
                    assert isinstance(node, ParentNode)
                    self._diff_children(node, context, removals, inserts)
            updates: list[list[Any]] = []
            for node in dirty:
                if node._sync is context and node._dirty and node.root is self.root:
                    self._emit_updates(node, updates)
                node._forget_changes()
            ops = removals + inserts + updates
            if ops:
                self.version += 1
            issued: dict[int, Any] = {}
            if issued_by_name:
                offset = len(removals) + len(inserts)
                for index, op in enumerate(updates, offset):
                    if op[0] in _ATTRIBUTE_OPS and (op[1], op[2]) in issued_by_name:
                        issued[index] = issued_by_name[(op[1], op[2])]
            return Flush(ops, issued)

    def _diff_children(
        self,
        parent: ParentNode,
        context: SyncContext,
        removals: list[list[Any]],
        inserts: list[list[Any]],
    ) -> None:
        """The changes of what the clients show as the children of ``parent``.

        ``parent`` is an element, or a legacy widget that was the owner of
        its children when they changed (see ``children``); it sends patches
        only if it still is, and is shown.
        """
        old = parent._old_nodes or []
        new = flat_children(parent)
        parent._old_nodes = None
        parent_shown = (
            parent._sync is context and parent.root is self.root and parent._flat_owner() is parent
        )
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
                spec = sync_subtree(child, context, self._nodes_by_id)
                inserts.append([Op.INSERT, parent._id, index, spec])

    def _emit_updates(self, node: AbstractNode, updates: list[list[Any]]) -> None:
        if isinstance(node, TextNode):
            if node._dirty & DIRTY_TEXT:
                updates.append([Op.SET_TEXT, node._id, node._text])
            return
        if isinstance(node, Node) and node._dirty & DIRTY_ATTRIBUTES and node._dirty_names:
            for name in sorted(node._dirty_names):
                value = attribute_value(node, name)
                if value is None:
                    updates.append([Op.REMOVE_ATTR, node._id, name])
                else:
                    updates.append([Op.SET_ATTR, node._id, name, value])
        # elements with WIDGET, legacy widgets with FRONTEND_WIDGET_CLASS
        if node._dirty & DIRTY_WIDGET and isinstance(node, WidgetDataOwner) and node._widget_name():
            updates.extend(widget_ops(node, node._widget_records))

    # serialization ##########################################################

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
                stack.extend(flat_children(current))


def _stable_children(old: list[AbstractNode], new: list[AbstractNode]) -> set[int]:
    """Ids of the nodes in both lists that keep their relative order.

    Everything else is removed and re-inserted, so the patch is minimal for
    appends, inserts, removals and single moves.
    """
    old_position = {id(node): index for index, node in enumerate(old)}
    kept = [node for node in new if id(node) in old_position]
    run = longest_increasing_run([old_position[id(node)] for node in kept])
    return {id(kept[index]) for index in run}
