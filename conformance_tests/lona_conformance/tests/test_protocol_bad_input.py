"""Bad input gets a clear error, never a crash: the connection, the view and
every other view keep working."""

from __future__ import annotations

import pytest

from lona.protocol import CloseCode, ErrorCode
from lona.testing.client import Closed
from lona.testing.websocket import (
    OP_BINARY,
    OP_CONTINUATION,
    OP_TEXT,
    HandshakeError,
    WebSocketClient,
)
from lona_conformance.helpers import events_named, wait_for_events


def _last_error(client):
    client.wait(lambda: client.errors, what="an ERROR message")
    return client.errors[-1][0]


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("[1, 2, 3", ErrorCode.BAD_MESSAGE),  # truncated JSON
        ("[]", ErrorCode.BAD_MESSAGE),
        ('["hello"]', ErrorCode.BAD_MESSAGE),
        ("[99]", ErrorCode.UNKNOWN_MESSAGE),
        ('[2, "1", "http://x/"]', ErrorCode.BAD_MESSAGE),  # window id of the wrong type
        ('[2, -1, "http://x/"]', ErrorCode.BAD_MESSAGE),
        ("[2, 1, 5]", ErrorCode.BAD_MESSAGE),  # url of the wrong type
        ("[4, 1]", ErrorCode.BAD_MESSAGE),
        ('[3, 1, "1", 1, 301, {}, 1]', ErrorCode.BAD_MESSAGE),  # too short an event
        ('[3, 1, "1", 1, 999, {}, 1, 1, null]', ErrorCode.BAD_MESSAGE),  # unknown event type
        ("[" * 100_000 + "]" * 100_000, ErrorCode.BAD_MESSAGE),  # nesting beyond any limit
        ('[2, 1, "http://x/", [1, 2]]', ErrorCode.BAD_MESSAGE),  # post data not an object
    ],
    ids=[
        "truncated",
        "empty",
        "type-not-int",
        "unknown-type",
        "string-window",
        "negative-window",
        "url-not-string",
        "ping-too-long",
        "event-too-short",
        "unknown-event-type",
        "deep-nesting",
        "post-not-object",
    ],
)
def test_malformed_messages_get_a_clear_error(protocol, message, code):
    client = protocol()
    client.send(message)
    assert _last_error(client) == code
    client.ping()  # the connection still works


def test_messages_before_hello_are_refused(protocol, lona_server):
    client = protocol(hello=False)
    client.send([2, 1, lona_server.url + "/counter", None, None])
    assert _last_error(client) == ErrorCode.NOT_STARTED
    client.hello()
    client.open(lona_server.url + "/counter", wait_for="Count: 0")


def test_a_wrong_protocol_version_is_refused_and_closed(protocol):
    client = protocol(hello=False)
    client.send([1, 999, {}])
    with pytest.raises(Closed) as closed:
        client.wait(lambda: False, timeout=10, what="the close")
    assert client.errors[0][0] == ErrorCode.PROTOCOL_VERSION
    assert closed.value.code == CloseCode.POLICY


def test_events_for_unknown_windows_and_stale_views_are_refused(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/counter", wait_for="Count: 0")
    button = window.element(id="increment")
    client.send([3, 77, window.view_id, 100, 301, {}, button.id, button.id, None])
    client.send([3, 1, "not-the-view", 101, 301, {}, button.id, button.id, None])
    client.wait(lambda: len(window.errors) + len(client.errors) >= 2, what="two errors")
    codes = {error[0] for error in window.errors + client.errors}
    assert ErrorCode.STALE_VIEW in codes
    window.click(button)
    assert "Count: 1" in window.text()


def test_events_naming_unknown_nodes_are_refused_and_the_view_keeps_running(protocol, lona_server):
    window = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    window.click(987654321)
    assert window.errors[-1][0] == ErrorCode.UNKNOWN_NODE
    window.click(window.element(id="increment"))
    assert "Count: 1" in window.text()


def test_a_value_of_the_wrong_type_is_refused_for_that_event_only(protocol, lona_server):
    window = protocol().open(lona_server.url + "/text-input", wait_for="echo:")
    field = window.element(id="field")
    event_id = window.change(field, {"not": "a string"})
    assert [(code, event) for code, _text, event in window.errors] == [
        (ErrorCode.BAD_EVENT, event_id)
    ]
    assert "expects a string" in window.errors[0][1]
    window.change(field, "still running")
    window.wait_for_text("echo: still running")


def test_unhandled_custom_messages_get_an_error(protocol):
    client = protocol()
    client.send("custom:hello")
    assert _last_error(client) == ErrorCode.CUSTOM_UNHANDLED
    client.ping()


def test_an_oversized_message_closes_the_socket_with_1009(protocol, lona_server):
    client = protocol()
    try:
        client.send("[" + " " * (2 * 1024 * 1024) + "4]")
    except ConnectionError:
        # a server that closes at the frame's header (Tornado) resets the
        # connection under the rest of it; its close frame has arrived already
        pass
    with pytest.raises(Closed) as closed:
        client.wait(lambda: False, timeout=10, what="the close")
    assert closed.value.code == CloseCode.TOO_BIG
    other = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    other.click(other.element(id="increment"))


def test_an_oversized_message_is_refused_before_it_is_complete(protocol, lona_server):
    """The websocket library's own limit is set from MAX_MESSAGE_SIZE (1 MiB
    here): the socket closes while the message is still arriving, so a client
    can not make the server hold a message of any size."""
    client = protocol()
    piece = b" " * (256 * 1024)
    client.transport.send_frame(OP_TEXT, b"[" + piece, fin=False)
    with pytest.raises(Closed) as closed:
        for _ in range(8):  # up to 2 MiB in all, and the message never ends
            client.transport.send_frame(OP_CONTINUATION, piece, fin=False)
            try:
                # stop sending once the server has closed: more data after its
                # close would make the peer reset the connection
                client.wait(lambda: False, timeout=0.3, what="the close")
            except TimeoutError:
                continue
        client.wait(lambda: False, timeout=10, what="the close")
    assert closed.value.code == CloseCode.TOO_BIG


def test_a_binary_frame_closes_the_socket_with_1003(protocol):
    client = protocol()
    client.transport.send_frame(OP_BINARY, b"\x00\x01")
    with pytest.raises(Closed) as closed:
        client.wait(lambda: False, timeout=10, what="the close")
    assert closed.value.code == CloseCode.UNSUPPORTED


def test_a_websocket_on_a_wrong_url_is_refused_at_once(lona_server):
    with pytest.raises(HandshakeError) as refused:
        WebSocketClient(lona_server.url.replace("http", "ws") + "/not/the/socket", timeout=5)
    assert refused.value.status == 404


def test_a_client_vanishing_mid_event_harms_nothing(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/counter?name=vanished", wait_for="Count: 0")
    window.click(window.element(id="increment"), wait=False)
    client.transport.abort()
    wait_for_events(
        lona_server,
        lambda e: ("on_cleanup", None) in events_named(e, "vanished"),
        what="the vanished client's view to be cleaned up",
    )
    other = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    other.click(other.element(id="increment"))
    assert "Count: 1" in other.text()


def test_a_text_frame_that_is_no_utf8_closes_the_socket_with_1007(protocol, lona_server):
    client = protocol()
    client.transport.send_frame(OP_TEXT, b'["\xff\xfe"]')
    with pytest.raises(Closed) as closed:
        client.wait(lambda: False, timeout=10, what="the close")
    assert closed.value.code == 1007  # invalid frame payload data
    protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
