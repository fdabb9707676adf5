"""A streaming ``multipart/form-data`` parser (RFC 7578 on top of RFC 2046).

``feed()`` takes the body in chunks of any size and returns what it could
parse so far: a ``PartStart`` with the part's headers, ``PartData`` pieces of
its content, a ``PartEnd``.  Content is handed on as soon as it can not be
the start of a delimiter, so the parser holds at most one chunk plus a
delimiter's length: a part of any size streams through in constant memory,
and the caller decides where the data goes and when to stop reading.

Written here rather than taken from a library: the core has no dependency
but Jinja2, and the parser is small.  Anything malformed raises
``MultipartError`` (the caller answers 400).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from lona.http import Headers

__all__ = [
    "MultipartError",
    "MultipartParser",
    "PartData",
    "PartEnd",
    "PartStart",
    "boundary_of",
    "header_parameters",
]

MAX_HEADER_BYTES = 16 * 1024  # of one part's header block
MAX_PADDING = 256  # whitespace allowed after a delimiter (RFC 2046 "transport padding")

_BOUNDARY = re.compile(rb"^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$")
_PARAMETER = re.compile(
    r';\s*(?P<name>[^\s=;]+)\s*=\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<token>[^;]*))'
)


class MultipartError(ValueError):
    """The body is no well-formed multipart/form-data body."""


@dataclass(frozen=True)
class PartStart:
    headers: Headers
    name: str
    filename: str | None  # None for a plain field; "" when a file input was left empty
    content_type: str


@dataclass(frozen=True)
class PartData:
    data: bytes


@dataclass(frozen=True)
class PartEnd:
    pass


Event = PartStart | PartData | PartEnd


def header_parameters(value: str) -> tuple[str, dict[str, str]]:
    """``'form-data; name="a"'`` -> ``('form-data', {'name': 'a'})``; names lowercased."""
    main, _, rest = value.partition(";")
    parameters: dict[str, str] = {}
    for match in _PARAMETER.finditer(";" + rest):
        quoted = match["quoted"]
        # only \" and \\ are escapes: browsers send a path's backslashes as they are
        text = re.sub(r'\\(["\\])', r"\1", quoted) if quoted is not None else match["token"].strip()
        parameters[match["name"].lower()] = text
    return main.strip().lower(), parameters


def boundary_of(content_type: str) -> bytes:
    """The boundary of a ``multipart/form-data`` content type, checked."""
    kind, parameters = header_parameters(content_type)
    if kind != "multipart/form-data":
        raise MultipartError(f"expected multipart/form-data, got {kind or 'no content type'}")
    boundary = parameters.get("boundary", "").encode("latin-1", "replace")
    if not _BOUNDARY.match(boundary):
        raise MultipartError("the multipart boundary is missing or invalid")
    return boundary


def _filename(parameters: dict[str, str]) -> str | None:
    extended = parameters.get("filename*")
    if extended is not None:
        # RFC 5987: charset'language'percent-encoded
        charset, _, encoded = extended.partition("'")
        _language, _, encoded = encoded.partition("'")
        if charset.lower() != "utf-8":
            raise MultipartError(f"filename* in an unsupported charset: {charset!r}")
        return unquote(encoded, errors="strict")
    return parameters.get("filename")


def _part_start(block: bytes) -> PartStart:
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MultipartError("part headers are not valid UTF-8") from error
    pairs = []
    for line in text.split("\r\n") if text else []:
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise MultipartError(f"malformed part header line {line[:80]!r}")
        pairs.append((name.strip(), value.strip()))
    headers = Headers(pairs)
    disposition, parameters = header_parameters(headers.get("content-disposition", "") or "")
    if disposition != "form-data" or "name" not in parameters:
        raise MultipartError("a part without 'Content-Disposition: form-data; name=...'")
    try:
        filename = _filename(parameters)
    except UnicodeDecodeError as error:
        raise MultipartError("filename* is not valid UTF-8") from error
    content_type = headers.get("content-type") or "text/plain"
    return PartStart(headers, parameters["name"], filename, content_type)


class MultipartParser:
    """Push parser: ``feed(chunk)`` -> events, ``finish()`` at the end of the body."""

    def __init__(self, boundary: bytes, max_parts: int = 1000) -> None:
        # the body is parsed as if it began with CRLF, so the first delimiter
        # looks like every other one
        self._delimiter = b"\r\n--" + boundary
        self._buffer = bytearray(b"\r\n")
        self._state = "preamble"
        self._parts = 0
        self._max_parts = max_parts

    def feed(self, data: bytes) -> list[Event]:
        if self._state == "epilogue":
            return []  # anything after the close delimiter is ignored
        self._buffer += data
        events: list[Event] = []
        while self._step(events):
            pass
        return events

    def finish(self) -> None:
        if self._state != "epilogue":
            raise MultipartError("the multipart body ended before its closing delimiter")

    # states #################################################################

    def _step(self, events: list[Event]) -> bool:
        """Advance one state if the buffer allows; False when more data is needed."""
        if self._state == "preamble":
            return self._skip_to_delimiter()
        if self._state == "delimiter":
            return self._after_delimiter()
        if self._state == "headers":
            return self._headers(events)
        if self._state == "body":
            return self._body(events)
        self._buffer.clear()  # epilogue
        return False

    def _skip_to_delimiter(self) -> bool:
        index = self._buffer.find(self._delimiter)
        if index < 0:
            keep = len(self._delimiter) - 1
            del self._buffer[: max(0, len(self._buffer) - keep)]
            return False
        del self._buffer[: index + len(self._delimiter)]
        self._state = "delimiter"
        return True

    def _after_delimiter(self) -> bool:
        """After a delimiter: ``--`` ends the body, else padding and CRLF start a part."""
        if len(self._buffer) < 2:
            return False
        if self._buffer[:2] == b"--":
            self._state = "epilogue"
            return True
        line_end = self._buffer.find(b"\r\n")
        if line_end < 0:
            if len(self._buffer) > MAX_PADDING:
                raise MultipartError("garbage after a multipart delimiter")
            return False
        if self._buffer[:line_end].strip(b" \t"):
            raise MultipartError("garbage after a multipart delimiter")
        # keep the CRLF: an empty header block is then just CRLF CRLF
        del self._buffer[:line_end]
        self._state = "headers"
        return True

    def _headers(self, events: list[Event]) -> bool:
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self._buffer) > MAX_HEADER_BYTES:
                raise MultipartError("a part's headers are too long")
            return False
        if end > MAX_HEADER_BYTES:
            raise MultipartError("a part's headers are too long")
        self._parts += 1
        if self._parts > self._max_parts:
            raise MultipartError(f"more than {self._max_parts} parts")
        events.append(_part_start(bytes(self._buffer[2:end])))
        del self._buffer[: end + 4]
        self._state = "body"
        return True

    def _body(self, events: list[Event]) -> bool:
        index = self._buffer.find(self._delimiter)
        if index < 0:
            # the tail might be the start of a delimiter: hold it back
            safe = len(self._buffer) - (len(self._delimiter) - 1)
            if safe > 0:
                events.append(PartData(bytes(self._buffer[:safe])))
                del self._buffer[:safe]
            return False
        if index:
            events.append(PartData(bytes(self._buffer[:index])))
        events.append(PartEnd())
        del self._buffer[: index + len(self._delimiter)]
        self._state = "delimiter"
        return True
