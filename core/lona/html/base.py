"""What every node shares: ``AbstractNode``, ``TextNode``, and the tree helpers.

Nodes record changes instead of sending them: a node that the client already
shows (it is *synced*, see ``lona.html.document``) marks itself dirty when it
changes, and the next flush turns all marks into the fewest patches.  Many
changes of one property between two flushes therefore cost one patch.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar, Protocol, Union, cast

from lona.html.selectors import compile_selector

__all__ = [
    "NO_LOCK",
    "AbstractNode",
    "ChildLike",
    "SyncContext",
    "TextNode",
    "TreeHost",
    "check_tag_name",
    "flatten_nodes",
    "index_of",
    "to_node",
]

# Node ids only have to be unique among the nodes one client sees; a process
# wide counter gives that for free and is safe to share between apps.
_next_node_id = itertools.count(1).__next__

DIRTY_ATTRIBUTES = 1
DIRTY_CHILDREN = 2
DIRTY_TEXT = 4
DIRTY_WIDGET = 8


class _NoLock:
    """The lock of a tree that is not shown anywhere: nothing to guard."""

    def __enter__(self) -> _NoLock:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        return True

    def release(self) -> None:
        return None


NO_LOCK = _NoLock()
LockLike = Union["threading.RLock", _NoLock]

ChildLike = Union["AbstractNode", str, int, float, bool]


class TreeHost(Protocol):
    """The document showing a tree, as its nodes see it (``lona.html.document``).

    Nodes only report to it: a changed node joins its dirty list, and the
    document keeps which window made a change (that window shows it already).
    """

    @property
    def lock(self) -> Any: ...

    @property
    def _dirty_nodes(self) -> list[AbstractNode]: ...

    def mark_issued(self, node: AbstractNode, name: str, issuer: Any) -> None: ...

    def forget_issuer(self, node: AbstractNode, names: Any) -> None: ...


class SyncContext:
    """The generation of a document's shown tree; inactive once replaced."""

    __slots__ = ("active", "document")

    def __init__(self, document: TreeHost) -> None:
        self.document = document
        self.active = True


class AbstractNode:
    """What elements and text nodes share: identity, parent and sync state."""

    __slots__ = ("__weakref__", "_dirty", "_id", "_parent", "_sync")

    # a legacy widget (``lona.html.Widget``) has no element of its own: its
    # children show in place inside the nearest element (see ``legacy_widgets``)
    _TRANSPARENT = False
    # an element (``lona.html.node.Node``): what selectors can match
    _ELEMENT = False

    _id: int
    # always a ``ParentNode`` (``lona.html.children``), which builds on this class
    _parent: AbstractNode | None
    _sync: SyncContext | None
    _dirty: int

    # Every node class, held for good (as in Lona): the server reads their
    # STATIC_FILES, and a class defined inside a function must still count.
    _subclasses: ClassVar[list[type[AbstractNode]]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        AbstractNode._subclasses.append(cls)

    @staticmethod
    def get_all_node_classes() -> list[type[AbstractNode]]:
        return [AbstractNode, *AbstractNode._subclasses]

    def _init_node(self) -> None:
        self._id = _next_node_id()
        self._parent = None
        self._sync = None
        self._dirty = 0

    @property
    def id(self) -> str:
        """The framework's node id (as ``data-lona-node-id``), not the HTML id.

        Showing another tree lets its nodes take over the ids of the nodes
        they replace on screen (see ``lona.html.diff``), so it may change then.
        """
        return str(self._id)

    @property
    def parent(self) -> AbstractNode | None:
        return self._parent

    @property
    def root(self) -> AbstractNode:
        node: AbstractNode = self
        while node._parent is not None:
            node = node._parent
        return node

    @property
    def document(self) -> TreeHost | None:
        document: TreeHost | None = getattr(self.root, "_document", None)  # parent nodes only
        return document

    @property
    def lock(self) -> Any:
        """The lock of the document this tree is shown in (an RLock).

        Before the tree is shown anywhere it is a lock that guards nothing.
        """
        document = self.document
        return document.lock if document is not None else NO_LOCK

    def remove(self, *nodes: AbstractNode) -> None:
        """Without arguments: detach this node from its parent."""
        if nodes:
            raise TypeError(f"{type(self).__name__} has no child nodes to remove")
        parent = self._parent
        if parent is not None:
            parent._remove_child(self)

    def _remove_child(self, child: AbstractNode) -> None:
        """Detach a child (``ParentNode`` has children; other nodes are never parents)."""
        raise TypeError(f"{type(self).__name__} has no child nodes to remove")

    def _mark(self, bit: int) -> SyncContext | None:
        """Record a change of this node if the client shows it; return the sync context."""
        sync = self._sync
        if sync is None or not sync.active:
            return None
        if not self._dirty:
            sync.document._dirty_nodes.append(self)
        self._dirty |= bit
        return sync

    def _forget_changes(self) -> None:
        """Drop recorded changes: the clients now have this node as it is."""
        self._dirty = 0

    def get_text(self) -> str:
        raise NotImplementedError

    def _serialize(self, children: list[Any] | None = None) -> list[Any]:
        """This node's spec on the wire (``docs/protocol.md``, "Node specs").

        Serialization calls it once per node it sends, with the specs of the
        children it sent (or, without them, for the whole subtree).
        """
        raise NotImplementedError

    def _flat_spec(self) -> list[Any]:
        """The spec of this node as one of an element's flat children.

        A legacy widget differs: there it is the marker that starts its children.
        """
        return self._serialize()

    # queries (Lona has them on every node; a text node has no descendants) ####

    def iter_nodes(self) -> Iterator[AbstractNode]:
        """This node and all its descendants, depth first."""
        yield self

    # (``Node`` gives them their precise type: what they find are elements)

    def query_selector(self, selector: str) -> AbstractNode | None:
        """The first descendant element the selector matches (``lona.html.selectors``)."""
        matches = _element_test(selector)
        for candidate in self.iter_nodes():
            if candidate is not self and candidate._ELEMENT and matches(candidate):
                return candidate
        return None

    def query_selector_all(self, selector: str) -> Sequence[AbstractNode]:
        matches = _element_test(selector)
        return [
            candidate
            for candidate in self.iter_nodes()
            if candidate is not self and candidate._ELEMENT and matches(candidate)
        ]

    def closest(self, selector: str) -> AbstractNode | None:
        """The nearest ancestor element the selector matches."""
        matches = _element_test(selector)
        parent = self._parent
        while parent is not None:
            if parent._ELEMENT and matches(parent):
                return parent
            parent = parent._parent
        return None

    def __copy__(self) -> Any:
        raise RuntimeError("nodes can not be copied")

    def __deepcopy__(self, memo: Any) -> Any:
        raise RuntimeError("nodes can not be copied")


class TextNode(AbstractNode):
    """A text node.  Its text is always escaped when rendered as HTML.

    As in Lona it also behaves like its string: ``str()`` is the text itself,
    ``len()`` its length, and string methods work on it (``node.upper()``);
    methods that return a string return a new ``TextNode``.
    """

    __slots__ = ("_text",)

    def __init__(self, text: Any = "") -> None:
        self._init_node()
        self._text = str(text)

    def get_text(self) -> str:
        return self._text

    def set_text(self, text: Any) -> None:
        text = str(text)
        with self.lock:
            if text != self._text:
                self._mark(DIRTY_TEXT)
                self._text = text

    @property
    def text(self) -> str:
        return self._text

    @text.setter
    def text(self, value: Any) -> None:
        self.set_text(value)

    def _serialize(self, children: list[Any] | None = None) -> list[Any]:
        """This node's spec on the wire (``docs/protocol.md``)."""
        return [self._id, self._text]

    # Lona compares text nodes with text nodes only: ``TextNode('a') != 'a'``
    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextNode):
            return self._text == other._text
        if isinstance(other, AbstractNode):
            return False
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    # the string behaviour ####################################################

    def __getattr__(self, name: str) -> Any:
        # only called for names the node lacks: string methods
        if name.startswith("_"):
            raise AttributeError(name)
        attribute = getattr(self._text, name)
        if not callable(attribute):
            return attribute

        def method(*args: Any, **kwargs: Any) -> Any:
            result = attribute(*args, **kwargs)
            return TextNode(result) if isinstance(result, str) else result

        return method

    def __add__(self, other: Any) -> TextNode:
        return TextNode(self._text + (other._text if isinstance(other, TextNode) else other))

    def __iadd__(self, other: Any) -> TextNode:
        raise TypeError("unsupported operation: += (use set_text)")

    def __getitem__(self, key: int | slice) -> TextNode:
        return TextNode(self._text[key])

    def __len__(self) -> int:
        return len(self._text)

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"<TextNode({self._text!r})>"


def _element_test(selector: str) -> Callable[[AbstractNode], bool]:
    """The compiled selector, for nodes the caller has checked are elements (``_ELEMENT``)."""
    return cast("Callable[[AbstractNode], bool]", compile_selector(selector))


def to_node(value: ChildLike) -> AbstractNode:
    if isinstance(value, AbstractNode):
        return value
    if isinstance(value, (str, int, float, bool)):
        return TextNode(value)
    raise TypeError(f"not a node: {value!r}")


def flatten_nodes(values: Iterable[Any]) -> Iterator[AbstractNode]:
    for value in values:
        if value is None:
            continue
        if isinstance(value, (list, tuple)) or (
            not isinstance(value, (str, bytes, AbstractNode)) and hasattr(value, "__iter__")
        ):
            yield from flatten_nodes(value)
        else:
            yield to_node(value)


def index_of(nodes: list[AbstractNode], node: AbstractNode) -> int:
    """``list.index`` by identity: ``==`` on nodes is structural."""
    for index, candidate in enumerate(nodes):
        if candidate is node:
            return index
    raise ValueError(f"{node!r} is not a child node")


_TAG_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.")


def check_tag_name(name: Any) -> str:
    """Tag names reach the browser's createElement; refuse anything else."""
    if (
        not isinstance(name, str)
        or not name
        or not name[0].isalpha()
        or not set(name) <= _TAG_NAME_CHARS
    ):
        raise ValueError(f"invalid tag name: {name!r}")
    return name
