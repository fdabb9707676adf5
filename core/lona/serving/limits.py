"""How many views may run: per session (``MAX_VIEWS_PER_SESSION``) and in
threads (``MAX_SYNC_VIEWS``).  A VIEW message over a limit is refused with
``TOO_MANY_VIEWS``; the page load of a view checks the same limits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from lona.concurrency.loop import is_async_callable
from lona.protocol import ErrorCode
from lona.ws.messages import ProtocolError

if TYPE_CHECKING:
    from lona.runtime.registry import RuntimeRegistry
    from lona.security.sessions import Sessions
    from lona.settings import Settings
    from lona.view import View
    from lona.ws.connection import Connection

__all__ = ["LimitsHost", "ViewLimits"]


class LimitsHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def registry(self) -> RuntimeRegistry: ...

    @property
    def sessions(self) -> Sessions: ...


class ViewLimits:
    def __init__(self, host: LimitsHost) -> None:
        self._host = host

    def check(self, connection: Connection, window_id: int, view_class: type[View]) -> None:
        """Raise ``TOO_MANY_VIEWS`` when a view of ``view_class`` would be one too many."""
        limit = self._host.settings.MAX_VIEWS_PER_SESSION
        if limit and self._views_of(connection) >= limit:
            raise ProtocolError(
                ErrorCode.TOO_MANY_VIEWS,
                f"this session runs {limit} views already; close a tab",
                window_id,
            )
        if self.sync_views_full(view_class):
            raise ProtocolError(
                ErrorCode.TOO_MANY_VIEWS,
                "the server runs as many views in threads as it may (MAX_SYNC_VIEWS); "
                "try again later",
                window_id,
            )

    def _views_of(self, connection: Connection) -> int:
        """The views that count against MAX_VIEWS_PER_SESSION for a new one."""
        if self._host.sessions.shares_one_user(connection.user):
            # every visitor is the same user: a limit per user would let one
            # visitor lock out all the others, so it holds per socket instead
            return len(connection.windows)
        # a page load's view that its page never attached to ends on its own soon
        return self._host.registry.running_views_of(connection.user, page_loads=False)

    def sync_views_full(self, view_class: type[View]) -> bool:
        """Whether a view of ``view_class`` would be one thread more than
        ``MAX_SYNC_VIEWS`` allows (sessions are free: this bounds them all)."""
        limit: int = self._host.settings.MAX_SYNC_VIEWS
        if not limit or is_async_callable(view_class.handle_request):
            return False
        return self._host.registry.sync_views >= limit
