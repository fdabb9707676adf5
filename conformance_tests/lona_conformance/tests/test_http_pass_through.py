"""http_pass_through routes: the framework's own request in, its own response out.

The views (``lona_conformance.views.pass_through``) answer with the response
object of the framework they run on and mark it with ``X-Pass-Through``.
"""

from __future__ import annotations

import json

import pytest

from lona_conformance.helpers import http_get

# the frameworks whose native requests the views know; another adapter's
# views get Lona's own request and answer with a Lona response
KNOWN = ("aiohttp", "tornado", "flask")


def _native(answer, adapter_name):
    """The framework that answered; for a bundled adapter, exactly that one."""
    kind = answer.headers["x-pass-through"]
    if adapter_name in KNOWN:
        assert kind == adapter_name
    return kind


def test_a_view_class_gets_the_native_request_in_a_thread(lona_server, adapter_name):
    answer = http_get(lona_server.url + "/pass-through/sync?q=hello")
    assert answer.status == 200
    kind = _native(answer, adapter_name)
    report = json.loads(answer.body)
    assert report["method"] in ("GET", None)  # None: a framework the views do not know
    if kind in KNOWN:
        assert report["path"] == "/pass-through/sync" and report["q"] == "hello"
    assert report["on_a_loop"] is False  # sync view code never runs on an event loop


@pytest.mark.request_body
def test_an_async_function_reads_a_posted_form_natively(lona_server, adapter_name):
    answer = http_get(
        lona_server.url + "/pass-through/async?q=x",
        data=b"name=Ada&city=Z%C3%BCrich",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 200
    kind = _native(answer, adapter_name)
    report = json.loads(answer.body)
    if kind in KNOWN:
        assert report["method"] == "POST" and report["q"] == "x"
        assert report["form"] == {"name": "Ada", "city": "Zürich"}


def test_lona_responses_from_pass_through_views_are_rendered(lona_server):
    answer = http_get(lona_server.url + "/pass-through/lona")
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(answer.body)["rendered"] == "by lona"
    string = http_get(lona_server.url + "/pass-through/string")
    assert string.status == 200 and "a string from a pass-through view" in string.text
    imported = http_get(lona_server.url + "/pass-through/imported")
    assert imported.status == 200 and imported.text == "imported by string"


def test_an_aiohttp_response_as_lona_views_return_it_works_on_every_adapter(lona_server):
    pytest.importorskip("aiohttp")  # the view imports it, as a view written for Lona does
    answer = http_get(lona_server.url + "/pass-through/aiohttp-response")
    assert answer.status == 201
    assert answer.text == "<h1>from aiohttp</h1>"
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["x-written-for"] == "lona"
    assert answer.headers["set-cookie"].startswith("flavour=aiohttp")


def test_a_sync_view_redirects_the_frameworks_way(lona_server):
    answer = http_get(lona_server.url + "/pass-through/redirect")
    assert answer.status == 302
    assert answer.headers["location"].endswith("/http/html")


def test_pass_through_runs_before_sessions(lona_server):
    answer = http_get(lona_server.url + "/pass-through/sync")
    assert "set-cookie" not in answer.headers
    assert "set-cookie" in http_get(lona_server.url + "/counter").headers  # a Lona page does


def test_the_framework_answers_its_own_errors(lona_server):
    forbidden = http_get(lona_server.url + "/pass-through/forbidden")
    assert forbidden.status == 403
    crashed = http_get(lona_server.url + "/pass-through/crash")
    assert crashed.status == 500
    assert "crashes on purpose" not in crashed.text
    missing = http_get(lona_server.url + "/pass-through/not-found")
    assert missing.status == 404 and "404 Not Found" in missing.text  # Lona's own error
    assert http_get(lona_server.url + "/pass-through/sync").status == 200


def test_the_websocket_leaves_pass_through_routes_to_http(protocol, lona_server):
    window = protocol().open(lona_server.url + "/pass-through/sync")
    window.wait_until(lambda: window.redirects, what="HTTP_REDIRECT")
    assert window.redirects == [("http", lona_server.url + "/pass-through/sync")]


@pytest.mark.request_body
def test_a_malformed_body_left_to_the_framework_is_no_crash(lona_server):
    """Lona leaves a pass-through view's body to the framework: its 404 page does
    not parse it (a framework that parses bodies before its handlers run, as
    Tornado does, answers 400 for this one itself)."""
    log_before = len(lona_server.log_text())
    missing = http_get(
        lona_server.url + "/pass-through/not-found",
        data=b"--b\r\nnot even finished",
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert missing.status in (400, 404)
    assert "Traceback" not in lona_server.log_text()[log_before:]
