"""A node's children: ``ParentNode`` holds them, ``NodeList`` is ``node.nodes``.

The children behave like a Python list of nodes, with three rules from Lona:
a node has one parent, so appending a node that has a parent *moves* it;
a node can not become its own descendant (``RuntimeError('loop detected')``);
and ``in``/``index``/``remove`` compare by identity, because ``==`` on nodes
is structural.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from lona.html.base import (
    DIRTY_CHILDREN,
    AbstractNode,
    ChildLike,
    flatten_nodes,
    index_of,
    to_node,
)

if TYPE_CHECKING:
    from lona.html.node import Node

__all__ = ["NodeList", "ParentNode"]


class ParentNode(AbstractNode):
    """An element's children and the list API over them (``Node`` is one)."""

    __slots__ = ("_nodes", "_old_nodes")

    _nodes: list[AbstractNode]
    # what the clients show while the children are dirty: the flush diffs against it
    _old_nodes: list[AbstractNode] | None

    def _init_children(self) -> None:
        self._nodes = []
        self._old_nodes = None

    def _mark_children(self) -> None:
        if self._mark(DIRTY_CHILDREN) is not None and self._old_nodes is None:
            self._old_nodes = list(self._nodes)

    # mutation ###############################################################

    def _check_no_loop(self, child: AbstractNode) -> None:
        node: AbstractNode | None = self
        while node is not None:
            if node is child:
                raise RuntimeError("loop detected")
            node = node._parent

    def _insert_children(self, index: int, children: list[AbstractNode]) -> None:
        children = _last_occurrences(children)
        if not children:
            return
        with self.lock:
            for child in children:
                self._check_no_loop(child)
            length = len(self._nodes)
            index = max(0, min(length + index if index < 0 else index, length))
            for child in children:
                old_parent = child._parent
                if old_parent is not None:
                    if old_parent is self and index_of(self._nodes, child) < index:
                        index -= 1
                    old_parent._remove_child(child)
            self._mark_children()
            self._nodes[index:index] = children
            parent = cast("Node", self)  # Node is the only ParentNode
            for child in children:
                child._parent = parent

    def _remove_child(self, child: AbstractNode) -> None:
        with self.lock:
            index = index_of(self._nodes, child)
            self._remove_children(index, index + 1)

    def _remove_children(self, start: int, stop: int) -> list[AbstractNode]:
        with self.lock:
            removed = self._nodes[start:stop]
            if not removed:
                return []
            self._mark_children()
            del self._nodes[start:stop]
            for child in removed:
                child._parent = None
            return removed

    def _replace_children(self, new_nodes: list[AbstractNode]) -> None:
        with self.lock:
            self._remove_children(0, len(self._nodes))
            self._insert_children(0, new_nodes)

    # the list API ###########################################################

    def append(self, node: ChildLike) -> None:
        self._insert_children(len(self._nodes), [to_node(node)])

    def insert(self, index: int, node: ChildLike) -> None:
        self._insert_children(index, [to_node(node)])

    def extend(self, nodes: Iterable[ChildLike]) -> None:
        self._insert_children(len(self._nodes), list(flatten_nodes(nodes)))

    def remove(self, *nodes: AbstractNode) -> None:
        """Without arguments detach this node; with nodes, remove those children."""
        if not nodes:
            super().remove()
            return
        for node in nodes:
            self._remove_child(node)

    def pop(self, index: int = -1) -> AbstractNode:
        with self.lock:
            node = self._nodes[index]
            self._remove_child(node)
            return node

    def clear(self) -> None:
        self._remove_children(0, len(self._nodes))

    def index(self, node: AbstractNode) -> int:
        return index_of(self._nodes, node)

    def __getitem__(self, index: int | slice) -> Any:
        return self._nodes[index]

    def __setitem__(self, index: int | slice, value: Any) -> None:
        with self.lock:
            if isinstance(index, slice):
                start, stop, step = index.indices(len(self._nodes))
                if step != 1:
                    raise ValueError("extended slice assignment is not supported")
                new_nodes = list(flatten_nodes([value]))
                self._remove_children(start, max(start, stop))
                self._insert_children(start, new_nodes)
                return
            length = len(self._nodes)
            position = index + length if index < 0 else index
            if not 0 <= position < length:
                raise IndexError("node index out of range")
            node = to_node(value)
            if node is self._nodes[position]:
                return
            self._remove_children(position, position + 1)
            self._insert_children(position, [node])

    def __delitem__(self, index: int | slice) -> None:
        with self.lock:
            if isinstance(index, slice):
                start, stop, step = index.indices(len(self._nodes))
                if step != 1:
                    raise ValueError("extended slice deletion is not supported")
                self._remove_children(start, max(start, stop))
            else:
                self._remove_child(self._nodes[index])

    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[AbstractNode]:
        return iter(list(self._nodes))

    def __contains__(self, node: object) -> bool:
        return any(child is node for child in self._nodes)

    def __bool__(self) -> bool:
        return True

    def iter_nodes(self) -> Iterator[AbstractNode]:
        """This node and all its descendants, depth first."""
        stack: list[AbstractNode] = [self]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, ParentNode):
                stack.extend(reversed(node._nodes))


def _last_occurrences(children: list[AbstractNode]) -> list[AbstractNode]:
    """A node given twice ends up where it was given last, as two appends would do."""
    if len(children) < 2:
        return children
    last = {id(child): index for index, child in enumerate(children)}
    if len(last) == len(children):
        return children
    return [child for index, child in enumerate(children) if last[id(child)] == index]


class NodeList:
    """``node.nodes``: the list of a node's children."""

    __slots__ = ("_node",)

    def __init__(self, node: ParentNode) -> None:
        self._node = node

    def append(self, node: ChildLike) -> None:
        self._node.append(node)

    def insert(self, index: int, node: ChildLike) -> None:
        self._node.insert(index, node)

    def extend(self, nodes: Iterable[ChildLike]) -> None:
        self._node.extend(nodes)

    def remove(self, node: AbstractNode) -> None:
        self._node._remove_child(node)

    def pop(self, index: int = -1) -> AbstractNode:
        return self._node.pop(index)

    def clear(self) -> None:
        self._node.clear()

    def index(self, node: AbstractNode) -> int:
        return self._node.index(node)

    def __getitem__(self, index: int | slice) -> Any:
        return self._node[index]

    def __setitem__(self, index: int | slice, value: Any) -> None:
        self._node[index] = value

    def __delitem__(self, index: int | slice) -> None:
        del self._node[index]

    def __len__(self) -> int:
        return len(self._node._nodes)

    def __iter__(self) -> Iterator[AbstractNode]:
        return iter(self._node)

    def __contains__(self, node: object) -> bool:
        return node in self._node

    def __eq__(self, other: object) -> bool:
        mine = self._node._nodes
        if isinstance(other, NodeList):
            theirs = other._node._nodes
        elif isinstance(other, (list, tuple)):
            theirs = list(other)
        else:
            return NotImplemented
        return len(mine) == len(theirs) and all(a == b for a, b in zip(mine, theirs, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<NodeList {self._node._nodes!r}>"
