"""Blocking websockets and request bodies, for thread-per-socket servers (Flask).

The core calls ``Transport.send`` on its loop; a blocking socket (flask-sock's
simple-websocket) must not be written from two threads, so each send runs in
a thread of an elastic pool (a slow client holds one thread, never the loop
or other clients) under the socket's own lock.  Request bodies are read the
same way (``ThreadedBody``), when and as far as the core needs them.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from lona.adapter.contract import Connection, Server, Transport, deliver
from lona.adapter.host import GetUser, HostLayout, MountedServer
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
    """One blocking socket; the core's sends run in ``senders``, one at a time.

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
        self._lock = threading.Lock()
        self._retired = False
        self.closed_by_server = False

    async def send(self, text: str) -> None:
        await asyncio.wrap_future(self.senders.submit(self._send, text))

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await asyncio.wrap_future(self.senders.submit(self._close, code, reason))

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

    def _send(self, text: str) -> None:
        with self._lock:
            if self._retired:
                raise ConnectionResetError("socket retired")
            self.websocket.send(text)

    def _close(self, code: int, reason: str) -> None:
        if not self._lock.acquire(timeout=SEND_GIVE_UP):
            cut(self.websocket.sock)
            return
        try:
            if self._retired or not self.websocket.connected:
                return
            self.closed_by_server = True
            try:
                self.websocket.close(code, reason)
            except self.closed_errors:
                pass
        finally:
            self._lock.release()


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
