"""show(another_tree) sends the differences, and the client ends up with the new tree.

Hypothesis builds random old and new trees from a small vocabulary (so that
many nodes match), shows the old one to a strict client mirror, replaces it
with the new one and checks that the mirror equals the new tree, node ids
included, and that it stays equal under further changes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lona.html import H1, HTML1, Div, Li, Node, Span, TextNode, Ul, Widget
from lona.html.base import AbstractNode
from lona.html.children import ParentNode, flat_children
from lona.html.document import Document
from lona.html.wire import wire_attributes
from lona.protocol import Op, dumps
from lona.testing import MirrorDocument, canonical
from lona.testing.mirror import MirrorElement


def _roundtrip(value: Any) -> Any:
    return json.loads(dumps(value))


def _server_ids(node: AbstractNode) -> list[int]:
    """The ids of what the client shows, in document order (legacy widgets flattened)."""
    if not isinstance(node, ParentNode):
        return [node._id]
    ids = [node._id]
    for child in flat_children(node):
        ids.extend(_server_ids(child) if isinstance(child, Node) else [child._id])
    return ids


def _mirror_ids(mirror: MirrorDocument) -> list[int]:
    assert isinstance(mirror.root, MirrorElement)
    return [n.id for n in mirror.root.iter()]


def _shown(root: ParentNode) -> tuple[Document, MirrorDocument]:
    document = Document()
    mirror = MirrorDocument()
    mirror.set_tree(_roundtrip(document.set_root(root)))
    return document, mirror


def _assert_in_sync(mirror: MirrorDocument, root: ParentNode) -> None:
    assert mirror.canonical() == canonical(root)
    assert _mirror_ids(mirror) == _server_ids(root)


# random trees ###############################################################

_leaf = st.one_of(
    st.sampled_from(["x", "y", "z", ""]).map(lambda text: ("text", text)),
    st.builds(
        lambda widget, value: ("widget", widget, value),
        st.sampled_from(["W1", "W2"]),
        st.integers(0, 2),
    ),
)


def _element(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(
        lambda tag, key, cls, color, kids: ("element", tag, key, cls, color, kids),
        st.sampled_from(["div", "span", "p"]),
        st.sampled_from([None, None, "a", "b", "c"]),
        st.sampled_from([None, "c1", "c2"]),
        st.sampled_from([None, "red"]),
        st.lists(children, max_size=5),
    )


_blueprints = st.recursive(_leaf, _element, max_leaves=30)


class LegacyChart(Widget):
    FRONTEND_WIDGET_CLASS = "LegacyChart"

    def __init__(self, *nodes: Any, value: int = 0) -> None:
        self.nodes = list(nodes)
        self.data = {"value": value}


def _legacy(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(
        lambda frontend, value, kids: ("legacy", frontend, value, kids),
        st.booleans(),
        st.integers(0, 1),
        st.lists(children, max_size=4),
    )


_legacy_blueprints = st.recursive(
    _leaf, lambda children: st.one_of(_element(children), _legacy(children)), max_leaves=30
)


def _build(blueprint: Any) -> AbstractNode:
    if blueprint[0] == "text":
        return TextNode(blueprint[1])
    if blueprint[0] == "widget":
        return Node(widget=blueprint[1], widget_data={"value": blueprint[2], "list": [1, 2]})
    if blueprint[0] == "legacy":
        _, frontend, value, kids = blueprint
        children = [_build(kid) for kid in kids]
        return LegacyChart(*children, value=value) if frontend else HTML1(*children)
    _, tag, key, cls, color, kids = blueprint
    node = Node(tag_name=tag, nodes=[_build(kid) for kid in kids])
    if key:
        node.id_list = key
    if cls:
        node.class_list = cls
    if color:
        node.style["color"] = color
    return node


def _root(blueprint: Any) -> Node:
    return Div(_build(blueprint))


def _mutate(data: st.DataObject, root: ParentNode) -> None:
    for _ in range(data.draw(st.integers(0, 6))):
        nodes = [n for n in root.iter_nodes() if isinstance(n, ParentNode)]
        target = data.draw(st.sampled_from(nodes))
        action = data.draw(st.sampled_from(["append", "remove", "text", "class", "data"]))
        if action == "append":
            target.append(Span(data.draw(st.sampled_from(["x", "q"]))))
        elif action == "remove" and target is not root:
            target.remove()
        elif action == "text":
            target.set_text(data.draw(st.sampled_from(["x", "new"])))
        elif action == "class" and isinstance(target, Node):
            target.class_list.toggle("t")
        elif action == "data" and isinstance(target, Node) and target.widget:
            target.widget_data["list"].append(data.draw(st.integers(0, 3)))
        elif action == "data" and isinstance(target, LegacyChart):
            target.data["value"] = data.draw(st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(st.data(), _blueprints, _blueprints)
def test_a_new_tree_replaces_the_shown_one_by_its_differences(
    data: st.DataObject, old_blueprint: Any, new_blueprint: Any
) -> None:
    _check_replacement(data, _root(old_blueprint), _root(new_blueprint))


def _check_replacement(data: st.DataObject, old_root: ParentNode, new_root: ParentNode) -> None:
    document, mirror = _shown(old_root)
    _mutate(data, old_root)  # pending changes of the old tree go out first
    mirror.apply(_roundtrip(document.flush().ops))

    ops = document.replace_root(new_root)
    assert ops is not None
    mirror.apply(_roundtrip(ops))
    _assert_in_sync(mirror, new_root)

    # every live node still has its own id, whichever tree it is in
    all_ids = _server_ids(old_root) + _server_ids(new_root)
    assert len(all_ids) == len(set(all_ids))

    # the old tree records nothing any more; the new one records everything
    old_root.append(Span("ignored"))
    assert not document.is_dirty
    _mutate(data, new_root)
    mirror.apply(_roundtrip(document.flush().ops))
    _assert_in_sync(mirror, new_root)


@settings(max_examples=300, deadline=None)
@given(st.data(), _legacy_blueprints, _legacy_blueprints, st.booleans())
def test_trees_with_legacy_widgets_are_replaced_by_their_differences(
    data: st.DataObject, old_blueprint: Any, new_blueprint: Any, fragment_root: bool
) -> None:
    def root(blueprint: Any) -> ParentNode:
        return HTML1(_build(blueprint)) if fragment_root else Div(_build(blueprint))

    _check_replacement(data, root(old_blueprint), root(new_blueprint))


def test_a_legacy_widget_root_and_an_element_root_need_a_whole_tree() -> None:
    document, _mirror = _shown(HTML1(Div("a")))
    assert document.replace_root(Div("a")) is None


# what it costs ##############################################################


def _table(rows: int, changed: int | None = None) -> Div:
    items = [Li(Span("changed" if i == changed else f"row {i}"), _class="row") for i in range(rows)]
    return Div(H1("Report"), Ul(*items))


def test_rebuilding_10000_nodes_with_one_changed_text_costs_under_1kb() -> None:
    document, mirror = _shown(_table(3333))
    new_root = _table(3333, changed=1234)
    assert sum(1 for _ in new_root.iter_nodes()) >= 10_000
    ops = document.replace_root(new_root)
    assert ops is not None
    message = dumps([4, 1, "1", ops])
    assert len(message.encode()) < 1024, message
    assert [op[0] for op in ops] == [Op.SET_TEXT]
    mirror.apply(_roundtrip(ops))
    _assert_in_sync(mirror, new_root)


def test_a_sliding_list_moves_one_node_instead_of_rewriting_all() -> None:
    def window(start: int) -> Div:
        return Div(*[Div(f"line {i}") for i in range(start, start + 100)])

    document, mirror = _shown(window(0))
    new_root = window(1)
    ops = document.replace_root(new_root)
    assert ops is not None and len(ops) <= 3, ops
    mirror.apply(_roundtrip(ops))
    _assert_in_sync(mirror, new_root)


def test_keyed_children_keep_their_elements_when_reordered() -> None:
    document, mirror = _shown(Ul(*[Li(str(i), _id=f"item-{i}") for i in range(5)]))
    list_element = mirror.nodes[_server_ids(document.root)[0]]
    new_root = Ul(*[Li(str(i), _id=f"item-{i}") for i in (3, 0, 1, 2, 4)])
    ops = document.replace_root(new_root)
    assert ops is not None
    assert [op[0] for op in ops] == [Op.REMOVE, Op.INSERT]  # one move, nothing else
    mirror.apply(_roundtrip(ops))
    _assert_in_sync(mirror, new_root)
    assert mirror.nodes[new_root._id] is list_element  # the same element, updated


def test_a_root_of_another_kind_needs_a_whole_tree() -> None:
    document, _mirror = _shown(Div("a"))
    assert document.replace_root(Span("b")) is None


def test_nodes_moved_from_the_old_tree_into_the_new_one_are_sent_again() -> None:
    kept = Span("kept", _id="kept")
    old_root = Div(Div(kept))
    document, mirror = _shown(old_root)
    new_root = Div(Ul(Li(kept)))  # moving it out of the old tree records a removal
    mirror.apply(_roundtrip(document.flush().ops))
    ops = document.replace_root(new_root)
    assert ops is not None
    mirror.apply(_roundtrip(ops))
    _assert_in_sync(mirror, new_root)


def test_a_failing_diff_leaves_the_shown_tree_as_the_clients_know_it(monkeypatch) -> None:
    old_root = Div(Ul(*[Li(str(i)) for i in range(5)]), Span("x"))
    document, mirror = _shown(old_root)
    ids_before = _server_ids(old_root)
    calls = []

    def failing(node):
        calls.append(node)
        if len(calls) > 6:
            raise MemoryError("out of memory in the middle of a diff")
        return wire_attributes(node)

    monkeypatch.setattr("lona.html.diff.wire_attributes", failing)
    new_root = Div(Ul(*[Li(str(i)) for i in range(6)]), Span("y"))
    with pytest.raises(MemoryError):
        document.replace_root(new_root)
    assert _server_ids(old_root) == ids_before and document.root is old_root
    new_root[1].set_text("not shown")
    assert not document.is_dirty  # the new tree records nothing
    old_root[1].set_text("still shown")
    mirror.apply(_roundtrip(document.flush().ops))
    _assert_in_sync(mirror, old_root)
