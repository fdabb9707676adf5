"""An in-memory connection pair: the real core connection, no network.

``MemoryClient(server)`` opens a websocket on ``server`` through the same
``open_websocket`` entry point the adapters use, with a ``Transport`` that
hands text straight to a queue the test reads.
"""

from __future__ import annotations

import queue
from typing import Any

from lona.http_messages import Headers, HttpRequest
from lona.testing.client import Closed, ProtocolClient
from lona.ws.transport import Transport

__all__ = ["MemoryClient", "MemoryTransport"]

_CLOSED = object()


class _ServerSide(Transport):
    def __init__(self, inbox: queue.Queue[Any]) -> None:
        self.inbox = inbox
        self.close_code: int | None = None

    async def send(self, text: str) -> None:
        if self.close_code is not None:
            raise ConnectionResetError("closed")
        self.inbox.put(text)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        if self.close_code is None:
            self.close_code = code
            self.inbox.put((_CLOSED, code, reason))


class MemoryTransport:
    """The client side: ``send`` feeds the server, ``receive`` reads its replies."""

    def __init__(
        self,
        server: Any,
        cookie: str | None = None,
        user: Any = None,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        self.inbox: queue.Queue[Any] = queue.Queue()
        self.server_side = _ServerSide(self.inbox)
        request_headers = Headers([*(headers or []), *([("Cookie", cookie)] if cookie else [])])
        request = HttpRequest("GET", server.websocket_path, headers=request_headers, user=user)
        self.connection = server.open_websocket(request, self.server_side)

    def send(self, text: str) -> None:
        self.connection.receive(text)

    def receive(self, timeout: float) -> str:
        try:
            item = self.inbox.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError("no message") from None
        if isinstance(item, tuple) and item[0] is _CLOSED:
            raise Closed(item[1], item[2])
        text: str = item
        return text

    def close(self) -> None:
        self.connection.closed()


class MemoryClient(ProtocolClient):
    """A protocol client on an in-memory socket, with a session of its own (or
    the one in ``cookie``) and that session's page token, like a loaded page.

    ``reconnect()`` is the same page on a new socket (same session, same page
    id), ready to ``resume`` the windows of this one."""

    def __init__(
        self,
        server: Any,
        cookie: str | None = None,
        user: Any = None,
        headers: list[tuple[str, str]] | None = None,
        page_id: str | None = None,
    ) -> None:
        name = server.settings.SESSIONS_KEY_NAME
        if cookie is None:  # a session this server issued, as after a page load
            cookie = f"{name}={server.sessions.keys.issue(user)}"
        self.server = server
        self.cookie = cookie
        self.user = user
        self.headers = headers
        transport = MemoryTransport(server, cookie, user, headers)
        key, _new = server.session_key(transport.connection.http_request)
        super().__init__(transport, page_token=server.page_tokens.issue(key), page_id=page_id)

    def reconnect(self) -> MemoryClient:
        """This page on a new socket (it says HELLO)."""
        client = MemoryClient(self.server, self.cookie, self.user, self.headers, self.page_id)
        client.hello()
        return client
