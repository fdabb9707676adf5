"""A small blocking websocket client (RFC 6455) built on the standard library.

It is deliberately low level: tests can send any frame (oversized, truncated,
wrong opcode) and see exactly what the server answers, which a friendly
client library would not allow.
"""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import struct
import time
from urllib.parse import urlsplit

from lona.testing.client import Closed

__all__ = ["HandshakeError", "WebSocketClient"]

# seconds a closing client waits for the server to end the connection
CLOSE_WAIT = 2.0
_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


class HandshakeError(Exception):
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        super().__init__(f"websocket handshake refused with HTTP {status}")
        self.status = status
        self.headers = headers
        self.body = body


class WebSocketClient:
    def __init__(
        self, url: str, headers: dict[str, str] | None = None, timeout: float = 10
    ) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.sock = socket.create_connection((self.host, self.port), timeout=timeout)
        self._buffer = b""
        self._fragments: list[bytes] = []
        self.closed: Closed | None = None
        self._handshake(path, headers or {})

    # handshake ##############################################################

    def _handshake(self, path: str, headers: dict[str, str]) -> None:
        key = base64.b64encode(os.urandom(16)).decode()
        # a Host in ``headers`` replaces the address's (a page of another name)
        host = next((v for k, v in headers.items() if k.lower() == "host"), None)
        headers = {k: v for k, v in headers.items() if k.lower() != "host"}
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: {host or f'{self.host}:{self.port}'}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while b"\r\n\r\n" not in self._buffer:
            self._read_more()
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        response_headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            response_headers[name.strip().lower()] = value.strip()
        if status != 101:
            body = self._buffer
            self.sock.close()
            raise HandshakeError(status, response_headers, body)
        expected = base64.b64encode(hashlib.sha1(key.encode() + _GUID).digest()).decode()
        if response_headers.get("sec-websocket-accept") != expected:
            raise HandshakeError(status, response_headers, b"bad Sec-WebSocket-Accept")

    def _read_more(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Closed(None, "connection dropped")
        self._buffer += chunk

    # frames #################################################################

    def send_frame(self, opcode: int, payload: bytes, fin: bool = True, mask: bool = True) -> None:
        header = bytes([(0x80 if fin else 0) | opcode])
        length = len(payload)
        mask_bit = 0x80 if mask else 0
        if length < 126:
            header += bytes([mask_bit | length])
        elif length < 65536:
            header += bytes([mask_bit | 126]) + struct.pack("!H", length)
        else:
            header += bytes([mask_bit | 127]) + struct.pack("!Q", length)
        if mask:
            key = os.urandom(4)
            payload = (
                bytes(b ^ key[i % 4] for i, b in enumerate(payload))
                if len(payload) < 4096
                else _mask_fast(payload, key)
            )
            header += key
        self.sock.sendall(header + payload)

    def send(self, text: str) -> None:
        self.send_frame(OP_TEXT, text.encode("utf-8"))

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def receive(self, timeout: float) -> str:
        """The next text message; answers pings; raises Closed or TimeoutError."""
        if self.closed is not None:
            raise self.closed
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 and len(self._buffer) < 2:
                raise TimeoutError("no message")
            self.sock.settimeout(max(remaining, 0.001))
            try:
                opcode, payload, fin = self._read_frame()
            except TimeoutError:
                raise TimeoutError("no message") from None
            except OSError as error:
                self.closed = Closed(None, f"connection dropped: {error}")
                raise self.closed from None
            except Closed as closed:
                self.closed = closed
                raise
            if opcode == OP_PING:
                self.send_frame(OP_PONG, payload)
            elif opcode == OP_CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                reason = payload[2:].decode("utf-8", "replace")
                try:
                    self.send_frame(OP_CLOSE, payload[:2])
                except OSError:
                    pass
                self.sock.close()
                self.closed = Closed(code, reason)
                raise self.closed
            elif opcode in (OP_TEXT, OP_BINARY, OP_CONTINUATION):
                self._fragments.append(payload)
                if fin:
                    data = b"".join(self._fragments)
                    self._fragments = []
                    return data.decode("utf-8")

    def _read_frame(self) -> tuple[int, bytes, bool]:
        # parse only complete frames, so a timeout never loses half a frame
        while True:
            frame = _parse_frame(self._buffer)
            if frame is not None:
                opcode, payload, fin, size = frame
                self._buffer = self._buffer[size:]
                return opcode, payload, fin
            self._read_more()

    def close(self, code: int = 1000) -> None:
        """The closing handshake, as a browser does it: a close frame, then
        what the server still sends is read until it closes.  Closing the
        socket with unread data in it would reset the connection, and a reset
        makes the server's kernel drop what it had not handed on yet: the last
        messages sent (a LEAVE) would never arrive."""
        if self.closed is None:
            try:
                self.send_frame(OP_CLOSE, struct.pack("!H", code))
                self._read_until_server_closes()
            except OSError:
                pass
            self.closed = Closed(code, "closed by client")
        try:
            self.sock.close()
        except OSError:
            pass

    def _read_until_server_closes(self) -> None:
        deadline = time.monotonic() + CLOSE_WAIT
        while (remaining := deadline - time.monotonic()) > 0:
            self.sock.settimeout(remaining)
            if not self.sock.recv(65536):
                return

    def abort(self) -> None:
        """Drop the TCP connection without a close frame (a vanished client)."""
        self.closed = Closed(None, "aborted")
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.sock.close()


def _parse_frame(buffer: bytes) -> tuple[int, bytes, bool, int] | None:
    """(opcode, payload, fin, frame size) of the first complete frame, or None."""
    if len(buffer) < 2:
        return None
    first, second = buffer[0], buffer[1]
    length = second & 0x7F
    offset = 2
    if length == 126:
        if len(buffer) < 4:
            return None
        length = struct.unpack("!H", buffer[2:4])[0]
        offset = 4
    elif length == 127:
        if len(buffer) < 10:
            return None
        length = struct.unpack("!Q", buffer[2:10])[0]
        offset = 10
    key = None
    if second & 0x80:
        if len(buffer) < offset + 4:
            return None
        key = buffer[offset : offset + 4]
        offset += 4
    if len(buffer) < offset + length:
        return None
    payload = buffer[offset : offset + length]
    if key:
        payload = _mask_fast(payload, key)
    return first & 0x0F, payload, bool(first & 0x80), offset + length


def _mask_fast(payload: bytes, key: bytes) -> bytes:
    repeated = (key * (len(payload) // 4 + 1))[: len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(
        len(payload), "big"
    )
