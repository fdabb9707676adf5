"""What the HTTP pipeline needs of its server, and what its parts share.

The handler's parts (error pages, first content, frontend views, buckets,
pass-through views, responses) import this module and never the handler
or the server, so imports inside ``lona.http`` point one way: handler, then
its parts, then this module.  ``HttpHost`` is the server as the handler uses
it (``Server`` hands itself over); the narrower hosts are what one part uses
of it; ``HttpServices`` is the handler as the parts it calls (buckets,
pass-through views) use it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from lona.http.page_client import PageClientHost
from lona.http.static_lookup import StaticLookupHost
from lona.http.targets import TargetHost
from lona.request import RequestServer
from lona.view import ViewServer

if TYPE_CHECKING:
    from lona.concurrency.loop import CoreLoop
    from lona.concurrency.threads import ElasticThreadPool
    from lona.http import HttpRequest, HttpResponse
    from lona.http.input import HttpError
    from lona.http.targets import Target
    from lona.middleware_controller import MiddlewareController
    from lona.request import Request
    from lona.routing import Route
    from lona.runtime.registry import RuntimeRegistry
    from lona.runtime.view_runtime import ViewRuntime
    from lona.security.sessions import Sessions
    from lona.templating import Templating
    from lona.view import View

__all__ = [
    "NO_STORE",
    "ErrorAnswers",
    "ErrorPagesHost",
    "FirstContentHost",
    "HttpApp",
    "HttpHost",
    "HttpServices",
    "RuntimeMaker",
    "ViewMaker",
]

T = TypeVar("T")

# what every answer that must not be cached carries (error pages, redirects, views)
NO_STORE = ("Cache-Control", "no-cache, no-store, must-revalidate")


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


class ViewMaker(RequestServer, RuntimeMaker, ViewServer, Protocol):
    """What runs a view for an HTTP request and renders its answer (error views,
    frontend views, first content)."""

    @property
    def core_loop(self) -> CoreLoop: ...

    def resolve_view_class(self, view: Any) -> type[View]: ...


class ErrorPagesHost(ViewMaker, Protocol):
    """What ``lona.http.error_pages`` uses: the error views and templates."""

    @property
    def app(self) -> HttpApp: ...

    @property
    def templating(self) -> Templating: ...


class FirstContentHost(ViewMaker, Protocol):
    """What ``lona.http.first_content`` uses: the running views and their limits."""

    @property
    def registry(self) -> RuntimeRegistry: ...

    @property
    def sessions(self) -> Sessions: ...

    @property
    def executor(self) -> ElasticThreadPool: ...

    def sync_views_full(self, view_class: type[View]) -> bool: ...


class HttpHost(
    PageClientHost,
    ErrorPagesHost,
    FirstContentHost,
    TargetHost,
    StaticLookupHost,
    Protocol,
):
    @property
    def app(self) -> HttpApp: ...

    @property
    def middlewares(self) -> MiddlewareController: ...

    def spawn(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]: ...


class ErrorAnswers(Protocol):
    """The error pages as the handler's parts answer with them (``ErrorPages``)."""

    def response(self, error: BaseException, request: Request) -> HttpResponse: ...


class HttpServices(Protocol):
    """The handler's helpers its parts use (``lona.http.handler.HttpHandler``)."""

    @property
    def server(self) -> HttpHost: ...

    @property
    def errors(self) -> ErrorAnswers: ...

    async def in_pool(self, function: Callable[..., T], *args: Any) -> T: ...

    def refuse(self, error: HttpError, request: HttpRequest) -> HttpResponse: ...

    def lona_request(self, request: HttpRequest, target: Target) -> Request: ...

    def to_http(self, value: Any, request: Request) -> HttpResponse: ...
