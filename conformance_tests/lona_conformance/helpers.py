"""Small helpers the conformance tests share."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lona_conformance.server_process import ServerProcess

__all__ = ["HttpResult", "eventually", "http_get", "session_cookie", "wait_for_events"]


def eventually(
    check: Callable[[], Any], timeout: float = 10, what: str = "condition", interval: float = 0.02
) -> Any:
    """Poll ``check`` until it returns something truthy; its result."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(interval)


def wait_for_log(server: ServerProcess, text: str) -> None:
    """Wait until ``text`` shows in the server's output (what it logged)."""
    eventually(lambda: text in server.log_text(), what=f"{text!r} in the log")


def wait_for_events(
    server: ServerProcess,
    predicate: Callable[[list[dict[str, Any]]], bool],
    timeout: float = 10,
    what: str = "events",
) -> list[dict[str, Any]]:
    def matching() -> list[dict[str, Any]]:
        events = server.events()
        return events if predicate(events) else []

    result: list[dict[str, Any]] = eventually(matching, timeout, what)
    return result


def events_named(events: list[dict[str, Any]], name: str) -> list[tuple[str, Any]]:
    return [(e["event"], e.get("reason")) for e in events if e.get("name") == name]


@dataclass
class HttpResult:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 302 is the answer under test, not a way elsewhere


_OPENER = urllib.request.build_opener(_NoRedirects)


def http_get(
    url: str,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    data: bytes | None = None,
) -> HttpResult:
    """One request (GET, or POST with ``data``; redirects are not followed); any
    status is a result."""
    method = method or ("POST" if data is not None else "GET")
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=10) as response:
            return HttpResult(
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return HttpResult(
            error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
        )


def session_cookie(server: ServerProcess, path: str = "/") -> dict[str, str]:
    """Headers that make websockets belong to one new user (a session from a page load)."""
    page = http_get(server.url + path)
    cookie = page.headers.get("set-cookie", "")
    assert cookie, "the page set no session cookie"
    return {"Cookie": cookie.split(";", 1)[0]}
