"""Websocket admission and per-connection limits.

* Host check: with ``ALLOWED_HOSTS`` set, a request (page load or websocket)
  naming another host is refused, so a page of a DNS-rebinding domain that
  resolves to this server can not load or drive its views.
* Origin check: a browser sends an ``Origin`` header with every websocket
  handshake. Unless it names the page's own origin (the host the request was
  sent to, with a scheme at least as secure) or one in ``ALLOWED_ORIGINS``,
  the socket is refused, so a page on another site can not drive a user's
  views with the user's cookies (cross-site websocket hijacking). Handshakes
  without ``Origin`` come from non-browser clients, which carry no victim's
  cookies, and pass.
* ``X-Forwarded-Host`` and ``X-Forwarded-Proto`` say what a client asked a
  proxy for; they count only from the addresses in ``TRUSTED_PROXIES``
  (loopback by default), never from the client itself.
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

from lona.http_messages import HttpRequest
from lona.security.trust import SigningKeys

__all__ = [
    "PageTokens",
    "RateLimiter",
    "client_host",
    "host_allowed",
    "origin_allowed",
]


def _normalize(origin: str) -> str:
    parts = urlsplit(origin.strip().lower())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _from_trusted_proxy(request: HttpRequest, trusted_proxies: Iterable[str]) -> bool:
    trusted = list(trusted_proxies)
    return "*" in trusted or request.remote in trusted


def _forwarded(request: HttpRequest, name: str, trusted_proxies: Iterable[str]) -> str:
    """A proxy's ``X-Forwarded-*`` header (its first value), if a trusted proxy sent it."""
    value = request.headers.get(name)
    if not value or not _from_trusted_proxy(request, trusted_proxies):
        return ""
    return value.split(",", 1)[0].strip().lower()


def client_host(request: HttpRequest, trusted_proxies: Iterable[str]) -> tuple[str, str]:
    """The scheme and the host (with port) the client asked for: the request's
    own, or what a trusted proxy says the client asked it for."""
    scheme = _forwarded(request, "x-forwarded-proto", trusted_proxies) or request.scheme.lower()
    host = _forwarded(request, "x-forwarded-host", trusted_proxies)
    return scheme, host or (request.headers.get("host") or request.host or "").lower()


def _split_host(host: str) -> tuple[str, str]:
    """``("example.com", "8080")`` of ``example.com:8080``; IPv6 literals keep their brackets."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):
        name, _, rest = host.partition("]")
        return name + "]", rest[1:] if rest.startswith(":") else ""
    name, _, port = host.partition(":")
    return name, port


def _host_matches(host: str, entry: str) -> bool:
    name, port = _split_host(host)
    wanted_name, wanted_port = _split_host(entry)
    if wanted_port and wanted_port != port:
        return False
    if wanted_name.startswith("."):  # ".example.com": the domain and its subdomains
        return name == wanted_name[1:] or name.endswith(wanted_name)
    return name == wanted_name


def host_allowed(
    request: HttpRequest, allowed_hosts: Iterable[str], trusted_proxies: Iterable[str]
) -> bool:
    """Whether the host the request names (and a proxy's forwarded host) is allowed."""
    allowed = [str(entry) for entry in allowed_hosts]
    if not allowed or "*" in allowed:
        return True
    hosts = [request.headers.get("host") or request.host or ""]
    forwarded = _forwarded(request, "x-forwarded-host", trusted_proxies)
    if forwarded:
        hosts.append(forwarded)
    return all(any(_host_matches(host, entry) for entry in allowed) for host in hosts)


def origin_allowed(
    request: HttpRequest, allowed: Iterable[str], trusted_proxies: Iterable[str] = ()
) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True
    allowed = list(allowed)
    if "*" in allowed:
        return True
    normalized = _normalize(origin)
    if not normalized:  # "null" (sandboxed frames, file://) and other opaque origins
        return False
    if normalized in {_normalize(entry) for entry in allowed}:
        return True
    scheme, host = client_host(request, trusted_proxies)
    parts = urlsplit(normalized)
    if not host or parts.netloc != host:
        return False
    # a page of this host served without TLS (which anyone on the network can
    # change) must not drive the views of its https pages
    return not (scheme == "https" and parts.scheme != "https")


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
    """Per-page tokens: ``HMAC(key, session key)``.

    The frontend page carries the token of its session; the client presents it
    in HELLO, and only then may the socket start or attach views.  A page of
    another site can neither read the token (same-origin policy) nor the
    HttpOnly session cookie it belongs to, so neither a stolen view id nor a
    forged socket gets anywhere.  The key is the one all processes of the app
    share (``lona.security.trust``), so any of them accepts a page another one served.
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
