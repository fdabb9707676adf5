"""Views over the wire protocol, on a real websocket: what a user would see."""

from __future__ import annotations

import json
import re
import signal

import pytest

from lona.protocol import ErrorCode, ServerMessage
from lona_conformance.helpers import events_named, http_get, wait_for_events


def test_counter_counts_clicks(protocol, lona_server):
    window = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    for _ in range(5):
        window.click(window.element(id="increment"))
    assert "Count: 5" in window.text()


def test_a_click_sends_back_one_small_patch(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/counter", wait_for="Count: 0")
    before = len(client.log)
    window.click(window.element(id="increment"))
    replies = [m for m in client.log[before:] if m[0] == ServerMessage.PATCH]
    assert len(replies) == 1
    assert len(json.dumps(replies[0], separators=(",", ":"))) < 60, replies


def test_sync_view_waits_for_clicks_in_handle_request(protocol, lona_server):
    window = protocol().open(lona_server.url + "/await-click", wait_for="waiting")
    for number in (1, 2, 3):
        window.click(window.element(id="go"))
        window.wait_for_text(f"clicked {number}" if number < 3 else "done")
    window.wait_until(lambda: window.stopped, what="VIEW_STOP")


def test_async_view_waits_for_clicks_without_a_thread(protocol, lona_server):
    window = protocol().open(lona_server.url + "/async-await-click", wait_for="waiting")
    for number in (1, 2):
        window.click(window.element(id="go"))
        window.wait_for_text(f"clicked {number}")
    window.click(window.element(id="go"))
    window.wait_for_text("done")


def test_two_connections_get_two_independent_views(protocol, lona_server):
    first = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    second = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    assert first.view_id != second.view_id
    first.click(first.element(id="increment"))
    first.click(first.element(id="increment"))
    second.click(second.element(id="increment"))
    assert "Count: 2" in first.text()
    assert "Count: 1" in second.text()


def test_route_placeholders_and_optional_trailing_slash(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/user/alice/42", wait_for="alice:42")
    window = client.open(lona_server.url + "/user/bob/7/", wait_for="bob:7")
    assert "bob:7" in window.text()


def test_redirect_responses_from_handle_request(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/redirect-now")
    window.wait_until(lambda: window.redirects, what="REDIRECT")
    assert window.redirects == [("view", "/counter")]
    window = client.open(lona_server.url + "/http-redirect-now", window_id=2)
    window.wait_until(lambda: window.redirects, what="HTTP_REDIRECT")
    assert window.redirects == [("http", "/counter")]


def test_redirect_responses_from_input_event_handlers(protocol, lona_server):
    window = protocol().open(lona_server.url + "/redirect", wait_for="Redirects")
    window.click(window.element(id="redirect"))
    window.click(window.element(id="http-redirect"))
    assert window.redirects == [("view", "/counter"), ("http", "/counter")]


def test_a_crash_in_handle_request_shows_the_error_page_only_there(protocol, lona_server):
    client = protocol()
    counter = client.open(lona_server.url + "/counter", window_id=1, wait_for="Count: 0")
    crashed = client.open(lona_server.url + "/crash", window_id=2, wait_for="500")
    assert "Internal Error" in crashed.text()
    counter.click(counter.element(id="increment"))
    assert "Count: 1" in counter.text()
    other = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    other.click(other.element(id="increment"))
    assert "Count: 1" in other.text()


def test_a_crash_in_an_event_handler_shows_the_error_page(protocol, lona_server):
    window = protocol().open(lona_server.url + "/crash-in-handler", wait_for="Crash in handler")
    button = window.element(id="crash")
    window.click(button)
    window.wait_for_text("500")
    window.click(button, wait=False)
    window.wait_until(lambda: window.errors, what="an error for the stopped view")
    assert window.errors[-1][0] == ErrorCode.VIEW_STOPPED


def test_forbidden_error_shows_the_403_view(protocol, lona_server):
    window = protocol().open(lona_server.url + "/forbidden", wait_for="403")
    assert "Forbidden" in window.text()


def test_unknown_urls_show_the_404_view(protocol, lona_server):
    window = protocol().open(lona_server.url + "/no/such/page", wait_for="404")
    assert "Not Found" in window.text()


def test_non_interactive_routes_are_left_to_http(protocol, lona_server):
    window = protocol().open(lona_server.url + "/api/status")
    window.wait_until(lambda: window.redirects, what="HTTP_REDIRECT")
    assert window.redirects == [("http", lona_server.url + "/api/status")]


def test_typed_values_reach_the_server(protocol, lona_server):
    window = protocol().open(lona_server.url + "/text-input", wait_for="echo:")
    window.change(window.element(id="field"), "hello")
    window.wait_for_text("echo: hello")


def test_closing_the_connection_aborts_a_running_view(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/count?name=abort-me", wait_for="1")
    assert window.view_id
    client.close()
    events = wait_for_events(
        lona_server,
        lambda e: ("on_cleanup", None) in events_named(e, "abort-me"),
        what="on_cleanup of the aborted view",
    )
    assert events_named(events, "abort-me") == [("on_stop", "UserAbort"), ("on_cleanup", None)]


def test_a_finished_view_is_cleaned_up_when_its_window_leaves(protocol, lona_server):
    client = protocol()
    client.open(lona_server.url + "/counter?name=leaving", wait_for="Count: 0")
    client.open(lona_server.url + "/", wait_for="Conformance app")
    events = wait_for_events(
        lona_server,
        lambda e: ("on_cleanup", None) in events_named(e, "leaving"),
        what="on_cleanup after navigating away",
    )
    assert events_named(events, "leaving") == [("on_stop", None), ("on_cleanup", None)]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_server_shutdown_stops_views_with_server_stop(fresh_server, protocol, sig):
    window = protocol(fresh_server).open(fresh_server.url + "/count?name=shutdown", wait_for="1")
    assert window.view_id
    assert fresh_server.stop(sig) == 0
    assert events_named(fresh_server.events(), "shutdown") == [
        ("on_stop", "ServerStop"),
        ("on_cleanup", None),
    ]


def test_http_pages_carry_real_status_codes_and_a_safe_session_cookie(lona_server):
    page = http_get(lona_server.url + "/counter")
    assert page.status == 200
    assert 'id="lona"' in page.text
    cookie = page.headers.get("set-cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    missing = http_get(lona_server.url + "/no/such/page")
    assert missing.status == 404 and "Not Found" in missing.text
    api = http_get(lona_server.url + "/api/status?x=1")
    assert api.status == 200 and json.loads(api.body) == {"status": "ok", "query": {"x": "1"}}
    plain = http_get(lona_server.url + "/api/page")
    assert plain.status == 200 and "A plain HTTP page" in plain.text


def test_the_client_is_served_as_javascript_with_caching_headers(lona_server):
    script = http_get(lona_server.url + "/static/_lona/client/lona.js")
    assert script.status == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "etag" in script.headers
    cached = http_get(
        lona_server.url + "/static/_lona/client/lona.js", {"If-None-Match": script.headers["etag"]}
    )
    assert cached.status == 304


def test_pages_load_the_client_from_a_url_that_names_its_content(lona_server):
    page = http_get(lona_server.url + "/counter").text
    match = re.search(r'from "(/static/_lona/client/([0-9a-f]+)/)lona\.js"', page)
    assert match, "the page loads no versioned client"
    prefix = match.group(1)
    assert f'href="{prefix}lona.css"' in page
    for name in ("lona.js", "window.js", "lona.css"):  # modules import each other relatively
        versioned = http_get(lona_server.url + prefix + name)
        plain = http_get(lona_server.url + "/static/_lona/client/" + name)
        assert versioned.status == 200 and versioned.body == plain.body
        # kept for good: a new client has a new URL
        assert "immutable" in versioned.headers["cache-control"]
        assert "immutable" not in plain.headers["cache-control"]
    assert http_get(lona_server.url + prefix + "missing.js").status == 404
    assert http_get(lona_server.url + prefix + "../../../secret.txt").status == 404


def test_head_requests_tell_the_length_and_send_no_body(lona_server):
    for path in ("/static/_lona/client/lona.js", "/counter"):
        full = http_get(lona_server.url + path)
        head = http_get(lona_server.url + path, method="HEAD")
        assert head.status == 200 and head.body == b""
        assert head.headers["content-type"] == full.headers["content-type"]
        if path == "/counter":
            # a view's page carries what the view shows (and its own node ids);
            # a HEAD request starts no view, so its page is the empty one
            assert int(head.headers["content-length"]) > 0
        else:
            assert head.headers["content-length"] == str(len(full.body))
