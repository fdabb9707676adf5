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
import secrets
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from lona.http import HttpRequest

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
    """A token bucket: ``rate`` tokens per second, at most ``burst`` (default ``rate``) at once.

    ``allow(cost)`` takes ``cost`` tokens when there are enough; a rate of 0
    (or less) allows everything.
    """

    __slots__ = ("_last", "_tokens", "burst", "rate")

    def __init__(self, rate: float, burst: float | None = None) -> None:
        self.rate = rate
        self.burst = rate if burst is None else burst
        self._tokens = self.burst
        self._last = time.monotonic()

    def allow(self, cost: float = 1) -> bool:
        if self.rate <= 0:
            return True
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= cost:
            self._tokens -= cost
            return True
        return False


class PageTokens:
    """Per-page tokens: ``HMAC(SECRET_KEY, session key)``.

    The frontend page carries the token of its session; the client presents it
    in HELLO, and only then may the socket start or attach views.  A page of
    another site can neither read the token (same-origin policy) nor the
    HttpOnly session cookie it belongs to, so neither a stolen view id nor a
    forged socket gets anywhere.  Without ``SECRET_KEY`` each server process
    draws its own secret: processes behind one load balancer must share one.
    """

    def __init__(self, secret: str | bytes | None) -> None:
        if isinstance(secret, str):
            secret = secret.encode("utf-8")
        self._secret = secret or secrets.token_bytes(32)

    def issue(self, session_key: str) -> str:
        digest = hmac.new(self._secret, b"lona-page:" + session_key.encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode("ascii").rstrip("=")

    def valid(self, session_key: str, token: object) -> bool:
        return isinstance(token, str) and hmac.compare_digest(self.issue(session_key), token)
