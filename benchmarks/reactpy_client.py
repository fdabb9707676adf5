"""A tab speaking ReactPy 1.1's websocket protocol.

The server sends ``{"type": "layout-update", "path": ..., "model": ...}``; a
click is ``{"type": "layout-event", "target": <handler id>, "data": [event]}``
and is answered by the layout update of the re-rendered component.
"""

from __future__ import annotations

import json
from typing import Any

from benchmarks.clients import BUTTON_ID, CLICK_DATA, BenchmarkError, ViewClient

__all__ = ["ReactPyClient"]

STREAM_PATH = "/_reactpy/stream"


def find_handler(model: Any) -> str | None:
    """The click handler target of the element whose id is BUTTON_ID in a VDOM model."""
    if not isinstance(model, dict):
        return None
    if model.get("attributes", {}).get("id") == BUTTON_ID:
        for handler in model.get("eventHandlers", {}).values():
            return str(handler["target"])
    for child in model.get("children", []):
        found = find_handler(child)
        if found is not None:
            return found
    return None


class ReactPyClient(ViewClient):
    # ReactPy 1.1's Tornado backend never renders pages whose websockets connect
    # at the same moment (each waits for its first layout update forever), so
    # the load generator opens its pages one after another
    OPENS_ONE_AT_A_TIME = True
    target: str | None = None

    async def open(self, path: str) -> None:
        await self.connect(self.ws_base_url + STREAM_PATH + path)

    async def _next(self) -> tuple[str, dict[str, Any]]:
        text = await self.receive()
        message: dict[str, Any] = json.loads(text)
        if message.get("type") != "layout-update":
            raise BenchmarkError(f"not a layout update: {text[:200]}")
        return text, message

    async def wait_shown(self) -> None:
        while self.target is None:
            _, message = await self._next()
            self.target = find_handler(message["model"])

    async def click(self) -> None:
        self.clicks += 1
        event = {"type": "layout-event", "target": self.target, "data": [CLICK_DATA]}
        await self.send(json.dumps(event))
        text, message = await self._next()
        self.check_count(text)
        self.target = find_handler(message["model"]) or self.target
