"""``Request``: what ``handle_request`` receives."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, Protocol

from yarl import URL

from lona.buckets import BucketServer

if TYPE_CHECKING:
    from lona.routing import Route

__all__ = ["Request", "RequestConnection", "RequestServer"]


class RequestConnection(Protocol):
    """The websocket a view request came over (``lona.ws.connection.Connection``)."""

    user: Any


class RequestServer(BucketServer, Protocol):
    """What the core reads of ``request.server`` (a ``lona.server.Server``, whose
    whole public API views use; typed here by what a request carries along,
    since a request is made below the server): its buckets' needs."""


class Request:
    """A view request, over HTTP or over the websocket.

    ``url`` is a ``yarl.URL``; ``GET`` is ``dict(url.query)``.  As in Lona,
    ``method`` is ``'POST'`` when the request carries form data (also for a
    form submitted over the websocket) and ``'GET'`` otherwise, whatever the
    HTTP verb was.
    """

    def __init__(
        self,
        *,
        server: RequestServer,
        url: URL,
        route: Route | None,
        match_info: dict[str, str],
        user: Any,
        interactive: bool,
        method: str = "GET",
        post: dict[str, Any] | None = None,
        connection: RequestConnection | None = None,
        http_request: Any = None,
        frontend: bool = False,
    ) -> None:
        self.id = str(uuid.uuid4())
        self.server = server
        self.url = url
        self.route = route
        self.match_info = match_info
        self._user = user
        self.interactive = interactive
        self.method = method
        self.GET: dict[str, str] = dict(url.query)
        self.POST: dict[str, Any] = dict(post or {})
        self.connection = connection
        self.http_request = http_request
        self.frontend = frontend

    @property
    def user(self) -> Any:
        if self.connection is not None:
            return self.connection.user
        return self._user

    @user.setter
    def user(self, value: Any) -> None:
        # the user belongs to the connection, so every view on it sees the change
        if self.connection is not None:
            self.connection.user = value
        self._user = value

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.url}>"
