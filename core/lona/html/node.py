"""The node tree's elements: ``Node``, Lona's API over ``ElementBase``.

``ElementBase`` (``lona.html.element_base``) holds an element's fields, its
change recording and its wire form; ``Node`` adds what Lona's users touch:
construction from keyword arguments, the live views (``style``,
``attributes``, ``class_list``, ``events``, ``widget_data``, ...) and the text
helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from lona.html.attributes import (
    AttributeDict,
    StyleDict,
    check_attribute_name,
    check_attribute_value,
    parse_style,
)
from lona.html.base import AbstractNode, TextNode, check_tag_name, flatten_nodes
from lona.html.children import NodeList
from lona.html.element_base import ElementBase
from lona.html.event_list import EventList
from lona.html.events import EventSpec
from lona.html.node_state import NodeState
from lona.html.render import render_node
from lona.html.token_lists import ClassList, IDList, split_tokens
from lona.html.widget_data import check_data, overlay

__all__ = [
    "AbstractNode",
    "DeprecatedNode",
    "Node",
    "NodeList",
    "TextNode",
    "parse_style_string",
]


class Node(ElementBase):
    """An HTML element.

    Children are given as arguments, as a list, or as ``nodes=``; keyword
    arguments become attributes (``_class`` -> ``class``, ``data_foo`` ->
    ``data-foo``), except the special ones Lona documents: ``id``, ``class``,
    ``style``, ``attributes``, ``events``, ``nodes``, ``handle_click``,
    ``handle_change``, ``handle_focus``, ``handle_blur``, ``state``, ``ignore``,
    ``namespace``, ``tag_name``, ``self_closing_tag``, ``widget``, ``widget_data``.
    """

    __slots__ = ()  # the fields are ElementBase's

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
        self._init_element()
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

    def hide(self) -> None:
        self.style["display"] = "none"

    def show(self) -> None:
        """Undo ``hide()``; a display value other than none is left alone, as in Lona."""
        if self.style.get("display") == "none":
            del self.style["display"]

    # queries: the walks are every node's; what they find are elements

    def query_selector(self, selector: str) -> Node | None:
        return cast("Node | None", super().query_selector(selector))

    def query_selector_all(self, selector: str) -> list[Node]:
        return cast("list[Node]", super().query_selector_all(selector))

    def closest(self, selector: str) -> Node | None:
        return cast("Node | None", super().closest(selector))

    def __str__(self) -> str:
        return render_node(self)

    def __repr__(self) -> str:
        return self.__str__()


class DeprecatedNode(Node):
    """Lona's base of the node classes it deprecated (``Datalist``, ``Fieldset``, ...)."""

    __slots__ = ()


def parse_style_string(style_string: str) -> dict[str, str]:
    """``"color: red; top: 0"`` as a dict (Lona's name for ``parse_style``)."""
    return parse_style(style_string)
