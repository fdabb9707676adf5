"""An HTTP client for test servers with the interface of aiohttp's ``TestClient``.

``LonaContext.client`` is one (Lona's is an aiohttp ``TestClient``), on every
adapter and without aiohttp installed::

    response = await context.client.get('/page', params={'q': 1}, allow_redirects=False)
    assert response.status == 302 and response.headers['Location'] == '/'

    async with context.client.post('/form', data={'name': 'x'}) as response:
        assert (await response.json()) == {...}

Requests take ``params``, ``data`` (a dict is sent as a form, bytes and str
as they are), ``json``, ``headers``, ``cookies``, ``allow_redirects``,
``max_redirects`` and ``timeout``; responses have ``status``, ``reason``,
``headers`` (case-insensitive), ``url``, ``history``, ``content_type``,
``charset``, ``cookies`` and the coroutines ``read()``, ``text()``,
``json()`` and ``content.read()``.  Cookies the server sets are kept for
later requests, as in aiohttp's client.  Requests run in a worker thread
(``urllib``), so the test's event loop keeps running meanwhile.
"""

from __future__ import annotations

import asyncio
import json as json_module
import urllib.error
import urllib.request
from collections.abc import Generator, Iterator, Mapping
from http.cookiejar import CookieJar
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import urlencode

from yarl import URL

from lona.http_messages import Headers

__all__ = ["ClientResponse", "ClientResponseError", "ContentTypeError", "TestClient"]

DEFAULT_TIMEOUT = 30.0


class ClientResponseError(Exception):
    """``raise_for_status()`` of a 4xx or 5xx response (as aiohttp's)."""

    def __init__(self, status: int, message: str, url: URL) -> None:
        super().__init__(f"{status}, message={message!r}, url={str(url)!r}")
        self.status = status
        self.message = message
        self.url = url


class ContentTypeError(ValueError):
    """``json()`` of a response whose content type is not JSON (as aiohttp's)."""


class ResponseHeaders(Headers):
    """Case-insensitive, multi-valued headers with aiohttp's ``CIMultiDictProxy`` names."""

    def getall(self, name: str) -> list[str]:
        values = self.get_all(name)
        if not values:
            raise KeyError(name)
        return values

    def getone(self, name: str) -> str:
        return self[name]

    def keys(self) -> list[str]:
        return list(self)

    def values(self) -> list[str]:
        return [value for _, value in self.items()]


class StreamContent:
    """``response.content``: the body, read as from aiohttp's ``StreamReader``."""

    def __init__(self, body: bytes) -> None:
        self._body = body
        self._position = 0

    async def read(self, n: int = -1) -> bytes:
        end = len(self._body) if n < 0 else self._position + n
        chunk = self._body[self._position : end]
        self._position += len(chunk)
        return chunk

    async def readany(self) -> bytes:
        return await self.read()


class ClientResponse:
    def __init__(
        self,
        method: str,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        history: tuple[ClientResponse, ...] = (),
    ) -> None:
        self.method = method
        self.url = URL(url)
        self.status = status
        self.reason = reason
        self.headers = ResponseHeaders(headers)
        self.history = history
        self.content = StreamContent(body)
        self._body = body

    # the body ###############################################################

    async def read(self) -> bytes:
        return self._body

    async def text(self, encoding: str | None = None, errors: str = "strict") -> str:
        return self._body.decode(encoding or self.charset or "utf-8", errors)

    async def json(
        self,
        *,
        encoding: str | None = None,
        loads: Any = json_module.loads,
        content_type: str | None = "application/json",
    ) -> Any:
        if content_type and content_type not in self.content_type:
            raise ContentTypeError(
                f"attempt to decode JSON with unexpected mimetype: {self.content_type}"
            )
        if not self._body.strip():
            return None
        return loads(await self.text(encoding))

    # about the body #########################################################

    def _content_type_parts(self) -> list[str]:
        return [part.strip() for part in (self.headers.get("content-type") or "").split(";")]

    @property
    def content_type(self) -> str:
        return self._content_type_parts()[0].lower() or "application/octet-stream"

    @property
    def charset(self) -> str | None:
        for part in self._content_type_parts()[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip('"')
        return None

    @property
    def cookies(self) -> SimpleCookie:
        cookies = SimpleCookie()
        for header in self.headers.get_all("set-cookie"):
            try:
                cookies.load(header)
            except CookieError:  # the cookie jar decides about odd ones; here they are left out
                continue
        return cookies

    @property
    def ok(self) -> bool:
        return self.status < 400

    def raise_for_status(self) -> None:
        if not self.ok:
            raise ClientResponseError(self.status, self.reason, self.url)

    def release(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"<ClientResponse({self.url}) [{self.status} {self.reason}]>"


class _RequestContext:
    """Awaitable (``await client.get(...)``) and an async context manager
    (``async with client.get(...) as response``), as aiohttp's."""

    def __init__(self, pending: asyncio.Future[ClientResponse] | Any) -> None:
        self._pending = pending
        self._response: ClientResponse | None = None

    def __await__(self) -> Generator[Any, None, ClientResponse]:
        return self._pending.__await__()

    async def __aenter__(self) -> ClientResponse:
        self._response = await self._pending
        return self._response

    async def __aexit__(self, *exc_info: Any) -> None:
        if self._response is not None:
            self._response.release()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx itself is the answer


def _limited_redirects(max_redirects: int) -> urllib.request.HTTPRedirectHandler:
    class LimitedRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = max_redirects

    return LimitedRedirects()


class TestClient:
    """Requests to one test server, with a cookie jar of its own."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, base_url: str) -> None:
        self._root = URL(base_url.rstrip("/"))
        self.cookie_jar = CookieJar()

    @property
    def host(self) -> str:
        return str(self._root.host)

    @property
    def port(self) -> int | None:
        return self._root.port

    def make_url(self, path: str = "") -> URL:
        """An absolute URL to ``path`` on the test server."""
        return self._root.join(URL(path))

    # requests ###############################################################

    def request(self, method: str, path: str | URL, **options: Any) -> _RequestContext:
        loop = asyncio.get_running_loop()
        pending = loop.run_in_executor(None, lambda: self.request_sync(method, path, **options))
        return _RequestContext(pending)

    def get(self, path: str | URL, **options: Any) -> _RequestContext:
        return self.request("GET", path, **options)

    def post(self, path: str | URL, **options: Any) -> _RequestContext:
        return self.request("POST", path, **options)

    def put(self, path: str | URL, **options: Any) -> _RequestContext:
        return self.request("PUT", path, **options)

    def patch(self, path: str | URL, **options: Any) -> _RequestContext:
        return self.request("PATCH", path, **options)

    def delete(self, path: str | URL, **options: Any) -> _RequestContext:
        return self.request("DELETE", path, **options)

    def head(self, path: str | URL, **options: Any) -> _RequestContext:
        return self.request("HEAD", path, **options)

    def options(self, path: str | URL, **options: Any) -> _RequestContext:
        return self.request("OPTIONS", path, **options)

    async def close(self) -> None:
        self.cookie_jar.clear()

    async def __aenter__(self) -> TestClient:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()

    # the work, in a thread ##################################################

    def request_sync(
        self,
        method: str,
        path: str | URL,
        *,
        params: Any = None,
        data: Any = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        cookies: Mapping[str, str] | None = None,
        allow_redirects: bool = True,
        max_redirects: int = 10,
        timeout: Any = None,
    ) -> ClientResponse:
        """One request, blocking; ``request`` runs it in a thread."""
        url = self._url(path, params)
        body, header_items = _body(data, json)
        header_items.update(headers or {})
        if cookies:
            header_items["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        request = urllib.request.Request(str(url), data=body, method=method.upper())
        for name, value in header_items.items():
            request.add_header(name, value)
        redirects = _limited_redirects(max_redirects) if allow_redirects else _NoRedirects()
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookie_jar), redirects
        )
        seconds = _seconds(timeout)
        try:
            with opener.open(request, timeout=seconds) as answer:
                status, reason, answer_headers = answer.status, answer.reason, answer.headers
                final_url, body = answer.geturl(), answer.read()
        except urllib.error.HTTPError as error:  # 3xx not followed, 4xx, 5xx: answers too
            with error:
                status, reason, answer_headers = error.code, str(error.reason), error.headers
                final_url, body = error.geturl(), error.read()
        return self._response(method, final_url, status, reason, answer_headers.items(), body, url)

    def _url(self, path: str | URL, params: Any) -> URL:
        url = URL(path) if isinstance(path, str) else path
        if not url.is_absolute():
            url = self.make_url(str(url))
        if params:
            url = url.update_query(params)
        return url

    @staticmethod
    def _response(
        method: str,
        final_url: str,
        status: int,
        reason: str,
        headers: Any,
        body: bytes,
        requested: URL,
    ) -> ClientResponse:
        history: tuple[ClientResponse, ...] = ()
        if final_url != str(requested):
            # urllib followed redirects; only the last answer is known
            history = (ClientResponse(method, str(requested), 302, "Found", [], b""),)
        return ClientResponse(method, final_url, status, reason, list(headers), body, history)


def _body(data: Any, json: Any) -> tuple[bytes | None, dict[str, str]]:
    if data is not None and json is not None:
        raise ValueError("data and json parameters can not be used at the same time")
    if json is not None:
        return json_module.dumps(json).encode(), {"Content-Type": "application/json"}
    if data is None:
        return None, {}
    if isinstance(data, bytes):
        return data, {"Content-Type": "application/octet-stream"}
    if isinstance(data, str):
        return data.encode(), {"Content-Type": "text/plain; charset=utf-8"}
    if isinstance(data, (Mapping, list, tuple)):
        form = urlencode(list(_pairs(data)))
        return form.encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    raise TypeError(f"data of type {type(data).__name__} is not supported by this test client")


def _pairs(data: Mapping[str, Any] | list[Any] | tuple[Any, ...]) -> Iterator[tuple[str, str]]:
    items = data.items() if isinstance(data, Mapping) else data
    for name, value in items:
        yield str(name), str(value)


def _seconds(timeout: Any) -> float:
    """A timeout in seconds from a number or an object with ``total`` (aiohttp's)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, (int, float)):
        return float(timeout)
    total = getattr(timeout, "total", None)
    return float(total) if total else DEFAULT_TIMEOUT
