"""Request heads read before a connection gets a thread (threaded standalone servers).

A threaded server (Werkzeug's, any ``socketserver.ThreadingMixIn``) starts a
thread per connection as soon as it is accepted, and that thread waits for the
request head however slowly it comes: a client sending a header line every
few seconds ("slowloris") holds a thread each, for as long as it likes.  Here
one thread reads the heads of all new connections (``selectors``), each within
``timeout`` seconds: a connection gets its thread only once its head is
complete, and one that is too slow is closed (``lona.adapter.threaded`` puts
the gate into such a server).  Werkzeug answers every request with
``Connection: close``, so the first head is the only one a connection sends.

Once the answer goes out, Werkzeug reads what the client still sends (the
rest of a body it did not read) until the client stops, so that the client
sees the answer rather than a reset.  A client that trickles bytes would keep
the thread there for ever; ``PrefixedSocket`` gives it ``LINGER_TIME``.
"""

from __future__ import annotations

import io
import logging
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

__all__ = ["HeaderGate", "PrefixedSocket"]

logger = logging.getLogger("lona.adapter")

HEAD_END = b"\r\n\r\n"
_CHUNK = 64 * 1024
# seconds the server reads what a client still sends once it is answered
LINGER_TIME = 2.0

HandOn = Callable[[Any, Any], None]


class PrefixedSocket:
    """A socket whose first bytes (the request head) were read already: every
    read gives them first.  Everything else is the socket's own, except that
    the request's stream (``makefile("rb")``) ends LINGER_TIME after the
    answer began."""

    def __init__(self, sock: socket.socket, prefix: bytes) -> None:
        self._sock = sock
        self._prefix = prefix
        self._answered_at: float | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def sendall(self, data: Any, flags: int = 0) -> None:
        if self._answered_at is None:
            self._answered_at = time.monotonic()
        self._sock.sendall(data, flags)

    def recv(self, size: int, flags: int = 0) -> bytes:
        if self._prefix:
            chunk, self._prefix = self._prefix[:size], self._prefix[size:]
            return chunk
        return self._sock.recv(size, flags)

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        if self._prefix:
            return self._take_prefix(buffer, nbytes)
        return self._sock.recv_into(buffer, nbytes, flags)

    def _take_prefix(self, buffer: Any, nbytes: int = 0) -> int:
        view = memoryview(buffer).cast("B")
        count = min(nbytes or len(view), len(self._prefix))
        view[:count] = self._prefix[:count]
        self._prefix = self._prefix[count:]
        return count

    def makefile(self, mode: str = "r", buffering: int | None = None, **kwargs: Any) -> Any:
        if mode != "rb":
            return self._sock.makefile(mode, buffering, **kwargs)  # type: ignore[call-overload]
        size = buffering if buffering and buffering > 0 else io.DEFAULT_BUFFER_SIZE
        # the socket's own raw stream: while it is open, closing the socket
        # (as simple-websocket does) leaves the descriptor to the server, as
        # the socket's own makefile() would
        raw = self._sock.makefile("rb", buffering=0)
        return io.BufferedReader(_RequestStream(self, raw), size)

    def read_request_stream(self, raw: Any, buffer: Any) -> int:
        """Read for the request's stream; after the answer, only for a while."""
        if self._prefix:
            return self._take_prefix(buffer)
        if self._answered_at is None:
            result: int = raw.readinto(buffer)
            return result
        remaining = self._answered_at + LINGER_TIME - time.monotonic()
        if remaining <= 0:
            return 0  # the end of what the server reads from this client
        previous = self._sock.gettimeout()
        self._sock.settimeout(remaining)
        try:
            result = raw.readinto(buffer)
            return result
        except (TimeoutError, OSError):
            return 0
        finally:
            self._sock.settimeout(previous)


class _RequestStream(io.RawIOBase):
    def __init__(self, sock: PrefixedSocket, raw: Any) -> None:
        self._sock = sock
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._sock.read_request_stream(self._raw, buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Pending:
    __slots__ = ("address", "deadline", "head", "sock")

    def __init__(self, sock: socket.socket, address: Any, deadline: float) -> None:
        self.sock = sock
        self.address = address
        self.deadline = deadline
        self.head = bytearray()


class HeaderGate:
    """One thread that reads the request heads of new connections.

    ``admit(sock, address)`` (the accepting thread) hands a connection in;
    ``hand_on(PrefixedSocket, address)`` gets it back with its head complete
    (or grown past ``limit`` bytes: the server then refuses it as too large).
    """

    def __init__(self, timeout: float, limit: int, hand_on: HandOn) -> None:
        self.timeout = timeout
        self.limit = limit
        self.hand_on = hand_on
        self._selector = selectors.DefaultSelector()
        self._arrivals: deque[tuple[socket.socket, Any]] = deque()
        self._waiting: deque[_Pending] = deque()  # in admission order, so by deadline
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._selector.register(self._wake_reader, selectors.EVENT_READ, None)
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="lona-heads", daemon=True)
        self._thread.start()

    def admit(self, sock: socket.socket, address: Any) -> None:
        self._arrivals.append((sock, address))
        self._wake()

    def close(self) -> None:
        self._stopped = True
        self._wake()
        self._thread.join(5)

    def _wake(self) -> None:
        try:
            self._wake_writer.send(b"\0")
        except OSError:  # the pipe is full: the gate wakes anyway
            pass

    def _run(self) -> None:
        try:
            while not self._stopped:
                self._take_arrivals()
                timeout = None
                if self._waiting:
                    timeout = max(0.0, self._waiting[0].deadline - time.monotonic())
                for key, _events in self._selector.select(timeout):
                    if key.data is None:
                        self._drain_wakeups()
                    else:
                        self._read(key.data)
                self._expire()
        finally:
            for pending in self._waiting:
                _close(pending.sock)
            self._selector.close()
            self._wake_reader.close()
            self._wake_writer.close()

    def _take_arrivals(self) -> None:
        while self._arrivals:
            sock, address = self._arrivals.popleft()
            pending = _Pending(sock, address, time.monotonic() + self.timeout)
            sock.setblocking(False)
            self._selector.register(sock, selectors.EVENT_READ, pending)
            self._waiting.append(pending)

    def _drain_wakeups(self) -> None:
        try:
            while self._wake_reader.recv(4096):
                pass
        except BlockingIOError:
            pass

    def _read(self, pending: _Pending) -> None:
        try:
            chunk = pending.sock.recv(_CHUNK)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client left before its head was complete
            self._forget(pending)
            _close(pending.sock)
            return
        searched_from = max(0, len(pending.head) - len(HEAD_END) + 1)
        pending.head += chunk
        if pending.head.find(HEAD_END, searched_from) >= 0 or len(pending.head) > self.limit:
            self._forget(pending)
            pending.sock.setblocking(True)
            try:
                self.hand_on(PrefixedSocket(pending.sock, bytes(pending.head)), pending.address)
            except Exception:
                logger.exception("could not hand on a connection from %s", pending.address)
                _close(pending.sock)

    def _forget(self, pending: _Pending) -> None:
        self._selector.unregister(pending.sock)
        pending.deadline = -1.0  # taken out of _waiting when it reaches the front

    def _expire(self) -> None:
        now = time.monotonic()
        while self._waiting and self._waiting[0].deadline < now:
            pending = self._waiting.popleft()
            if pending.deadline < 0:
                continue  # handed on or gone already
            logger.debug(
                "closed a connection from %s: no complete request head within %ss",
                pending.address,
                self.timeout,
            )
            self._selector.unregister(pending.sock)
            _close(pending.sock)


def _close(sock: socket.socket) -> None:
    try:
        sock.close()
    except OSError:
        pass
