"""Lona's legacy widgets: ``Widget`` and ``HTML1``, containers without an element.

A legacy widget (deprecated in Lona, still common: ``HTML(...)`` returns one
with ``CLIENT_VERSION = 1``) holds child nodes, and ``data`` for a frontend
widget class, but is no HTML element: the browser shows its children in
place, inside the nearest element above it, as Lona's first client did.

On the wire a legacy widget is transparent (``children.flat_children``): an
element's children are sent with every legacy widget replaced by the
widget's children, so indices in patches are indices into what the browser
shows.  Two cases make it visible:

* a tree whose root is a legacy widget is sent as a *fragment*: the client
  puts its children straight into the window's element;
* a widget with a ``FRONTEND_WIDGET_CLASS`` brackets its children with two
  comment nodes; the first one carries the class name and the data, and the
  client runs the widget class on it.  At the root, the fragment carries them.

``docs/protocol.md`` ("Node specs") has the wire format.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from lona.html.base import AbstractNode, TextNode
from lona.html.children import ParentNode, flat_children
from lona.html.node_state import NodeState
from lona.html.widget_data import check_data, overlay
from lona.html.widget_records import Record, WidgetDataOwner
from lona.static_files import StaticFile

__all__ = ["HTML1", "Widget", "WidgetEnd"]

FRAGMENT_TAG = ""  # the tag of a fragment spec: no element


class Widget(ParentNode, WidgetDataOwner):
    """A legacy widget: ``nodes`` shown in place of the widget, and ``data``.

    Subclasses set ``self.nodes`` and ``self.data`` in their ``__init__``
    (calling ``super().__init__()`` is not needed, as in Lona), and may name a
    JavaScript class in ``FRONTEND_WIDGET_CLASS``.
    """

    FRONTEND_WIDGET_CLASS: ClassVar[str] = ""
    STATIC_FILES: ClassVar[list[StaticFile]] = []

    _TRANSPARENT = True

    __slots__ = ("__dict__", "_end", "_widget_data", "_widget_records")

    # decided once, when first shown: whether markers bracket the children
    _end: WidgetEnd | bool | None
    _widget_data: Any
    _widget_records: list[Record] | None

    def __new__(cls, *args: Any, **kwargs: Any) -> Widget:
        # everything a node needs, whether or not a subclass calls __init__
        self = super().__new__(cls)
        self._init_node()
        self._init_children()
        self._end = None
        self._widget_data = {}
        self._widget_records = None
        return self

    def __init__(self, *nodes: Any) -> None:
        if nodes:
            self.nodes = list(nodes)

    # Lona's API #############################################################

    @property
    def data(self) -> Any:
        """The frontend widget's data: a live view whose changes are sent as patches."""
        return overlay(self, (), self._widget_data)

    @data.setter
    def data(self, value: Any) -> None:
        checked = check_data(value, "data")
        with self.lock:
            self._set_widget_data(checked)

    @property
    def state(self) -> NodeState:
        """Server-side data attached to this widget, with the tree's lock."""
        state: NodeState | None = self.__dict__.get("_lona_state")
        if state is None:
            state = self.__dict__["_lona_state"] = NodeState(self)
        return state

    def hide(self) -> None:
        with self.lock:
            for node in self._nodes:
                if isinstance(node, ParentNode):
                    node.hide()  # type: ignore[attr-defined]

    def show(self) -> None:
        with self.lock:
            for node in self._nodes:
                if isinstance(node, ParentNode):
                    node.show()  # type: ignore[attr-defined]

    def set_text(self, text: Any) -> None:
        self.nodes = [TextNode(text)]

    def get_text(self) -> str:
        return "".join(node.get_text() for node in self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __bool__(self) -> bool:
        return bool(self._nodes)  # Lona's widgets are falsy when empty

    # the wire ###############################################################

    def _forget_changes(self) -> None:
        self._dirty = 0
        self._old_nodes = None
        self._widget_records = None

    def _widget_name(self) -> str:
        return self.FRONTEND_WIDGET_CLASS or ""

    def _end_marker(self) -> WidgetEnd | None:
        # Fixed for the widget's life, so that what a client was sent stays
        # what the server flattens: a frontend class set later has no markers.
        if self._end is None:
            self._end = WidgetEnd(self) if self._widget_name() else False
        return self._end if isinstance(self._end, WidgetEnd) else None

    def _data_for_wire(self) -> Any:
        return {} if self._widget_data is None else self._widget_data

    def _serialize(self, children: list[Any] | None = None) -> list[Any]:
        """The widget as a fragment (the root of a tree):
        ``[id, "", {}, children, "", widget?, data?]``."""
        if children is None:
            children = [child._flat_spec() for child in flat_children(self)]
        spec: list[Any] = [self._id, FRAGMENT_TAG, {}, children]
        name = self._widget_name()
        if name:
            spec.extend(("", name, self._data_for_wire()))
        return spec

    def _flat_spec(self) -> list[Any]:
        """The comment that starts the widget's children: ``[id, null, text, widget, data]``."""
        return [
            self._id,
            None,
            f"lona-widget:{self._id}",
            self._widget_name(),
            self._data_for_wire(),
        ]

    # comparison and rendering ###############################################

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Widget):
            return False if isinstance(other, (ParentNode, TextNode)) else NotImplemented
        if self is other:
            return True
        return (
            len(self._nodes) == len(other._nodes)
            and all(a == b for a, b in zip(self._nodes, other._nodes, strict=True))
            and self._data_for_wire() == other._data_for_wire()
        )

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        from lona.html.render import render_node

        return render_node(self)

    def __repr__(self) -> str:
        return self.__str__()


class WidgetEnd(AbstractNode):
    """The comment that ends the children of a legacy widget with a frontend class."""

    __slots__ = ()

    def __init__(self, widget: Widget) -> None:
        self._init_node()
        self._parent = widget  # its root is the widget's root

    def _serialize(self, children: list[Any] | None = None) -> list[Any]:
        """``[id, null, text]``."""
        return [self._id, None, "end-lona-widget"]

    def get_text(self) -> str:
        return ""


class HTML1(Widget):
    """Lona's ``lona.html.widgets.HTML``: a legacy widget around its arguments.

    Nodes are taken as they are; strings that contain ``<`` or ``>`` are
    parsed as HTML, other strings (and strings starting with a backslash,
    which is dropped) are text.  ``HTML(...)`` returns one of these with
    ``CLIENT_VERSION = 1``.
    """

    def __init__(
        self,
        *nodes: Any,
        use_high_level_nodes: bool = True,
        node_classes: dict[str, type[Any]] | None = None,
    ) -> None:
        self.nodes = _children(nodes, use_high_level_nodes, node_classes)


def _children(
    nodes: Iterable[Any], use_high_level_nodes: bool, node_classes: dict[str, type[Any]] | None
) -> list[Any]:
    from lona.html.parsing import parse_html

    nodes = list(nodes)
    children: list[Any] = []
    for node in nodes:
        if not isinstance(node, str):
            children.append(node)
        elif node.startswith("\\"):
            children.append(TextNode(node[1:]))
        elif "<" in node or ">" in node:
            if len(nodes) > 1:  # as in Lona: each string its own widget
                children.append(
                    HTML1(
                        node, use_high_level_nodes=use_high_level_nodes, node_classes=node_classes
                    )
                )
            else:
                children = list(parse_html(node, use_high_level_nodes, node_classes, flat=False))  # type: ignore[arg-type]
        else:
            children.append(TextNode(node))
    return children
