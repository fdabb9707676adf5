"""The HTML side over the wire: tree diffs, refused events, STATIC_FILES."""

from __future__ import annotations

import json

from lona.protocol import ErrorCode, EventType, Op, ServerMessage
from lona_conformance.helpers import http_get


def test_a_rebuilt_tree_of_10000_nodes_with_one_change_costs_under_1kb(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/rebuild", wait_for="Rebuild")
    rows = window.element(id="rows")
    assert sum(1 for _ in rows.iter()) > 10_000
    before = len(client.log)
    window.click(window.element(id="rebuild"))
    window.wait_for_text("row 12341")  # row 1234 now shows version 1
    patches = [m for m in client.log[before:] if m[0] == ServerMessage.PATCH]
    size = sum(len(json.dumps(m, separators=(",", ":")).encode()) for m in patches)
    assert size < 1024, patches
    assert [op[0] for m in patches for op in m[4]] == [Op.SET_TEXT]
    assert window.element(id="rows") is rows  # the same node ids as before


def test_bad_click_data_is_refused_for_that_event_only(protocol, lona_server):
    window = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    button = window.element(id="increment")
    for data in ("not an object", {"shift_key": "yes"}, {"x": True}):
        event_id = window.send_event(EventType.CLICK, button, data)
        assert window.errors[-1][0] == ErrorCode.BAD_EVENT and window.errors[-1][2] == event_id
    window.click(button)
    window.wait_for_text("Count: 1")


def test_a_click_on_a_node_just_removed_is_refused_and_the_view_keeps_running(
    protocol, lona_server
):
    window = protocol().open(lona_server.url + "/events", wait_for="remove")
    target = window.element(id="target")
    window.click(window.element(id="remove-target"), wait=False)
    event_id = window.click(target)  # sent before the removal reached this client
    assert (window.errors[-1][0], window.errors[-1][2]) == (ErrorCode.UNKNOWN_NODE, event_id)
    window.click(window.element(id="modifiers"))
    window.wait_for_text('"node": "modifiers"')


def test_a_custom_event_for_a_widget_that_is_gone_is_refused(protocol, lona_server):
    window = protocol().open(lona_server.url + "/events", wait_for="remove")
    widget = window.element(id="event-widget")
    window.click(window.element(id="remove-widget"))
    event_id = window.send_event("picked", widget, {"item": 1})
    assert (window.errors[-1][0], window.errors[-1][2]) == (ErrorCode.UNKNOWN_NODE, event_id)
    window.send_event("picked", None, {"item": 2})  # a custom event without a node is fine
    window.wait_for_text('"item": 2')


def test_node_classes_declare_static_files_that_are_served_and_linked(lona_server):
    page = http_get(lona_server.url + "/rendering").text
    assert '<link href="/static/conformance/style.css" rel="stylesheet">' in page
    assert '<script src="/static/conformance/widgets.js" defer></script>' in page
    assert page.index("/static/conformance/widgets.js") > page.index("lona.js")  # after Lona
    assert "widgets.js.map" not in page and "disabled.js" not in page
    script = http_get(lona_server.url + "/static/conformance/widgets.js")
    assert script.status == 200 and "register_widget_class" in script.text
    assert script.headers["content-type"].startswith("text/javascript")
    assert http_get(lona_server.url + "/static/conformance/style.css").status == 200
    assert http_get(lona_server.url + "/static/conformance/widgets.js.map").status == 200
    assert http_get(lona_server.url + "/static/conformance/disabled.js").status == 404


def test_view_classes_declare_static_files_too(lona_server):
    page = http_get(lona_server.url + "/page-features").text
    assert '<link href="/static/conformance/view.css" rel="stylesheet">' in page
    stylesheet = http_get(lona_server.url + "/static/conformance/view.css")
    assert stylesheet.status == 200 and "font-weight" in stylesheet.text
