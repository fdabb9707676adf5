"""HTML text to nodes: ``parse_html`` and ``HTML('<h1>...</h1>')``.

Tags become the high-level node classes (``<input type=number>`` a
``NumberInput``, ``<select>`` a ``Select2``, ``<h1>`` an ``H1``) unless
``use_high_level_nodes=False``; ``node_classes`` maps tags to classes of
your own.  End tags are checked: a missing or mismatched one is a
``ValueError`` naming the line and column.

Whitespace: text that is only whitespace is dropped (as in Lona), except in
``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``.  Other text keeps its
inner whitespace; at its edges whitespace is removed at the start and end of
an element and kept as one space next to a sibling, so ``<p>Hello <b>you</b></p>``
still reads "Hello you" (Lona strips it to "Helloyou").
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from typing import Any

from lona.compat import get_use_future_node_classes
from lona.html.attributes import parse_style
from lona.html.base import AbstractNode, TextNode
from lona.html.events import EventSpec
from lona.html.node import Node
from lona.html.render import VOID_ELEMENTS
from lona.protocol import EventType

__all__ = ["HTML", "HTML2", "NodeHTMLParser", "parse_html"]

_VERBATIM_TAGS = frozenset({"pre", "textarea", "script", "style"})
_BOOLEAN_ATTRIBUTES = frozenset(
    {
        "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls",
        "default", "defer", "disabled", "formnovalidate", "hidden", "inert", "ismap",
        "loop", "multiple", "muted", "nomodule", "novalidate", "open", "playsinline",
        "readonly", "required", "reversed", "selected",
    }
)  # fmt: skip
# the parser lowercases names; SVG needs some of them in camel case
_SVG_NAMES = {
    name.lower(): name
    for name in (
        "clipPath", "foreignObject", "linearGradient", "radialGradient", "textPath",
        "viewBox", "preserveAspectRatio", "gradientUnits", "gradientTransform",
        "patternUnits", "patternTransform", "markerWidth", "markerHeight", "refX", "refY",
        "stdDeviation", "clipPathUnits", "textLength", "lengthAdjust",
    )
}  # fmt: skip
_EVENT_NAMES = {int(event): event.name for event in EventType}


def _value_is_property(node: Node) -> bool:
    """Whether ``value=`` sets ``node.value`` (a checkbox's value is its submit value)."""
    from lona.html.forms import CheckBox

    descriptor = getattr(type(node), "value", None)
    settable = hasattr(type(descriptor), "__set__") and not (
        isinstance(descriptor, property) and descriptor.fset is None
    )
    return settable and not isinstance(node, CheckBox)


def _events(spec: str) -> list[EventSpec]:
    events = []
    for part in spec.split(";"):
        number, _, delay = part.partition(":")
        if number.strip().isdigit() and int(number) in _EVENT_NAMES:
            event_type = EventType(int(number))
            delay_ms = int(delay) if delay.strip().isdigit() else 0
            events.append(EventSpec(event_type, _EVENT_NAMES[int(number)], delay_ms))
    return events


class NodeHTMLParser(HTMLParser):
    """Builds nodes from HTML text (``parse_html`` drives it)."""

    def __init__(
        self, use_high_level_nodes: bool = True, node_classes: dict[str, type[Node]] | None = None
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.use_high_level_nodes = use_high_level_nodes
        self.node_classes = dict(node_classes or {})
        self.use_future_node_classes = get_use_future_node_classes()
        self.root = Node()
        self.stack: list[Node] = [self.root]
        # the children of each open element, attached when it closes: an
        # element without a parent yet takes them in O(1) each, where appending
        # to an element deep in a tree walks up to its root every time
        self.children: list[list[AbstractNode]] = [[]]
        # how many of the open elements keep their whitespace: kept as a count,
        # so that closing an element costs the same at any depth
        self.verbatim_depth = 0
        self.text: list[str] = []

    # building ###############################################################

    def _node_class(self, tag: str, attributes: dict[str, str | None]) -> type[Node] | None:
        from lona.html import node_classes as tables

        if not self.use_high_level_nodes:
            return None
        if tag in self.node_classes:
            return self.node_classes[tag]
        future = self.use_future_node_classes
        if future and tag in tables.FUTURE_NODE_CLASSES:
            return tables.FUTURE_NODE_CLASSES[tag]
        if tag == "input":
            input_type = (attributes.get("type") or "text").lower()
            if future and input_type in tables.FUTURE_INPUT_NODE_CLASSES:
                return tables.FUTURE_INPUT_NODE_CLASSES[input_type]
            return tables.INPUT_NODE_CLASSES.get(input_type)
        return tables.NODE_CLASSES.get(tag)

    def _create(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> Node:
        parent = self.stack[-1]
        namespace = parent.namespace
        if namespace == "http://www.w3.org/2000/svg":
            tag = _SVG_NAMES.get(tag, tag)
        attributes = dict(attrs)
        cls = self._node_class(tag, attributes)
        if cls is None:
            node = Node(tag_name=tag, namespace=namespace, self_closing_tag=closed)
        else:
            node = cls() if tag == cls.TAG_NAME else cls(tag_name=tag)
            if closed:
                node._self_closing = True  # <span/>, as written (Lona keeps it)
        for name, value in attributes.items():
            self._set_attribute(node, name, value, node.namespace)
        return node

    def _set_attribute(self, node: Node, name: str, value: str | None, namespace: str) -> None:
        if name == "data-lona-node-id":
            return
        if name == "id":
            node.id_list = value or ""
        elif name == "class":
            node.class_list = value or ""
        elif name == "style":
            node.style = parse_style(value or "")
        elif name == "data-lona-events":
            node.events = _events(value or "")
        elif name == "value" and value is not None and _value_is_property(node):
            node.value = value  # type: ignore[attr-defined]
        elif value is None or (name in _BOOLEAN_ATTRIBUTES and value in ("", name)):
            node.attributes[name] = True
        else:
            if namespace == "http://www.w3.org/2000/svg":
                name = _SVG_NAMES.get(name, name)
            node.attributes[name] = value

    def _flush_text(self) -> None:
        if not self.text:
            return
        text, self.text = "".join(self.text), []
        parent = self.stack[-1]
        if parent.tag_name == "textarea":
            parent.value = unescape(text)  # type: ignore[attr-defined]
        else:
            self.children[-1].append(TextNode(text))

    def _position(self) -> str:
        line, column = self.getpos()
        return f"line {line}, column {column + 1}"

    # parser callbacks #######################################################

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, closed=True)

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        self._flush_text()
        node = self._create(tag, attrs, closed)
        self.children[-1].append(node)
        if closed or tag in VOID_ELEMENTS:
            return
        self.stack.append(node)
        self.children.append([])
        if node.tag_name in _VERBATIM_TAGS:
            self.verbatim_depth += 1
        if tag == "textarea":
            self.set_cdata_mode(tag)  # its content is text, never markup

    def handle_endtag(self, tag: str) -> None:
        self._flush_text()
        current = self.stack[-1]
        # the messages start as Lona's do
        if current is self.root:
            raise ValueError(f"Invalid html: missing start tag for </{tag}> ({self._position()})")
        if current.tag_name.lower() != tag:
            raise ValueError(
                f"Invalid html: </{current.tag_name}> expected, </{tag}> received "
                f"({self._position()})"
            )
        self.stack.pop()
        children = self.children.pop()
        current.extend(_tidy_whitespace(children, verbatim=self.verbatim_depth > 0))
        if current.tag_name in _VERBATIM_TAGS:
            self.verbatim_depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def finish(self) -> list[AbstractNode]:
        self.close()
        self._flush_text()
        if len(self.stack) > 1:
            raise ValueError(f"Invalid html: missing end tag </{self.stack[-1].tag_name}>")
        return _tidy_whitespace(self.children[0], verbatim=False)


def _tidy_whitespace(nodes: list[AbstractNode], verbatim: bool) -> list[AbstractNode]:
    """Drop whitespace-only text; trim text at the element's edges (see module doc)."""
    if verbatim:
        return nodes
    children = [
        child for child in nodes if not (isinstance(child, TextNode) and not child._text.strip())
    ]
    last = len(children) - 1
    for index, child in enumerate(children):
        if not isinstance(child, TextNode):
            continue
        text = child._text
        stripped = text.strip()
        lead = " " if index > 0 and text[0].isspace() else ""
        trail = " " if index < last and text[-1].isspace() else ""
        child._text = lead + stripped + trail
    return children


def parse_html(
    html_string: str,
    use_high_level_nodes: bool = True,
    node_classes: dict[str, type[Node]] | None = None,
    flat: bool = True,
) -> AbstractNode | list[AbstractNode]:
    """Nodes from HTML text: the one root node when ``flat`` and there is one, else a list."""
    if not isinstance(html_string, str):
        raise TypeError(f"parse_html() takes a string, not {type(html_string).__name__}")
    builder = NodeHTMLParser(use_high_level_nodes, node_classes)
    builder.feed(html_string)
    nodes = builder.finish()
    if flat and len(nodes) == 1:
        return nodes[0]
    return nodes


def HTML2(
    *args: Any,
    use_high_level_nodes: bool = True,
    node_classes: dict[str, type[Node]] | None = None,
    **kwargs: Any,
) -> Node:
    """A tree root: the node itself when given one node, else a ``Div`` around all.

    Strings containing ``<`` or ``>`` are parsed as HTML; other strings, and
    strings starting with a backslash (which is dropped), are text.  This is
    what ``lona.html.HTML`` returns with ``CLIENT_VERSION = 2``
    (``lona.html.parsing.HTML`` in Lona).
    """
    from lona.html.elements import Div

    items: list[Any] = []
    for arg in args:
        if arg is None:
            continue
        if isinstance(arg, str):
            items.extend(_string_items(arg, use_high_level_nodes, node_classes))
        else:
            items.append(arg)
    if len(items) == 1 and isinstance(items[0], Node) and not kwargs:
        node: Node = items[0]
        return node
    return Div(*items, **kwargs)


def _string_items(
    text: str, use_high_level_nodes: bool, node_classes: dict[str, type[Node]] | None
) -> list[AbstractNode]:
    if text.startswith("\\"):
        return [TextNode(text[1:])]
    if "<" in text or ">" in text:
        parsed = parse_html(text, use_high_level_nodes, node_classes, flat=False)
        assert isinstance(parsed, list)
        return parsed
    return [TextNode(text)]


HTML = HTML2  # Lona's name in this module
