"""A client written only from docs/protocol.md talks to a real server.

Nothing here comes from the server's code: every number is the one the
document's tables give, every message is built as the document shows it, and
the page token is read from the page as the document says.  When the server
and the document drift apart, this test fails (issue 15, item 9).
"""

from __future__ import annotations

import json
import re
import secrets
import urllib.request
from contextlib import ExitStack
from typing import Any

from websockets.sync.client import ClientConnection, connect

# docs/protocol.md, "Client → server"
HELLO, VIEW, EVENT, PING, LEAVE, RESUME, RECEIVED = 1, 2, 3, 4, 6, 7, 8
# "Server → client"
WELCOME, VIEW_START, TREE, PATCH, ACK = 1, 2, 3, 4, 6
VIEW_STOP, PONG, ERROR, RESUMED = 9, 10, 11, 15
# "Errors"
BAD_MESSAGE, UNKNOWN_MESSAGE, NOT_STARTED, NOT_FOUND, PAGE_TOKEN = 1, 2, 4, 10, 17
# "Input events", "Patch operations"
CLICK, SET_TEXT = 301, 5
VERSION = 2
CLICK_DATA = {
    "alt_key": False,
    "shift_key": False,
    "meta_key": False,
    "ctrl_key": False,
    "node_width": 10,
    "node_height": 10,
    "x": 1,
    "y": 1,
}


class Page:
    """A page load: the session cookie and the page token of its client settings."""

    def __init__(self, url: str) -> None:
        with urllib.request.urlopen(url, timeout=10) as response:
            html = response.read().decode()
            cookie = response.headers.get("Set-Cookie", "").split(";")[0]
        found = re.search(r'"page_token":\s*"([^"]*)"', html)
        assert found, "no page_token in the page's client settings"
        self.url = url
        self.cookie = cookie
        self.token = found.group(1)
        self.page_id = secrets.token_hex(8)


class DocClient:
    def __init__(self, ws_url: str, page: Page) -> None:
        self.page = page
        self._stack = ExitStack()
        self.socket: ClientConnection = self._stack.enter_context(
            connect(ws_url, additional_headers={"Cookie": page.cookie}, open_timeout=10)
        )

    def send(self, message: Any) -> None:
        self.socket.send(json.dumps(message))

    def next(self, kind: int | None = None) -> list[Any]:
        """The next message (of that type: others of the view's stream are skipped)."""
        while True:
            message = json.loads(self.socket.recv(timeout=10))
            assert isinstance(message, list)
            if kind is None or message[0] == kind:
                return message

    def hello(self, token: str | None = None) -> list[Any]:
        options = {"page_token": self.page.token if token is None else token}
        options["page_id"] = self.page.page_id
        self.send([HELLO, VERSION, options])
        return self.next()

    def close(self) -> None:
        self._stack.close()


def find(spec: Any, html_id: str) -> Any:
    """The node spec of the element with that HTML id ("Node specs")."""
    if isinstance(spec, list) and len(spec) >= 4 and isinstance(spec[2], dict):
        if spec[2].get("id") == html_id:
            return spec
        for child in spec[3]:
            found = find(child, html_id)
            if found is not None:
                return found
    return None


def click(client: DocClient, view_id: str, event_id: int, button: int, received: int) -> None:
    client.send([EVENT, 1, view_id, event_id, CLICK, CLICK_DATA, button, button, None, received])


def test_a_client_written_from_the_document(lona_server):
    url = lona_server.url + "/counter"
    ws_url = lona_server.ws_url
    page = Page(url)
    client = DocClient(ws_url, page)
    # "Handshake": PING works before HELLO, anything else does not
    client.send([PING])
    assert client.next() == [PONG]
    client.send([VIEW, 1, url, None, None])
    error = client.next()
    assert error[0] == ERROR and error[3] is None and error[4] == NOT_STARTED
    welcome = client.hello()
    assert welcome[0] == WELCOME and welcome[1] == VERSION and "server_id" in welcome[2]

    # "Example": VIEW, VIEW_START (seq 1), TREE (seq 2), VIEW_STOP (handle_request
    # returned, seq 3), a click answered by PATCH
    client.send([VIEW, 1, url, None, None])
    start = client.next(VIEW_START)
    _, window_id, view_id, seq, start_url, attach_token = start[:6]
    assert (window_id, seq, start_url) == (1, 1, url) and isinstance(attach_token, str)
    tree = client.next()
    assert tree[:4] == [TREE, 1, view_id, 2]
    button = find(tree[4], "increment")[0]
    count_text = find(tree[4], "count")[3][0]  # [id, text]
    assert count_text[1] == "0"
    assert client.next() == [VIEW_STOP, 1, view_id, 3]
    click(client, view_id, 1, button, 3)
    patch = client.next()
    assert patch[:4] == [PATCH, 1, view_id, 4] and patch[5] == 1
    assert [SET_TEXT, count_text[0], "1"] in patch[4]

    # "Errors": refusals outside a view's stream carry seq null
    client.send([99])
    assert client.next()[3:5] == [None, UNKNOWN_MESSAGE]
    client.send([EVENT, 1])
    assert client.next()[3:5] == [None, BAD_MESSAGE]
    client.send([RECEIVED, 1, view_id, 4])

    # "Resuming": a click whose answer the socket never delivered
    click(client, view_id, 2, button, 4)
    client.close()
    again = DocClient(ws_url, page)
    assert again.hello()[0] == WELCOME
    again.send([RESUME, 1, view_id, attach_token, 4, url])
    resumed = again.next()
    assert resumed == [RESUMED, 1, view_id, None, 2, 5]  # took event 2; replays from 5
    replayed = again.next()
    assert replayed[:4] == [PATCH, 1, view_id, 5] and replayed[5] == 2
    assert [SET_TEXT, count_text[0], "2"] in replayed[4]
    click(again, view_id, 2, button, 5)  # sent again: not handled twice
    assert again.next() == [ACK, 1, view_id, None, 2]  # outside the stream
    click(again, view_id, 3, button, 5)
    patch = again.next()
    assert patch[:4] == [PATCH, 1, view_id, 6] and patch[5] == 3
    assert [SET_TEXT, count_text[0], "3"] in patch[4]

    # "Re-attaching": a token that finds nothing
    again.send([VIEW, 2, url, None, "no-such-token"])
    error = again.next(ERROR)
    assert error[1] == 2 and error[4] == NOT_FOUND
    again.send([LEAVE, 1])
    again.close()

    # a socket without the page's token may ping, not run views
    stranger = DocClient(ws_url, page)
    assert stranger.hello(token="forged")[0] == WELCOME
    stranger.send([VIEW, 1, url, None, None])
    assert stranger.next(ERROR)[4] == PAGE_TOKEN
    stranger.close()
