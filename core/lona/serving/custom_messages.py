"""Text on the websocket that is no protocol message (Lona's custom messages).

It goes to the ``handle_websocket_message`` middlewares; without one, or
when none handles it, the client gets ``CUSTOM_UNHANDLED``.  A connection's
messages stay in order: later ones wait while the middlewares run.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from lona.protocol import ErrorCode
from lona.ws.messages import ProtocolError

if TYPE_CHECKING:
    from lona.middleware_controller import MiddlewareController
    from lona.ws.connection import Connection

__all__ = ["CustomMessages", "CustomMessagesHost"]

logger = logging.getLogger("lona.server")


class CustomMessagesHost(Protocol):
    @property
    def middlewares(self) -> MiddlewareController: ...

    def spawn(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]: ...


def _unhandled() -> ProtocolError:
    return ProtocolError(ErrorCode.CUSTOM_UNHANDLED, "custom message not handled by any middleware")


class CustomMessages:
    def __init__(self, host: CustomMessagesHost) -> None:
        self._host = host

    def handle(self, connection: Connection, text: str) -> None:
        """Hand ``text`` to the middlewares (core loop)."""
        if self._host.middlewares.has("handle_websocket_message"):
            # later messages wait: a connection's messages are handled in order
            connection.hold()
            self._host.spawn(self._run_middlewares(connection, text))
        else:  # answered at once, in order with the connection's other messages
            connection.send_error(_unhandled())

    async def _run_middlewares(self, connection: Connection, text: str) -> None:
        try:
            outcome = await self._host.middlewares.run_async(
                "handle_websocket_message", connection=connection, message=text
            )
            if not outcome.handled:
                connection.send_error(_unhandled())
        except Exception:
            logger.exception("handle_websocket_message crashed for %r", connection)
            connection.send_error(ProtocolError(ErrorCode.INTERNAL, "internal server error"))
        finally:
            connection.release()
