"""What a client sends over HTTP, checked before anything uses it.

Limits on the URL, the headers and the body, and strict parsing of query
strings and forms.  Bad input raises ``HttpError`` with a 4xx status; the
handler answers it with a short text and one log line, the same on every
adapter, and goes on serving.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from lona.http.multipart import (
    MultipartError,
    MultipartParser,
    PartData,
    PartEnd,
    PartStart,
    boundary_of,
    header_parameters,
)

if TYPE_CHECKING:
    from lona.http import HttpRequest
    from lona.settings import Settings

__all__ = [
    "CHUNK_SIZE",
    "HttpError",
    "UploadedFile",
    "body_chunks",
    "check_request_head",
    "discard_body",
    "parse_form",
    "parse_query",
    "read_body",
]

CHUNK_SIZE = 64 * 1024
# After refusing a body, read (and drop) this much more of it before
# answering: a client that is still sending sees the answer instead of a
# reset connection.  Bigger bodies get the answer at once; the adapter may
# then have to close the connection.
DISCARD_LIMIT = 8 * 1024 * 1024
MAX_FIELDS = 1000


class HttpError(Exception):
    """Bad input: answered with ``status`` and ``reason``."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class UploadedFile:
    """A file posted in a multipart form to a non-interactive view (``request.POST``)."""

    filename: str
    content_type: str
    data: bytes


# the request head ###########################################################


def check_request_head(request: HttpRequest, settings: Settings) -> None:
    """URL and header sizes within ``MAX_URL_LENGTH`` / ``MAX_HEADER_SIZE``."""
    url_limit = settings.MAX_URL_LENGTH
    if url_limit and len(request.path) + len(request.query_string) > url_limit:
        raise HttpError(414, f"the URL is longer than {url_limit} characters")
    header_limit = settings.MAX_HEADER_SIZE
    size = sum(len(name) + len(value) + 4 for name, value in request.headers.items())
    if header_limit and size > header_limit:
        raise HttpError(431, f"the headers are larger than {header_limit} bytes")


def parse_query(query_string: str) -> dict[str, str]:
    """``a=1&b=2`` -> dict; 400 for bytes that are not UTF-8 or too many fields."""
    return _parse_urlencoded(query_string, "query string")


def _parse_urlencoded(text: str, what: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError as error:
        raise HttpError(400, f"the {what} is not valid UTF-8") from error
    except ValueError as error:
        raise HttpError(400, f"the {what} has more than {MAX_FIELDS} fields") from error
    return dict(pairs)


# bodies #####################################################################


def content_length(request: HttpRequest) -> int | None:
    value = request.headers.get("content-length")
    if value is None:
        return None
    if not value.strip().isdigit():
        raise HttpError(400, f"invalid Content-Length {value[:40]!r}")
    return int(value)


def announces_body(request: HttpRequest) -> bool:
    """An HTTP/1.1 request has a body only with a Content-Length or a Transfer-Encoding."""
    if "transfer-encoding" in request.headers:
        return True
    try:
        return bool(content_length(request))
    except HttpError:
        return True  # an invalid length is refused where the body is read


async def body_chunks(request: HttpRequest) -> AsyncIterator[bytes]:
    """The body in chunks: from the adapter's reader, or the bytes it read."""
    reader = request.body_reader
    if reader is not None and not announces_body(request):
        return  # nothing to wait for: most requests (GET) end here
    if reader is None:
        for start in range(0, len(request.body), CHUNK_SIZE):
            yield request.body[start : start + CHUNK_SIZE]
        return
    while True:
        try:
            chunk = await reader.read(CHUNK_SIZE)
        except ConnectionError as error:
            raise HttpError(400, "the client went away before the body was complete") from error
        if not chunk:
            return
        yield chunk


async def discard_body(request: HttpRequest, budget: int = DISCARD_LIMIT) -> None:
    """Read and drop the rest of a refused body, up to ``budget`` bytes."""
    declared = content_length(request)
    if declared is not None and declared > budget:
        return  # answer at once rather than swallow it all
    read = 0
    async for chunk in body_chunks(request):
        read += len(chunk)
        if read > budget:
            return


async def read_body(request: HttpRequest, limit: int) -> bytes:
    """The whole body, at most ``limit`` bytes (413 beyond); also kept in ``request.body``."""
    if request.body_reader is None or not announces_body(request):
        if len(request.body) > limit:
            raise HttpError(413, f"the request body is larger than {limit} bytes")
        return request.body
    declared = content_length(request)
    if declared is not None and declared > limit:
        await discard_body(request)
        raise HttpError(413, f"the request body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in body_chunks(request):
        size += len(chunk)
        if size > limit:
            await discard_body(request)
            raise HttpError(413, f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
    request.body = b"".join(chunks)
    request.body_reader = None  # read: later readers get the bytes
    return request.body


# forms ######################################################################


def parse_form(request: HttpRequest) -> dict[str, Any]:
    """The fields of a form posted in ``request.body`` (already read); {} for other bodies.

    URL-encoded and multipart forms are understood; in a multipart form a
    file becomes an ``UploadedFile``.  A field given twice keeps its last value.
    """
    content_type = request.headers.get("content-type") or ""
    kind, _parameters = header_parameters(content_type)
    if kind == "application/x-www-form-urlencoded":
        try:
            text = request.body.decode("ascii")
        except UnicodeDecodeError as error:
            raise HttpError(400, "the form body is not URL-encoded") from error
        return _parse_urlencoded(text, "form body")
    if kind == "multipart/form-data":
        try:
            return _parse_multipart(content_type, request.body)
        except MultipartError as error:
            raise HttpError(400, f"malformed multipart form: {error}") from error
    return {}


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    parser = MultipartParser(boundary_of(content_type), max_parts=MAX_FIELDS)
    fields: dict[str, Any] = {}
    current: PartStart | None = None
    data: list[bytes] = []
    for event in parser.feed(body):
        if isinstance(event, PartStart):
            current, data = event, []
        elif isinstance(event, PartData):
            data.append(event.data)
        elif isinstance(event, PartEnd) and current is not None:
            fields[current.name] = _field_value(current, b"".join(data))
    parser.finish()
    return fields


def _field_value(part: PartStart, data: bytes) -> Any:
    if part.filename is not None:
        return UploadedFile(part.filename, part.content_type, data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MultipartError(f"field {part.name!r} is not valid UTF-8") from error
