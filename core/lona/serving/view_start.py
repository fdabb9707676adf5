"""A window's VIEW and RESUME messages (core loop): which view it shows.

VIEW runs the view of a URL in a window: a daemon view of the same user,
route and match info is re-attached; with an attach token, the window
adopts the view its page load started (once) or re-attaches to a daemon
it showed before; otherwise a new view starts, within the limits.  RESUME
brings a window whose socket dropped back to its view, where that view
still runs for this user; elsewhere it falls back to VIEW.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from yarl import URL

from lona.errors import NotFoundError
from lona.http.host import RuntimeMaker
from lona.protocol import ErrorCode, ServerMessage
from lona.request import Request, RequestServer
from lona.serving.admission import require_page_token
from lona.view import View
from lona.ws.messages import ProtocolError, ResumeMessage, ViewMessage

if TYPE_CHECKING:
    from lona.routing import Router
    from lona.runtime.registry import RuntimeRegistry
    from lona.serving.limits import ViewLimits
    from lona.ws.connection import Connection

__all__ = ["ViewStartHost", "ViewStarter"]

logger = logging.getLogger("lona.server")


class _NotFoundView(View):
    """Shown for URLs no route matches: raises NotFoundError so the 404 view shows."""

    def handle_request(self, request: Request) -> Any:
        raise NotFoundError()


class ViewStartHost(RequestServer, RuntimeMaker, Protocol):
    @property
    def router(self) -> Router: ...

    @property
    def registry(self) -> RuntimeRegistry: ...

    @property
    def limits(self) -> ViewLimits: ...

    def resolve_view_class(self, view: Any) -> type[View]: ...


class ViewStarter:
    def __init__(self, host: ViewStartHost) -> None:
        self._host = host

    def start(self, connection: Connection, message: ViewMessage) -> None:
        """Run the view of ``message.url`` in a window."""
        host, window_id = self._host, message.window_id
        require_page_token(host.settings, connection, window_id)
        connection.leave_window(window_id)
        if message.attach_token is not None:
            self._attach_by_token(
                connection, window_id, message.attach_token, message.adopted_version
            )
            return
        try:
            url = URL(message.url)
        except ValueError:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "VIEW url is no URL", window_id) from None
        _, route, match_info = host.router.resolve(self._local_path(url.path, window_id))
        if route is not None and (not route.interactive or route.http_pass_through):
            connection.send_message(ServerMessage.HTTP_REDIRECT, window_id, None, None, message.url)
            return
        view_class: type[View] = _NotFoundView
        if route is not None:
            daemon = host.registry.find_daemon(connection.user, route, match_info)
            if daemon is not None:
                daemon.attach(connection, window_id)
                return
            view_class = host.resolve_view_class(route.view)
        host.limits.check(connection, window_id, view_class)
        request = Request(
            server=host,
            url=url,
            route=route,
            match_info=match_info,
            user=connection.user,
            interactive=True,
            method="POST" if message.post_data else "GET",
            post=message.post_data,
            connection=connection,
            http_request=connection.http_request,
        )
        runtime = host.create_runtime(view_class, request, route, match_info)
        host.registry.add(runtime)
        runtime.attach(connection, window_id)
        runtime.start()

    def resume(self, connection: Connection, message: ResumeMessage) -> None:
        """A window whose socket dropped is back: its view resumes where the
        window left off.  Where that view is not (another process, a restart,
        ``RESUME_TIMEOUT`` passed, another user), the window runs its URL as VIEW
        with the attach token does: a daemon re-attaches, any other view starts."""
        window_id = message.window_id
        require_page_token(self._host.settings, connection, window_id)
        runtime = self._host.registry.by_token(message.attach_token)
        same = runtime is not None and runtime.id == message.view_id
        if runtime is not None and same and runtime.user == connection.user:
            attachment = runtime.attachment_of(connection.page_id, window_id)
            if attachment is not None:
                if connection.windows.get(window_id) not in (None, attachment):
                    connection.leave_window(window_id)
                runtime.resume(attachment, connection, message.received)
                return
        try:
            self.start(connection, ViewMessage(window_id, message.url, None, message.attach_token))
        except ProtocolError as error:
            if error.code not in (ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN):
                raise
            self.start(connection, ViewMessage(window_id, message.url, None, None))

    def _local_path(self, path: str, window_id: int) -> str:
        prefix = self._host.url_prefix
        if not prefix:
            return path
        if path != prefix and not path.startswith(prefix + "/"):
            raise ProtocolError(ErrorCode.NOT_FOUND, f"{path} is outside this app", window_id)
        return path[len(prefix) :] or "/"

    def _attach_by_token(
        self, connection: Connection, window_id: int, token: str, adopted_version: int | None
    ) -> None:
        """Attach a window to the view its page load started (once), or re-attach
        it to a daemon view it showed before (a reconnect)."""
        runtime = self._host.registry.by_token(token)
        if runtime is None or not (
            runtime.awaiting_window or (runtime.is_daemon and runtime.accepts_windows())
        ):
            raise ProtocolError(ErrorCode.NOT_FOUND, "that view no longer runs", window_id)
        if runtime.user != connection.user:
            logger.warning("%r tried to attach to a view of another user", connection)
            raise ProtocolError(ErrorCode.FORBIDDEN, "that view belongs to another user", window_id)
        runtime.attach(connection, window_id, adopted_version)
