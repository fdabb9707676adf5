"""A TCP proxy on loopback that can break the network between browser and server.

``drop()`` resets every open connection at once (a network drop the client
notices); ``freeze()`` stops forwarding without closing anything (a half-open
connection nobody notices until pings go unanswered); ``thaw()`` ends that.
New connections keep working after a drop, as after a real outage.
``cut(seconds)`` is an outage that lasts: it drops every connection and
refuses new ones (reset at once, as a lost route would) until the time is up.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from typing import Any

__all__ = ["TcpProxy"]


class TcpProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._writers: set[asyncio.StreamWriter] = set()
        self._frozen = asyncio.Event()
        self._cut = False
        self._server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _handle(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        if self._cut:
            _reset(client_writer)
            return
        try:
            server_reader, server_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port
            )
        except OSError:
            client_writer.close()
            return
        self._writers.update((client_writer, server_writer))
        await asyncio.gather(
            self._pipe(client_reader, server_writer),
            self._pipe(server_reader, client_writer),
            return_exceptions=True,
        )
        for writer in (client_writer, server_writer):
            self._writers.discard(writer)
            writer.close()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            while self._frozen.is_set():
                await asyncio.sleep(0.05)
            writer.write(data)
            await writer.drain()

    def _run(self, function: Any) -> None:
        asyncio.run_coroutine_threadsafe(function(), self._loop).result(10)

    def drop(self) -> None:
        async def reset_all() -> None:
            for writer in list(self._writers):
                _reset(writer)
            self._writers.clear()

        self._run(reset_all)

    def cut(self, seconds: float) -> None:
        """No network for ``seconds``: open connections reset, new ones refused."""

        async def start_cut() -> None:
            self._cut = True
            self._loop.call_later(seconds, self._mend)

        self._run(start_cut)
        self.drop()

    def _mend(self) -> None:
        self._cut = False

    def freeze(self) -> None:
        async def set_frozen() -> None:
            self._frozen.set()

        self._run(set_frozen)

    def thaw(self) -> None:
        async def clear_frozen() -> None:
            self._frozen.clear()

        self._run(clear_frozen)

    def close(self) -> None:
        async def shut() -> None:
            if self._server is not None:
                self._server.close()
            for writer in list(self._writers):
                writer.close()

        self._run(shut)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def __enter__(self) -> TcpProxy:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with RST, not a polite FIN: what a broken network looks like."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.close()
