"""A Python model of what the browser client shows.

``MirrorDocument`` applies TREE and PATCH payloads exactly as
``client/renderer.js`` does, and is strict where the browser would be
silently wrong (an unknown id, an index out of range), so tests catch a bad
patch at once.  Protocol tests use it to read a view's text without a
browser; property tests use it to prove the flush keeps clients in sync.
"""

from __future__ import annotations

from typing import Any

from lona.protocol import Op

__all__ = ["MirrorComment", "MirrorDocument", "MirrorElement", "MirrorError", "MirrorText"]


class MirrorError(AssertionError):
    """A patch that the client could not apply."""


class MirrorText:
    __slots__ = ("id", "parent", "text")

    def __init__(self, node_id: int, text: str) -> None:
        self.id = node_id
        self.text = text
        self.parent: MirrorElement | None = None

    def get_text(self) -> str:
        return self.text

    def canonical(self) -> Any:
        return self.text


class MirrorComment:
    """A comment: the markers around a legacy widget's children (the start one
    carries the frontend widget's name and data)."""

    __slots__ = ("id", "parent", "text", "widget", "widget_data")

    def __init__(self, node_id: int, text: str, widget: str, widget_data: Any) -> None:
        self.id = node_id
        self.text = text
        self.widget = widget
        self.widget_data = widget_data
        self.parent: MirrorElement | None = None

    def get_text(self) -> str:
        return ""

    def canonical(self) -> Any:
        # the text names the id the comment had when it was made: not compared
        return ("#comment", self.widget, self.widget_data)


class MirrorElement:
    """An element; with the tag ``""`` the fragment that is the window's element."""

    __slots__ = (
        "attributes",
        "children",
        "id",
        "namespace",
        "parent",
        "tag",
        "widget",
        "widget_data",
    )

    def __init__(self, node_id: int, tag: str, attributes: dict[str, str]) -> None:
        self.id = node_id
        self.tag = tag
        self.attributes = dict(attributes)
        self.children: list[MirrorNode] = []
        self.parent: MirrorElement | None = None
        self.namespace = ""
        self.widget = ""
        self.widget_data: Any = None

    def get_text(self) -> str:
        return "".join(child.get_text() for child in self.children)

    def iter(self) -> list[MirrorNode]:
        result: list[MirrorNode] = [self]
        for child in self.children:
            result.extend(child.iter() if isinstance(child, MirrorElement) else [child])
        return result

    def canonical(self) -> Any:
        return (
            self.tag,
            self.attributes,
            [child.canonical() for child in self.children],
            self.widget,
            self.widget_data,
        )

    def find(self, predicate: Any) -> list[MirrorElement]:
        return [n for n in self.iter() if isinstance(n, MirrorElement) and predicate(n)]

    def by_attribute(self, name: str, value: str) -> MirrorElement:
        found = self.find(lambda n: n.attributes.get(name) == value)
        if not found:
            raise LookupError(f"no element with {name}={value!r}")
        return found[0]


MirrorNode = MirrorElement | MirrorText | MirrorComment


def apply_data_op(
    element: MirrorElement | MirrorComment, code: int, path: list[Any], value: Any
) -> None:
    """One fine-grained widget data change, as ``client/widgets.js`` applies it."""
    if not path:
        raise MirrorError(f"widget data operation {code} without a path")
    container = element.widget_data
    try:
        for key in path[:-1]:
            container = container[key]
        key = path[-1]
        if code == Op.DATA_SET:
            if isinstance(container, list) and key == len(container):
                container.append(value)
            else:
                container[key] = value
        elif code == Op.DATA_REMOVE:
            del container[key]
        elif isinstance(container, list) and 0 <= key <= len(container):
            container.insert(key, value)
        else:
            raise MirrorError(f"DATA_INSERT into {container!r} at {key!r}")
    except (KeyError, IndexError, TypeError) as error:
        raise MirrorError(f"widget data path {path!r} does not fit: {error!r}") from None


class MirrorDocument:
    """The client's view of one window: a root plus an id map."""

    def __init__(self) -> None:
        self.root: MirrorNode | None = None
        self.html: str | None = None
        self.nodes: dict[int, MirrorNode] = {}

    # full renders ###########################################################

    def set_tree(self, spec: Any) -> None:
        self.nodes = {}
        self.html = None
        self.root = self._build(spec, root=True)

    def set_html(self, html: str) -> None:
        self.nodes = {}
        self.root = None
        self.html = html

    def _build(self, spec: Any, root: bool = False) -> MirrorNode:
        if isinstance(spec, int):
            node = self._get(spec)
            self._detach(node)
            return node
        if not isinstance(spec, list) or len(spec) < 2:
            raise MirrorError(f"bad node spec: {spec!r}")
        node_id = spec[0]
        if node_id in self.nodes and self.nodes[node_id].parent is not None:
            raise MirrorError(f"node {node_id} rendered twice")
        if len(spec) == 2:
            text = MirrorText(node_id, spec[1])
            self.nodes[node_id] = text
            return text
        if spec[1] is None:
            widget = spec[3] if len(spec) > 3 else ""
            comment = MirrorComment(node_id, spec[2], widget, spec[4] if widget else None)
            self.nodes[node_id] = comment
            return comment
        if spec[1] == "" and not root:
            raise MirrorError(f"a fragment that is not the root: {spec!r}")
        element = MirrorElement(node_id, spec[1], spec[2])
        if len(spec) > 4:
            element.namespace = spec[4]
        if len(spec) > 5:
            element.widget = spec[5]
            element.widget_data = spec[6]
        self.nodes[node_id] = element
        for child_spec in spec[3]:
            child = self._build(child_spec)
            child.parent = element
            element.children.append(child)
        return element

    # patches ################################################################

    def apply(self, ops: list[list[Any]]) -> None:
        floating: list[MirrorNode] = []
        for op in ops:
            code = op[0]
            if code == Op.INSERT:
                parent = self._element(op[1])
                index = op[2]
                if not 0 <= index <= len(parent.children):
                    raise MirrorError(f"insert index {index} out of range in {op!r}")
                child = self._build(op[3])
                child.parent = parent
                parent.children.insert(index, child)
            elif code == Op.REMOVE:
                node = self._get(op[1])
                if node.parent is None:
                    raise MirrorError(f"removing detached node {op[1]}")
                self._detach(node)
                floating.append(node)
            elif code == Op.CLEAR:
                parent = self._element(op[1])
                for child in list(parent.children):
                    self._detach(child)
                    floating.append(child)
            elif code == Op.SET_ATTR:
                self._real_element(op[1]).attributes[op[2]] = op[3]
            elif code == Op.REMOVE_ATTR:
                self._real_element(op[1]).attributes.pop(op[2], None)
            elif code == Op.SET_TEXT:
                node = self._get(op[1])
                if not isinstance(node, MirrorText):
                    raise MirrorError(f"SET_TEXT on an element: {op!r}")
                node.text = op[2]
            elif code == Op.WIDGET_DATA:
                self._widget(op[1]).widget_data = op[2]
            elif code in (Op.DATA_SET, Op.DATA_REMOVE, Op.DATA_INSERT):
                holder = self._widget(op[1])
                apply_data_op(holder, code, op[2], op[3] if len(op) > 3 else None)
            else:
                raise MirrorError(f"unknown op {op!r}")
        for node in floating:
            if node.parent is None and node is not self.root:
                for dropped in node.iter() if isinstance(node, MirrorElement) else [node]:
                    self.nodes.pop(dropped.id, None)

    def _get(self, node_id: int) -> MirrorNode:
        node = self.nodes.get(node_id)
        if node is None:
            raise MirrorError(f"unknown node id {node_id}")
        return node

    def _element(self, node_id: int) -> MirrorElement:
        node = self._get(node_id)
        if not isinstance(node, MirrorElement):
            raise MirrorError(f"node {node_id} is not an element")
        return node

    def _real_element(self, node_id: int) -> MirrorElement:
        element = self._element(node_id)
        if not element.tag:
            raise MirrorError(f"node {node_id} is a fragment: it has no attributes")
        return element

    def _widget(self, node_id: int) -> MirrorElement | MirrorComment:
        node = self._get(node_id)
        if isinstance(node, MirrorText) or not node.widget:
            raise MirrorError(f"node {node_id} is no widget")
        return node

    @staticmethod
    def _detach(node: MirrorNode) -> None:
        parent = node.parent
        if parent is not None:
            for index, child in enumerate(parent.children):
                if child is node:
                    del parent.children[index]
                    break
            node.parent = None

    # reading ################################################################

    def text(self) -> str:
        if self.html is not None:
            return self.html
        return self.root.get_text() if self.root is not None else ""

    def canonical(self) -> Any:
        return self.root.canonical() if self.root is not None else self.html

    def element(self, **attribute: str) -> MirrorElement:
        if not isinstance(self.root, MirrorElement):
            raise LookupError("no tree shown")
        ((name, value),) = attribute.items()
        return self.root.by_attribute(name.replace("_", "-"), value)
