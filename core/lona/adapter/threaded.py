"""Threaded standalone servers (``socketserver``'s, Werkzeug's): heads read
before a thread starts, answers sent whole, and serving until a stop.

``GatedServerMixin`` goes before the server class: each accepted connection
waits in the ``HeaderGate`` until its request head is in, and only then gets
its thread.  ``SendAll`` is the raw side of a buffered answer.
``serve_until_stopped`` runs the server loop in the calling (main) thread.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any, Protocol

from lona.adapter.contract import Server
from lona.adapter.header_gate import HeaderGate
from lona.adapter.host import HEAD_LIMIT, header_timeout

__all__ = ["GatedServerMixin", "SendAll", "serve_until_stopped"]


class _ServerLoop(Protocol):
    def serve_forever(self, poll_interval: float = 0.5) -> None: ...

    def shutdown(self) -> None: ...

    def server_close(self) -> None: ...


class GatedServerMixin:
    """A ``socketserver.ThreadingMixIn`` server whose connections get their
    thread once their request head is in (``HTTP_HEADER_TIMEOUT``)."""

    gate: HeaderGate

    def open_gate(self, server: Server) -> None:
        self.gate = HeaderGate(header_timeout(server), 2 * HEAD_LIMIT, self._start_thread)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.gate.admit(request, client_address)

    def _start_thread(self, request: Any, client_address: Any) -> None:
        super().process_request(request, client_address)  # type: ignore[misc]

    def server_close(self) -> None:
        self.gate.close()
        super().server_close()  # type: ignore[misc]


class SendAll(io.RawIOBase):
    """The raw side of the answer's buffer: a write is one ``sendall`` (where
    the header gate's socket sees the answer begin; ``socket.makefile`` would
    bypass it).

    Once a send failed (the client is gone), the error has reached the server,
    which treats it as a dropped connection; later writes go nowhere, so that
    the buffer's flush on close does not raise the same error again.
    """

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._broken = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if not self._broken:
            try:
                self._connection.sendall(data)
            except OSError:
                self._broken = True
                raise
        return len(data)


def serve_until_stopped(
    server: Server, http_server: _ServerLoop, cleanup: Callable[[], None]
) -> None:
    """Serve until a stop is requested, then stop accepting, ``cleanup()``
    (which stops the core), and release the port.

    The server loop runs in the calling (main) thread, where the core's signal
    handlers run too: they only set ``server.stop_requested``, which a watcher
    thread waits for before it tells the server loop to end.  (Waiting on the
    event in the main thread instead could deadlock: a handler calling
    ``set()`` while ``wait()`` holds the event's lock.)
    """

    def stop_when_requested() -> None:
        server.stop_requested.wait()
        http_server.shutdown()  # returns once serve_forever() stopped accepting

    watcher = threading.Thread(target=stop_when_requested, name="lona-stop")
    watcher.start()
    try:
        http_server.serve_forever(poll_interval=0.1)
    finally:
        server.request_stop()  # also when serve_forever() failed
        watcher.join()
        cleanup()
        http_server.server_close()
