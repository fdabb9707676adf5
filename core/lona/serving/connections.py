"""The open websockets of a server.

Silent ones are closed: the client pings every ``CLIENT_PING_INTERVAL``, so
a connection without any message for three intervals is a half-open one (a
dropped network), and its non-daemon views would otherwise live forever.
At shutdown all are closed with 1001, and ``close_all`` waits (briefly) for
their close frames.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from lona.protocol import CloseCode

if TYPE_CHECKING:
    from lona.ws.connection import Connection

__all__ = ["OpenConnections"]

logger = logging.getLogger("lona.server")

# how long close_all() waits for the close frames of open sockets to be written
CLOSE_FRAMES_TIMEOUT = 1.0


class OpenConnections:
    def __init__(self) -> None:
        self._connections: set[Connection] = set()
        self._gone: asyncio.Event | None = None  # set when the last one closed
        self._sweeper: asyncio.Task[None] | None = None

    def snapshot(self) -> list[Connection]:
        return list(self._connections)

    def __len__(self) -> int:
        return len(self._connections)

    def start(self, ping_interval: float) -> None:
        """On the core loop, when the server starts."""
        self._gone = asyncio.Event()
        if ping_interval:
            loop = asyncio.get_running_loop()
            self._sweeper = loop.create_task(self._sweep_silent(float(ping_interval)))

    def add(self, connection: Connection) -> None:
        self._connections.add(connection)

    def discard(self, connection: Connection) -> None:
        self._connections.discard(connection)
        if not self._connections and self._gone is not None:
            self._gone.set()

    def stop_sweeping(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()

    async def close_all(self) -> None:
        """Close every socket with 1001 and wait until their writers sent the
        close frames: where an adapter's send runs elsewhere (Flask: in a
        thread) a loop turn is not enough, and the loop may stop right after."""
        for connection in list(self._connections):
            connection.close(CloseCode.GOING_AWAY, "server shutdown")
        if self._connections and self._gone is not None:
            self._gone.clear()
            try:
                await asyncio.wait_for(self._gone.wait(), CLOSE_FRAMES_TIMEOUT)
            except TimeoutError:
                logger.debug("%d sockets still closing", len(self._connections))

    async def _sweep_silent(self, interval: float) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(interval)
            deadline = loop.time() - 3 * interval
            for connection in list(self._connections):
                if connection.last_seen < deadline:
                    logger.info("%r: silent for %.0fs, closing", connection, 3 * interval)
                    connection.close(CloseCode.POLICY, "no message from the client")
                    connection.closed()
