"""Text no UTF-8 encoder accepts (lone surrogates) and JSON no browser sends
(NaN, Infinity) break nobody: not the sender, not the users who see it, not
later page loads."""

from __future__ import annotations

import pytest

from lona.protocol import ErrorCode
from lona_conformance.helpers import http_get

REPLACED = "hi \ufffd there"


def test_a_lone_surrogate_a_client_sends_reaches_everyone_replaced(protocol, lona_server):
    sender = protocol().open(lona_server.url + "/hardening/board", wait_for="Board")
    bystander = protocol().open(lona_server.url + "/hardening/board", wait_for="Board")
    # valid JSON (an escaped lone surrogate) that the browser client never sends
    sender.change(sender.element(id="text"), "hi \ud800 there")
    sender.click(sender.element(id="send"))
    for window in (sender, bystander):
        window.wait_for_text(REPLACED)
        window.client.ping()  # the socket still works both ways
    page = http_get(lona_server.url + "/hardening/board")  # renders what was sent
    assert page.status == 200
    assert REPLACED in page.text


def test_text_with_a_lone_surrogate_that_a_view_holds_is_shown_replaced(protocol, lona_server):
    page = http_get(lona_server.url + "/hardening/held-surrogate")
    assert page.status == 200
    assert "held \ufffd text" in page.text
    window = protocol().open(lona_server.url + "/hardening/held-surrogate")
    window.wait_for_text("held \ufffd text")
    window.client.ping()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_no_browser_sends_are_refused(protocol, lona_server, constant):
    client = protocol()
    window = client.open(lona_server.url + "/counter", wait_for="Count: 0")
    button = window.element(id="increment")
    client.send(f'[3, 1, "{window.view_id}", 1, 301, {{"x": {constant}}}, {button.id}, null, null]')
    client.wait(lambda: client.errors, what="an ERROR")
    assert client.errors[-1][0] == ErrorCode.BAD_MESSAGE
    window.click(button)
    window.wait_for_text("Count: 1")
