"""A tab speaking the real Lona 1.16's wire protocol.

Lona needs a session cookie, which the first plain GET sets; its messages are
``lona:`` followed by a JSON array ``[window_id, view_runtime_id, method,
payload]``.  A click is answered by INPUT_EVENT_ACK (sent before any handler
runs) and then the DATA carrying the handler's patches.
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any

from benchmarks.clients import BUTTON_ID, CLICK_DATA, BenchmarkError, ViewClient

__all__ = ["LonaClient"]

PREFIX = "lona:"
WINDOW_ID = 1
SESSION_COOKIE = "sessionid"
CLICK = 301


class Method(IntEnum):
    VIEW = 101
    INPUT_EVENT = 102
    INPUT_EVENT_ACK = 103
    DATA = 203
    VIEW_START = 204


NODE, TEXT_NODE, WIDGET = 401, 402, 403
HTML_TREE = 502


def find_button(spec: Any, html_id: str = BUTTON_ID) -> str | None:
    """The node id of the node whose id list holds ``html_id`` in a Lona node spec."""
    if spec[0] == NODE:
        if html_id in spec[4]:
            return str(spec[1])
        children = spec[8]
    elif spec[0] == WIDGET:
        children = spec[3]
    else:
        return None
    for child in children:
        found = find_button(child, html_id)
        if found is not None:
            return found
    return None


def encode(view_runtime_id: str | None, method: Method, payload: Any) -> str:
    return PREFIX + json.dumps([WINDOW_ID, view_runtime_id, int(method), payload])


class LonaClient(ViewClient):
    runtime_id: str | None = None
    button_id: str | None = None
    tree: Any = None  # the node spec of the last whole tree
    tree_bytes = 0

    async def _session_cookie(self, url: str) -> str:
        async with self.session.get(url) as response:
            await response.read()
            morsel = response.cookies.get(SESSION_COOKIE)
        if morsel is None:
            raise BenchmarkError(f"GET {url} set no {SESSION_COOKIE} cookie")
        return morsel.value

    async def open(self, path: str) -> None:
        url = self.base_url + path
        cookie = await self._session_cookie(url)
        await self.connect(self.ws_base_url + path, {"Cookie": f"{SESSION_COOKIE}={cookie}"})
        await self.send(encode(None, Method.VIEW, [url, None]))

    async def _next(self) -> tuple[str, list[Any]]:
        text = await self.receive()
        if not text.startswith(PREFIX):
            raise BenchmarkError(f"not a Lona message: {text[:200]}")
        message: list[Any] = json.loads(text[len(PREFIX) :])
        return text, message

    async def wait_shown(self) -> None:
        while self.button_id is None:
            text, (_window, runtime_id, method, payload) = await self._next()
            if method == Method.VIEW_START:
                self.runtime_id = runtime_id
            elif method == Method.DATA and runtime_id == self.runtime_id:
                html_data = payload[1]
                if html_data and html_data[0] == HTML_TREE:
                    self.tree = html_data[1]
                    self.tree_bytes = len(text.encode())
                    self.button_id = find_button(html_data[1])
                    if self.button_id is None:
                        raise BenchmarkError(f"no #{BUTTON_ID} in the tree: {text[:200]}")

    async def _send_click(self, node_id: str | None, html_id: str) -> int:
        self.clicks += 1
        event_id = self.clicks
        node_info = [node_id, "BUTTON", html_id, ""]
        payload = [event_id, CLICK, CLICK_DATA, node_info, node_info]
        await self.send(encode(self.runtime_id, Method.INPUT_EVENT, payload))
        return event_id

    async def press(self, html_id: str) -> int:
        """Click the element with this HTML id; the bytes of the INPUT_EVENT_ACK
        and the DATA that follows it (the handler's changes)."""
        event_id = await self._send_click(find_button(self.tree, html_id), html_id)
        received, acked = 0, False
        while True:
            text, (_window, runtime_id, method, data) = await self._next()
            if runtime_id != self.runtime_id:
                continue
            received += len(text.encode())
            if method == Method.INPUT_EVENT_ACK and data == event_id:
                acked = True
            elif method == Method.DATA and acked:
                html_data = data[1]
                if html_data and html_data[0] == HTML_TREE:  # a whole new tree, new ids
                    self.tree = html_data[1]
                return received

    async def click(self) -> None:
        event_id = await self._send_click(self.button_id, BUTTON_ID)
        acked = False
        while True:
            text, (_window, runtime_id, method, data) = await self._next()
            if runtime_id != self.runtime_id:
                continue
            if method == Method.INPUT_EVENT_ACK and data == event_id:
                acked = True
            elif method == Method.DATA and acked:
                self.check_count(text)
                return
