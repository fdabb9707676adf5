"""Every middleware hook, with its chain semantics, on every adapter.

The app runs with ``lona_conformance.views.middleware.Recorder``, which
records each call in the event log and answers for some paths.
"""

from __future__ import annotations

import json

import pytest

from lona.protocol import CloseCode
from lona.testing.client import Closed
from lona_conformance.helpers import http_get, wait_for_events
from lona_conformance.server_process import ServerProcess

SETTINGS = {"MIDDLEWARES": ["lona_conformance.views.middleware.Recorder"]}


@pytest.fixture(scope="module")
def watched(adapter_name):
    server = ServerProcess(adapter_name, env={"LONA_CONFORMANCE_SETTINGS": json.dumps(SETTINGS)})
    server.start()
    yield server
    server.close()


def hooks(server, **match):
    return [
        event
        for event in server.events()
        if event["event"] == "middleware" and all(event.get(k) == v for k, v in match.items())
    ]


def test_startup_and_shutdown(adapter_name):
    with ServerProcess(
        adapter_name, env={"LONA_CONFORMANCE_SETTINGS": json.dumps(SETTINGS)}
    ) as server:
        started = hooks(server, hook="on_startup")
        assert [event["server"] for event in started] == [True]
        assert server.stop() == 0
        assert len(hooks(server, hook="on_shutdown")) == 1


def test_handle_http_request_sees_every_request_and_may_answer(watched):
    answered = http_get(watched.url + "/mw/http-answer")
    assert answered.status == 299 and "answered by handle_http_request" in answered.text
    assert http_get(watched.url + "/mw/http/plain").status == 200
    assert http_get(watched.url + "/static/sub/style.css").status == 200
    paths = [event["path"] for event in hooks(watched, hook="handle_http_request")]
    assert {"/mw/http-answer", "/mw/http/plain", "/static/sub/style.css"} <= set(paths)
    # a request it answered went no further
    assert "/mw/http-answer" not in [e["path"] for e in hooks(watched, hook="handle_connection")]


def test_handle_connection_may_refuse_http_requests(watched):
    assert http_get(watched.url + "/mw/refused").status == 503
    assert http_get(watched.url + "/mw/http/fine").status == 200


def test_handle_connection_may_refuse_websockets(watched, protocol):
    refused = protocol(watched, headers={"X-Refuse": "1"}, hello=False)
    assert refused.transport.receive(10) == "refused by the conformance middleware"
    with pytest.raises(Closed) as closed:
        refused.transport.receive(10)
    assert closed.value.code == CloseCode.POLICY
    window = protocol(watched).open(watched.url + "/mw/let-in", wait_for="/mw/let-in")
    assert window.view_id
    assert hooks(watched, hook="handle_connection", websocket=True)


def test_handle_websocket_message_answers_custom_messages(watched, protocol):
    client = protocol(watched)
    client.send("mw:ping")
    assert client.transport.receive(10) == "mw:pong"
    assert hooks(watched, hook="handle_websocket_message", message="mw:ping")


def test_handle_request_may_refuse_or_replace_views(watched, protocol):
    client = protocol(watched)
    refused = client.open(watched.url + "/mw/forbidden", wait_for="403")
    assert "Forbidden" in refused.text()
    replaced = client.open(watched.url + "/mw/replaced", window_id=2, wait_for="replaced by")
    assert replaced.view_id
    forbidden = http_get(watched.url + "/mw/http/forbidden")
    assert forbidden.status == 403
    assert "replaced by handle_request" in http_get(watched.url + "/mw/http/replaced").text
    views = {e["view"] for e in hooks(watched, hook="handle_request")}
    assert {"Watched", "WatchedHttp"} <= views


def test_view_stop_and_cleanup_hooks(watched, protocol):
    client = protocol(watched)
    client.open(watched.url + "/mw/leaving", wait_for="/mw/leaving")
    client.close()
    events = wait_for_events(
        watched,
        lambda e: any(
            x.get("hook") == "on_view_cleanup" and x.get("path") == "/mw/leaving" for x in e
        ),
        what="on_view_cleanup",
    )
    order = [e["hook"] for e in events if e.get("path") == "/mw/leaving" and "hook" in e]
    assert order[-2:] == ["on_view_stop", "on_view_cleanup"]
