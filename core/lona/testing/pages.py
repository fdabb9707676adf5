"""What a browser gets from loading a page: its session cookie and page token."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

from lona.testing.client import ProtocolClient
from lona.testing.websocket import WebSocketClient

__all__ = ["connect", "page_session"]

_TOKEN = re.compile(r'"page_token":\s*("(?:[^"\\]|\\.)*")')


def page_session(
    base_url: str, path: str = "/", headers: dict[str, str] | None = None
) -> tuple[dict[str, str], str]:
    """Load ``path`` like a browser: the Cookie header to send, and the page token.

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
    if set_cookie:  # a new session: add its cookie to the ones already sent
        cookies = [cookie_headers.get("Cookie", ""), set_cookie.split(";", 1)[0]]
        cookie_headers["Cookie"] = "; ".join(cookie for cookie in cookies if cookie)
    match = _TOKEN.search(body)
    if match is None:
        raise LookupError(f"{path} is no lona page: it carries no page token")
    return cookie_headers, json.loads(match.group(1))


def connect(
    base_url: str, prefix: str = "", headers: dict[str, str] | None = None, hello: bool = True
) -> ProtocolClient:
    """A protocol client as a browser tab would be: it loads ``prefix + '/'``
    for the session cookie and page token, then opens the websocket."""
    headers, token = page_session(base_url, prefix + "/", headers)
    ws_url = base_url.replace("http", "ws", 1).rstrip("/") + prefix + "/_lona/ws"
    client = ProtocolClient(WebSocketClient(ws_url, headers=headers), token)
    if hello:
        client.hello()
    return client
