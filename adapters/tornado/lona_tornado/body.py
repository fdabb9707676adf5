"""Request bodies as Tornado delivers them, for the core to read at its own pace.

Lona's HTTP handler streams (``@stream_request_body``): Tornado hands each
chunk to ``data_received``, which puts it into a ``TornadoBody``; the core
reads it from there on the IOLoop.  When more than ``BUFFER_LIMIT`` bytes
wait unread, ``data_received`` returns a future that Tornado awaits before it
reads on, so a body never piles up in memory.  Once the core has answered
without reading all of it, what still comes is dropped.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable
from typing import Any

__all__ = ["BUFFER_LIMIT", "TornadoBody"]

BUFFER_LIMIT = 256 * 1024


class TornadoBody:
    """A ``lona.http.BodyReader``, fed by the handler (all on the IOLoop)."""

    def __init__(self) -> None:
        self._chunks: deque[bytes] = deque()
        self._buffered = 0
        self._ended = False
        self._dropping = False
        self._failed = False
        self._readable = asyncio.Event()
        self._drained = asyncio.Event()

    @property
    def ended(self) -> bool:
        return self._ended

    def feed(self, chunk: bytes) -> Awaitable[Any] | None:
        """A chunk arrived; something to await before the next one when the buffer is full."""
        if self._dropping:
            return None
        self._chunks.append(chunk)
        self._buffered += len(chunk)
        self._readable.set()
        if self._buffered <= BUFFER_LIMIT:
            return None
        self._drained.clear()
        return self._drained.wait()

    def end(self) -> None:
        """The whole body has arrived."""
        self._ended = True
        self._readable.set()

    def drop(self) -> None:
        """Nobody will read any more: forget what waits, ignore what comes."""
        self._dropping = True
        self._chunks.clear()
        self._buffered = 0
        self._drained.set()

    def fail(self) -> None:
        """The client went away before the body was complete."""
        self._failed = True
        self._readable.set()

    async def read(self, size: int) -> bytes:
        while not self._chunks and not self._ended and not self._failed:
            self._readable.clear()
            await self._readable.wait()
        if not self._chunks:
            if self._failed and not self._ended:
                raise ConnectionResetError("the client closed the connection")
            return b""
        chunk = self._chunks.popleft()
        if len(chunk) > size:
            chunk, rest = chunk[:size], chunk[size:]
            self._chunks.appendleft(rest)
        self._buffered -= len(chunk)
        if self._buffered <= BUFFER_LIMIT:
            self._drained.set()
        return chunk
