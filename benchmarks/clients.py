"""The load generator's view of one browser tab, whatever server it talks to.

A ``ViewClient`` opens a view over its own websocket, waits until the view's
content arrived, and clicks its ``#increment`` button, each click waiting for
the server's reply to exactly that click (a closed loop).  The subclasses
speak lona-live's protocol (``our_client``), Lona's (``lona_client``) or a
raw echo (``echo_client``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import aiohttp

__all__ = ["BUTTON_ID", "CLICK_DATA", "BenchmarkError", "ViewClient", "new_session"]

REPLY_TIMEOUT = 30.0  # seconds; a reply that takes longer fails the scenario
BUTTON_ID = "increment"  # the HTML id of the button in apps/counter_app.py
# what a browser reports with a click (both protocols use the same keys)
CLICK_DATA = {
    "alt_key": False,
    "shift_key": False,
    "meta_key": False,
    "ctrl_key": False,
    "node_width": 40,
    "node_height": 20,
    "x": 10,
    "y": 10,
}


class BenchmarkError(Exception):
    """The server answered something a correct server would not."""


def new_session() -> aiohttp.ClientSession:
    """One HTTP session for many clients: no connection cap, cookies handled by hand."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0, force_close=True),
        cookie_jar=aiohttp.DummyCookieJar(),
    )


class ViewClient(ABC):
    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url.rstrip("/")
        self.websocket: aiohttp.ClientWebSocketResponse | None = None
        self.clicks = 0

    @property
    def ws_base_url(self) -> str:
        return "ws" + self.base_url.removeprefix("http")

    async def connect(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.websocket = await self.session.ws_connect(
            url, headers=headers, autoping=True, max_msg_size=0
        )

    async def send(self, text: str) -> None:
        assert self.websocket is not None, "not connected"
        await self.websocket.send_str(text)

    async def receive(self) -> str:
        """The next text frame; BenchmarkError when the socket closes instead."""
        assert self.websocket is not None, "not connected"
        message = await self.websocket.receive(timeout=REPLY_TIMEOUT)
        if message.type != aiohttp.WSMsgType.TEXT:
            raise BenchmarkError(f"expected a text frame, got {message.type.name}")
        text: str = message.data
        return text

    async def close(self) -> None:
        if self.websocket is not None and not self.websocket.closed:
            await self.websocket.close()

    def check_count(self, reply: str) -> None:
        """The reply to click number n must carry the new count n."""
        if f'"{self.clicks}"' not in reply:
            raise BenchmarkError(f"the reply to click {self.clicks} lacks the new count: {reply}")

    @abstractmethod
    async def open(self, path: str) -> None:
        """Connect and ask for the view at ``path``, without waiting for it."""

    @abstractmethod
    async def wait_shown(self) -> None:
        """Until the view's content (with its button) arrived."""

    @abstractmethod
    async def click(self) -> None:
        """Click the button and wait for the server's reply to this click."""
