"""The node tree's elements: ``Node``.

Nodes record changes instead of sending them: a node that the client already
shows (it is *synced*, see ``lona.html.document``) marks itself dirty when it
changes, and the next flush turns all marks into the fewest patches.  Many
changes of one property between two flushes therefore cost one patch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from lona.html.attributes import (
    AttributeDict,
    StyleDict,
    check_attribute_name,
    check_attribute_value,
    parse_style,
    wire_attributes,
)
from lona.html.base import (
    DIRTY_ATTRIBUTES,
    AbstractNode,
    TextNode,
    check_tag_name,
    flatten_nodes,
)
from lona.html.children import NodeList, ParentNode, flat_children
from lona.html.event_list import EventList
from lona.html.events import EventSpec
from lona.html.node_state import NodeState
from lona.html.token_lists import ClassList, IDList, split_tokens
from lona.html.widget_data import Record, WidgetDataOwner, check_data, overlay

if TYPE_CHECKING:
    from lona.static_files import StaticFile

__all__ = [
    "AbstractNode",
    "DeprecatedNode",
    "Node",
    "NodeList",
    "TextNode",
    "parse_style_string",
]


class Node(ParentNode, WidgetDataOwner):
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
        "_events",
        "_ids",
        "_namespace",
        "_self_closing",
        "_state",
        "_style",
        "_tag",
        "_widget",
        "_widget_data",
        "_widget_records",
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
        self._init_children()
        self._dirty_names: set[str] | None = None
        self._ids: list[str] | None = list(cls.ID_LIST) or None
        self._classes: list[str] | None = list(cls.CLASS_LIST) or None
        self._style: dict[str, str] | None = parse_style(cls.STYLE) or None
        self._attrs: dict[str, Any] | None = dict(cls.ATTRIBUTES) or None
        self._events: list[EventSpec] | None = list(cls.EVENTS) or None
        self._widget = cls.WIDGET
        self._widget_data: Any = check_data(cls.WIDGET_DATA, f"{cls.__name__}.WIDGET_DATA")
        self._widget_records: list[Record] | None = None
        self._state: NodeState | None = None
        self._apply_kwargs(kwargs)
        if args:
            self._insert_children(len(self._nodes), list(flatten_nodes(args)))

    # construction ###########################################################

    def _apply_kwargs(self, kwargs: dict[str, Any]) -> None:
        for raw_key, value in kwargs.items():
            if raw_key in self._SPECIAL:
                self._apply_special(raw_key, value)
                continue
            key = raw_key.replace("_", "-").lstrip("-")
            if key in ("id", "class", "style"):
                self._apply_special(key, value)
            elif key.startswith("handle-") and key.replace("-", "_") in self._SPECIAL:
                self._apply_special(key.replace("-", "_"), value)
            else:
                check_attribute_name(key)
                if value is None or value is False:
                    continue
                attrs = self._attrs if self._attrs is not None else {}
                attrs[key] = check_attribute_value(key, value)
                self._attrs = attrs

    def _apply_special(self, key: str, value: Any) -> None:
        if key in ("id", "class"):
            if not isinstance(value, (str, list, tuple)):
                raise ValueError(f"{key} has to be string or list of strings")
            tokens = split_tokens(value) or None
            if key == "id":
                self._ids = tokens
            else:
                self._classes = tokens
        elif key == "style":
            if not isinstance(value, (str, dict)):
                raise ValueError("style has to be dict or string")
            self._style = parse_style(value) or None
        elif key == "attributes":
            if not isinstance(value, dict):
                raise ValueError("attributes has to be dict")
            AttributeDict(self).update(value)
        elif key == "events":
            if not isinstance(value, (list, tuple)):
                raise ValueError("events have to be list")
            self.events = value
        elif key == "nodes":
            self._insert_children(len(self._nodes), list(flatten_nodes([value])))
        elif key == "state":
            self._state = NodeState(self, value or {})
        elif key == "ignore":
            self.ignore = value
        elif key == "namespace":
            self._namespace = value or ""
        elif key == "tag_name":
            self._tag = check_tag_name(value)
        elif key == "self_closing_tag":
            self._self_closing = bool(value)
        elif key == "widget":
            self._widget = value or ""
        elif key == "widget_data":
            self._widget_data = check_data(value)
        elif value is not None:  # handle_* callbacks
            if not callable(value):
                raise TypeError(f"{key} has to be a function")
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
    def id_list(self) -> IDList:
        return IDList(self)

    @id_list.setter
    def id_list(self, value: str | Iterable[str]) -> None:
        IDList(self).reset(value)

    @property
    def class_list(self) -> ClassList:
        return ClassList(self)

    @class_list.setter
    def class_list(self, value: str | Iterable[str]) -> None:
        ClassList(self).reset(value)

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
    def state(self) -> NodeState:
        """Server-side data attached to this node; never sent to the client.

        A dict whose ``lock`` is the node's lock (as in Lona).
        """
        if self._state is None:
            self._state = NodeState(self)
        return self._state

    @state.setter
    def state(self, value: dict[str, Any]) -> None:
        self._state = NodeState(self, value)

    @property
    def ignore(self) -> bool:
        """When set, the client leaves the element's events, links and forms to the browser."""
        return bool(self._attrs and "data-lona-ignore" in self._attrs)

    @ignore.setter
    def ignore(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError("ignore is a boolean property")
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
        """The widget's data: a live view whose changes are sent as small patches."""
        if self._widget_data is None:
            self._widget_data = {}
        return overlay(self, (), self._widget_data)

    @widget_data.setter
    def widget_data(self, value: Any) -> None:
        checked = check_data(value)
        with self.lock:
            self._set_widget_data(checked)

    def _widget_name(self) -> str:
        return self._widget

    # change recording #######################################################

    def _forget_changes(self) -> None:
        self._dirty = 0
        self._old_nodes = None
        self._dirty_names = None
        self._widget_records = None

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

    # helpers ##############################################################

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
        """Undo ``hide()``; a display value other than none is left alone, as in Lona."""
        if self.style.get("display") == "none":
            del self.style["display"]

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
            and {e.serialize() for e in self._events or ()}
            == {e.serialize() for e in other._events or ()}
            and self._widget == other._widget
            and _data_or_empty(self._widget_data) == _data_or_empty(other._widget_data)
            and len(self._nodes) == len(other._nodes)
            and all(a == b for a, b in zip(self._nodes, other._nodes, strict=True))
        )

    __hash__ = None  # type: ignore[assignment]

    def _serialize(self, children: list[Any] | None = None) -> list[Any]:
        """``[id, tag, attributes, children, namespace?, widget?, widget_data?]``."""
        if children is None:
            children = [child._flat_spec() for child in flat_children(self)]
        spec: list[Any] = [self._id, self._tag, wire_attributes(self), children]
        if self._namespace or self._widget:
            spec.append(self._namespace)
        if self._widget:
            spec.append(self._widget)
            spec.append({} if self._widget_data is None else self._widget_data)
        return spec

    def _inner_html(self) -> str | None:
        """Markup to render as this element's content instead of its children."""
        return None

    def __str__(self) -> str:
        from lona.html.render import render_node

        return render_node(self)

    def __repr__(self) -> str:
        return self.__str__()


def _data_or_empty(data: Any) -> Any:
    return {} if data is None else data


class DeprecatedNode(Node):
    """Lona's base of the node classes it deprecated (``Datalist``, ``Fieldset``, ...)."""

    __slots__ = ()


def parse_style_string(style_string: str) -> dict[str, str]:
    """``"color: red; top: 0"`` as a dict (Lona's name for ``parse_style``)."""
    return parse_style(style_string)
