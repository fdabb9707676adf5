"""What the HTTP pipeline needs of its server, and what its parts share.

``HttpHost`` is the server as the handler and its parts use it (``Server``
hands itself over); ``HttpServices`` is the handler as the parts it calls
(buckets, pass-through views) use it, so that neither imports the other.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from lona.http.page_client import PageClientHost
from lona.http.responses import TemplateRenderer
from lona.http.static_lookup import StaticLookupHost
from lona.http.targets import TargetHost
from lona.request import RequestServer

if TYPE_CHECKING:
    from lona.concurrency.loop import CoreLoop
    from lona.concurrency.threads import ElasticThreadPool
    from lona.http import HttpRequest, HttpResponse
    from lona.http.error_pages import ErrorPages
    from lona.http.input import HttpError
    from lona.http.targets import Target
    from lona.middleware_controller import MiddlewareController
    from lona.request import Request
    from lona.routing import Route
    from lona.runtime.view_runtime import ViewRuntime
    from lona.view import View

__all__ = ["HttpApp", "HttpHost", "HttpServices", "RuntimeMaker"]

T = TypeVar("T")


class HttpApp(Protocol):
    """The app's own static directories and error views (``lona.App``)."""

    @property
    def static_dirs(self) -> Sequence[Path]: ...

    @property
    def error_views(self) -> Mapping[int, Any]: ...


class RuntimeMaker(Protocol):
    def create_runtime(
        self,
        view_class: type[View],
        request: Request,
        route: Route | None,
        match_info: dict[str, str],
    ) -> ViewRuntime:
        """The runtime of a view for a request."""


class HttpHost(
    RequestServer,
    TargetHost,
    PageClientHost,
    StaticLookupHost,
    TemplateRenderer,
    RuntimeMaker,
    Protocol,
):
    @property
    def app(self) -> HttpApp: ...

    @property
    def middlewares(self) -> MiddlewareController: ...

    @property
    def core_loop(self) -> CoreLoop: ...

    @property
    def executor(self) -> ElasticThreadPool: ...

    def spawn(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]: ...

    def acquire(self, import_string: str, ignore_import_cache: bool = False) -> Any: ...

    def resolve_view_class(self, view: Any) -> type[View]: ...


class HttpServices(Protocol):
    """The handler's helpers its parts use (``lona.http.handler.HttpHandler``)."""

    @property
    def server(self) -> HttpHost: ...

    @property
    def errors(self) -> ErrorPages: ...

    async def in_pool(self, function: Callable[..., T], *args: Any) -> T: ...

    def refuse(self, error: HttpError, request: HttpRequest) -> HttpResponse: ...

    def lona_request(self, request: HttpRequest, target: Target) -> Request: ...

    def to_http(self, value: Any, request: Request) -> HttpResponse: ...
