"""A blocking socket's writer (lona.adapter.blocking.BlockingTransport), over a real socket pair.

The "library" below frames each text as a line on a real, blocking TCP-like
socket, so a client that reads nothing really stalls the writer, and cutting
the connection really ends a send under way.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from lona.adapter.blocking import BlockingTransport
from lona.concurrency.loop import finish_started, start_eagerly
from lona.concurrency.threads import ElasticThreadPool

T = TypeVar("T")


def _tcp_pair(buffer: int | None) -> tuple[socket.socket, socket.socket]:
    """Both ends of a real TCP connection on loopback; ``buffer`` shrinks the
    kernel's buffers, so that a client that reads nothing stalls a writer soon."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.socket()
        if buffer is not None:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, buffer)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, buffer)
        client.connect(listener.getsockname())
        server, _ = listener.accept()
    return server, client


class LineSocket:
    """A blocking websocket library's side (``BlockingWebsocket``): a text is
    a line on a real socket; a close is the line ``CLOSE code reason``."""

    def __init__(self, buffer: int | None = None) -> None:
        self.sock, self.peer = _tcp_pair(buffer)
        self.connected = True

    def send(self, data: str) -> None:
        self.sock.sendall(data.encode() + b"\n")

    def close(self, reason: int, message: str) -> None:
        self.sock.sendall(f"CLOSE {reason} {message}\n".encode())
        self.connected = False

    def receive(self, timeout: float | None = None) -> str | None:
        return None


class Peer:
    """The client: reads lines off the other end when the test says so."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""
        sock.settimeout(30)

    def lines(self, count: int) -> list[str]:
        while self.buffer.count(b"\n") < count:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                break
            self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n", count)
        return [line.decode() for line in lines]

    def until_eof(self) -> bytes:
        while chunk := self.sock.recv(1 << 16):
            self.buffer += chunk
        return self.buffer


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` on a loop of its own in a thread of its own (the
    transport's loop; the test's own thread may have a loop set already)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result(timeout=60)


@pytest.fixture
def senders() -> Iterator[ElasticThreadPool]:
    pool = ElasticThreadPool("test-blocking-send")
    yield pool
    pool.shutdown()


@pytest.fixture
def line_socket() -> Iterator[LineSocket]:
    websocket = LineSocket()
    yield websocket
    websocket.sock.close()
    websocket.peer.close()


def test_a_burst_is_handed_over_at_once_and_written_in_order_before_the_close(senders, line_socket):
    transport = BlockingTransport(line_socket, senders)
    peer = Peer(line_socket.peer)

    async def burst() -> list[bool]:
        finished = [start_eagerly(transport.send(f"message {n}"))[0] for n in range(1000)]
        await transport.close(1000, "bye")
        return finished

    assert all(_run(burst()))  # not one send waited for the writer
    lines = peer.lines(1001)
    assert lines == [f"message {n}" for n in range(1000)] + ["CLOSE 1000 bye"]
    assert transport.closed_by_server


def test_sends_wait_while_the_writer_has_enough_in_hand_and_every_text_arrives(
    senders, line_socket
):
    transport = BlockingTransport(line_socket, senders)
    peer = Peer(line_socket.peer)
    texts = [f"{n:06d}" + "x" * 4090 for n in range(1000)]  # 4 MB: more than a burst
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.extend(peer.lines(len(texts))))
    reader.start()

    async def send_all() -> int:
        waited = 0
        for text in texts:
            sending = transport.send(text)
            done, yielded = start_eagerly(sending)
            if not done:
                waited += 1
                await finish_started(sending, yielded)
        return waited

    assert _run(send_all()) > 0  # beyond SEND_BUFFER in hand, a send waits
    reader.join(30)
    assert received == texts


async def _send_until_it_fails(transport: BlockingTransport) -> None:
    for _ in range(10_000):
        await transport.send("x" * 1024)
        await asyncio.sleep(0)  # a turn of the loop: the writer may have found out
    pytest.fail("sends to a socket of no use kept succeeding")


def test_after_a_failed_write_the_next_send_raises(senders, line_socket):
    transport = BlockingTransport(line_socket, senders)
    line_socket.peer.close()  # the client is gone
    with pytest.raises(ConnectionResetError, match="earlier send failed"):
        _run(_send_until_it_fails(transport))


def test_a_retired_socket_takes_no_more_writes(senders, line_socket):
    transport = BlockingTransport(line_socket, senders)
    transport.retire()  # the reading side ended
    with pytest.raises(ConnectionResetError, match="retired"):
        _run(_send_until_it_fails(transport))
    line_socket.peer.setblocking(False)
    with pytest.raises(BlockingIOError):
        line_socket.peer.recv(10)  # nothing was written


def test_closing_a_client_that_reads_nothing_cuts_the_connection(senders):
    line_socket = LineSocket(buffer=4096)
    transport = BlockingTransport(line_socket, senders)
    peer = Peer(line_socket.peer)

    async def stall_then_close() -> None:
        while True:  # until the writer is stuck in a send the peer never reads
            sending = transport.send("y" * 65536)
            if not start_eagerly(sending)[0]:
                break
        await transport.close(1008, "too slow")  # gives up on the stuck send and cuts
        sending.close()

    _run(stall_then_close())
    received = peer.until_eof()  # the connection ends; no close frame made it
    assert b"CLOSE" not in received
    assert not transport.closed_by_server
    line_socket.sock.close()
    line_socket.peer.close()
