"""Blocking websockets and request bodies, for thread-per-socket servers (Flask).

The core calls ``Transport.send`` on its loop; a blocking socket (flask-sock's
simple-websocket) must not be written from two threads, so one writer at a
time, in a thread of an elastic pool, writes what the core sent (a slow
client holds one thread, never the loop or other clients), under the
socket's own lock.  Request bodies are read the
same way (``ThreadedBody``), when and as far as the core needs them.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol

from lona.adapter.contract import Connection, Server, Transport, deliver
from lona.adapter.host import GetUser, HostLayout, MountedServer
from lona.concurrency.serial_queue import SerialQueue
from lona.concurrency.threads import ElasticThreadPool

__all__ = [
    "CLOSE_TIMEOUT",
    "BlockingTransport",
    "BlockingWebsocket",
    "ThreadedBody",
    "ThreadedMount",
    "wait_for_close_reply",
]

# how long a closed socket may wait for the client's close frame before the
# connection is cut, so a silent client can not keep its threads forever
CLOSE_TIMEOUT = 5.0
# how long a close waits for a send in progress; a send that takes longer
# writes to a client that reads nothing (the core gave up on it): the socket
# is cut instead, which ends the send and the reader
SEND_GIVE_UP = 1.0
# how long a receiving thread waits before it looks whether its socket was
# closed by us: simple-websocket does not always wake a reader on close()
RECEIVE_POLL = 1.0
# how many characters of texts a blocking socket's writer may have in hand
# before ``send`` waits for it (see BlockingTransport)
SEND_BUFFER = 64 * 1024


class BlockingWebsocket(Protocol):
    """A websocket whose calls block (simple-websocket's ``Server``)."""

    @property
    def sock(self) -> socket.socket: ...

    @property
    def connected(self) -> bool: ...

    def send(self, data: str) -> None: ...

    def receive(self, timeout: float | None = None) -> str | bytes | None: ...

    def close(self, reason: int, message: str) -> None: ...


class BlockingTransport(Transport):
    """One blocking socket, written by one pool thread at a time.

    ``send`` hands the text to the socket's writer and returns at once while
    the writer has less than ``SEND_BUFFER`` in hand, as a socket's buffer
    would; beyond that it waits until the writer catches up.  So a burst (the
    messages a resumed tab missed, a view's first tree and its updates) costs
    one pool trip, not a trip and a hop back per message.  A write that fails
    drops what is in hand and makes the next ``send`` raise; ``close`` is
    written after the texts in hand.

    ``closed_errors``: what the library raises for a socket that is closed
    already (a receive then ends, a close has nothing left to do).
    ``close_timeout``: how long a client has to answer our close frame."""

    def __init__(
        self,
        websocket: BlockingWebsocket,
        senders: ElasticThreadPool,
        closed_errors: tuple[type[BaseException], ...] = (),
        close_timeout: float = CLOSE_TIMEOUT,
    ) -> None:
        self.websocket = websocket
        self.close_timeout = close_timeout
        self.senders = senders
        self.library_closed = closed_errors
        self.closed_errors: tuple[type[BaseException], ...] = (*closed_errors, OSError)
        self._lock = threading.Lock()  # around each blocking call on the socket
        self._retired = False
        self.closed_by_server = False
        self._writes: SerialQueue[str | _CloseFrame] = SerialQueue()
        self._in_hand = 0  # characters of the texts queued (under the queue's lock)
        self._room: asyncio.Future[None] | None = None  # a send waiting for the writer
        self._failure: BaseException | None = None

    async def send(self, text: str) -> None:
        self._raise_if_failed()
        room = self._hand_over(text, len(text))
        if room is not None:
            await room
            self._raise_if_failed()

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Written after the texts in hand; a writer that can not get them out
        within ``SEND_GIVE_UP`` writes to a client that reads nothing (the
        core gave up on it): the connection is cut instead."""
        frame = _CloseFrame(int(code), reason)
        self._hand_over(frame, 0)
        try:
            # shielded: giving up must not cancel the future the writer settles
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(frame.done)), SEND_GIVE_UP)
        except TimeoutError:
            cut(self.websocket.sock)  # ends the send under way; the close is dropped

    def carry(self, connection: Connection, reader: threading.Thread | None) -> None:
        """Hand what the socket receives to ``connection``, in this thread, until
        the socket ends; then wait for the client's close reply (``reader``:
        the library's reading thread, if it has one)."""
        try:
            while True:
                message = self.websocket.receive(timeout=RECEIVE_POLL)
                if message is None:
                    if not self.websocket.connected:  # closed by us while we waited
                        break
                    continue
                deliver(connection, message)
        except self.library_closed:
            pass
        finally:
            self.retire()
            connection.closed()
            wait_for_close_reply(self.websocket, reader, self.closed_by_server, self.close_timeout)

    def retire(self) -> None:
        """The receiving side is done: later sends fail instead of racing the library's close."""
        with self._lock:
            self._retired = True

    def _hand_over(self, item: str | _CloseFrame, size: int) -> asyncio.Future[None] | None:
        """Queue ``item`` for the writer (starting one if none is at work); a
        future to wait on when the writer has more than ``SEND_BUFFER`` in hand."""
        room: asyncio.Future[None] | None = None
        with self._writes.lock:
            self._in_hand += size
            start = self._writes.put_locked(item)
            if size and self._in_hand > SEND_BUFFER:
                room = self._room = asyncio.get_running_loop().create_future()
        if start:
            self.senders.start(self._write_all)
        return room

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            raise ConnectionResetError(f"an earlier send failed: {self._failure!r}")

    # the writer (a pool thread) #############################################

    def _write_all(self) -> None:
        self._writes.drain(self._write, self._write_failed)

    def _write(self, item: str | _CloseFrame) -> bool:
        if isinstance(item, _CloseFrame):
            self._close_now(item)
            return True
        with self._lock:
            if self._retired:
                raise ConnectionResetError("socket retired")
            self.websocket.send(item)
        with self._writes.lock:
            self._in_hand -= len(item)
            room = self._room if self._in_hand <= SEND_BUFFER else None
            if room is not None:
                self._room = None
        if room is not None:
            _wake(room)
        return True

    def _write_failed(self, item: str | _CloseFrame, error: Exception) -> None:
        """The socket is of no use any more: what is in hand is dropped."""
        with self._writes.lock:
            self._failure = self._failure or error
            dropped = [item, *self._writes]
            self._writes.clear_locked()
            self._in_hand = 0
            room, self._room = self._room, None
        for frame in dropped:
            if isinstance(frame, _CloseFrame):
                frame.settle()
        if room is not None:
            _wake(room)

    def _close_now(self, frame: _CloseFrame) -> None:
        try:
            with self._lock:
                if self._retired or not self.websocket.connected:
                    return
                self.closed_by_server = True
                try:
                    self.websocket.close(frame.code, frame.reason)
                except self.closed_errors:
                    pass
        finally:
            frame.settle()


class _CloseFrame:
    """A close queued behind the texts; ``done`` once it is written (or dropped)."""

    __slots__ = ("code", "done", "reason")

    def __init__(self, code: int, reason: str) -> None:
        self.code = code
        self.reason = reason
        self.done: Future[None] = Future()

    def settle(self) -> None:
        if not self.done.done():  # only the writer's thread settles it
            self.done.set_result(None)


def _wake(room: asyncio.Future[None]) -> None:
    """Let the send waiting on ``room`` go on (from the writer's thread)."""
    room.get_loop().call_soon_threadsafe(_settle, room)


def _settle(room: asyncio.Future[None]) -> None:
    if not room.done():  # not given up (cancelled) meanwhile
        room.set_result(None)


class ThreadedBody:
    """A request body read by blocking calls: each read runs in a thread of an
    elastic pool, never on the core's loop.  What ``read`` raises when the
    client went away before the body was complete (``gone``) reaches the core
    as the ``ConnectionError`` it expects."""

    def __init__(
        self,
        read: Callable[[int], bytes],
        readers: ElasticThreadPool,
        gone: tuple[type[BaseException], ...] = (),
    ) -> None:
        self._read = read
        self.readers = readers
        self.gone = gone

    async def read(self, size: int) -> bytes:
        return await asyncio.wrap_future(self.readers.submit(self._read_now, size))

    def _read_now(self, size: int) -> bytes:
        try:
            return self._read(size)
        except self.gone as error:
            raise ConnectionResetError(str(error)) from error


class ThreadedMount(MountedServer):
    """One core server in a host without a loop (WSGI): the core runs a loop of
    its own in a thread, started by the first request, so that a forking server
    (gunicorn) starts it in each worker, never in the master.  Sends and body
    reads run in two elastic pools."""

    framework = "the host"  # named when get_user is not sync

    def __init__(
        self,
        server: Server,
        get_user: GetUser | None = None,
        layout: HostLayout | None = None,
        name: str = "lona",
    ) -> None:
        super().__init__(server, get_user, layout)
        self.senders = ElasticThreadPool(name=f"{name}-send", idle_timeout=10.0)
        self.readers = ElasticThreadPool(name=f"{name}-read", idle_timeout=10.0)
        self._lock = threading.Lock()
        self._started = False
        self._stopped = False

    def ensure_started(self) -> bool:
        """Start the core on first use; False once shut down."""
        with self._lock:
            if self._stopped:
                return False
            if not self._started:
                self.server.start_in_thread()
                self._started = True
            return True

    def shutdown(self) -> None:
        """Views get ServerStop, sockets close with 1001; safe to call twice."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            started = self._started
        if started:
            self.server.stop_in_thread()
        self.senders.shutdown()
        self.readers.shutdown()

    def user_sync(self, native: Any) -> Any:
        """The host's user, in the request's thread (its context is there)."""
        if self.get_user is None:
            return None
        user = self.context_free(self.get_user(native))
        if inspect.isawaitable(user):
            if inspect.iscoroutine(user):
                user.close()  # never awaited: no warning on garbage collection
            raise TypeError(
                f"get_user={self.get_user!r} returned an awaitable; {self.framework}'s must be sync"
            )
        return user

    def context_free(self, user: Any) -> Any:
        """The user itself where the host hands a proxy bound to its request context."""
        return user


def wait_for_close_reply(
    websocket: BlockingWebsocket,
    reader: threading.Thread | None,
    by_server: bool,
    timeout: float = CLOSE_TIMEOUT,
) -> None:
    """Give a client that has not answered our close frame ``timeout`` seconds,
    then cut the connection, so a silent client can not keep the ``reader`` thread."""
    if reader is None:
        return
    reader.join(timeout)
    if reader.is_alive():
        cut(websocket.sock)
        return
    if by_server:
        _drain(websocket.sock, timeout)


def cut(sock: socket.socket) -> None:
    """End the connection under whatever blocks on it (a send, a read)."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _drain(sock: socket.socket, timeout: float) -> None:
    """After our close frame, read until the client's close reply (or its EOF).

    A library may stop reading as soon as it sent its close frame (simple-websocket
    does).  If the connection closed before the client's reply arrived, the reply would
    hit a closed socket, the kernel would answer with a reset, and a reset
    makes the client's kernel discard our close frame if the browser had not
    read it yet (the browser then reports 1006 instead of our code).  A client
    sends its reply in a frame of its own, starting with 0x88 (FIN + close).
    """
    deadline = time.monotonic() + timeout
    try:
        while (remaining := deadline - time.monotonic()) > 0:
            sock.settimeout(remaining)
            chunk = sock.recv(65536)
            if not chunk or chunk[0] == 0x88:
                return
    except OSError:
        pass
