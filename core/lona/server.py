"""``Server``: one running app.  All runtime state lives here, never in modules.

Adapters use ``start``/``start_in_thread``, ``handle_http``/``handle_http_sync``,
``open_websocket`` and ``stop``/``stop_in_thread`` (see ``lona.adapter``).
Two servers in one process (two apps, or a test beside a demo) share nothing.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import itertools
import logging
import secrets
import threading
import time
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from yarl import URL

from lona.adapter import Transport
from lona.buckets import BucketRegistry
from lona.channels.broker import ChannelBroker
from lona.concurrency.loop import CoreLoop, is_async_callable
from lona.concurrency.loop_watch import LoopWatch
from lona.concurrency.threads import ElasticThreadPool
from lona.current import current_server
from lona.errors import NotFoundError
from lona.exceptions import ServerStop
from lona.http import HttpRequest, HttpResponse
from lona.http.access_log import access_logged, log_access, log_websocket
from lona.http.handler import HttpHandler
from lona.middleware_controller import MiddlewareController
from lona.protocol import CloseCode, ErrorCode, ServerMessage
from lona.request import Request
from lona.routing import router_for
from lona.runtime.registry import RuntimeRegistry
from lona.runtime.view_runtime import ViewRuntime
from lona.security.admission import PageTokens, host_allowed, origin_allowed
from lona.security.sessions import AnonymousUser, Sessions
from lona.security.trust import Trust
from lona.server_api import ServerApi
from lona.settings import Settings
from lona.state import State
from lona.templating import Templating
from lona.view import View
from lona.ws.connection import Connection
from lona.ws.messages import ProtocolError, ResumeMessage, ViewMessage

if TYPE_CHECKING:
    from lona.app import App

__all__ = ["Server"]

logger = logging.getLogger("lona.server")

WEBSOCKET_PATH = "/_lona/ws"
DEBUG_MODE_WARNING = (
    "debug mode is on: errors show in the page with their traceback. Never use it in production."
)
# how long stop() waits for the close frames of open sockets to be written
CLOSE_FRAMES_TIMEOUT = 1.0


class _NotFoundView(View):
    """Shown for URLs no route matches: raises NotFoundError so the 404 view shows."""

    def handle_request(self, request: Request) -> Any:
        raise NotFoundError()


class Server(ServerApi):
    def __init__(self, app: App, url_prefix: str = "", settings: Settings | None = None) -> None:
        self.app = app
        self.settings = settings or app.settings
        self.project_root = app.project_root
        self.url_prefix = url_prefix.rstrip("/")
        self.router = router_for(app.routes, self.settings)
        self.extra_template_dirs = list(app.template_dirs)
        self.templating = Templating(self)
        self.http = HttpHandler(self)
        self.state = State(copy.deepcopy(self.settings.INITIAL_SERVER_STATE))
        self.core_loop = CoreLoop()
        self.loop_watch = LoopWatch(float(self.settings.LOOP_BLOCK_WARNING or 0))
        self.executor = ElasticThreadPool(
            idle_timeout=self.settings.THREAD_IDLE_TIMEOUT,
            initializer=self._enter_worker_thread,
            concurrency=self.settings.WORKER_THREADS,
            stall_timeout=self.settings.WORKER_STALL_TIMEOUT,
            scheduler=self.core_loop.call_later,
            stack_size=self.settings.VIEW_THREAD_STACK_SIZE or None,
        )
        self.instance_id = secrets.token_hex(8)
        # characters of a window's unconfirmed messages kept for a resume
        self.resume_buffer_size = int(self.settings.RESUME_BUFFER_SIZE)
        self.buckets = BucketRegistry(self.settings.BUCKETS_MAX_TOTAL_SIZE)
        self.middlewares = MiddlewareController(self)
        self.channels = ChannelBroker(self)
        # the key every process of the app signs page tokens and session keys
        # with; decided in start()
        self.trust = Trust(self)
        self.page_tokens = PageTokens(self.trust.keys)
        self.sessions = Sessions(self.settings, self.trust.keys, self.url_prefix)
        self.stop_requested = threading.Event()
        self._stop_requested_async: asyncio.Event | None = None
        self.registry = RuntimeRegistry()
        self._connections: set[Connection] = set()
        self._sweeper: asyncio.Task[None] | None = None
        self._connections_gone: asyncio.Event | None = None
        self._view_ids = itertools.count(1)
        self._started = False
        self._stopped = False
        self.standalone = False  # served by app.run(): logs every request (ACCESS_LOG)

    # lifecycle ##############################################################

    @property
    def running(self) -> bool:
        return self._started and not self._stopped

    async def start(self) -> None:
        """Start on the running asyncio loop (aiohttp, Tornado)."""
        self.core_loop.attach(asyncio.get_running_loop())
        if self.settings.BUCKETS_SAME_USER_ONLY and not self.settings.SESSIONS:
            logger.warning(
                "BUCKETS_SAME_USER_ONLY can not tell visitors apart with SESSIONS = False: "
                "every anonymous visitor is the same user, and a bucket's URL its only guard"
            )
        self._stop_requested_async = asyncio.Event()
        self.registry.emptied = asyncio.Event()
        self._connections_gone = asyncio.Event()
        if self.stop_requested.is_set():
            self._stop_requested_async.set()
        self.loop_watch.start()
        if self.settings.CLIENT_PING_INTERVAL:
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep_dead_connections())
        await self.channels.start()
        await self.trust.agree()
        await self.middlewares.run_lifecycle("on_startup")
        self._started = True
        logger.debug("server started")
        if self.settings.get("DEBUG"):
            # embedded or standalone alike: whoever starts it must see this
            logger.warning(DEBUG_MODE_WARNING)

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
        if self._sweeper is not None:
            self._sweeper.cancel()
        for runtime in self.registry:
            runtime.stop(ServerStop())
            runtime.request_cleanup()
        if len(self.registry) and self.registry.emptied is not None:
            try:
                await asyncio.wait_for(self.registry.emptied.wait(), self.settings.SHUTDOWN_TIMEOUT)
            except TimeoutError:
                logger.warning(
                    "%d views did not stop within %ss",
                    len(self.registry),
                    self.settings.SHUTDOWN_TIMEOUT,
                )
        await self.middlewares.run_lifecycle("on_shutdown")
        await self.channels.stop()
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
        self.executor.shutdown()
        self.loop_watch.stop()
        self.buckets.close_all()
        logger.debug("server stopped")

    def stop_in_thread(self) -> None:
        if self.core_loop.running and self._started:
            self.core_loop.run_sync(self.stop(), timeout=self.settings.SHUTDOWN_TIMEOUT + 5)
        self.core_loop.stop_thread()

    # registries #############################################################

    def _enter_worker_thread(self) -> None:
        current_server.set(self)  # channels used in view code find their server

    def spawn(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]:
        """A task on the core loop that runs view code of this server (core loop);
        its ``name`` says whose code it is when it blocks the loop."""
        context = contextvars.copy_context()
        context.run(current_server.set, self)
        return asyncio.get_running_loop().create_task(coroutine, name=name, context=context)

    @property
    def secret_key(self) -> bytes:
        """The key this server signs with, shared by every process of the app."""
        return self.trust.keys.current

    def next_view_id(self) -> str:
        return str(next(self._view_ids))

    def connections(self) -> list[Connection]:
        return list(self._connections)

    def runtimes(self) -> list[ViewRuntime]:
        return list(self.registry)

    def forget_runtime(self, runtime: ViewRuntime) -> None:
        """Called once a runtime has cleaned up (any thread)."""

        def forget() -> None:
            self.registry.remove(runtime)
            runtime.close_windows()

        if self.core_loop.running:
            self.core_loop.call_soon(forget)

    async def _sweep_dead_connections(self) -> None:
        """Close sockets whose client went silent: it pings every CLIENT_PING_INTERVAL,
        so a connection without any message for three intervals is a half-open one
        (a dropped network), and its non-daemon views would otherwise live forever."""
        interval = float(self.settings.CLIENT_PING_INTERVAL)
        while True:
            await asyncio.sleep(interval)
            deadline = self.loop.time() - 3 * interval
            for connection in list(self._connections):
                if connection.last_seen < deadline:
                    logger.info("%r: silent for %.0fs, closing", connection, 3 * interval)
                    connection.close(CloseCode.POLICY, "no message from the client")
                    connection.closed()

    def connection_closed(self, connection: Connection) -> None:
        self._connections.discard(connection)
        if not self._connections and self._connections_gone is not None:
            self._connections_gone.set()

    # HTTP ###################################################################

    async def handle_http(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request (core loop)."""
        if not access_logged(self):
            return await self.http.handle(request)
        started = time.monotonic()
        response = await self.http.handle(request)
        log_access(request, response, started)
        return response

    def handle_http_sync(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request from a thread that is not the core loop (Flask).

        Pass-through views run in the calling thread, where the framework's
        request context is; everything else runs on the core's loop."""
        if not access_logged(self):
            return self.http.handle_in_thread(request)
        started = time.monotonic()
        response = self.http.handle_in_thread(request)
        log_access(request, response, started)
        return response

    @property
    def websocket_path(self) -> str:
        return self.url_prefix + WEBSOCKET_PATH

    def static_url(self, path: str = "") -> str:
        prefix: str = self.settings.STATIC_URL_PREFIX
        return self.url_prefix + prefix + path.lstrip("/")

    def session_key(self, request: HttpRequest) -> tuple[str, bool]:
        """The session of a request (its cookie), and whether it is new."""
        return self.sessions.key(request)

    def session_user(self, request: HttpRequest) -> tuple[Any, str, bool]:
        """The user of a request, its session key, and whether the session is new.

        The host application's user (``get_user``) wins; without one, users
        are anonymous per session.  The session exists either way: page
        tokens are bound to it.  One call draws one key for a new session, so
        the user, the cookie and the page token all name the same session.
        """
        key, new = self.session_key(request)
        user = request.user if request.user is not None else AnonymousUser(key)
        return user, key, new

    def render_error(self, error: BaseException, request: Request, interactive: bool) -> Any:
        return self.http.errors.render(error, request, interactive)

    # websockets #############################################################

    def open_websocket(self, request: HttpRequest, transport: Transport) -> Connection:
        """A websocket was accepted (any thread); the adapter feeds it from now on."""
        if access_logged(self):
            log_websocket(request)
        user, session_key, _ = self.session_user(request)
        connection = Connection(self, transport, request, user)
        connection.session_key = session_key
        self._connections.add(connection)
        if self._stopped:
            connection.close(CloseCode.GOING_AWAY, "server shutdown")
        elif not self._admissible(request):
            connection.send_error(
                ProtocolError(
                    ErrorCode.ORIGIN, "websockets from pages of this origin are not allowed"
                )
            )
            connection.close(CloseCode.POLICY, "origin not allowed")
        elif self.middlewares.has("handle_connection"):
            connection.hold()  # messages wait until the middlewares let it in
            self.core_loop.call_soon(lambda: self.spawn(self._admit(connection)))
        return connection

    def _admissible(self, request: HttpRequest) -> bool:
        """The host check (``ALLOWED_HOSTS``) and the origin check of a handshake."""
        settings = self.settings
        if not host_allowed(request, settings.ALLOWED_HOSTS, settings.TRUSTED_PROXIES):
            logger.warning("refused a websocket for host %r", request.headers.get("host"))
            return False
        if not origin_allowed(request, settings.ALLOWED_ORIGINS, settings.TRUSTED_PROXIES):
            logger.warning("refused a websocket from origin %r", request.headers.get("origin"))
            return False
        return True

    async def _admit(self, connection: Connection) -> None:
        outcome = await self.middlewares.run_async(
            "handle_connection", http_request=connection.http_request, connection=connection
        )
        if not outcome.handled:
            connection.release()
            return
        if isinstance(outcome.value, str):
            connection.send(outcome.value)
        connection.close(CloseCode.POLICY, "refused by a middleware")

    def handle_custom_message(self, connection: Connection, text: str) -> None:
        """Text that is no protocol message goes to handle_websocket_message (core loop)."""
        if self.middlewares.has("handle_websocket_message"):
            # later messages wait: a connection's messages are handled in order
            connection.hold()
            self.spawn(self._custom_message(connection, text))
        else:  # answered at once, in order with the connection's other messages
            connection.send_error(self._unhandled_custom_message())

    async def _custom_message(self, connection: Connection, text: str) -> None:
        try:
            outcome = await self.middlewares.run_async(
                "handle_websocket_message", connection=connection, message=text
            )
            if not outcome.handled:
                connection.send_error(self._unhandled_custom_message())
        except Exception:
            logger.exception("handle_websocket_message crashed for %r", connection)
            connection.send_error(ProtocolError(ErrorCode.INTERNAL, "internal server error"))
        finally:
            connection.release()

    @staticmethod
    def _unhandled_custom_message() -> ProtocolError:
        return ProtocolError(
            ErrorCode.CUSTOM_UNHANDLED, "custom message not handled by any middleware"
        )

    def start_view(self, connection: Connection, message: ViewMessage) -> None:
        """Run the view of ``message.url`` in a window (core loop)."""
        window_id = message.window_id
        if self.settings.REQUIRE_PAGE_TOKEN and not connection.page_token_valid:
            raise ProtocolError(
                ErrorCode.PAGE_TOKEN, "no valid page token: reload the page", window_id
            )
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
        path = self._local_path(url.path, window_id)
        _, route, match_info = self.router.resolve(path)
        if route is not None and (not route.interactive or route.http_pass_through):
            connection.send_message(ServerMessage.HTTP_REDIRECT, window_id, None, None, message.url)
            return
        if route is not None:
            daemon = self.registry.find_daemon(connection.user, route, match_info)
            if daemon is not None:
                daemon.attach(connection, window_id)
                return
            view_class = self.resolve_view_class(route.view)
        else:
            view_class = _NotFoundView
        self._check_view_limit(connection, window_id, view_class)
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
        self.registry.add(runtime)
        runtime.attach(connection, window_id)
        runtime.start()

    def resume_view(self, connection: Connection, message: ResumeMessage) -> None:
        """A window whose socket dropped is back (core loop): its view resumes where
        the window left off.  Where that view is not (another process, a restart,
        ``RESUME_TIMEOUT`` passed, another user), the window runs its URL as VIEW
        with the attach token does: a daemon re-attaches, any other view starts."""
        window_id = message.window_id
        if self.settings.REQUIRE_PAGE_TOKEN and not connection.page_token_valid:
            raise ProtocolError(
                ErrorCode.PAGE_TOKEN, "no valid page token: reload the page", window_id
            )
        runtime = self.registry.by_token(message.attach_token)
        same = runtime is not None and runtime.id == message.view_id
        if runtime is not None and same and runtime.user == connection.user:
            attachment = runtime.attachment_of(connection.page_id, window_id)
            if attachment is not None:
                if connection.windows.get(window_id) not in (None, attachment):
                    connection.leave_window(window_id)
                runtime.resume(attachment, connection, message.received)
                return
        try:
            self.start_view(
                connection, ViewMessage(window_id, message.url, None, message.attach_token)
            )
        except ProtocolError as error:
            if error.code not in (ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN):
                raise
            self.start_view(connection, ViewMessage(window_id, message.url, None, None))

    def _check_view_limit(
        self, connection: Connection, window_id: int, view_class: type[View]
    ) -> None:
        limit = self.settings.MAX_VIEWS_PER_SESSION
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
        if self.sessions.shares_one_user(connection.user):
            # every visitor is the same user: a limit per user would let one
            # visitor lock out all the others, so it holds per socket instead
            return len(connection.windows)
        # a page load's view that its page never attached to ends on its own soon
        return self.registry.running_views_of(connection.user, page_loads=False)

    def sync_views_full(self, view_class: type[View]) -> bool:
        """Whether a view of ``view_class`` would be one thread more than
        ``MAX_SYNC_VIEWS`` allows (sessions are free: this bounds them all)."""
        limit: int = self.settings.MAX_SYNC_VIEWS
        if not limit or is_async_callable(view_class.handle_request):
            return False
        return self.registry.sync_views >= limit

    def _local_path(self, path: str, window_id: int) -> str:
        if not self.url_prefix:
            return path
        if path != self.url_prefix and not path.startswith(self.url_prefix + "/"):
            raise ProtocolError(ErrorCode.NOT_FOUND, f"{path} is outside this app", window_id)
        return path[len(self.url_prefix) :] or "/"

    def _attach_by_token(
        self, connection: Connection, window_id: int, token: str, adopted_version: int | None
    ) -> None:
        """Attach a window to the view its page load started (once), or re-attach
        it to a daemon view it showed before (a reconnect)."""
        runtime = self.registry.by_token(token)
        if runtime is None or not (
            runtime.awaiting_window or (runtime.is_daemon and runtime.accepts_windows())
        ):
            raise ProtocolError(ErrorCode.NOT_FOUND, "that view no longer runs", window_id)
        if runtime.user != connection.user:
            logger.warning("%r tried to attach to a view of another user", connection)
            raise ProtocolError(ErrorCode.FORBIDDEN, "that view belongs to another user", window_id)
        runtime.attach(connection, window_id, adopted_version)

    def resolve_view_class(self, view: Any) -> type[View]:
        if isinstance(view, str):
            view = self.acquire(view)
        if not (isinstance(view, type) and issubclass(view, View)):
            raise TypeError(f"{view!r} is not a View class")
        return view
