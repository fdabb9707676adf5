"""A node's children: ``ParentNode`` holds them, ``NodeList`` is ``node.nodes``.

The children behave like a Python list of nodes, with three rules from Lona:
a node has one parent, so appending a node that has a parent *moves* it;
a node can not become its own descendant (``RuntimeError('loop detected')``);
and ``in``/``index``/``remove`` compare by identity, because ``==`` on nodes
is structural.

Elements (``Node``) and legacy widgets (``lona.html.Widget``) are parent
nodes.  A legacy widget has no element of its own: the browser shows its
children in place, inside the nearest element above it.  What the clients
see of an element is therefore its *flat* children (``flat_children``):
its children with every legacy widget replaced by that widget's flat
children.  A change of the children of a widget is recorded at the element
whose flat children it changes (its *owner*, ``ParentNode._flat_owner``), so
a flush sends indices into what the browser shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from lona.html.base import (
    DIRTY_CHILDREN,
    AbstractNode,
    ChildLike,
    TreeHost,
    flatten_nodes,
    index_of,
    to_node,
)

__all__ = ["NodeList", "ParentNode", "flat_children"]


class ParentNode(AbstractNode):
    """Children and the list API over them: elements (``Node``) and legacy widgets."""

    __slots__ = ("_document", "_nodes", "_old_nodes")

    # the parent of a parent node is one too (AbstractNode can not name this class)
    _parent: ParentNode | None
    # the document showing this tree, on its root only
    _document: TreeHost | None
    _nodes: list[AbstractNode]
    # what the clients show while the (flat) children are dirty: the flush diffs against it
    _old_nodes: list[AbstractNode] | None

    def _init_children(self) -> None:
        self._document = None
        self._nodes = []
        self._old_nodes = None

    def _flat_owner(self) -> ParentNode:
        """The node whose flat children hold this node's children.

        An element owns its children; a legacy widget's children belong to the
        nearest element above it, or to the topmost widget when there is none
        (a tree whose root is a legacy widget, or a detached widget).
        """
        node: ParentNode = self
        while node._TRANSPARENT and node._parent is not None:
            node = node._parent
        return node

    def _end_marker(self) -> AbstractNode | None:
        """The node that closes a legacy widget's children on the wire, if any."""
        return None

    def _mark_children(self) -> None:
        owner = self._flat_owner()
        if owner._mark(DIRTY_CHILDREN) is not None and owner._old_nodes is None:
            owner._old_nodes = list(flat_children(owner))

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
            for child in children:
                child._parent = self

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

    @property
    def nodes(self) -> NodeList:
        return NodeList(self)

    @nodes.setter
    def nodes(self, value: Any) -> None:
        self._replace_children(list(flatten_nodes([value])))

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

    # input events ###########################################################

    def check_event_data(self, name: str, data: Any) -> Any:
        """Check the data of an input event of this node before any handler runs.

        Return the data (converted where need be) or raise ``BadEventData``:
        the event is then refused with a BAD_EVENT error and the view goes on.
        """
        return data

    def handle_input_event(self, input_event: Any) -> Any:
        """Dispatch to ``handle_click`` / ``handle_change`` / ... by event name."""
        handler = getattr(self, f"handle_{input_event.name}", None)
        if handler is None:
            return input_event
        return handler(input_event)

    def handle_click(self, input_event: Any) -> Any:
        return input_event

    def handle_change(self, input_event: Any) -> Any:
        return input_event

    def handle_focus(self, input_event: Any) -> Any:
        return input_event

    def handle_blur(self, input_event: Any) -> Any:
        return input_event


def flat_children(parent: ParentNode) -> list[AbstractNode]:
    """What the clients show as the children of ``parent`` (see the module doc).

    Without legacy widgets among the children that is ``parent._nodes``
    itself (do not change it); else a new list, with every widget replaced by
    its flat children, bracketed by its markers if it has a frontend class.
    """
    nodes = parent._nodes
    for child in nodes:
        if child._TRANSPARENT:
            break
    else:
        return nodes
    flat: list[AbstractNode] = []
    # iterators of the children lists being walked, each with the marker that closes it
    stack: list[tuple[Iterator[AbstractNode], AbstractNode | None]] = [(iter(nodes), None)]
    while stack:
        children, closing = stack[-1]
        next_child = next(children, None)
        if next_child is None:
            stack.pop()
            if closing is not None:
                flat.append(closing)
            continue
        if not next_child._TRANSPARENT:
            flat.append(next_child)
            continue
        widget = cast("ParentNode", next_child)
        end = widget._end_marker()
        if end is not None:
            flat.append(widget)  # the widget itself is its start marker
        stack.append((iter(widget._nodes), end))
    return flat


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
