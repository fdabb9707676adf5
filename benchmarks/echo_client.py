"""A client of the raw websocket echo servers: the transport's ceiling.

A "click" sends a frame the size of a real click and waits for its echo; no
view, no JSON work on the server.
"""

from __future__ import annotations

from benchmarks.clients import CLICK_DATA, BenchmarkError, ViewClient
from lona.protocol import dumps

__all__ = ["ECHO_PATH", "EchoClient"]

ECHO_PATH = "/ws"
# about as long as a click message of either protocol
PAYLOAD = dumps([3, 1, "1", 1, 301, CLICK_DATA, 7, 7, None])


class EchoClient(ViewClient):
    async def open(self, path: str) -> None:
        await self.connect(self.ws_base_url + ECHO_PATH)

    async def wait_shown(self) -> None:
        return None

    async def click(self) -> None:
        self.clicks += 1
        await self.send(PAYLOAD)
        if await self.receive() != PAYLOAD:
            raise BenchmarkError("the echo differs from what was sent")
