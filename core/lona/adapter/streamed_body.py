"""Request bodies a framework delivers by callback, for the core to read at its own pace.

A framework that hands each chunk of a body to a callback (Tornado's
``data_received`` under ``@stream_request_body``) puts it into a
``FedBody``; the core reads it from there on the loop.  When more than
``BUFFER_LIMIT`` bytes wait unread, ``feed`` returns an awaitable the
framework awaits before it reads on, so a body never piles up in memory.

``StreamedAnswer`` lets the core answer while the body still arrives: the
answer is written as soon as it is ready (the rest of the body is dropped
then) or once the body is in, whichever comes first, and only once.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from lona.adapter.contract import Server
from lona.http import HttpRequest, HttpResponse
from lona.http.input import announces_body

__all__ = ["BUFFER_LIMIT", "FedBody", "StreamedAnswer"]

BUFFER_LIMIT = 256 * 1024


class FedBody:
    """A ``lona.http.BodyReader``, fed by the framework's callback (all on the loop)."""

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


WriteResponse = Callable[[HttpResponse], Coroutine[Any, Any, None]]


class StreamedAnswer:
    """The core's answer to a request whose body streams into ``body``."""

    def __init__(self, body: FedBody, write: WriteResponse) -> None:
        self.body = body
        self.write = write
        self._answer: asyncio.Future[HttpResponse] | None = None
        self._writer: asyncio.Future[None] | None = None

    @property
    def started(self) -> bool:
        return self._answer is not None

    def begin(self, server: Server, request: HttpRequest) -> bool:
        """Give ``request`` the body; when it announces one, let the core answer
        now (True).  Without a body the framework answers when it is ready."""
        request.body_reader = self.body
        if not announces_body(request):
            return False
        self.start(server.handle_http(request))
        return True

    def start(self, answer: Awaitable[HttpResponse]) -> None:
        """Let the core answer now, reading the body as it arrives."""
        self._answer = asyncio.ensure_future(answer)
        self._answer.add_done_callback(self._answered)

    def _answered(self, answer: asyncio.Future[HttpResponse]) -> None:
        self.body.drop()  # nobody reads the rest
        if self.body.ended or answer.cancelled() or answer.exception() is not None:
            return  # written by finish() (an exception there is the framework's to answer)
        self._write_once(answer.result())

    def _write_once(self, response: HttpResponse) -> asyncio.Future[None]:
        if self._writer is None:
            self._writer = asyncio.ensure_future(self.write(response))
        return self._writer

    async def finish(self) -> None:
        """The whole body is in: write the answer (once), when it is ready."""
        self.body.end()
        assert self._answer is not None, "finish() before start()"
        await self._write_once(await self._answer)
