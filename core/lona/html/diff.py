"""Showing another tree as the changes against the tree on screen.

``show(new_tree)`` with a tree other than the one shown does not resend the
whole tree (Lona does): the new tree is compared with the shown one and only
the differences travel, with the patch operations a flush uses.  A view may
therefore rebuild its whole tree on every change and still send a few bytes.

The walk matches the two trees top down, one list of children at a time:

1. children with the same HTML id (a *key*) match each other;
2. unkeyed children with equal content (a structural hash) match in order;
3. the remaining unkeyed children match the next one of the same kind
   (text, or the same tag, namespace and widget).

A matched new node *takes over* its old partner's node id (the two swap ids,
so every live node keeps a unique id) and becomes synced; the old tree is
left unsynced and records nothing from then on.  Matched pairs get attribute,
text and widget data updates; unmatched old nodes are removed and unmatched
new ones inserted whole; matched nodes out of order are moved, keeping the
longest run in order.  Every node is visited once and hashed once: O(n).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable
from typing import Any

from lona.html.attributes import wire_attributes
from lona.html.base import AbstractNode, SyncContext, TextNode
from lona.html.children import ParentNode, flat_children
from lona.html.node import Node
from lona.html.ordering import longest_increasing_run
from lona.html.widget_records import WidgetDataOwner
from lona.html.wire import sync_subtree
from lona.protocol import Op

__all__ = ["diff_trees"]

_TEXT = "#text"
NO_MATCH = -1


_END = "#end"


def _kind(node: AbstractNode) -> Hashable:
    """Nodes of one kind can become each other by updates alone."""
    if isinstance(node, TextNode):
        return _TEXT
    if isinstance(node, Node):
        return (node._tag, node._namespace, node._widget)
    if isinstance(node, WidgetDataOwner):  # a legacy widget: a root fragment or a start marker
        return ("#widget", node._widget_name())
    return _END  # the marker that ends a legacy widget's children


def _key(node: AbstractNode) -> Hashable | None:
    if isinstance(node, Node) and node._ids:
        return (node._tag, tuple(node._ids))
    return None


def diff_trees(
    old_root: ParentNode,
    new_root: ParentNode,
    context: SyncContext,
    nodes_by_id: dict[int, AbstractNode],
) -> list[list[Any]] | None:
    """The operations that turn the shown ``old_root`` into ``new_root``.

    ``new_root`` ends up synced in ``context`` and registered in
    ``nodes_by_id``.  None (and nothing changed) when the roots differ in
    kind: then only a whole new tree will do.
    """
    if _kind(old_root) != _kind(new_root):
        return None
    return _TreeDiff(context, nodes_by_id).run(old_root, new_root)


class _TreeDiff:
    def __init__(self, context: SyncContext, nodes_by_id: dict[int, AbstractNode]) -> None:
        self.context = context
        self.nodes_by_id = nodes_by_id
        self.ops: list[list[Any]] = []
        self._hashes: dict[int, int] = {}
        self._attributes: dict[int, dict[str, str]] = {}
        self._taken: list[tuple[AbstractNode, AbstractNode]] = []

    def run(self, old_root: ParentNode, new_root: ParentNode) -> list[list[Any]]:
        try:
            self._take_over(old_root, new_root)
            pending: deque[tuple[AbstractNode, AbstractNode]] = deque()
            self._update(old_root, new_root, pending)
            if not isinstance(new_root, Node):  # a fragment: its children are its own
                pending.extend(self._update_children(old_root, new_root))
            while pending:
                old, new = pending.popleft()
                self._update(old, new, pending)
        except BaseException:
            self._undo_take_overs()  # the shown tree keeps the ids its clients know
            raise
        return self.ops

    # one matched pair #######################################################

    def _take_over(self, old: AbstractNode, new: AbstractNode) -> None:
        """``new`` becomes what the clients show as ``old``."""
        old._id, new._id = new._id, old._id
        new._sync = self.context
        new._forget_changes()
        self.nodes_by_id[new._id] = new
        self._taken.append((old, new))

    def _undo_take_overs(self) -> None:
        for old, new in reversed(self._taken):
            old._id, new._id = new._id, old._id
            new._sync = None

    def _update(
        self,
        old: AbstractNode,
        new: AbstractNode,
        pending: deque[tuple[AbstractNode, AbstractNode]],
    ) -> None:
        if isinstance(new, TextNode):
            assert isinstance(old, TextNode)
            if old._text != new._text:
                self.ops.append([Op.SET_TEXT, new._id, new._text])
            return
        if isinstance(new, Node):
            assert isinstance(old, Node)
            self._update_attributes(old, new)
            self._update_data(old, new)
            if old._nodes or new._nodes:
                pending.extend(self._update_children(old, new))
            return
        self._update_data(old, new)  # a legacy widget

    def _update_data(self, old: AbstractNode, new: AbstractNode) -> None:
        """A widget's data (an element's ``widget_data``, a legacy widget's ``data``)."""
        if isinstance(new, WidgetDataOwner) and new._widget_name():
            assert isinstance(old, WidgetDataOwner)
            if _data(old) != _data(new):
                self.ops.append([Op.WIDGET_DATA, new._id, _data(new)])

    def _update_attributes(self, old: Node, new: Node) -> None:
        before = self._wire_attributes(old)
        after = self._wire_attributes(new)
        if before == after:
            return
        for name, value in after.items():
            if before.get(name) != value:
                self.ops.append([Op.SET_ATTR, new._id, name, value])
        for name in before:
            if name not in after:
                self.ops.append([Op.REMOVE_ATTR, new._id, name])

    def _update_children(
        self, old: ParentNode, new: ParentNode
    ) -> list[tuple[AbstractNode, AbstractNode]]:
        old_children, new_children = flat_children(old), flat_children(new)
        matches = self._match(old_children, new_children)
        matched = [index for index, match in enumerate(matches) if match != NO_MATCH]
        run = longest_increasing_run([matches[index] for index in matched])
        stable = {matched[position] for position in run}
        staying = {matches[index] for index in stable}
        self._remove_leaving(new._id, old_children, staying)
        pairs = [(old_children[matches[index]], new_children[index]) for index in matched]
        for old_child, new_child in pairs:
            self._take_over(old_child, new_child)
        for index, child in enumerate(new_children):
            if index in stable:
                continue
            if matches[index] != NO_MATCH:
                self.ops.append([Op.INSERT, new._id, index, child._id])  # a move
            else:
                spec = sync_subtree(child, self.context, self.nodes_by_id)
                self.ops.append([Op.INSERT, new._id, index, spec])
        return pairs

    def _remove_leaving(
        self, parent_id: int, old_children: list[AbstractNode], staying: set[int]
    ) -> None:
        """Detach every old child that does not stay in place (before any takes over)."""
        leaving = [child for index, child in enumerate(old_children) if index not in staying]
        if len(leaving) > 1 and not staying:
            self.ops.append([Op.CLEAR, parent_id])
        else:
            self.ops.extend([Op.REMOVE, child._id] for child in leaving)

    # matching one list of children ##########################################

    def _match(self, old: list[AbstractNode], new: list[AbstractNode]) -> list[int]:
        """For each new child the index of its old partner, or NO_MATCH."""
        matches = [NO_MATCH] * len(new)
        used = [False] * len(old)
        self._match_keys(old, new, matches, used)
        self._match_unkeyed(old, new, matches, used, self._hash)
        self._match_unkeyed(old, new, matches, used, _kind)
        return matches

    @staticmethod
    def _match_keys(
        old: list[AbstractNode], new: list[AbstractNode], matches: list[int], used: list[bool]
    ) -> None:
        keyed: dict[Hashable, int] = {}
        for index, node in enumerate(old):
            key = _key(node)
            if key is not None:
                keyed.setdefault(key, index)
        if not keyed:
            return
        for index, node in enumerate(new):
            key = _key(node)
            partner = keyed.pop(key, NO_MATCH) if key is not None else NO_MATCH
            if partner != NO_MATCH and _kind(old[partner]) == _kind(node):
                matches[index] = partner
                used[partner] = True

    @staticmethod
    def _match_unkeyed(
        old: list[AbstractNode],
        new: list[AbstractNode],
        matches: list[int],
        used: list[bool],
        group_of: Any,
    ) -> None:
        """Match unkeyed children of one group (equal hash, or equal kind) in order."""
        candidates: defaultdict[Hashable, deque[int]] = defaultdict(deque)
        for index, node in enumerate(old):
            if not used[index] and _key(node) is None:
                candidates[group_of(node)].append(index)
        if not candidates:
            return
        for index, node in enumerate(new):
            if matches[index] != NO_MATCH or _key(node) is not None:
                continue
            queue = candidates.get(group_of(node))
            while queue:
                partner = queue.popleft()
                if not used[partner] and _kind(old[partner]) == _kind(node):
                    matches[index] = partner
                    used[partner] = True
                    break

    # memoized facts about nodes #############################################

    def _wire_attributes(self, node: Node) -> dict[str, str]:
        attributes = self._attributes.get(id(node))
        if attributes is None:
            attributes = self._attributes[id(node)] = wire_attributes(node)
        return attributes

    def _hash(self, node: AbstractNode) -> int:
        """A hash of the subtree's content; equal subtrees hash equal.

        Children first, with an explicit stack: trees may be deeper than
        Python's recursion limit.
        """
        hashes = self._hashes
        stack: list[tuple[AbstractNode, bool]] = [(node, False)]
        while stack:
            current, children_done = stack.pop()
            if id(current) in hashes:
                continue
            if isinstance(current, TextNode):
                hashes[id(current)] = hash((_TEXT, current._text))
                continue
            if not isinstance(current, Node):  # a marker of a legacy widget
                hashes[id(current)] = hash(_kind(current))
                continue
            if not children_done:
                stack.append((current, True))
                stack.extend((child, False) for child in flat_children(current))
                continue
            hashes[id(current)] = hash(
                (
                    _kind(current),
                    tuple(self._wire_attributes(current).items()),
                    tuple(hashes[id(child)] for child in flat_children(current)),
                )
            )
        return hashes[id(node)]


def _data(node: WidgetDataOwner) -> Any:
    return {} if node._widget_data is None else node._widget_data
