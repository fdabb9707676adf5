"""``Server``: one running app.  All runtime state lives here, never in modules.

Adapters use ``start``/``start_in_thread``, ``handle_http``/``handle_http_sync``,
``open_websocket`` and ``stop``/``stop_in_thread`` (see ``lona.adapter``).
Two servers in one process (two apps, or a test beside a demo) share nothing.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import logging
import secrets
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lona.adapter import Transport
from lona.connection import Connection
from lona.errors import ForbiddenError, NotFoundError
from lona.exceptions import ServerStop
from lona.http import URL, HttpRequest, HttpResponse
from lona.http_handler import HttpHandler
from lona.protocol import CloseCode, ErrorCode, ServerMessage
from lona.request import Request
from lona.routing import Router
from lona.runtime.loop import CoreLoop
from lona.runtime.messages import ProtocolError, ViewMessage
from lona.runtime.threads import ElasticThreadPool
from lona.runtime.view_runtime import ViewRuntime
from lona.sessions import AnonymousUser, new_session_key, valid_session_key
from lona.settings import Settings
from lona.state import State
from lona.templating import Templating
from lona.view import View

if TYPE_CHECKING:
    from lona.app import App

__all__ = ["Server"]

logger = logging.getLogger("lona.server")

WEBSOCKET_PATH = "/_lona/ws"
# how long stop() waits for the close frames of open sockets to be written
CLOSE_FRAMES_TIMEOUT = 1.0


class _NotFoundView(View):
    """Shown for URLs no route matches: raises NotFoundError so the 404 view shows."""

    def handle_request(self, request: Request) -> Any:
        raise NotFoundError()


class Server:
    def __init__(self, app: App, url_prefix: str = "", settings: Settings | None = None) -> None:
        self.app = app
        self.settings = settings or app.settings
        self.project_root = app.project_root
        self.url_prefix = url_prefix.rstrip("/")
        self.router = Router(app.routes)
        self.extra_template_dirs = list(app.template_dirs)
        self.templating = Templating(self)
        self.http = HttpHandler(self)
        self.state = State(copy.deepcopy(self.settings.INITIAL_SERVER_STATE))
        self.core_loop = CoreLoop()
        self.executor = ElasticThreadPool(idle_timeout=self.settings.THREAD_IDLE_TIMEOUT)
        self.instance_id = secrets.token_hex(8)
        self.stop_requested = threading.Event()
        self._stop_requested_async: asyncio.Event | None = None
        self._runtimes: dict[str, ViewRuntime] = {}
        self._runtimes_gone: asyncio.Event | None = None
        self._connections: set[Connection] = set()
        self._connections_gone: asyncio.Event | None = None
        self._view_ids = itertools.count(1)
        self._started = False
        self._stopped = False

    # lifecycle ##############################################################

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        assert self.core_loop.loop is not None, "the server is not running"
        return self.core_loop.loop

    async def start(self) -> None:
        """Start on the running asyncio loop (aiohttp, Tornado)."""
        self.core_loop.attach(asyncio.get_running_loop())
        self._stop_requested_async = asyncio.Event()
        self._runtimes_gone = asyncio.Event()
        self._connections_gone = asyncio.Event()
        if self.stop_requested.is_set():
            self._stop_requested_async.set()
        self._started = True
        logger.debug("server started")

    def start_in_thread(self) -> None:
        """Start with a private loop thread (servers without a loop: Flask)."""
        self.core_loop.start_thread()
        self.core_loop.run_sync(self.start())

    def request_stop(self) -> None:
        """Ask the adapter to shut down (any thread, signal handlers included)."""
        self.stop_requested.set()
        if self._stop_requested_async is not None and self.core_loop.running:
            # threadsafe even on the loop thread: a signal handler runs between
            # two bytecodes of the loop, and only the self-pipe wakes its select()
            try:
                self.loop.call_soon_threadsafe(self._stop_requested_async.set)
            except RuntimeError:
                pass

    async def wait_for_stop_request(self) -> None:
        assert self._stop_requested_async is not None
        await self._stop_requested_async.wait()

    async def stop(self) -> None:
        """Stop every view with ServerStop, run their hooks, close all sockets."""
        if self._stopped or not self._started:
            return
        self._stopped = True
        self.stop_requested.set()
        runtimes = list(self._runtimes.values())
        for runtime in runtimes:
            runtime.stop(ServerStop())
            runtime.request_cleanup()
        if self._runtimes and self._runtimes_gone is not None:
            try:
                await asyncio.wait_for(self._runtimes_gone.wait(), self.settings.SHUTDOWN_TIMEOUT)
            except TimeoutError:
                logger.warning(
                    "%d views did not stop within %ss",
                    len(self._runtimes),
                    self.settings.SHUTDOWN_TIMEOUT,
                )
        for connection in list(self._connections):
            connection.close(CloseCode.GOING_AWAY, "server shutdown")
        # Wait (briefly) until the writers sent their close frames: where an
        # adapter's send runs elsewhere (Flask: in a thread) a loop turn is not
        # enough, and the loop may stop right after this returns.
        if self._connections and self._connections_gone is not None:
            self._connections_gone.clear()
            try:
                await asyncio.wait_for(self._connections_gone.wait(), CLOSE_FRAMES_TIMEOUT)
            except TimeoutError:
                logger.debug("%d sockets still closing", len(self._connections))
        self.executor.shutdown(timeout=0)
        logger.debug("server stopped")

    def stop_in_thread(self) -> None:
        if self.core_loop.running and self._started:
            self.core_loop.run_sync(self.stop(), timeout=self.settings.SHUTDOWN_TIMEOUT + 5)
        self.core_loop.stop_thread()

    # registries #############################################################

    def next_view_id(self) -> str:
        return str(next(self._view_ids))

    def connections(self) -> list[Connection]:
        return list(self._connections)

    def runtimes(self) -> list[ViewRuntime]:
        return list(self._runtimes.values())

    def forget_runtime(self, runtime: ViewRuntime) -> None:
        """Called once a runtime has cleaned up (any thread)."""

        def forget() -> None:
            self._runtimes.pop(runtime.id, None)
            runtime.close_windows()
            if not self._runtimes and self._runtimes_gone is not None:
                self._runtimes_gone.set()

        if self.core_loop.running:
            self.core_loop.call_soon(forget)

    def connection_closed(self, connection: Connection) -> None:
        self._connections.discard(connection)
        if not self._connections and self._connections_gone is not None:
            self._connections_gone.set()

    # HTTP ###################################################################

    async def handle_http(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request (core loop)."""
        return await self.http.handle(request)

    def handle_http_sync(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request from a thread that is not the core loop (Flask)."""
        return self.core_loop.run_sync(self.http.handle(request))

    @property
    def websocket_path(self) -> str:
        return self.url_prefix + WEBSOCKET_PATH

    def static_url(self, path: str = "") -> str:
        prefix: str = self.settings.STATIC_URL_PREFIX
        return self.url_prefix + prefix + path.lstrip("/")

    def reverse(self, route_name: str, /, *args: Any, **kwargs: Any) -> str:
        return self.url_prefix + self.router.reverse(route_name, *args, **kwargs)

    def session_user(self, request: HttpRequest) -> tuple[Any, str | None]:
        """The user of a request and, when a new session starts, its key."""
        if request.user is not None:
            return request.user, None
        if not self.settings.SESSIONS:
            return AnonymousUser(""), None
        key = request.cookies.get(self.settings.SESSIONS_KEY_NAME)
        if valid_session_key(key):
            assert key is not None
            return AnonymousUser(key), None
        key = new_session_key()
        return AnonymousUser(key), key

    def render_error(self, error: BaseException, request: Request, interactive: bool) -> Any:
        return self.http.render_error(error, request, interactive)

    # websockets #############################################################

    def open_websocket(self, request: HttpRequest, transport: Transport) -> Connection:
        """A websocket was accepted (any thread); the adapter feeds it from now on."""
        user, _ = self.session_user(request)
        connection = Connection(self, transport, request, user)
        self._connections.add(connection)
        if self._stopped:
            connection.close(CloseCode.GOING_AWAY, "server shutdown")
        return connection

    def handle_custom_message(self, connection: Connection, text: str) -> None:
        connection.send_error(
            ProtocolError(
                ErrorCode.CUSTOM_UNHANDLED, "custom message not handled by any middleware"
            )
        )

    def start_view(self, connection: Connection, message: ViewMessage) -> None:
        """Run the view of ``message.url`` in a window (core loop)."""
        window_id = message.window_id
        connection.leave_window(window_id)
        url = URL(message.url)
        path = url.path
        if self.url_prefix:
            if path != self.url_prefix and not path.startswith(self.url_prefix + "/"):
                raise ProtocolError(ErrorCode.NOT_FOUND, f"{path} is outside this app", window_id)
            path = path[len(self.url_prefix) :] or "/"
        resolved = self.router.resolve(path)
        if resolved is not None and (
            not resolved.route.interactive or resolved.route.http_pass_through
        ):
            connection.send_message(ServerMessage.HTTP_REDIRECT, window_id, None, message.url)
            return
        runtime = self._find_daemon(connection, resolved)
        if runtime is not None:
            runtime.attach(connection, window_id)
            return
        if resolved is None:
            view_class: type[View] = _NotFoundView
            route, match_info = None, {}
        else:
            view_class = self.resolve_view_class(resolved.route.view)
            route, match_info = resolved.route, resolved.match_info
        request = Request(
            server=self,
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
        runtime = ViewRuntime(self, view_class, request, route, match_info)
        self._runtimes[runtime.id] = runtime
        runtime.attach(connection, window_id)
        runtime.start()

    def _find_daemon(self, connection: Connection, resolved: Any) -> ViewRuntime | None:
        if resolved is None:
            return None
        for runtime in self._runtimes.values():
            if (
                runtime.is_daemon
                and runtime.stop_reason is None
                and runtime.route is resolved.route
                and runtime.match_info == resolved.match_info
                and runtime.user == connection.user
            ):
                return runtime
        return None

    def resolve_view_class(self, view: Any) -> type[View]:
        if isinstance(view, str):
            from lona.imports import acquire

            view = acquire(view, self.project_root)
        if not (isinstance(view, type) and issubclass(view, View)):
            raise TypeError(f"{view!r} is not a View class")
        return view

    def iter_runtimes(self) -> Iterator[ViewRuntime]:
        return iter(list(self._runtimes.values()))

    def error_for(self, error: BaseException) -> int:
        if isinstance(error, ForbiddenError):
            return 403
        if isinstance(error, NotFoundError):
            return 404
        return 500
