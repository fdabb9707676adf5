"""Floods from one client: what it sends, what it does not read, what it makes
the server log.  Each is cut off at its bound; everyone else carries on."""

from __future__ import annotations

import json

import pytest

from lona.protocol import ClientMessage, CloseCode, ErrorCode
from lona.testing.client import Closed
from lona_conformance.helpers import wait_for_log


def _send_all(client, texts) -> None:
    try:
        for text in texts:
            client.send(text)
    except ConnectionError:
        pass  # the server closed the socket under the flood, as it should


def _disconnect_code(client) -> int | None:
    with pytest.raises(Closed) as closed:
        client.wait(lambda: False, timeout=30, what="the disconnect")
    return closed.value.code


def _others_carry_on(protocol, lona_server) -> None:
    window = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    window.click(window.element(id="increment"))
    window.wait_for_text("Count: 1")


def test_a_flood_of_view_messages_is_cut_off(protocol, lona_server):
    """20,000 VIEWs in one burst (0.9 MiB): every message kind counts against
    the connection's budget, and a VIEW counts as ten; the rest of the flood
    is never processed."""
    client = protocol()
    url = lona_server.url + "/hardening/started?name=view-flood"
    _send_all(client, [json.dumps([ClientMessage.VIEW, 1, url, None, None])] * 20_000)
    assert _disconnect_code(client) == CloseCode.POLICY
    started = [
        event
        for event in lona_server.events()
        if event["event"] == "started" and event["name"] == "view-flood"
    ]
    assert len(started) < 200  # the budget allows 50 at once; before, all 20,000 ran
    _others_carry_on(protocol, lona_server)


def test_errors_never_echo_what_the_client_sent_at_length(protocol, lona_server):
    client = protocol()
    window = client.open(lona_server.url + "/text-input", wait_for="echo:")
    window.change(window.element(id="field"), {"value": "y" * 500_000})
    ((code, text, _event),) = window.errors
    assert code == ErrorCode.BAD_EVENT and len(text) < 1000
    client.send([ClientMessage.VIEW, "z" * 500_000, "http://x/"])
    client.wait(lambda: client.errors, what="an ERROR")
    assert client.errors[-1][0] == ErrorCode.BAD_MESSAGE and len(client.errors[-1][1]) < 1000
    client.ping()
    log = lona_server.log_text()
    assert "y" * 1000 not in log and "z" * 1000 not in log


def test_a_client_that_reads_nothing_is_dropped_at_the_byte_bound(protocol, lona_server):
    """A view streams 100 kB updates to a client that reads none of them:
    the server holds at most MAX_PENDING_BYTES (4 MiB) for it, then drops it,
    long before the count bound (2,000 messages, 200 MB here) would."""
    client = protocol()
    url = lona_server.url + "/hardening/stream?size=100000&count=1000&name=unread"
    client.send([ClientMessage.VIEW, 1, url, None, None])
    wait_for_log(lona_server, "MAX_PENDING_BYTES")  # while the client still reads nothing
    assert _disconnect_code(client) == CloseCode.POLICY
    _others_carry_on(protocol, lona_server)


def test_bad_input_in_a_loop_makes_a_few_lines_of_log(protocol, lona_server):
    """Refused messages and client error reports are logged shortened, a few
    lines per client (then about one a second), and a crashed view's further
    reports not at all: 15 MiB of bad input make kilobytes of log."""
    client = protocol()
    window = client.open(lona_server.url + "/counter", wait_for="Count: 0")
    before = len(lona_server.log_text())
    report = "e" * 60_000
    _send_all(client, [json.dumps([5, window.id, window.view_id, report])] * 50)
    _send_all(client, [json.dumps([2, "w" * 60_000, "http://x/"])] * 200)
    client.ping()  # everything before it was handled
    window.wait_until(lambda: "500 Internal Error" in window.text(), what="the crash")
    log = lona_server.log_text()[before:]
    assert len(log) < 64 * 1024  # before: every message in full, 15 MiB
    assert "e" * 5_000 not in log
