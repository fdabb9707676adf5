"""A tab speaking lona-live's wire protocol (docs/protocol.md).

A click on a callback is answered by a PATCH carrying the event id; a click
delivered to a view's ``await_click`` by an ACK, then the PATCH of the view's
next ``show()``.  An ERROR fails the benchmark.
"""

from __future__ import annotations

import json
from secrets import token_hex
from typing import Any

from benchmarks.clients import BUTTON_ID, CLICK_DATA, BenchmarkError, ViewClient
from lona.protocol import PROTOCOL_VERSION, ClientMessage, EventType, ServerMessage, dumps
from lona.testing.pages import page_tokens

__all__ = ["OurClient"]

WINDOW_ID = 1
WEBSOCKET_PATH = "/_lona/ws"
SESSION_COOKIE = "lona_session"


def find_button(spec: Any, html_id: str = BUTTON_ID) -> int | None:
    """The node id of the element whose HTML id is ``html_id`` in a node spec."""
    if len(spec) < 4:  # a text node: [id, text]
        return None
    node_id, _tag, attributes, children = spec[:4]
    if attributes.get("id") == html_id:
        return int(node_id)
    for child in children:
        found = find_button(child, html_id)
        if found is not None:
            return found
    return None


class OurClient(ViewClient):
    view_id: str | None = None
    button_id: int | None = None
    tree: Any = None  # the node spec of the last TREE
    tree_bytes = 0
    received = 0  # the number of the last message of the view (confirmed with each click)

    async def open(self, path: str) -> None:
        """Like a browser tab: load the page (session cookie, page token and the
        view the page load started), then attach the websocket to that view.

        The client asks for the whole tree rather than adopting the page's
        HTML, which a browser does when the HTML no longer matches.
        """
        url = self.base_url + path
        async with self.session.get(url) as response:
            page = await response.text()
            morsel = response.cookies.get(SESSION_COOKIE)
        page_token, attach_token = page_tokens(page)
        if morsel is None or page_token is None:
            raise BenchmarkError(f"GET {url} gave no session cookie or page token")
        headers = {"Cookie": f"{SESSION_COOKIE}={morsel.value}"}
        await self.connect(self.ws_base_url + WEBSOCKET_PATH, headers)
        options = {"page_token": page_token, "page_id": token_hex(8)}
        hello = [ClientMessage.HELLO, PROTOCOL_VERSION, options]
        await self.send(dumps(hello))
        await self.send(dumps([ClientMessage.VIEW, WINDOW_ID, url, None, attach_token]))

    async def _next(self) -> tuple[str, list[Any]]:
        text = await self.receive()
        message = self._parse(text)
        if message[0] == ServerMessage.ERROR:
            raise BenchmarkError(f"the server refused a message: {message}")
        return text, message

    def _parse(self, text: str) -> list[Any]:
        """A server message; remembers its number, as a browser tab does."""
        message: list[Any] = json.loads(text)
        if len(message) > 3 and isinstance(message[3], int):
            self.received = message[3]
        return message

    async def wait_shown(self) -> None:
        while self.button_id is None:
            text, message = await self._next()
            if message[0] == ServerMessage.VIEW_START:
                self.view_id = message[2]
            elif message[0] == ServerMessage.TREE and message[2] == self.view_id:
                self.tree = message[4]
                self.tree_bytes = len(text.encode())
                self.button_id = find_button(message[4])
                if self.button_id is None:
                    raise BenchmarkError(f"no #{BUTTON_ID} in the tree: {text[:200]}")

    async def _send_click(self, node_id: int | None) -> int:
        self.clicks += 1
        event_id = self.clicks
        await self.send(
            dumps(
                [
                    ClientMessage.EVENT,
                    WINDOW_ID,
                    self.view_id,
                    event_id,
                    EventType.CLICK,
                    CLICK_DATA,
                    node_id,
                    node_id,
                    None,
                    self.received,
                ]
            )
        )
        return event_id

    async def click(self) -> None:
        event_id = await self._send_click(self.button_id)
        acked = False  # an event delivered to await_click is ACKed; the view's show() follows
        while True:
            text = await self.receive()
            message = self._parse(text)
            kind = message[0]
            if kind == ServerMessage.PATCH and (acked or message[5:] == [event_id]):
                self.check_count(text)
                return
            if kind == ServerMessage.ACK and message[4] == event_id:
                acked = True
            elif kind == ServerMessage.ERROR:
                raise BenchmarkError(f"click {event_id} refused: {message}")

    async def press(self, html_id: str) -> int:
        """Click the element with this HTML id; the bytes of every message until
        the one that acknowledges the click."""
        node_id = find_button(self.tree, html_id)
        event_id = await self._send_click(node_id)
        received = 0
        while True:
            text = await self.receive()
            received += len(text.encode())
            message = self._parse(text)
            kind = message[0]
            if kind == ServerMessage.ERROR:
                raise BenchmarkError(f"click on #{html_id} refused: {message}")
            if (kind == ServerMessage.PATCH and message[5:] == [event_id]) or (
                kind == ServerMessage.ACK and message[4] == event_id
            ):
                return received
