"""The flush keeps a client's copy equal to the server tree, whatever changed.

Hypothesis drives random mutations (insert, move across parents, remove,
re-add removed nodes, text, classes, attributes, styles, widget data) with
flushes at random points; after every flush the patches are applied to a
strict mirror of the client and both trees must be equal.  A second run
mixes in Lona's legacy widgets, which the client shows flattened into the
nearest element (or, at the root, into the window's element).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lona.html import HTML1, Div, Node, Span, TextNode, Widget
from lona.html.base import AbstractNode
from lona.html.children import ParentNode, flat_children
from lona.html.document import Document
from lona.protocol import Op, dumps
from lona.testing import MirrorDocument, canonical


def _all_nodes(root: Node) -> list[Node]:
    return [n for n in root.iter_nodes() if isinstance(n, Node)]


def _roundtrip(value):  # what the client really receives
    return json.loads(dumps(value))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_mutations_keep_the_mirror_in_sync(data: st.DataObject) -> None:
    widget = Node(widget="Chart", widget_data={"points": [1, 2], "meta": {"title": "t"}})
    root = Div(Div("a", _class="x"), Span("b"), Div(Span("c"), "d"), widget)
    document = Document()
    mirror = MirrorDocument()
    mirror.set_tree(_roundtrip(document.set_root(root)))
    detached: list[Node] = []

    for _ in range(data.draw(st.integers(1, 40))):
        nodes = _all_nodes(root)
        action = data.draw(
            st.sampled_from(
                [
                    "append",
                    "insert",
                    "move",
                    "remove",
                    "text",
                    "class",
                    "attr",
                    "style",
                    "readd",
                    "flush",
                    "replace",
                    "clear",
                    "slice",
                    "data",
                ]
            )
        )
        target = data.draw(st.sampled_from(nodes))
        if action == "append":
            target.append(Div(Span(data.draw(st.text(max_size=3)))))
        elif action == "insert":
            target.insert(data.draw(st.integers(-3, 5)), Span("i"))
        elif action in _MOVES:
            _move(data, action, target, root, nodes, detached)
        elif action == "text":
            target.set_text(data.draw(st.text(max_size=5)))
        elif action == "class":
            target.class_list.toggle(data.draw(st.sampled_from(["p", "q"])))
        elif action == "attr":
            target.attributes["data-v"] = data.draw(st.integers(0, 3))
        elif action == "style":
            target.style["color"] = data.draw(st.sampled_from(["red", "blue"]))
        elif action == "replace" and len(target):
            target[data.draw(st.integers(0, len(target) - 1))] = Div("r")
        elif action == "clear":
            target.clear()
        elif action == "slice" and len(target) > 1:
            target[0:2] = [Span("s1"), Span("s2"), Span("s3")]
        elif action == "data":
            _change_widget_data(data, widget)
        elif action == "flush":
            mirror.apply(_roundtrip(document.flush().ops))
            assert mirror.canonical() == canonical(root)

    mirror.apply(_roundtrip(document.flush().ops))
    assert mirror.canonical() == canonical(root)


_MOVES = ("move", "remove", "readd")


def _move(
    data: st.DataObject,
    action: str,
    target: ParentNode,
    root: ParentNode,
    parents: list[ParentNode],
    detached: list[Any],
) -> None:
    """Move ``target`` elsewhere in the tree, remove it, or put a removed node back."""
    if action == "move" and target is not root:
        candidates = [
            n for n in parents if n is not target and not any(a is target for a in _ancestors(n))
        ]
        destination = data.draw(st.sampled_from(candidates))
        destination.insert(data.draw(st.integers(0, len(destination) + 1)), target)
    elif action == "remove" and target is not root:
        target.remove()
        detached.append(target)
    elif action == "readd" and detached:
        node = detached.pop(data.draw(st.integers(0, len(detached) - 1)))
        if node.parent is None:
            target.append(node)


def _change_widget_data(data: st.DataObject, widget: Node) -> None:
    points = widget.widget_data["points"]
    change = data.draw(
        st.sampled_from(["append", "insert", "set", "pop", "key", "delkey", "nested", "reset"])
    )
    if change == "append":
        points.append(data.draw(st.integers(0, 9)))
    elif change == "insert":
        points.insert(data.draw(st.integers(-3, 5)), data.draw(st.integers(0, 9)))
    elif change == "set" and len(points):
        points[data.draw(st.integers(0, len(points) - 1))] = data.draw(st.integers(0, 9))
    elif change == "pop" and len(points):
        points.pop(data.draw(st.integers(0, len(points) - 1)))
    elif change == "key":
        widget.widget_data[data.draw(st.sampled_from(["a", "b"]))] = data.draw(st.integers(0, 3))
    elif change == "delkey":
        widget.widget_data.pop(data.draw(st.sampled_from(["a", "b"])), None)
    elif change == "nested":
        widget.widget_data["meta"]["title"] = data.draw(st.text(max_size=3))
    elif change == "reset":
        widget.widget_data = {"points": [0], "meta": {"title": "r"}}


class LegacyChart(Widget):
    """A legacy widget with a frontend class: markers around its children."""

    FRONTEND_WIDGET_CLASS = "LegacyChart"

    def __init__(self, *nodes):
        self.nodes = list(nodes)
        self.data = {"points": [1]}


def _flat_ids(root: ParentNode) -> list[int]:
    """The ids of what the client shows, in document order."""
    ids = [root._id]
    for child in flat_children(root):
        if isinstance(child, Node):
            ids.extend(_flat_ids(child))
        else:
            ids.append(child._id)
    return ids


def _mirror_ids(mirror: MirrorDocument) -> list[int]:
    return [node.id for node in mirror.root.iter()]


def _new_parent(data: st.DataObject) -> AbstractNode:
    kind = data.draw(st.sampled_from(["div", "legacy", "frontend", "nested"]))
    if kind == "div":
        return Div(Span(data.draw(st.text(max_size=2))))
    if kind == "legacy":
        return HTML1(Span("l"), "t")
    if kind == "frontend":
        return LegacyChart(Span("f"))
    return HTML1(HTML1(), Div("n"), HTML1("m"))


@pytest.mark.parametrize("root_kind", ["element", "legacy widget"])
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_legacy_widgets_keep_the_mirror_in_sync(root_kind: str, data: st.DataObject) -> None:
    chart = LegacyChart(Span("c"), "d")
    children = [Div("a"), HTML1(Span("b"), "t"), chart, Div(HTML1("x", Div("y"))), HTML1()]
    root = HTML1(*children) if root_kind == "legacy widget" else Div(*children)
    document = Document()
    mirror = MirrorDocument()
    mirror.set_tree(_roundtrip(document.set_root(root)))
    detached: list[AbstractNode] = []

    def check() -> None:
        mirror.apply(_roundtrip(document.flush().ops))
        assert mirror.canonical() == canonical(root)
        assert _mirror_ids(mirror) == _flat_ids(root)

    for _ in range(data.draw(st.integers(1, 40))):
        parents = [n for n in root.iter_nodes() if isinstance(n, ParentNode)]
        action = data.draw(
            st.sampled_from(
                ["append", "insert", "move", "remove", "readd", "text", "clear", "slice",
                 "replace", "class", "data", "flush"]
            )
        )  # fmt: skip
        target = data.draw(st.sampled_from(parents))
        if action == "append":
            target.append(_new_parent(data))
        elif action == "insert":
            target.insert(data.draw(st.integers(-3, 5)), data.draw(st.sampled_from(["i", "j"])))
        elif action in _MOVES:
            _move(data, action, target, root, parents, detached)
        elif action == "text":
            target.set_text(data.draw(st.text(max_size=3)))
        elif action == "clear":
            target.clear()
        elif action == "slice" and len(target) > 1:
            target[0:2] = [Span("s1"), HTML1("s2", Span("s3"))]
        elif action == "replace" and len(target):
            target[data.draw(st.integers(0, len(target) - 1))] = HTML1(Div("r"))
        elif action == "class" and isinstance(target, Node):
            target.class_list.toggle("p")
        elif action == "data" and isinstance(target, LegacyChart):
            target.data["points"].append(data.draw(st.integers(0, 9)))
        elif action == "flush":
            check()
    check()


def test_a_legacy_widget_is_shown_in_place_of_its_children() -> None:
    inner = HTML1(Span("b"), "c")
    root = Div(Span("a"), inner, Span("d"))
    document = Document()
    spec = document.set_root(root)
    assert [child[1] for child in spec[3]] == ["span", inner[0].tag_name, "c", "span"]
    inner.insert(1, Span("new"))  # the index is where the browser shows it
    (insert,) = document.flush().ops
    assert insert[:3] == [Op.INSERT, root._id, 2]


def test_a_legacy_widget_at_the_root_is_a_fragment() -> None:
    root = HTML1(Span("a"), "b")
    document = Document()
    spec = document.set_root(root)
    assert spec[:3] == [root._id, "", {}] and len(spec[3]) == 2
    root.append(Span("c"))
    assert document.flush().ops[0][:3] == [Op.INSERT, root._id, 2]


def test_a_frontend_legacy_widget_is_bracketed_by_comments() -> None:
    chart = LegacyChart(Span("x"))
    document = Document()
    spec = document.set_root(Div(chart))
    start, span, end = spec[3]
    assert start == [chart._id, None, f"lona-widget:{chart._id}", "LegacyChart", {"points": [1]}]
    assert span[1] == "span" and end[1] is None and len(end) == 3
    chart.data["points"].append(2)
    assert document.flush().ops == [[Op.DATA_INSERT, chart._id, ["points", 1], 2]]


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def test_one_text_change_in_a_large_tree_is_one_small_patch() -> None:
    rows = [Div(Span(str(i)), _class="row") for i in range(5000)]
    root = Div(*rows)
    document = Document()
    document.set_root(root)
    rows[2500][0].set_text("changed")
    message = dumps([4, 1, "1", document.flush().ops])
    assert len(message) < 60, message


def test_many_changes_of_one_property_collapse_into_one_patch() -> None:
    span = Span("0")
    document = Document()
    document.set_root(Div(span))
    for i in range(1000):
        span.set_text(i)
        span.style["width"] = f"{i}px"
    ops = document.flush().ops
    assert ops == [
        [Op.SET_ATTR, span._id, "style", "width: 999px"],
        [Op.SET_TEXT, span[0]._id, "999"],
    ]


def test_appending_to_a_long_list_sends_only_the_new_node() -> None:
    root = Div(*[Span(str(i)) for i in range(1000)])
    document = Document()
    document.set_root(root)
    root.append(Span("new"))
    ops = document.flush().ops
    assert len(ops) == 1 and ops[0][0] == Op.INSERT and ops[0][2] == 1000


def test_a_value_typed_in_one_window_is_not_echoed_to_it() -> None:
    from lona.html import TextInput

    field = TextInput()
    document = Document()
    document.set_root(Div(field))
    field.value = "typed"
    document.mark_issued(field, "value", "window-a")
    flush = document.flush()
    assert flush.ops_for("window-a") == []
    assert flush.ops_for("window-b") == [[Op.SET_ATTR, field._id, "value", "typed"]]


def test_a_nested_widget_data_change_sends_only_that_change() -> None:
    chart = Node(widget="Chart", widget_data={"points": list(range(10_000)), "title": "t"})
    document = Document()
    document.set_root(Div(chart))
    chart.widget_data["points"].append(10_000)
    chart.widget_data["title"] = "new"
    for value in range(100):  # many sets of one key collapse into one
        chart.widget_data["points"][0] = value
    assert document.flush().ops == [
        [Op.DATA_INSERT, chart._id, ["points", 10_000], 10_000],
        [Op.DATA_SET, chart._id, ["title"], "new"],
        [Op.DATA_SET, chart._id, ["points", 0], 99],
    ]


def test_a_long_backlog_of_widget_data_changes_becomes_one_replacement() -> None:
    chart = Node(widget="Chart", widget_data=[])
    document = Document()
    document.set_root(Div(chart))
    for value in range(1000):
        chart.widget_data.append(value)
    assert document.flush().ops == [[Op.WIDGET_DATA, chart._id, list(range(1000))]]


def test_unshown_trees_record_nothing() -> None:
    node = Div(Span("x"))
    node[0].set_text("y")
    assert node._dirty == 0 and isinstance(node[0][0], TextNode)


def test_an_unchecked_checkbox_is_not_echoed_to_the_window_that_unchecked_it() -> None:
    from lona.html import CheckBox

    box = CheckBox(True)
    document = Document()
    document.set_root(Div(box))
    box.value = False
    document.mark_issued(box, "checked", "window-a")
    flush = document.flush()
    assert flush.ops_for("window-a") == []
    assert flush.ops_for("window-b") == [[Op.REMOVE_ATTR, box._id, "checked"]]
