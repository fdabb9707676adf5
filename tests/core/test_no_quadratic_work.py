"""No work that grows faster than its input: counted in Python calls, never in time.

Each test does one operation at two sizes and counts the Python function calls
it makes (``sys.setprofile``).  Work proportional to the input doubles with it;
quadratic work would quadruple; work independent of the tree (one change in a
big tree) stays the same.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

from lona import View
from lona.html import HTML, HTML1, HTML2, Button, Div, Li, Node, Span, Ul
from lona.html.document import Document
from lona.html.hydration import render_adoptable
from lona.html.render import render_node
from lona.protocol import dumps
from lona.runtime.registry import RuntimeRegistry

LINEAR = 2.3  # allowed growth of the calls when the input doubles (n log n fits, n² not)


def count_calls(operation: Callable[[], Any]) -> int:
    """Python and builtin calls ``operation`` makes on this thread."""
    calls = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        operation()
    finally:
        sys.setprofile(None)
    return calls


def _rows(count: int) -> list[Node]:
    return [Li(Span(f"row {i}"), _class="row") for i in range(count)]


def _shown(count: int) -> tuple[Document, Ul]:
    items = Ul(*_rows(count))
    document = Document()
    document.set_root(HTML(Div("head", _id="head"), items))
    return document, items


def _at_sizes(measure: Callable[[int], int], size: int = 1000) -> tuple[int, int]:
    measure(size // 10)  # warm up: caches, first-time imports
    return measure(size), measure(2 * size)


def test_one_change_costs_the_same_in_any_tree():
    def measure(size: int) -> int:
        document, items = _shown(size)
        items.nodes[size // 2].nodes[0].nodes[0].set_text("changed")
        return count_calls(document.flush)

    small, big = _at_sizes(measure)
    assert big == small


def test_many_changes_of_one_node_are_one_operation_whatever_their_number():
    def measure(changes: int) -> int:
        document, items = _shown(100)
        text = items.nodes[0].nodes[0].nodes[0]
        for number in range(changes):
            text.set_text(str(number))
        flush: list[Any] = []
        calls = count_calls(lambda: flush.append(document.flush()))
        assert len(flush[0].ops) == 1
        return calls

    small, big = _at_sizes(measure)
    assert big == small


@pytest.mark.parametrize(
    "change",
    ["set_text", "set_attribute", "append", "remove"],
)
def test_changes_cost_in_proportion_to_their_number(change):
    def measure(changes: int) -> int:
        document, items = _shown(4 * changes)
        rows = list(items.nodes)
        for index in range(changes):
            row = rows[2 * index]
            if change == "set_text":
                row.nodes[0].nodes[0].set_text("x")
            elif change == "set_attribute":
                row.attributes["data-n"] = str(index)
            elif change == "append":
                items.append(Li(Span("new")))
            else:
                row.remove()
        return count_calls(document.flush)

    small, big = _at_sizes(measure, 500)
    assert big <= LINEAR * small


def test_appending_children_one_by_one_costs_each_the_same():
    def measure(count: int) -> int:
        document, items = _shown(10)

        def append_all() -> None:
            for _ in range(count):
                items.append(Li(Span("new")))
            document.flush()

        return count_calls(append_all)

    small, big = _at_sizes(measure)
    assert big <= LINEAR * small


@pytest.mark.parametrize("HTML", [HTML1, HTML2])  # a legacy widget or the ul at the root
@pytest.mark.parametrize(
    "operation",
    ["build", "first show", "encode", "render", "render adoptable", "rebuild and show"],
)
def test_tree_operations_are_linear_in_the_tree_size(operation, HTML):
    def measure(size: int) -> int:
        if operation == "build":
            return count_calls(lambda: HTML(Ul(*_rows(size))))
        root = HTML(Ul(*_rows(size)))
        if operation == "first show":
            return count_calls(lambda: Document().set_root(root))
        if operation == "encode":
            spec = Document().set_root(root)
            return count_calls(lambda: dumps([3, 1, "1", spec, None]))
        if operation == "render":
            return count_calls(lambda: render_node(root))
        if operation == "render adoptable":
            return count_calls(lambda: render_adoptable(root))
        document = Document()
        document.set_root(root)
        rebuilt = HTML(Ul(*_rows(size)))
        ul = rebuilt if isinstance(rebuilt, Ul) else rebuilt[0]
        ul.nodes[size // 2].nodes[0].nodes[0].set_text("changed")
        return count_calls(lambda: document.replace_root(rebuilt))

    small, big = _at_sizes(measure)
    assert big <= LINEAR * small


def test_the_hot_paths_never_walk_all_views(app, served, monkeypatch):
    """Starting a view and handling its clicks touch no list of every view or
    connection, so they cost the same with 10 or 10,000 views open."""
    walks: list[str] = []
    lock = threading.Lock()

    def counted(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with lock:
                walks.append(name)
            return original(*args, **kwargs)

        return wrapper

    @app.route("/")
    class Counter(View):
        def handle_request(self, request):
            self.count = Span("0", _id="count")
            return HTML(self.count, Button("+1", _id="inc", handle_click=self.inc))

        def inc(self, input_event):
            self.count.set_text(int(self.count.get_text()) + 1)

    server, connect = served()
    client = connect()
    for window_id in range(1, 21):
        client.open("http://t/", window_id=window_id, wait_for="0")
    monkeypatch.setattr(RuntimeRegistry, "__iter__", counted("registry", RuntimeRegistry.__iter__))
    monkeypatch.setattr(type(server), "connections", counted("connections", server.connections))
    window = client.open("http://t/", window_id=21, wait_for="0")
    for _ in range(5):
        window.click(window.element(id="inc"))
    window.wait_for_text("5")
    assert walks == []


@pytest.mark.parametrize("shape", ["nested", "flat"])
def test_parsing_html_is_linear_in_its_size(shape):
    """20,000 nested divs (120 KB) took 20 s of CPU when every end tag looked at
    every open element and every append walked up to the root."""
    from lona.html import parse_html

    def measure(size: int) -> int:
        if shape == "nested":
            html = "<div>" * size + "x" + "</div>" * size
        else:
            html = "<ul>" + "<li><b>x</b> y</li>" * size + "</ul>"
        return count_calls(lambda: parse_html(html))

    small, big = _at_sizes(measure)
    assert big <= LINEAR * small
