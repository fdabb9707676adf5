"""A websocket's outbox: the texts the core sends, written in order by one writer.

``send(text)`` may be called from any thread: the text goes into the queue at
once (so two threads that send under a document lock keep their order), and
one writer on the core loop hands the texts to the adapter's ``Transport``
one at a time.  Most frames go out without the send ever suspending (they
fit into the socket buffer), so they are written without a task; only a send
that has to wait for a slow reader continues in one.

What piles up is bounded (``MAX_PENDING_MESSAGES``, ``MAX_PENDING_BYTES``):
a client that reads too slowly is aborted.  ``close`` writes what is queued
and then the close frame; ``abort`` drops the queue and gives up a send that
waits; a send that fails closes the socket, which is of no use any more.
The queue, the byte count and the connection's ``Lifecycle`` share one lock.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from lona.concurrency.loop import CoreLoop, finish_started, start_eagerly
from lona.concurrency.serial_queue import SerialQueue
from lona.protocol import CloseCode
from lona.settings import Settings
from lona.ws.lifecycle import ConnectionEvent, ConnectionState, Lifecycle
from lona.ws.transport import Transport

__all__ = ["CLOSE_TIMEOUT", "Outbox"]

logger = logging.getLogger("lona.connection")

# how long closing a socket may take (a client that reads nothing never
# answers; its transport is then cut)
CLOSE_TIMEOUT = 5.0


def utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


class Outbox:
    """One socket's writer (see the module's text)."""

    __slots__ = (
        "_close_frame",
        "_core_loop",
        "_life",
        "_on_closed",
        "_owner",
        "_pending_bytes",
        "_queue",
        "_settings",
        "_write_task",
        "transport",
    )

    def __init__(
        self,
        transport: Transport,
        core_loop: CoreLoop,
        settings: Settings,
        lifecycle: Lifecycle,
        on_closed: Callable[[], None],
        owner: object,
    ) -> None:
        self.transport = transport
        self._core_loop = core_loop
        self._settings = settings  # read at each send: the limits are settings
        self._life = lifecycle
        self._on_closed = on_closed  # the transport is closed (core loop)
        self._owner = owner  # who the log lines name
        self._queue: SerialQueue[tuple[str, int]] = SerialQueue(lifecycle.lock)  # text, bytes
        self._pending_bytes = 0
        self._close_frame: tuple[int, str] | None = None
        self._write_task: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._queue)

    @property
    def pending_bytes(self) -> int:
        return self._pending_bytes

    # any thread #############################################################

    def send(self, text: str) -> None:
        size = utf8_size(text)
        with self._life.lock:
            if not self._life.accepting:
                return
            if self._too_much_pending(len(self._queue) + 1, self._pending_bytes + size):
                self._abort_locked(CloseCode.POLICY, "client too slow to read its messages")
                return
            self._pending_bytes += size
            if not self._queue.put_locked((text, size)):
                return  # the writer is at work and will get to it
        self._core_loop.call_soon(self._start_writer)

    def _too_much_pending(self, count: int, size: int) -> bool:
        max_count = self._settings.MAX_PENDING_MESSAGES
        max_size = self._settings.MAX_PENDING_BYTES
        # one message of any size may wait (a big tree): only what piles up
        # behind it counts
        too_much = (max_count and count > max_count) or (max_size and size > max_size and count > 1)
        if too_much:
            logger.warning(
                "%r: %d messages (%d bytes) pending, more than MAX_PENDING_MESSAGES (%d) "
                "or MAX_PENDING_BYTES (%d): disconnecting",
                self._owner,
                count,
                size,
                max_count,
                max_size,
            )
        return bool(too_much)

    def close(self, code: int, reason: str) -> None:
        """Close after the messages already queued are written."""
        with self._life.lock:
            if not self._life.accepting:
                return
            self._life.move(ConnectionEvent.CLOSE)
            self._close_frame = (int(code), reason)
            if not self._queue.wake_locked():
                return  # the writer closes once it has written the queue
        self._core_loop.call_soon(self._start_writer)

    def abort(self, code: int, reason: str) -> None:
        """Close at once: the messages still queued are dropped, a send that
        waits for this client is given up."""
        with self._life.lock:
            self._abort_locked(code, reason)

    def _abort_locked(self, code: int, reason: str) -> None:
        if self._life.state in (ConnectionState.ABORTED, ConnectionState.CLOSED):
            return
        self._life.move(ConnectionEvent.ABORT)
        self._drop_locked()
        self._close_frame = (int(code), reason)
        idle = self._queue.wake_locked()
        self._core_loop.call_soon(self._interrupt_writer, idle)

    def _drop_locked(self) -> None:
        self._queue.clear_locked()
        self._pending_bytes = 0

    # core loop ##############################################################

    def gone(self) -> bool:
        """The transport is closed: the queue is dropped.  False if it was already."""
        with self._life.lock:
            if self._life.state is ConnectionState.CLOSED:
                return False
            self._life.move(ConnectionEvent.GONE)
            self._drop_locked()
        return True

    def _interrupt_writer(self, idle: bool) -> None:
        """After ``abort``: stop waiting for a send, then close."""
        if idle:
            self._start_writer()
        elif self._write_task is not None:
            self._write_task.cancel()  # the writer goes on to the close

    def _start_writer(self) -> None:
        """Write the queue: each text right here while the sends finish at
        once, in a task from the first one that has to wait."""
        try:
            while (text := self._next_text()) is not None:
                sending = self.transport.send(text)
                done, yielded = start_eagerly(sending)
                if not done:
                    task = asyncio.get_running_loop().create_task(self._write(sending, yielded))
                    task.add_done_callback(functools.partial(self._write_ended, sending))
                    self._write_task = task
                    return
        except Exception as error:  # a vanished client: nothing left to write to
            self._send_failed(error)

    def _next_text(self) -> str | None:
        """The next text to write; None when the writer stops (it closes if asked to)."""
        with self._life.lock:
            closing = self._close_frame is not None
            item = self._queue.pop_locked(stay_draining=closing)
            if item is not None:
                text, size = item
                self._pending_bytes -= size
                return text
            if not closing:
                return None
        asyncio.get_running_loop().create_task(self._close_transport())
        return None

    async def _write(self, sending: Coroutine[Any, Any, None], yielded: Any) -> None:
        """Finish a send that suspended, then write the rest of the queue."""
        try:
            await finish_started(sending, yielded)
        except Exception as error:
            self._write_task = None
            self._send_failed(error)
            return
        self._write_task = None
        self._start_writer()

    def _write_ended(self, sending: Coroutine[Any, Any, None], task: asyncio.Task[None]) -> None:
        """A send given up (``abort``), maybe before its task ever ran: the
        writer goes on, to the close."""
        if task.cancelled():
            sending.close()  # no-op if it ended; else it never will
            self._write_task = None
            self._start_writer()

    def _send_failed(self, error: BaseException) -> None:
        """A send failed: the socket is of no use any more, so it is closed
        rather than left open and silent."""
        logger.debug("%r: send failed: %r", self._owner, error)
        with self._life.lock:
            self._life.move(ConnectionEvent.SEND_FAILED)
            self._drop_locked()
            if self._close_frame is None:
                self._close_frame = (CloseCode.INTERNAL, "send failed")
        asyncio.get_running_loop().create_task(self._close_transport())

    async def _close_transport(self) -> None:
        close_frame = self._close_frame
        assert close_frame is not None
        try:
            await asyncio.wait_for(self.transport.close(*close_frame), CLOSE_TIMEOUT)
        except Exception as error:
            logger.debug("%r: close failed: %r", self._owner, error)
        self._on_closed()
