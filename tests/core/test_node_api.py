"""The node API without a browser: construction, attributes, children, helpers."""

from __future__ import annotations

import copy

import pytest

from lona.html import (
    BLUR,
    CHANGE,
    CLICK,
    FOCUS,
    H1,
    HTML2,
    Button,
    Div,
    Document,
    Li,
    Node,
    Span,
    Svg,
    TextNode,
    Ul,
)

# construction ###############################################################


def test_children_come_as_arguments_lists_generators_or_nodes() -> None:
    a, b = Span("a"), Span("b")
    assert list(Div(a, b)) == [a, b]
    assert list(Div([Span("a"), Span("b")])) == [a, b]
    assert list(Div(Span(c) for c in "ab")) == [a, b]
    assert list(Div(nodes=[Span("a"), Span("b")])) == [a, b]
    node = Div("text", 1, 2.5, True, None)
    assert [child.get_text() for child in node] == ["text", "1", "2.5", "True"]
    assert all(isinstance(child, TextNode) for child in node)


def test_keyword_arguments_become_attributes_by_lonas_rules() -> None:
    node = Div(_id="main", _class="a b", data_foo="bar", aria_label="x", title="t", _for="f")
    assert list(node.id_list) == ["main"] and list(node.class_list) == ["a", "b"]
    assert dict(node.attributes) == {"data-foo": "bar", "aria-label": "x", "title": "t", "for": "f"}
    assert Div(id=["x", "y"], **{"class": ["c"]}).id_list == ["x", "y"]
    assert Div(style="color: red; margin: 0").style == {"color": "red", "margin": "0"}
    assert Div(style={"color": "red"}).style.to_dict() == {"color": "red"}
    assert Div(attributes={"role": "button"}).attributes["role"] == "button"


def test_special_keyword_arguments() -> None:
    def on_click(event: object) -> None:
        return None

    node = Node(
        tag_name="my-element",
        namespace="urn:x",
        self_closing_tag=True,
        events=[CLICK, FOCUS],
        handle_click=on_click,
        state={"count": 1},
        ignore=True,
        widget="Chart",
        widget_data={"points": [1]},
    )
    assert (node.tag_name, node.namespace, node.self_closing_tag) == ("my-element", "urn:x", True)
    assert CLICK in node.events and FOCUS in node.events and BLUR not in node.events
    assert node.handle_click is on_click
    assert node.state == {"count": 1}
    assert node.ignore and node.attributes["data-lona-ignore"] is True
    assert node.widget == "Chart" and node.widget_data == {"points": [1]}
    assert str(node).endswith(" />")


def test_class_attributes_are_defaults_every_instance_copies() -> None:
    class Card(Node):
        TAG_NAME = "section"
        CLASS_LIST = ["card"]
        STYLE = "padding: 1px"
        ATTRIBUTES = {"role": "region"}
        EVENTS = [CLICK]

    first, second = Card(), Card()
    first.class_list.add("wide")
    first.style["padding"] = "2px"
    assert second.class_list == ["card"] and second.style == {"padding": "1px"}
    assert second.attributes["role"] == "region" and CLICK in second.events
    assert Svg().namespace == "http://www.w3.org/2000/svg"


def test_attribute_values_and_names_are_checked() -> None:
    node = Div()
    node.attributes.update({"a": "s", "b": 1, "c": 1.5, "d": True})
    assert str(node).count("data-lona-node-id") == 1 and " d" in str(node)
    with pytest.raises(TypeError):
        node.attributes["x"] = {"a": 1}
    with pytest.raises(TypeError):
        Div(x=[1])
    for name in ("id", "class", "style", "data-lona-events"):
        with pytest.raises(ValueError):
            node.attributes[name] = "x"
    with pytest.raises(ValueError):
        node.attributes["bad name"] = "x"
    with pytest.raises(ValueError):
        Node(tag_name="script onload=alert(1)")
    node.attributes["d"] = False
    assert "d" not in str(node).split(">")[0].split()


# attributes as collections ##################################################


def test_id_and_class_lists_are_sets_in_order() -> None:
    node = Div(_class="a b")
    node.class_list.add("c")
    node.class_list.add("a")  # already there
    node.class_list.append("d")
    node.class_list.extend(["e", "a"])
    assert list(node.class_list) == ["a", "b", "c", "d", "e"]
    assert node.class_list == {"e", "d", "c", "b", "a"}  # order does not count
    assert node.class_list == "e d c b a"
    node.class_list.remove("b")
    node.class_list.toggle("a")
    node.class_list.toggle("z")
    assert list(node.class_list) == ["c", "d", "e", "z"] and "z" in node.class_list
    assert len(node.class_list) == 4
    node.class_list = ["x", "x", "y"]
    assert list(node.class_list) == ["x", "y"]
    node.class_list.clear()
    assert not node.class_list and Div(_class="a b").class_list == Div(_class="b a").class_list
    node.id_list = "one two"
    assert node.has_id("two") and not node.has_id("x")


def test_style_and_attributes_behave_like_dicts() -> None:
    node = Div(style={"color": "red"}, title="t")
    node.style["top"] = 0
    assert node.style == {"color": "red", "top": "0"}
    assert node.style.get("left", "none") == "none"
    assert node.style.pop("color") == "red"
    assert list(node.style.keys()) == ["top"] and list(node.style.items()) == [("top", "0")]
    node.style = "margin: 1px"
    assert node.style == {"margin": "1px"}
    del node.style["margin"]
    assert not node.style
    assert "title" in node.attributes and node.attributes.pop("title") == "t"
    node.attributes = {"a": "1"}
    assert dict(node.attributes) == {"a": "1"}
    node.attributes.clear()
    assert len(node.attributes) == 0
    with pytest.raises(KeyError):
        node.attributes.pop("missing")
    # as in Lona, deleting what is not there is no error (lona-picocss relies on it)
    del node.attributes["missing"]
    del node.style["missing"]
    assert len(node.attributes) == 0 and not node.style


def test_events_list() -> None:
    node = Div()
    node.events.add(CLICK)
    node.events.extend([FOCUS, CHANGE(200)])
    assert "301;304;302:200" in str(node)
    node.events.toggle(FOCUS)
    node.events.remove(CLICK)
    assert list(node.events) == [CHANGE]
    node.events = [BLUR]
    assert node.events == [BLUR]
    node.events.clear()
    assert "data-lona-events" not in str(node)


# children ###################################################################


def test_the_children_list_api() -> None:
    a, b, c = Span("a"), Span("b"), Span("c")
    node = Div(a)
    node.append(b)
    node.insert(0, c)
    assert list(node) == [c, a, b] and node.index(a) == 1 and len(node) == 3
    assert a in node and Span("a") not in node  # identity, not equality
    assert node[0] is c and node[-1] is b and node[1:] == [a, b]
    node[0] = Span("x")
    assert node[0].get_text() == "x" and c.parent is None
    node[0:2] = [Span("s1"), Span("s2"), Span("s3")]
    assert [n.get_text() for n in node] == ["s1", "s2", "s3", "b"]
    del node[1:3]
    assert [n.get_text() for n in node] == ["s1", "b"]
    del node[0]
    assert node.pop() is b and len(node) == 0
    node.extend([a, "text"])
    node.remove(a)
    assert [n.get_text() for n in node] == ["text"]
    node.nodes = [b, c]
    assert node.nodes == [b, c] and node.nodes.index(c) == 1
    node.nodes.clear()
    assert not node.nodes
    with pytest.raises(ValueError, match="extended slice"):
        node[::2] = []


def test_appending_a_node_that_has_a_parent_moves_it() -> None:
    a, b = Span("a"), Span("b")
    first, second = Div(a, b), Div()
    second.append(a)
    assert list(first) == [b] and list(second) == [a] and a.parent is second
    second.append(b)
    second.insert(0, b)  # a move inside the same parent
    assert list(second) == [b, a]
    twice = Div(a, b, a)  # given twice: it ends up where it came last
    assert list(twice) == [b, a]


def test_loops_are_detected() -> None:
    inner = Div()
    outer = Div(Div(inner))
    with pytest.raises(RuntimeError, match="loop detected"):
        inner.append(outer)
    with pytest.raises(RuntimeError, match="loop detected"):
        inner.append(inner)
    assert inner.root is outer and outer.parent is None


def test_parent_root_and_detaching() -> None:
    leaf = Span("x")
    tree = Div(Ul(Li(leaf)))
    assert leaf.parent.tag_name == "li" and leaf.root is tree
    leaf.parent.remove()
    assert leaf.root.tag_name == "li" and tree[0].nodes == []


# helpers ####################################################################


def test_text_helpers() -> None:
    node = Div("a", Span("b", Span("c")), "d")
    assert node.get_text() == "abcd"
    span = Span("0")
    text_node = span[0]
    span.set_text(1)
    assert span.get_text() == "1" and span[0] is text_node  # changed in place
    node.set_text("only")
    assert len(node) == 1 and node.get_text() == "only"


def test_hide_and_show() -> None:
    node = Div(style={"display": "flex"})
    node.show()
    assert node.style["display"] == "flex"  # show() undoes only hide()
    node.hide()
    assert node.style["display"] == "none"
    node.show()
    assert "display" not in node.style


def test_state_is_server_side_only() -> None:
    node = Div(state={"secret": 1})
    node.state["more"] = 2
    assert node.state == {"secret": 1, "more": 2}
    assert "secret" not in str(node)
    node.state = {"new": True}
    assert node.state == {"new": True}


def test_the_lock_is_the_documents_once_shown() -> None:
    leaf = Span("x")
    tree = Div(Div(leaf))
    with leaf.lock:  # before showing: a lock that guards nothing
        pass
    document = Document()
    document.set_root(tree)
    assert leaf.lock is tree.lock is document.lock
    detached = leaf.parent
    detached.remove()
    assert detached.lock is not document.lock


def test_equality_is_structural() -> None:
    assert Div(Span("a"), _class="x y") == Div(Span("a"), _class="y x")
    assert Div("a") == Div("a") and TextNode("a") == TextNode("a")
    assert TextNode("a") != "a"  # as in Lona: a text node equals text nodes only
    differing = [
        Div(Span("b")),
        Div(Span("a"), _id="i"),
        Div(Span("a"), style="color: red"),
        Div(Span("a"), title="t"),
        Div(Span("a"), events=[CLICK]),
        Div(Span("a"), widget="W"),
        Div(Span("a"), widget_data={"a": 1}),
        Div(Span("a"), Span("a")),
        Span(Span("a")),
        Node(Span("a"), namespace="urn:x"),
    ]
    for other in differing:
        assert Div(Span("a")) != other
    with pytest.raises(TypeError):
        hash(Div())
    with pytest.raises(RuntimeError):
        copy.copy(Div())
    with pytest.raises(RuntimeError):
        copy.deepcopy(Span("x"))


def test_rendering_escapes_text_and_attributes() -> None:
    node = Div('<script>alert("x")</script>', title='"><img src=x onerror=alert(1)>')
    html = str(node)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&quot;&gt;&lt;img" in html


def test_html2_returns_one_node_or_a_div_around_all() -> None:
    heading = H1("x")
    assert HTML2(heading) is heading
    wrapped = HTML2(H1("a"), Button("b"))
    assert wrapped.tag_name == "div" and len(wrapped) == 2
    assert HTML2("text").tag_name == "div"  # a lone text can not be shown
