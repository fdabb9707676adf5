"""HTTP requests exactly as written: for URLs and bodies a normal client would
clean up (``..``, encoded slashes, NUL bytes), and for bodies sent piece by piece."""

from __future__ import annotations

import http.client
import socket

from lona_conformance.helpers import HttpResult

__all__ = ["RawConnection", "multipart_body", "raw_get"]


class RawConnection:
    """One connection to 127.0.0.1:port that sends bytes as given."""

    def __init__(self, port: int, timeout: float = 10) -> None:
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=timeout)

    def send(self, data: bytes) -> None:
        self.socket.sendall(data)

    def response(self, method: str = "GET") -> HttpResult | None:
        """The answer, or None when the server closed the connection without one."""
        answer = http.client.HTTPResponse(self.socket, method=method)
        try:
            answer.begin()
            body = answer.read()
        except (http.client.HTTPException, ConnectionError):
            return None
        headers = {name.lower(): value for name, value in answer.getheaders()}
        return HttpResult(answer.status, headers, body)

    def close(self) -> None:
        self.socket.close()

    def __enter__(self) -> RawConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def raw_get(
    port: int, target: bytes | str, headers: dict[str, str] | None = None, method: str = "GET"
) -> HttpResult | None:
    """``GET <target> HTTP/1.1`` with the target byte for byte."""
    if isinstance(target, str):
        target = target.encode("latin-1")
    lines = [method.encode() + b" " + target + b" HTTP/1.1", f"Host: 127.0.0.1:{port}".encode()]
    lines += [f"{name}: {value}".encode("latin-1") for name, value in (headers or {}).items()]
    lines.append(b"Connection: close")
    with RawConnection(port) as connection:
        connection.send(b"\r\n".join(lines) + b"\r\n\r\n")
        return connection.response(method)


def multipart_body(
    files: list[tuple[str, bytes]], boundary: str = "conformance-boundary", field: str = "files"
) -> tuple[bytes, str]:
    """A multipart/form-data body with ``files`` (name, content); and its content type."""
    parts = []
    for name, content in files:
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
