"""The one request shape and the one response shape that cross the adapter boundary.

Adapters translate their framework's request into ``HttpRequest`` and turn
``HttpResponse`` back into their framework's response; nothing else about
HTTP crosses into the core.

Request bodies stream: an adapter hands over a ``BodyReader`` instead of
reading the body itself, and the core reads it when and as far as it needs
(a form in full, within a limit; an upload chunk by chunk, straight to
disk; a pass-through view's body not at all).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Any, Protocol
from urllib.parse import parse_qsl

from yarl import URL

from lona.surrogates import utf8

__all__ = ["URL", "BodyReader", "Headers", "HttpRequest", "HttpResponse", "request_url"]


class BodyReader(Protocol):
    """A request body, read on the core's loop."""

    async def read(self, size: int) -> bytes:
        """Up to ``size`` bytes (fewer when that much has not arrived yet); b"" at
        the end.  Raises ``ConnectionError`` when the client went away before."""


class Headers:
    """Case-insensitive, multi-valued HTTP headers."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[tuple[str, str]] | dict[str, str] = ()) -> None:
        pairs = items.items() if isinstance(items, dict) else items
        self._items = [(str(name), str(value)) for name, value in pairs]

    def get(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        for key, value in self._items:
            if key.lower() == name:
                return value
        return default

    def get_all(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self._items if key.lower() == name]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


@dataclass
class HttpRequest:
    """An HTTP request (or a websocket handshake) as the core sees it."""

    method: str
    path: str  # percent-decoded
    query_string: str = ""  # as received (still encoded)
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""  # the whole body, when the adapter read it (or once the core did)
    scheme: str = "http"
    host: str = ""
    remote: str = ""
    native: Any = None  # the framework's own request object, for pass-through views
    user: Any = None  # set when the host application supplies get_user
    # the body, unread: the core reads it through this when it needs it
    body_reader: BodyReader | None = None
    # awaited before a pass-through view gets ``native``: lets an adapter whose
    # framework expects the body read before its handlers run (Tornado) do so
    prepare_native: Callable[[], Awaitable[None]] | None = None
    # an embedded page load: the host's own page with the marks of ``lona.layout``
    layout: str | None = None

    @property
    def cookies(self) -> dict[str, str]:
        cookie = SimpleCookie()
        for header in self.headers.get_all("cookie"):
            try:
                cookie.load(header)
            except CookieError:
                continue
        return {name: morsel.value for name, morsel in cookie.items()}

    @property
    def url(self) -> URL:
        """The absolute URL (a ``yarl.URL``, as Lona's ``request.url``)."""
        host = self.host or self.headers.get("host") or "localhost"
        return request_url(self.scheme, host, self.path, self.query_string)

    @property
    def query(self) -> dict[str, str]:
        return dict(parse_qsl(self.query_string, keep_blank_values=True))


@dataclass
class HttpResponse:
    """What the core answers; ``file_path`` is streamed by the adapter."""

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    file_path: str | None = None
    native: Any = None  # a pass-through view's own framework response

    @classmethod
    def html(
        cls, text: str, status: int = 200, headers: Iterable[tuple[str, str]] = ()
    ) -> HttpResponse:
        return cls(
            status,
            [("Content-Type", "text/html; charset=utf-8"), *headers],
            utf8(text),
        )

    @classmethod
    def text(cls, text: str, status: int = 200, content_type: str = "text/plain") -> HttpResponse:
        return cls(status, [("Content-Type", f"{content_type}; charset=utf-8")], utf8(text))

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> HttpResponse:
        return cls(status, [("Location", location)], b"")

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


def request_url(scheme: str, host: str, path: str, query_string: str = "") -> URL:
    """A ``yarl.URL`` from a decoded path and a query string as received.

    A host that is no valid URL authority (a client can send anything) becomes
    ``localhost`` rather than an error."""
    try:
        base = URL.build(scheme=scheme or "http", authority=host, path=path or "/")
    except ValueError:
        base = URL.build(scheme=scheme or "http", authority="localhost", path=path or "/")
    return URL(f"{base}?{query_string}") if query_string else base
