"""Lona's public ``Server`` API (``request.server``, ``self.server``) over the internals.

``Server`` inherits ``ServerApi``: every method here is a thin translation to
the registry, the router, the templating, the core loop or the thread pool,
with Lona's names and signatures.  What is Lona's but works differently here:

* ``worker_pool.get_executor(name)`` hands out the one elastic pool under
  every name (Lona had fixed pools of fixed sizes; here nothing is capped).
* ``get_views(user=...)`` compares users with ``==`` (Lona: ``is``), so a
  user object equal to the view's user finds its views.
* ``get_views()`` without a selector returns every running view (Lona raises).
"""

from __future__ import annotations

import asyncio
import inspect
import os
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from jinja2 import FileSystemLoader, Template

from lona.view import View

if TYPE_CHECKING:
    from lona.concurrency.loop import CoreLoop
    from lona.concurrency.threads import ElasticThreadPool
    from lona.http import HttpRequest
    from lona.request import Request
    from lona.routing import Route, Router
    from lona.runtime.registry import RuntimeRegistry
    from lona.runtime.view_runtime import ViewRuntime
    from lona.security.sessions import Sessions
    from lona.settings import Settings
    from lona.templating import Templating
    from lona.ws.connection import Connection

__all__ = [
    "WEBSOCKET_PATH",
    "ServedApp",
    "ServerApi",
    "ViewRuntimeControllerView",
    "WorkerPoolView",
]

T = TypeVar("T")
WEBSOCKET_PATH = "/_lona/ws"


class PoolExecutor(Executor):
    """The elastic pool as a ``concurrent.futures.Executor`` (``run_in_executor``)."""

    def __init__(self, pool: ElasticThreadPool) -> None:
        self._pool = pool

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self._pool.submit(lambda: fn(*args, **kwargs))


class WorkerPoolView:
    """``server.worker_pool``: Lona's named executors, all backed by the one pool."""

    def __init__(self, pool: ElasticThreadPool) -> None:
        self._executor = PoolExecutor(pool)

    def get_executor(self, name: str = "worker") -> Executor:
        return self._executor


class ViewRuntimeControllerView:
    """Read-only stand-in for Lona's ``server._view_runtime_controller``, which
    Lona's own tests read (``len(..._view_runtimes)`` once views are gone)."""

    def __init__(self, registry: RuntimeRegistry) -> None:
        self._registry = registry

    @property
    def _view_runtimes(self) -> Mapping[str, ViewRuntime]:
        return MappingProxyType(self._registry.by_id)

    def iter_view_runtimes(self) -> Iterator[ViewRuntime]:
        return iter(self._registry)

    def get_view_runtime(self, view_runtime_id: str) -> ViewRuntime | None:
        return self._registry.by_id.get(str(view_runtime_id))


class StaticDirectories(Protocol):
    """The HTTP side as ``static_dirs`` reads it (``lona.http.handler.HttpHandler``)."""

    def static_dirs(self) -> list[Path]: ...


class ServedApp(Protocol):
    """What a server reads of its app (``lona.App``; the app makes the server)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def project_root(self) -> str: ...

    @property
    def routes(self) -> list[Route]: ...

    @property
    def template_dirs(self) -> Sequence[Path]: ...

    @property
    def static_dirs(self) -> Sequence[Path]: ...

    @property
    def error_views(self) -> Mapping[int, Any]: ...

    @property
    def middlewares(self) -> Sequence[Any]: ...


class ServerApi:
    # provided by Server
    app: ServedApp
    settings: Settings
    project_root: str
    url_prefix: str
    router: Router
    templating: Templating
    registry: RuntimeRegistry
    core_loop: CoreLoop
    executor: ElasticThreadPool
    http: StaticDirectories
    sessions: Sessions

    def connections(self) -> list[Connection]:
        raise NotImplementedError

    def resolve_view_class(self, view: Any) -> type[View]:
        """A View class, or the one an import string names."""
        if isinstance(view, str):
            view = self.acquire(view)
        if not (isinstance(view, type) and issubclass(view, View)):
            raise TypeError(f"{view!r} is not a View class")
        return view

    # properties #############################################################

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        if self.core_loop.loop is None:
            raise RuntimeError("loop is not set: the server is not running")
        return self.core_loop.loop

    @property
    def worker_pool(self) -> WorkerPoolView:
        return WorkerPoolView(self.executor)

    @property
    def template_dirs(self) -> tuple[str, ...]:
        loader = self.templating.environment.loader
        assert isinstance(loader, FileSystemLoader)
        return tuple(str(path) for path in loader.searchpath)

    @property
    def static_dirs(self) -> tuple[str, ...]:
        return tuple(str(path) for path in self.http.static_dirs())

    @property
    def _view_runtime_controller(self) -> ViewRuntimeControllerView:
        return ViewRuntimeControllerView(self.registry)

    # URLs and sessions (this project's: adapters and tests use them) ########

    @property
    def websocket_path(self) -> str:
        return self.url_prefix + WEBSOCKET_PATH

    def static_url(self, path: str = "") -> str:
        prefix: str = self.settings.STATIC_URL_PREFIX
        return self.url_prefix + prefix + path.lstrip("/")

    def session_key(self, request: HttpRequest) -> tuple[str, bool]:
        """The session of a request (its cookie), and whether it is new."""
        return self.sessions.key(request)

    # templates ##############################################################

    def get_template(self, template_name: str) -> Template:
        return self.templating.environment.get_template(template_name)

    def render_string(
        self, template_string: str, template_context: dict[str, Any] | None = None
    ) -> str:
        return self.templating.render(None, template_string, template_context)

    def render_template(
        self, template_name: str, template_context: dict[str, Any] | None = None
    ) -> str:
        return self.templating.render(template_name, None, template_context)

    # imports and paths ######################################################

    def resolve_path(self, path: str) -> str:
        """``path`` relative to the project root (absolute paths stay as they are)."""
        if path.startswith("/"):
            return path
        return os.path.normpath(os.path.join(self.project_root, path))

    def acquire(self, import_string: str, ignore_import_cache: bool = False) -> Any:
        """``'package.module.name'`` or ``'path/file.py::name'`` (relative to the project)."""
        from lona.imports import acquire

        return acquire(import_string, ignore_import_cache, project_root=self.project_root)

    # routes and views #######################################################

    def reverse(self, route_name: str, *args: Any, **kwargs: Any) -> str:
        return self.url_prefix + self.router.reverse(route_name, *args, **kwargs)

    def get_view_class(
        self,
        route_name: str | None = None,
        route: Route | None = None,
        import_string: str | None = None,
        url: str | None = None,
    ) -> type[View] | None:
        """The view class of exactly one of: a route name, a route, an import string, a URL."""
        if sum(bool(given) for given in (route_name, route, import_string, url)) != 1:
            raise ValueError("too many or too few arguments given")
        view: Any = import_string
        if route_name:
            route = self.router.get_route(route_name)
        elif url:
            route = self.router.resolve(url).route
        if route_name or url or route:
            if route is None:
                return None
            view = route.view
        return self.resolve_view_class(view)

    def get_views(
        self,
        route_name: str | None = None,
        route: Route | None = None,
        import_string: str | None = None,
        url: str | None = None,
        user: Any = None,
    ) -> list[View]:
        """The running views of one view class (chosen as in ``get_view_class``),
        optionally only those of ``user``; without a selector, all of them."""
        view_class = None
        if route_name or route or import_string or url:
            view_class = self.get_view_class(route_name, route, import_string, url)
            if view_class is None:
                return []
        return [
            runtime.view
            for runtime in self.registry
            if (view_class is None or runtime.view_class is view_class)
            and (user is None or runtime.user == user)
        ]

    def fire_view_event(
        self, name: str, data: dict[str, Any] | None = None, view_classes: Any = None
    ) -> None:
        """Deprecated: send a view event to the running views of ``view_classes``."""
        from lona.runtime.subscriptions import fire_view_event

        fire_view_event(self, name, data, view_classes)

    # users, connections and running views ###################################

    def get_running_views_count(self, user: Any) -> int:
        return self.registry.running_views_of(user)

    def view_is_already_running(self, request: Request) -> bool:
        """Whether a daemon view of this request's user, route and match_info runs."""
        if request.route is None:
            return False
        return (
            self.registry.find_daemon(request.user, request.route, request.match_info) is not None
        )

    def get_connection_count(self, user: Any) -> int:
        return sum(1 for connection in self.connections() if connection.user == user)

    def get_connected_user_count(self) -> int:
        users: list[Any] = []  # users need not be hashable: compared with ==
        for connection in self.connections():
            if connection.user not in users:
                users.append(connection.user)
        return len(users)

    # the loop and the threads ###############################################

    def run_coroutine_sync(self, coroutine: Awaitable[T], wait: bool | None = True) -> Any:
        """Run ``coroutine`` on the server's loop from another thread; its result
        (``wait``) or a ``concurrent.futures.Future`` of it."""
        if wait and self.core_loop.in_loop():
            if inspect.iscoroutine(coroutine):
                coroutine.close()
            raise RuntimeError("run_coroutine_sync(wait=True) would block the loop it waits for")
        future = asyncio.run_coroutine_threadsafe(_awaited(coroutine), self.loop)
        return future.result() if wait else future

    def run_function_async(
        self, function: Callable[..., T], *args: Any, executor_name: str = "worker", **kwargs: Any
    ) -> asyncio.Future[T]:
        """Run ``function`` in a pool thread; an awaitable of its result on the
        running loop (the server's when called from none)."""
        future = self.worker_pool.get_executor(executor_name).submit(function, *args, **kwargs)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = self.loop
        return asyncio.wrap_future(future, loop=loop)


async def _awaited(awaitable: Awaitable[T]) -> T:
    return await awaitable
