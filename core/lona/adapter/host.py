"""What every adapter decides alike about the host it runs in: the limits a
server library should apply, an embedding's prefix, the host's user and page
layout, and the host's own static route.

Framework-free: the adapters call these with their framework's values.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from lona.adapter.contract import Server
from lona.http import HttpRequest, HttpResponse
from lona.http.layout import is_page_load

if TYPE_CHECKING:
    from lona.http.targets import TargetHost

__all__ = [
    "HEAD_LIMIT",
    "GetUser",
    "HostLayout",
    "MountedServer",
    "header_timeout",
    "http_body_limit",
    "message_size_limit",
    "mount_prefix",
    "refuse_static_clash",
    "refused_native",
    "user_of",
]

logger = logging.getLogger("lona.adapter")

HEAD_LIMIT = 64 * 1024
"""What a server library should accept of a request line or a header line, so
that URLs and headers up to the core's limits (``MAX_URL_LENGTH``,
``MAX_HEADER_SIZE``) reach the core, which answers larger ones alike."""

GetUser = Callable[[Any], Any]
"""``get_user(native_request) -> user``: the host application's logged-in user."""

HostLayout = Callable[[Any], Any]
"""``layout(native_request) -> str``: the host's own page around a live view,
with the marks of ``lona.layout.LAYOUT`` (sync, or async where the framework is)."""


def mount_prefix(prefix: str) -> str:
    """Check an embedding's URL prefix: ``""`` or ``"/live"`` (a trailing ``/`` is dropped).

    A prefix the browser could not use as a path start is refused at once,
    instead of serving pages whose websocket URL never matches.
    """
    if not isinstance(prefix, str):
        raise TypeError(f"the URL prefix must be a string, got {prefix!r}")
    prefix = prefix.rstrip("/")
    if prefix and (not prefix.startswith("/") or any(c in prefix for c in "?#\\ ")):
        raise ValueError(f"the URL prefix must be empty or a path like '/live', got {prefix!r}")
    return prefix


def http_body_limit(server: Server) -> int:
    """The body limit for the framework's own body reading (pass-through views).

    The core reads every other body through ``HttpRequest.body_reader`` and
    checks the limits itself, so uploads to buckets are not cut at this size.
    """
    limit: int = server.settings.MAX_HTTP_BODY_SIZE
    return limit


def message_size_limit(server: Server) -> int | None:
    """The largest websocket message the library should take: a larger one
    closes the socket with 1009 (the core checks again).  None: unlimited."""
    limit: int = server.settings.MAX_MESSAGE_SIZE
    return limit or None


def header_timeout(server: Server) -> float:
    """Seconds a standalone server gives a client to send a request's head
    (``HTTP_HEADER_TIMEOUT``; 0 means an hour), so slow clients can not hold
    connections open without end."""
    timeout = float(server.settings.HTTP_HEADER_TIMEOUT or 0)
    return timeout if timeout > 0 else 3600.0


def refuse_static_clash(
    server: Server, host_static: str, hint: str, error: type[Exception] = ValueError
) -> None:
    """Refuse a mount whose static files the host's own static route (every
    path starting with ``host_static``) would hide: pages would load without
    their client."""
    lona_static = server.static_url()
    if lona_static.startswith(host_static):
        raise error(
            f"the host serves its static files under {host_static!r}, which hides "
            f"Lona's static files under {lona_static!r}: {hint}"
        )


def refused_native(native: Any, expected: str) -> HttpResponse:
    """The answer when a pass-through view (or a middleware) returned what the
    framework can not send (``expected`` says what it can): logged, and a 500."""
    logger.error("a pass-through view or middleware returned %r, not %s", native, expected)
    return HttpResponse.text("500 Internal Server Error", 500)


async def user_of(get_user: GetUser | None, native: Any) -> Any:
    """``get_user(native)``, awaited when it returns an awaitable; None without it."""
    if get_user is None:
        return None
    user = get_user(native)
    if inspect.isawaitable(user):
        user = await user
    return user


def _is_page_load(server: Server, request: HttpRequest) -> bool:
    # an adapter's server is always the core's own: the Protocol names what
    # adapters may call, and the layout check needs the routes behind it
    return is_page_load(cast("TargetHost", server), request)


def _layout_text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


class MountedServer:
    """One core server embedded in a host application, with the host's
    ``get_user`` and ``layout``: the answers of every adapter's mount."""

    def __init__(
        self, server: Server, get_user: GetUser | None = None, layout: HostLayout | None = None
    ) -> None:
        self.server = server
        self.get_user = get_user
        self.layout = layout
        self._started = False

    async def start_once(self, check: Callable[[], None] | None = None) -> None:
        """Start the core on the running loop unless it started already (after
        ``check()``, which may refuse the mount).  ``server.start()`` does not
        await before it is done, so two first requests can not both start it."""
        if self._started:
            return
        if check is not None:
            check()
        self._started = True
        await self.server.start()

    async def answer(self, request: HttpRequest) -> HttpResponse:
        """The core's answer to ``request``, a live view's page in the host's layout."""
        if self.layout is not None and _is_page_load(self.server, request):
            value = self.layout(request.native)
            if inspect.isawaitable(value):
                value = await value
            request.layout = _layout_text(value)
        return await self.server.handle_http(request)

    def answer_sync(self, request: HttpRequest) -> HttpResponse:
        """``answer`` for frameworks without a loop (Flask): in the request's thread."""
        if self.layout is not None and _is_page_load(self.server, request):
            request.layout = _layout_text(self.layout(request.native))
        return self.server.handle_http_sync(request)
