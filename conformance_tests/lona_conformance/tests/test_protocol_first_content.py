"""First content over the wire: the page load shows the view, its websocket
attaches to that same view, once, and only for the page's user."""

from __future__ import annotations

import http.client
import itertools
import json
import re
from urllib.parse import urlsplit

from lona.protocol import ClientMessage, ErrorCode, EventType, Op, ServerMessage
from lona_conformance.helpers import events_named, http_get, wait_for_events

_names = itertools.count(1)

CLICK = {"alt_key": False, "shift_key": False, "meta_key": False, "ctrl_key": False,
         "node_width": 10, "node_height": 10, "x": 1, "y": 1}  # fmt: skip


def _first_content(html):
    match = re.search(r'"first_content":(\{[^}]*\})', html)
    assert match, "the page names no view to attach to"
    return json.loads(match.group(1))


def _found(pattern, html):
    match = re.search(pattern, html)
    assert match, f"no {pattern} in the page"
    return match.group(1)


def _page(server, path):
    """(page html, first content settings, headers of the page's user)."""
    page = http_get(server.url + path)
    assert page.status == 200
    cookie = page.headers.get("set-cookie", "").split(";", 1)[0]
    return page.text, _first_content(page.text), {"Cookie": cookie}


def _attach(client, url, first, adopt=True):
    version = first["version"] if adopt else None
    client.send([ClientMessage.VIEW, 1, url, None, first["token"], version])


def _next(client, kind):
    while True:
        message = client.receive_one()
        if message[0] in (kind, ServerMessage.ERROR):
            return message


def _handle_requests(server, name):
    return [e for e in server.events() if e["event"] == "handle_request" and e["name"] == name]


def test_the_page_load_carries_the_views_html(lona_server):
    html, first, _ = _page(lona_server, "/counter")
    assert re.search(r'<span data-lona-node-id="\d+" id="count"><!--\d+-->0</span>', html)
    assert "Counter</h1>" in html
    assert first["token"] and isinstance(first["version"], int)
    assert isinstance(first["signature"], int)


def test_the_websocket_attaches_to_that_view_and_keeps_its_html(protocol, lona_server):
    name = f"attach-{next(_names)}"
    url = f"{lona_server.url}/first-content?name={name}"
    html, first, headers = _page(lona_server, f"/first-content?name={name}")
    count_text = int(_found(r'id="count"><!--(\d+)-->0<', html))
    button = int(_found(r'<button data-lona-node-id="(\d+)" id="change"', html))
    client = protocol(headers=headers)
    _attach(client, url, first)
    start = _next(client, ServerMessage.VIEW_START)
    assert start[0] == ServerMessage.VIEW_START and start[5] == first["token"], start
    assert start[6:] == [True]  # the page keeps what it shows: no tree follows
    view_id = start[2]
    client.send([ClientMessage.EVENT, 1, view_id, 1, EventType.CLICK, CLICK, button, button, None])
    patch = _next(client, ServerMessage.PATCH)
    assert [Op.SET_TEXT, count_text, "1"] in patch[4]  # the ids of the page's HTML
    assert ServerMessage.TREE not in [message[0] for message in client.log]
    assert len(_handle_requests(lona_server, name)) == 1


def test_a_page_loads_view_is_attached_once_and_only_by_its_user(protocol, lona_server):
    url = lona_server.url + "/counter"
    _, first, headers = _page(lona_server, "/counter")
    _, _, other_headers = _page(lona_server, "/counter")
    stranger = protocol(headers=other_headers)
    _attach(stranger, url, first)
    assert _next(stranger, ServerMessage.VIEW_START)[4] == ErrorCode.FORBIDDEN
    owner = protocol(headers=headers)
    _attach(owner, url, first)
    assert _next(owner, ServerMessage.VIEW_START)[0] == ServerMessage.VIEW_START
    second_tab = protocol(headers=headers)
    _attach(second_tab, url, first)
    assert _next(second_tab, ServerMessage.VIEW_START)[4] == ErrorCode.NOT_FOUND


def test_without_adopting_the_page_the_window_gets_the_tree(protocol, lona_server):
    _, first, headers = _page(lona_server, "/counter")
    client = protocol(headers=headers)
    window = client.open(lona_server.url + "/counter", attach_token=first["token"])
    window.wait_for_text("Count: 0")
    window.click(window.element(id="increment"))
    window.wait_for_text("Count: 1")


def test_a_page_loads_view_nobody_attaches_to_stops(server_with, protocol):
    server = server_with(PRESTARTED_VIEW_TIMEOUT=0.2)
    name = f"expired-{next(_names)}"
    _, first, headers = _page(server, f"/first-content?name={name}")
    wait_for_events(
        server,
        lambda events: (
            events_named(events, name)
            == [("handle_request", None), ("on_stop", None), ("on_cleanup", None)]
        ),
        what="the page load's view to stop",
    )
    client = protocol(server, headers=headers)
    _attach(client, f"{server.url}/first-content?name={name}", first)
    assert _next(client, ServerMessage.VIEW_START)[4] == ErrorCode.NOT_FOUND


def test_a_redirect_before_any_content_is_an_http_redirect(lona_server):
    parts = urlsplit(lona_server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", "/page-load-redirect")
    response = connection.getresponse()
    assert response.status == 302 and response.getheader("Location") == "/counter"
    connection.close()


def test_custom_messages_sent_before_the_websocket_attached_arrive_in_order(protocol, lona_server):
    name = f"early-{next(_names)}"
    path = f"/early-messages?name={name}"
    _, first, headers = _page(lona_server, path)
    window = protocol(headers=headers).open(lona_server.url + path, attach_token=first["token"])
    expected = ["before the content", "after the content", "when handle_request returns"]
    window.wait_until(lambda: window.custom == expected, what=f"the custom messages {expected}")
    window.wait_until(lambda: window.stopped, what="VIEW_STOP after the messages")
    assert "early messages" in window.text()


def test_content_later_than_the_page_load_comes_through_the_websocket(protocol, lona_server):
    name = f"late-{next(_names)}"
    path = f"/late-content?delay=1&name={name}"
    html, first, headers = _page(lona_server, path)
    assert "late:" not in html and first["version"] is None  # nothing to adopt yet
    client = protocol(headers=headers)
    window = client.open(lona_server.url + path, attach_token=first["token"], wait_for="late: 0")
    window.click(window.element(id="increment"))
    window.wait_for_text("late: 1")
    assert len(_handle_requests(lona_server, name)) == 1


def test_first_content_can_be_turned_off(server_with):
    server = server_with(FIRST_CONTENT_TIMEOUT=0)
    page = http_get(server.url + "/counter")
    assert page.status == 200 and "first_content" not in page.text
    assert '<div id="lona"></div>' in page.text


def test_page_loads_beyond_the_limit_load_empty_and_still_work(server_with, protocol):
    # every page load starts a view; a flood of them must not start views without end
    server = server_with(MAX_PAGE_LOAD_VIEWS=2)
    url = server.url + "/counter"
    _, first, headers = _page(server, "/counter")
    _page(server, "/counter")
    flooded = http_get(url)
    assert flooded.status == 200 and "first_content" not in flooded.text
    assert '<div id="lona"></div>' in flooded.text
    cookie = flooded.headers.get("set-cookie", "").split(";", 1)[0]
    window = protocol(server, headers={"Cookie": cookie}).open(url)  # starts over the websocket
    window.wait_for_text("Count: 0")
    window.click(window.element(id="increment"))
    window.wait_for_text("Count: 1")
    # a page whose websocket came frees its place for the next page load
    owner = protocol(server, headers=headers)
    _attach(owner, url, first)
    assert _next(owner, ServerMessage.VIEW_START)[0] == ServerMessage.VIEW_START
    _page(server, "/counter")
