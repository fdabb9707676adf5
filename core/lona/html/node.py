"""The node tree's elements: ``Node`` and its children list ``NodeList``.

Nodes record changes instead of sending them: a node that the client already
shows (it is *synced*, see ``lona.html.document``) marks itself dirty when it
changes, and the next flush turns all marks into the fewest patches.  Many
changes of one property between two flushes therefore cost one patch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from lona.html.attributes import (
    AttributeDict,
    EventList,
    StyleDict,
    TokenList,
    check_attribute_name,
    check_attribute_value,
    parse_style,
    split_tokens,
)
from lona.html.base import (
    DIRTY_ATTRIBUTES,
    DIRTY_CHILDREN,
    DIRTY_WIDGET,
    AbstractNode,
    ChildLike,
    TextNode,
    check_tag_name,
    copy_data,
    flatten_nodes,
    index_of,
    to_node,
)
from lona.html.events import EventSpec

if TYPE_CHECKING:
    from lona.html.document import Document
    from lona.static_files import StaticFile

__all__ = ["AbstractNode", "Node", "NodeList", "TextNode"]


class Node(AbstractNode):
    """An HTML element.

    Children are given as arguments, as a list, or as ``nodes=``; keyword
    arguments become attributes (``_class`` -> ``class``, ``data_foo`` ->
    ``data-foo``), except the special ones Lona documents: ``id``, ``class``,
    ``style``, ``attributes``, ``events``, ``nodes``, ``handle_click``,
    ``handle_change``, ``handle_focus``, ``handle_blur``, ``state``, ``ignore``,
    ``namespace``, ``tag_name``, ``self_closing_tag``, ``widget``, ``widget_data``.
    """

    TAG_NAME: ClassVar[str] = "div"
    NAMESPACE: ClassVar[str] = ""
    SELF_CLOSING_TAG: ClassVar[bool] = False
    ID_LIST: ClassVar[list[str]] = []
    CLASS_LIST: ClassVar[list[str]] = []
    STYLE: ClassVar[dict[str, str] | str] = {}
    ATTRIBUTES: ClassVar[dict[str, Any]] = {}
    EVENTS: ClassVar[list[EventSpec]] = []
    WIDGET: ClassVar[str] = ""
    WIDGET_DATA: ClassVar[Any] = None
    STATIC_FILES: ClassVar[list[StaticFile]] = []

    __slots__ = (
        "__dict__",
        "_attrs",
        "_classes",
        "_dirty_names",
        "_document",
        "_events",
        "_ids",
        "_namespace",
        "_nodes",
        "_old_nodes",
        "_self_closing",
        "_state",
        "_style",
        "_tag",
        "_widget",
        "_widget_data",
    )

    _SPECIAL = frozenset(
        {
            "id",
            "class",
            "style",
            "attributes",
            "events",
            "nodes",
            "state",
            "ignore",
            "namespace",
            "tag_name",
            "self_closing_tag",
            "widget",
            "widget_data",
            "handle_input_event",
            "handle_click",
            "handle_change",
            "handle_focus",
            "handle_blur",
        }
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._init_node()
        cls = type(self)
        self._tag = cls.TAG_NAME
        self._namespace = cls.NAMESPACE
        self._self_closing = cls.SELF_CLOSING_TAG
        self._nodes: list[AbstractNode] = []
        self._old_nodes: list[AbstractNode] | None = None
        self._dirty_names: set[str] | None = None
        self._document: Document | None = None
        self._ids: list[str] | None = list(cls.ID_LIST) or None
        self._classes: list[str] | None = list(cls.CLASS_LIST) or None
        self._style: dict[str, str] | None = parse_style(cls.STYLE) or None
        self._attrs: dict[str, Any] | None = dict(cls.ATTRIBUTES) or None
        self._events: list[EventSpec] | None = list(cls.EVENTS) or None
        self._widget = cls.WIDGET
        self._widget_data: Any = copy_data(cls.WIDGET_DATA)
        self._state: dict[str, Any] | None = None
        self._apply_kwargs(kwargs)
        if args:
            self._insert_children(len(self._nodes), list(flatten_nodes(args)))

    # construction ###########################################################

    def _apply_kwargs(self, kwargs: dict[str, Any]) -> None:
        for raw_key, value in kwargs.items():
            key = raw_key.replace("_", "-").lstrip("-") if raw_key not in self._SPECIAL else raw_key
            if raw_key in self._SPECIAL:
                self._apply_special(raw_key, value)
            elif key == "id":
                self._ids = split_tokens(value) or None
            elif key == "class":
                self._classes = split_tokens(value) or None
            elif key == "style":
                self._style = parse_style(value) or None
            else:
                check_attribute_name(key)
                if value is None or value is False:
                    continue
                attrs = self._attrs if self._attrs is not None else {}
                attrs[key] = check_attribute_value(key, value)
                self._attrs = attrs

    def _apply_special(self, key: str, value: Any) -> None:
        if key == "id":
            self._ids = split_tokens(value) or None
        elif key == "class":
            self._classes = split_tokens(value) or None
        elif key == "style":
            self._style = parse_style(value) or None
        elif key == "attributes":
            AttributeDict(self).update(value or {})
        elif key == "events":
            self.events = value
        elif key == "nodes":
            self._insert_children(len(self._nodes), list(flatten_nodes([value])))
        elif key == "state":
            self._state = dict(value or {})
        elif key == "ignore":
            self.ignore = bool(value)
        elif key == "namespace":
            self._namespace = value or ""
        elif key == "tag_name":
            self._tag = check_tag_name(value)
        elif key == "self_closing_tag":
            self._self_closing = bool(value)
        elif key == "widget":
            self._widget = value or ""
        elif key == "widget_data":
            self._widget_data = copy_data(value)
        elif value is not None:  # handle_* callbacks
            setattr(self, key, value)

    # properties #############################################################

    @property
    def tag_name(self) -> str:
        return self._tag

    @property
    def namespace(self) -> str:
        return self._namespace

    @property
    def self_closing_tag(self) -> bool:
        return self._self_closing

    @property
    def id_list(self) -> TokenList:
        return TokenList(self, "_ids", "id")

    @id_list.setter
    def id_list(self, value: str | Iterable[str]) -> None:
        TokenList(self, "_ids", "id").reset(value)

    @property
    def class_list(self) -> TokenList:
        return TokenList(self, "_classes", "class")

    @class_list.setter
    def class_list(self, value: str | Iterable[str]) -> None:
        TokenList(self, "_classes", "class").reset(value)

    @property
    def style(self) -> StyleDict:
        return StyleDict(self)

    @style.setter
    def style(self, value: str | dict[str, Any]) -> None:
        StyleDict(self).reset(parse_style(value))

    @property
    def attributes(self) -> AttributeDict:
        return AttributeDict(self)

    @attributes.setter
    def attributes(self, value: dict[str, Any]) -> None:
        AttributeDict(self).reset(value)

    @property
    def events(self) -> EventList:
        return EventList(self)

    @events.setter
    def events(self, value: Iterable[EventSpec]) -> None:
        EventList(self).reset(value or [])

    @property
    def nodes(self) -> NodeList:
        return NodeList(self)

    @nodes.setter
    def nodes(self, value: Any) -> None:
        new_nodes = list(flatten_nodes([value]))
        with self.lock:
            self._remove_children(0, len(self._nodes))
            self._insert_children(0, new_nodes)

    @property
    def state(self) -> dict[str, Any]:
        """Server-side data attached to this node; never sent to the client."""
        if self._state is None:
            self._state = {}
        return self._state

    @state.setter
    def state(self, value: dict[str, Any]) -> None:
        self._state = dict(value)

    @property
    def ignore(self) -> bool:
        """When set, the client leaves this element's content alone."""
        return bool(self._attrs and "data-lona-ignore" in self._attrs)

    @ignore.setter
    def ignore(self, value: bool) -> None:
        attributes = AttributeDict(self)
        if value:
            attributes["data-lona-ignore"] = True
        elif "data-lona-ignore" in attributes:
            del attributes["data-lona-ignore"]

    @property
    def widget(self) -> str:
        return self._widget

    @property
    def widget_data(self) -> Any:
        return self._widget_data

    @widget_data.setter
    def widget_data(self, value: Any) -> None:
        with self.lock:
            self._mark(DIRTY_WIDGET)
            self._widget_data = copy_data(value)

    # change recording #######################################################

    def _change_attribute(self, names: Iterable[str], apply: Callable[[], None]) -> None:
        with self.lock:
            sync = self._mark(DIRTY_ATTRIBUTES)
            if sync is not None:
                names = list(names)
                if self._dirty_names is None:
                    self._dirty_names = set()
                self._dirty_names.update(names)
                # a change made on the server goes to every window again
                sync.document.forget_issuer(self, names)
            apply()

    def _mark_children(self) -> None:
        if self._mark(DIRTY_CHILDREN) is not None and self._old_nodes is None:
            # the client still shows these children; the flush diffs against them
            self._old_nodes = list(self._nodes)

    # children ###############################################################

    def _check_no_loop(self, child: AbstractNode) -> None:
        node: AbstractNode | None = self
        while node is not None:
            if node is child:
                raise RuntimeError("loop detected")
            node = node._parent

    def _insert_children(self, index: int, children: list[AbstractNode]) -> None:
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
        if isinstance(index, slice):
            return self._nodes[index]
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

    # helpers ################################################################

    def iter_nodes(self) -> Iterator[AbstractNode]:
        """This node and all its descendants, depth first."""
        stack: list[AbstractNode] = [self]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Node):
                stack.extend(reversed(node._nodes))

    def get_text(self) -> str:
        return "".join(n._text for n in self.iter_nodes() if isinstance(n, TextNode))

    def set_text(self, text: Any) -> None:
        text = str(text)
        with self.lock:
            nodes = self._nodes
            if len(nodes) == 1 and type(nodes[0]) is TextNode:
                # a lone text child changes in place: one SET_TEXT patch
                nodes[0].set_text(text)
            else:
                self.nodes = [TextNode(text)]

    def has_id(self, name: str) -> bool:
        return bool(self._ids) and name in self._ids  # type: ignore[operator]

    def has_class(self, name: str) -> bool:
        return bool(self._classes) and name in self._classes  # type: ignore[operator]

    def hide(self) -> None:
        self.style["display"] = "none"

    def show(self) -> None:
        if "display" in self.style:
            del self.style["display"]

    def query_selector(self, selector: str) -> Node | None:
        from lona.html.selectors import query_selector

        return query_selector(self, selector)

    def query_selector_all(self, selector: str) -> list[Node]:
        from lona.html.selectors import query_selector_all

        return query_selector_all(self, selector)

    def closest(self, selector: str) -> Node | None:
        from lona.html.selectors import closest

        return closest(self, selector)

    # input events ###########################################################

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

    # comparison and rendering ###############################################

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        if self is other:
            return True
        return (
            self._tag == other._tag
            and self._namespace == other._namespace
            and set(self._ids or ()) == set(other._ids or ())
            and set(self._classes or ()) == set(other._classes or ())
            and (self._style or {}) == (other._style or {})
            and (self._attrs or {}) == (other._attrs or {})
            and [e.serialize() for e in self._events or ()]
            == [e.serialize() for e in other._events or ()]
            and self._widget == other._widget
            and self._widget_data == other._widget_data
            and len(self._nodes) == len(other._nodes)
            and all(a == b for a, b in zip(self._nodes, other._nodes, strict=True))
        )

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        from lona.html.render import render_node

        return render_node(self)

    def __repr__(self) -> str:
        return self.__str__()


class NodeList:
    """``node.nodes``: the list of a node's children."""

    __slots__ = ("_node",)

    def __init__(self, node: Node) -> None:
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
