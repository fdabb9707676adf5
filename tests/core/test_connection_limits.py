"""What one connection may cost: a failed send, a client that reads nothing."""

from __future__ import annotations

import asyncio
import threading

from lona.adapter import Transport
from lona.http import HttpRequest
from lona.protocol import CloseCode
from lona_conformance.helpers import eventually


class RecordingTransport(Transport):
    """Sends fail (``fail``) or never finish (``stall``); closes are recorded."""

    def __init__(self, fail: bool = False, stall: bool = False) -> None:
        self.fail = fail
        self.stall = stall
        self.sent: list[str] = []
        self.closes: list[int] = []
        self.cancelled = threading.Event()

    async def send(self, text: str) -> None:
        if self.fail:
            raise UnicodeEncodeError("utf-8", text, 0, 1, "a send that fails")
        self.sent.append(text)
        if self.stall and len(self.sent) > 1:
            try:
                await asyncio.get_running_loop().create_future()  # a client that reads nothing
            except BaseException:  # cancelled, or closed before its task ever ran
                self.cancelled.set()
                raise

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closes.append(code)


def _open(server, transport):
    return server.open_websocket(HttpRequest("GET", server.websocket_path), transport)


def test_a_connection_whose_send_failed_is_closed_and_forgotten(app, served):
    server, _connect = served()
    transport = RecordingTransport(fail=True)
    connection = _open(server, transport)
    connection.send("[10]")
    eventually(lambda: transport.closes, what="the close")
    assert transport.closes == [CloseCode.INTERNAL]
    eventually(lambda: connection not in server.connections(), what="the connection forgotten")


def test_a_client_that_reads_nothing_costs_at_most_the_byte_bound(app, served):
    app.settings.MAX_PENDING_BYTES = 100_000
    app.settings.MAX_PENDING_MESSAGES = 0  # the count alone would allow it all
    server, _connect = served()
    transport = RecordingTransport(stall=True)
    connection = _open(server, transport)
    message = "[13,null,null," + '"' + "x" * 10_000 + '"]'
    for number in (1, 2):  # the second send waits for the client for ever
        connection.send(message)
        eventually(lambda n=number: len(transport.sent) == n, what=f"send {number}")
    for _ in range(50):  # 500 kB more: five times the bound
        connection.send(message)
    eventually(lambda: transport.closes, what="the disconnect")
    assert transport.closes == [CloseCode.POLICY]
    assert transport.cancelled.is_set()  # the send that waited for the client was given up
    assert len(transport.sent) == 2  # nothing more was written after the stalled send
