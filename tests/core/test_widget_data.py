"""node.widget_data: a live view of JSON data whose changes are recorded per path."""

from __future__ import annotations

import math

import pytest

from lona.html import Div, Node
from lona.html.document import Document
from lona.protocol import Op


def _shown(data):
    widget = Node(widget="W", widget_data=data)
    document = Document()
    document.set_root(Div(widget))
    return widget, document


def test_dicts_and_lists_behave_like_python_containers() -> None:
    widget = Node(widget="W", widget_data={"a": 1, "items": [1, 2, 3], "nested": {"x": []}})
    data = widget.widget_data
    assert data == {"a": 1, "items": [1, 2, 3], "nested": {"x": []}}
    assert data["items"] == [1, 2, 3] and len(data["items"]) == 3 and 2 in data["items"]
    data["items"].append(4)
    data["items"].insert(0, 0)
    data["items"] += [5]
    assert data["items"].pop() == 5 and data["items"].pop(0) == 0
    data["items"].remove(2)
    data["items"][0] = 10
    del data["items"][-1]
    assert data["items"] == [10, 3] and data["items"].index(3) == 1
    assert data["items"].count(10) == 1 and data["items"][0:1] == [10]
    data["items"].reverse()
    data["items"].sort()
    assert data["items"].copy() == [3, 10]
    data["nested"]["x"].extend(["a", "b"])
    assert data["nested"]["x"][1] == "b" and list(data["nested"]["x"]) == ["a", "b"]
    assert data.get("missing", "default") == "default" and "a" in data
    data.update({"b": 2}, c=3)
    assert data.pop("a") == 1 and data.setdefault("d", []) == []
    assert sorted(data.keys()) == ["b", "c", "d", "items", "nested"]
    del data["d"]
    data.clear()
    assert data == {} and not data


def test_values_must_be_json() -> None:
    widget = Node(widget="W")
    assert widget.widget_data == {}  # a dict unless given something else
    with pytest.raises(TypeError):
        widget.widget_data["x"] = object()
    with pytest.raises(TypeError):
        widget.widget_data[1] = "keys are strings"
    with pytest.raises(ValueError):
        widget.widget_data["x"] = math.nan
    with pytest.raises(TypeError):
        Node(widget_data={"s": {1, 2}})
    widget.widget_data = ("tuples", "become", "lists")
    assert widget.widget_data == ["tuples", "become", "lists"]
    widget.widget_data = 5
    assert widget.widget_data == 5


def test_the_node_keeps_its_own_copy() -> None:
    given = {"items": [1]}
    widget = Node(widget="W", widget_data=given)
    given["items"].append(2)
    assert widget.widget_data == {"items": [1]}
    taken = widget.widget_data.copy()
    taken["items"].append(3)
    assert widget.widget_data == {"items": [1]}


def test_changes_of_a_shown_widget_become_path_operations() -> None:
    widget, document = _shown({"rows": [{"name": "a"}], "count": 0})
    data = widget.widget_data
    data["rows"].append({"name": "b"})
    data["rows"][0]["name"] = "A"
    del data["rows"][1]
    data["count"] = 1
    data["count"] = 2
    data.pop("count")
    assert document.flush().ops == [
        [Op.DATA_INSERT, widget._id, ["rows", 1], {"name": "b"}],
        [Op.DATA_SET, widget._id, ["rows", 0, "name"], "A"],
        [Op.DATA_REMOVE, widget._id, ["rows", 1]],
        [Op.DATA_SET, widget._id, ["count"], 2],
        [Op.DATA_REMOVE, widget._id, ["count"]],
    ]


def test_replacing_the_data_or_a_container_sends_it_whole() -> None:
    widget, document = _shown({"rows": [3, 1, 2]})
    widget.widget_data["rows"].sort()
    assert document.flush().ops == [[Op.DATA_SET, widget._id, ["rows"], [1, 2, 3]]]
    widget.widget_data["rows"].append(4)
    widget.widget_data = {"new": True}  # replaces what came before in this flush
    assert document.flush().ops == [[Op.WIDGET_DATA, widget._id, {"new": True}]]
    widget.widget_data.clear()
    assert document.flush().ops == [[Op.WIDGET_DATA, widget._id, {}]]


def test_a_recorded_value_is_a_snapshot() -> None:
    widget, document = _shown({"rows": []})
    widget.widget_data["rows"].append({"n": 1})
    widget.widget_data["rows"][0]["n"] = 2  # later change, recorded on its own
    assert document.flush().ops == [
        [Op.DATA_INSERT, widget._id, ["rows", 0], {"n": 1}],
        [Op.DATA_SET, widget._id, ["rows", 0, "n"], 2],
    ]


def test_nodes_without_a_widget_send_no_data() -> None:
    node, document = _shown({})
    node.widget_data["x"] = 1
    plain = Node(widget_data={"x": 1})
    document.root.append(plain)
    document.flush()
    plain.widget_data["x"] = 2
    assert document.flush().ops == []


def test_setting_a_value_it_already_has_sends_nothing() -> None:
    widget, document = _shown({"n": 1, "items": [True]})
    widget.widget_data["n"] = 1
    widget.widget_data["items"][0] = True
    assert document.flush().ops == []
    widget.widget_data["n"] = True  # equal in Python, not in JSON
    widget.widget_data["items"][0] = 1
    assert document.flush().ops == [
        [Op.DATA_SET, widget._id, ["n"], True],
        [Op.DATA_SET, widget._id, ["items", 0], 1],
    ]
