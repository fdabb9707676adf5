"""What a browser gets from loading a page: its session cookie and page token."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from lona.testing.client import ProtocolClient
from lona.testing.websocket import WebSocketClient

__all__ = ["LoadedPage", "connect", "load_page", "page_session", "page_tokens"]

_TOKEN = re.compile(r'"page_token":\s*("(?:[^"\\]|\\.)*")')
_VIEW_TOKEN = re.compile(r'"first_content":\s*\{"token":\s*("(?:[^"\\]|\\.)*")')


@dataclass(frozen=True)
class LoadedPage:
    """What a browser keeps of a page load."""

    headers: dict[str, str]  # with the Cookie of the page's session
    page_token: str
    view_token: str | None  # the view the page load started (first content), to attach to


def load_page(base_url: str, path: str = "/", headers: dict[str, str] | None = None) -> LoadedPage:
    """Load ``path`` like a browser: its session cookie, page token and view.

    Given ``headers`` with a Cookie, the page is loaded in that session.
    """
    request = urllib.request.Request(base_url.rstrip("/") + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode("utf-8", "replace")
            set_cookie = response.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        set_cookie = error.headers.get("Set-Cookie", "")
    cookie_headers = dict(headers or {})
    if set_cookie:  # a new session: its cookie replaces one of the same name, as in a browser
        cookie_headers["Cookie"] = _with_cookie(
            cookie_headers.get("Cookie", ""), set_cookie.split(";", 1)[0]
        )
    page_token, view_token = page_tokens(body)
    if page_token is None:
        raise LookupError(f"{path} is no lona page: it carries no page token")
    return LoadedPage(cookie_headers, page_token, view_token)


def _with_cookie(header: str, cookie: str) -> str:
    name = cookie.split("=", 1)[0].strip()
    kept = [
        part.strip()
        for part in header.split(";")
        if part.strip() and part.split("=", 1)[0].strip() != name
    ]
    return "; ".join([*kept, cookie])


def page_tokens(html: str) -> tuple[str | None, str | None]:
    """The page token a page carries, and the token of the view its load started."""
    page = _TOKEN.search(html)
    view = _VIEW_TOKEN.search(html)
    return (
        json.loads(page.group(1)) if page else None,
        json.loads(view.group(1)) if view else None,
    )


def page_session(
    base_url: str, path: str = "/", headers: dict[str, str] | None = None
) -> tuple[dict[str, str], str]:
    """The Cookie header to send and the page token, from loading ``path``."""
    page = load_page(base_url, path, headers)
    return page.headers, page.page_token


def connect(
    base_url: str,
    prefix: str = "",
    headers: dict[str, str] | None = None,
    hello: bool = True,
    path: str = "/",
) -> ProtocolClient:
    """A protocol client as a browser tab would be: it loads ``prefix + path``
    for the session cookie and page token, then opens the websocket.

    The view that page load started is ``client.page_view_token``: open the
    page's URL with ``attach_token=`` it to use that view, as the browser
    client does, instead of leaving it to time out.
    """
    page = load_page(base_url, prefix + path, headers)
    ws_url = base_url.replace("http", "ws", 1).rstrip("/") + prefix + "/_lona/ws"
    client = ProtocolClient(WebSocketClient(ws_url, headers=page.headers), page.page_token)
    client.page_view_token = page.view_token
    if hello:
        client.hello()
    return client
