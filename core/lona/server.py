"""``Server``: one running app.  All runtime state lives here, never in modules:
two servers in one process (two apps, or a test beside a demo) share nothing.
It is the lifecycle, the entry points adapters call (``lona.adapter``) and
Lona's public methods (``lona.server_api``); ``lona.serving`` and ``lona.http``
do the work, each handed the server as the services it needs.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import itertools
import logging
import secrets
import time
from collections.abc import Coroutine
from typing import Any

from lona.buckets import BucketRegistry
from lona.channels.broker import ChannelBroker
from lona.concurrency.loop import CoreLoop
from lona.concurrency.loop_watch import LoopWatch
from lona.current import current_server
from lona.http import HttpRequest, HttpResponse
from lona.http.access_log import log_access, log_websocket
from lona.http.handler import HttpHandler
from lona.middleware_controller import MiddlewareController
from lona.request import Request
from lona.routing import Route, router_for
from lona.runtime.factory import create_view_runtime
from lona.runtime.registry import RuntimeRegistry
from lona.runtime.view_runtime import ViewRuntime
from lona.security.admission import PageTokens
from lona.security.sessions import Sessions
from lona.security.trust import Trust
from lona.server_api import ServedApp, ServerApi
from lona.serving.admission import WebsocketAdmission
from lona.serving.connections import OpenConnections
from lona.serving.custom_messages import CustomMessages
from lona.serving.limits import ViewLimits
from lona.serving.shutdown import stop_views
from lona.serving.startup import warn_about_settings, worker_pool
from lona.serving.stop_request import StopRequest
from lona.serving.view_start import ViewStarter
from lona.settings import Settings
from lona.state import State
from lona.templating import Templating
from lona.view import View
from lona.ws.connection import Connection
from lona.ws.messages import ResumeMessage, ViewMessage
from lona.ws.transport import Transport

__all__ = ["Server"]

logger = logging.getLogger("lona.server")


class Server(ServerApi):
    http: HttpHandler

    def __init__(
        self, app: ServedApp, url_prefix: str = "", settings: Settings | None = None
    ) -> None:
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
        self.executor = worker_pool(
            self.settings, self._enter_worker_thread, self.core_loop.call_later
        )
        self.instance_id: str = secrets.token_hex(8)
        # characters of a window's unconfirmed messages kept for a resume
        self.resume_buffer_size = int(self.settings.RESUME_BUFFER_SIZE)
        self.buckets: BucketRegistry = BucketRegistry(self.settings.BUCKETS_MAX_TOTAL_SIZE)
        self.middlewares = MiddlewareController(self)
        self.channels = ChannelBroker(self)
        # the key every process of the app signs page tokens and session keys
        # with; decided in start()
        self.trust = Trust(self)
        self.page_tokens = PageTokens(self.trust.keys)
        self.sessions = Sessions(self.settings, self.trust.keys, self.url_prefix)
        self._stop_request = StopRequest(self.core_loop)
        self.stop_requested = self._stop_request.event
        self.registry = RuntimeRegistry()
        self.open_connections = OpenConnections()
        self.limits = ViewLimits(self)
        self.admission = WebsocketAdmission(self)
        self.custom_messages = CustomMessages(self)
        self.view_starter = ViewStarter(self)
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
        warn_about_settings(self.settings)
        self._stop_request.attach()
        self.registry.emptied = asyncio.Event()
        self.loop_watch.start()
        self.open_connections.start(self.settings.CLIENT_PING_INTERVAL)
        await self.channels.start()
        await self.trust.agree()
        await self.middlewares.run_lifecycle("on_startup")
        self._started = True
        logger.debug("server started")

    def start_in_thread(self) -> None:
        """Start with a private loop thread (servers without a loop: Flask)."""
        self.core_loop.start_thread()
        self.core_loop.run_sync(self.start())

    def request_stop(self) -> None:
        """Ask the adapter to shut down (any thread, signal handlers included)."""
        self._stop_request.request()

    async def wait_for_stop_request(self) -> None:
        await self._stop_request.wait()

    async def stop(self) -> None:
        """Stop every view with ServerStop, run their hooks, close all sockets."""
        if self._stopped or not self._started:
            return
        self._stopped = True
        self.stop_requested.set()
        self.open_connections.stop_sweeping()
        await stop_views(self.registry, self.settings.SHUTDOWN_TIMEOUT)
        await self.middlewares.run_lifecycle("on_shutdown")
        await self.channels.stop()
        await self.open_connections.close_all()
        self.executor.shutdown()
        self.loop_watch.stop()
        self.buckets.close_all()
        logger.debug("server stopped")

    def stop_in_thread(self) -> None:
        if self.core_loop.running and self._started:
            self.core_loop.run_sync(self.stop(), timeout=self.settings.SHUTDOWN_TIMEOUT + 5)
        self.core_loop.stop_thread()

    # services of the parts ##################################################

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

    def create_runtime(
        self,
        view_class: type[View],
        request: Request,
        route: Route | None,
        match_info: dict[str, str],
    ) -> ViewRuntime:
        """A runtime for a view of a request (``lona.runtime.factory`` makes every one)."""
        return create_view_runtime(self, view_class, request, route, match_info)

    def next_view_id(self) -> str:
        return str(next(self._view_ids))

    def connections(self) -> list[Connection]:
        return self.open_connections.snapshot()

    def runtimes(self) -> list[ViewRuntime]:
        return list(self.registry)

    def forget_runtime(self, runtime: ViewRuntime) -> None:
        """Called once a runtime has cleaned up (any thread)."""
        if self.core_loop.running:
            self.core_loop.call_soon(self._forget, runtime)

    def _forget(self, runtime: ViewRuntime) -> None:
        self.registry.remove(runtime)
        runtime.close_windows()

    def connection_closed(self, connection: Connection) -> None:
        self.open_connections.discard(connection)

    # HTTP ###################################################################

    async def handle_http(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request (core loop)."""
        started = time.monotonic()
        response = await self.http.handle(request)
        log_access(self, request, response, started)
        return response

    def handle_http_sync(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request from a thread that is not the core loop (Flask).

        Pass-through views run in the calling thread, where the framework's
        request context is; everything else runs on the core's loop."""
        started = time.monotonic()
        response = self.http.handle_in_thread(request)
        log_access(self, request, response, started)
        return response

    def render_error(self, error: BaseException, request: Request, interactive: bool) -> Any:
        return self.http.errors.render(error, request, interactive)

    # websockets #############################################################

    def open_websocket(self, request: HttpRequest, transport: Transport) -> Connection:
        """A websocket was accepted (any thread); the adapter feeds it from now on."""
        log_websocket(self, request)
        user, session_key, _ = self.sessions.user(request)
        connection = Connection(self, transport, request, user)
        connection.session_key = session_key
        self.open_connections.add(connection)
        self.admission.admit(connection, stopped=self._stopped)
        return connection

    def handle_custom_message(self, connection: Connection, text: str) -> None:
        """Text that is no protocol message goes to handle_websocket_message (core loop)."""
        self.custom_messages.handle(connection, text)

    def start_view(self, connection: Connection, message: ViewMessage) -> None:
        """Run the view of ``message.url`` in a window (core loop)."""
        self.view_starter.start(connection, message)

    def resume_view(self, connection: Connection, message: ResumeMessage) -> None:
        """A window whose socket dropped is back (core loop)."""
        self.view_starter.resume(connection, message)

    def sync_views_full(self, view_class: type[View]) -> bool:
        """Whether a view of ``view_class`` would be one thread more than ``MAX_SYNC_VIEWS``."""
        return self.limits.sync_views_full(view_class)
