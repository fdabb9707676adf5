"""query_selector, query_selector_all and closest."""

from __future__ import annotations

import pytest

from lona.html import H1, HTML1, HTML2, Button, Div, Li, Node, Span, TextInput, Ul


# a legacy widget (CLIENT_VERSION 1) or a div (2) around the same children
@pytest.fixture(params=[HTML1, HTML2])
def tree(request):
    return request.param(
        H1("Title", _id="title"),
        Div(
            Span("10", _id="counter", _class="big number"),
            Button("Go", _class="big", data_role="go"),
            TextInput(value="x", _id="field"),
            _class="panel",
        ),
        Ul(Li("one", _class="item"), Li("two", _class="item active"), _id="list"),
    )


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("span", ["counter"]),
        ("#counter", ["counter"]),
        (".big", ["counter", "Go"]),
        (".big.number", ["counter"]),
        ("span.big#counter", ["counter"]),
        ("[data-role=go]", ["Go"]),
        ("[data-role='go']", ["Go"]),
        ('button[data-role="go"]', ["Go"]),
        ("[data-role]", ["Go"]),
        ("input[type=text][value=x]", ["field"]),
        ("li.item", ["one", "two"]),
        ("h1, li.active", ["title", "two"]),
        ("*", None),
        ("p", []),
    ],
)
def test_query_selector_all(tree, selector, expected) -> None:
    found = tree.query_selector_all(selector)
    names = [node.id_list[0] if node.id_list else node.get_text() for node in found]
    if expected is None:
        assert len(found) == sum(
            1 for n in tree.iter_nodes() if isinstance(n, Node) and n is not tree
        )
    else:
        assert names == expected


def test_query_selector_finds_the_first_descendant_only(tree) -> None:
    assert tree.query_selector(".item").get_text() == "one"
    assert tree.query_selector("div") is tree[1]  # not the root div itself
    assert tree.query_selector("#missing") is None


def test_closest_starts_at_the_parent(tree) -> None:
    counter = tree.query_selector("#counter")
    assert counter.closest("div") is tree[1]
    assert counter.closest(".panel") is tree[1]
    assert counter.closest("span") is None  # itself does not count
    assert counter.closest("ul") is None


@pytest.mark.parametrize(
    "selector",
    ["div span", "div > span", "h1 + div", "h1 ~ div", "li:first-child", "", "a,", "[x|=y]", "$x"],
)
def test_unsupported_selectors_raise_a_clear_value_error(tree, selector) -> None:
    with pytest.raises(ValueError, match="selector"):
        tree.query_selector(selector)
