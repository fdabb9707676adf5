"""Clients that send their request heads slowly ("slowloris") are cut off,
and cost the server no thread each while they wait."""

from __future__ import annotations

import select
import socket
from pathlib import Path

from lona_conformance.helpers import http_get

PACE = 0.25  # seconds between two header lines of the slow client
LINES = 60  # 15 s of header lines: far beyond the timeout under test


def _dribble(sock: socket.socket, first: bytes) -> int | None:
    """Send ``first``, then a header line every PACE seconds unless the server
    hangs up meanwhile: how many lines went out before it did (None: all)."""
    sock.sendall(first)
    for sent in range(LINES):
        readable, _, _ = select.select([sock], [], [], PACE)  # the hang-up, if it comes
        if readable:  # closed (or answered, say with a 408) instead of waiting
            return sent
        try:
            sock.sendall(b"X-Slow: %d\r\n" % sent)
        except OSError:
            return sent
    return None


def _read_answer(sock: socket.socket) -> None:
    """Read one whole answer (head and Content-Length body) off the socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)


def test_a_request_head_that_comes_too_slowly_is_cut_off(server_with):
    server = server_with(HTTP_HEADER_TIMEOUT=1)
    request = b"GET /api/status HTTP/1.1\r\nHost: x\r\n"
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        assert _dribble(sock, request) is not None
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(request + b"\r\n")  # a whole request first, on a kept-alive connection
        _read_answer(sock)
        assert _dribble(sock, request) is not None  # then a slow one
    page = http_get(server.url + "/")  # everyone else is served as ever
    assert page.status == 200


def _threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    raise LookupError("no thread count")


def test_slow_clients_hold_no_thread_each(lona_server):
    assert lona_server.process is not None
    pid = lona_server.process.pid
    http_get(lona_server.url + "/static/_lona/client/lona.js")  # warm up
    before = _threads(pid)
    slow = [socket.create_connection(("127.0.0.1", lona_server.port)) for _ in range(40)]
    try:
        for sock in slow:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
        # accepted after the forty: once it is answered, they were all accepted
        assert http_get(lona_server.url + "/static/_lona/client/lona.js").status == 200
        assert _threads(pid) < before + 20  # not a thread per slow client
    finally:
        for sock in slow:
            sock.close()
