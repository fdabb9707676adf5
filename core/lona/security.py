"""Websocket admission and per-connection limits.

* Origin check: a browser sends an ``Origin`` header with every websocket
  handshake. Unless it names the page's own origin (the ``Host`` the request
  was sent to) or one in ``ALLOWED_ORIGINS``, the socket is refused, so a page
  on another site can not drive a user's views with the user's cookies
  (cross-site websocket hijacking). Handshakes without ``Origin`` come from
  non-browser clients, which carry no victim's cookies, and pass.
* ``MAX_INPUT_EVENTS_PER_SECOND``: a token bucket per connection; events over
  the rate are refused with ``RATE_LIMITED``, one by one, and the connection
  stays open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from lona.http import HttpRequest
from lona.trust import SigningKeys

__all__ = ["PageTokens", "RateLimiter", "origin_allowed"]


def _normalize(origin: str) -> str:
    parts = urlsplit(origin.strip().lower())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def origin_allowed(request: HttpRequest, allowed: Iterable[str]) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True
    allowed = list(allowed)
    if "*" in allowed:
        return True
    normalized = _normalize(origin)
    if not normalized:  # "null" (sandboxed frames, file://) and other opaque origins
        return False
    host = (request.headers.get("x-forwarded-host") or request.headers.get("host") or "").lower()
    if host and urlsplit(normalized).netloc == host:
        return True
    return normalized in {_normalize(entry) for entry in allowed}


class RateLimiter:
    """A token bucket: ``rate`` tokens per second, at most ``rate`` at once."""

    __slots__ = ("_last", "_tokens", "rate")

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._tokens = rate
        self._last = time.monotonic()

    def allow(self) -> bool:
        if self.rate <= 0:
            return True
        now = time.monotonic()
        self._tokens = min(self.rate, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False


class PageTokens:
    """Per-page tokens: ``HMAC(key, session key)``.

    The frontend page carries the token of its session; the client presents it
    in HELLO, and only then may the socket start or attach views.  A page of
    another site can neither read the token (same-origin policy) nor the
    HttpOnly session cookie it belongs to, so neither a stolen view id nor a
    forged socket gets anywhere.  The key is the one all processes of the app
    share (``lona.trust``), so any of them accepts a page another one served.
    """

    def __init__(self, keys: SigningKeys) -> None:
        self.keys = keys

    @staticmethod
    def _sign(key: bytes, session_key: str) -> str:
        digest = hmac.new(key, b"lona-page:" + session_key.encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode("ascii").rstrip("=")

    def issue(self, session_key: str) -> str:
        return self._sign(self.keys.current, session_key)

    def valid(self, session_key: str, token: object) -> bool:
        if not isinstance(token, str):
            return False
        return any(
            hmac.compare_digest(self._sign(key, session_key), token) for key in self.keys.keys
        )
