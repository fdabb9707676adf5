"""Who may use the websocket: the handshake's host and origin, the
``handle_connection`` middlewares, and the page token a window needs to
start or resume a view (``REQUIRE_PAGE_TOKEN``).

A socket refused here is closed with 1008 (policy), after an error message
that says why; one accepted while the middlewares decide holds its messages
until they do.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from lona.protocol import CloseCode, ErrorCode
from lona.security.admission import host_allowed, origin_allowed
from lona.ws.messages import ProtocolError

if TYPE_CHECKING:
    from lona.concurrency.loop import CoreLoop
    from lona.http import HttpRequest
    from lona.middleware_controller import MiddlewareController
    from lona.settings import Settings
    from lona.ws.connection import Connection

__all__ = ["AdmissionHost", "WebsocketAdmission", "require_page_token"]

logger = logging.getLogger("lona.server")


class AdmissionHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def middlewares(self) -> MiddlewareController: ...

    @property
    def core_loop(self) -> CoreLoop: ...

    def spawn(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]: ...


def require_page_token(settings: Settings, connection: Connection, window_id: int) -> None:
    """Refuse to run views for a socket whose page token was not valid."""
    if settings.REQUIRE_PAGE_TOKEN and not connection.page_token_valid:
        raise ProtocolError(ErrorCode.PAGE_TOKEN, "no valid page token: reload the page", window_id)


class WebsocketAdmission:
    def __init__(self, host: AdmissionHost) -> None:
        self._host = host

    def admit(self, connection: Connection, stopped: bool) -> None:
        """Close a new socket that may not stay (any thread); ask the
        middlewares about one that may."""
        if stopped:
            connection.close(CloseCode.GOING_AWAY, "server shutdown")
        elif not self._admissible(connection.http_request):
            connection.send_error(
                ProtocolError(
                    ErrorCode.ORIGIN, "websockets from pages of this origin are not allowed"
                )
            )
            connection.close(CloseCode.POLICY, "origin not allowed")
        elif self._host.middlewares.has("handle_connection"):
            connection.hold()  # messages wait until the middlewares let it in
            host = self._host
            host.core_loop.call_soon(lambda: host.spawn(self._ask_middlewares(connection)))

    def _admissible(self, request: HttpRequest) -> bool:
        """The host check (``ALLOWED_HOSTS``) and the origin check of a handshake."""
        settings = self._host.settings
        if not host_allowed(request, settings.ALLOWED_HOSTS, settings.TRUSTED_PROXIES):
            logger.warning("refused a websocket for host %r", request.headers.get("host"))
            return False
        if not origin_allowed(request, settings.ALLOWED_ORIGINS, settings.TRUSTED_PROXIES):
            logger.warning("refused a websocket from origin %r", request.headers.get("origin"))
            return False
        return True

    async def _ask_middlewares(self, connection: Connection) -> None:
        outcome = await self._host.middlewares.run_async(
            "handle_connection", http_request=connection.http_request, connection=connection
        )
        if not outcome.handled:
            connection.release()
            return
        if isinstance(outcome.value, str):
            connection.send(outcome.value)
        connection.close(CloseCode.POLICY, "refused by a middleware")
