"""Everything the core answers over plain HTTP.

The frontend page of interactive views, static files, buckets,
non-interactive and pass-through views, and error pages, which carry their
real status codes (403, 404, 500; Lona answers 200).

One request goes through two stages.  ``begin`` checks what the client sent
(URL and header sizes, the query string, the body within its limit), finds
where the request goes and runs the ``handle_http_request`` middlewares;
``finish`` runs ``handle_connection`` and answers.  Pass-through views run
between the two.  Bad input is answered with a 4xx and one log line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lona.errors import NotFoundError
from lona.http import HttpRequest, HttpResponse
from lona.http.buckets import BucketHttp
from lona.http.error_pages import ErrorPages
from lona.http.first_content import prestart
from lona.http.frontend_page import FIRST_CONTENT_MARK, place_first_content
from lona.http.frontend_views import frontend_request, frontend_view_of, render_frontend_view
from lona.http.host import NO_STORE
from lona.http.input import HttpError, check_request_head, parse_form, parse_query, read_body
from lona.http.layout import fill_layout
from lona.http.page_client import PageClient
from lona.http.pass_through import PassThrough
from lona.http.responses import to_http
from lona.http.static_file_registry import StaticFileRegistry
from lona.http.static_lookup import StaticLookup
from lona.http.targets import Target, target_of
from lona.request import Request
from lona.runtime.responses import is_lona_response
from lona.security.admission import host_allowed
from lona.templating import PAGE_CLIENT

if TYPE_CHECKING:
    from lona.http.host import HttpHost
    from lona.routing import Route
    from lona.runtime.view_runtime import ViewRuntime

__all__ = ["NO_STORE", "HttpHandler", "Target"]

logger = logging.getLogger("lona.http")

T = TypeVar("T")
R = TypeVar("R")


class HttpHandler:
    def __init__(self, server: HttpHost) -> None:
        self.server = server
        self.page_client = PageClient(server)
        self.static_files = StaticFileRegistry(server, self.page_client.url)
        self.static = StaticLookup(server, self.static_files)
        self.errors = ErrorPages(server)
        self.pass_through = PassThrough(self)
        self.buckets = BucketHttp(self)

    # entry points ###########################################################

    async def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer on the core's loop (aiohttp, Tornado)."""
        begun = await self._safely(self.begin(request), request)
        if isinstance(begun, HttpResponse):
            return begun
        if begun.kind == "pass_through":
            # not guarded: what the view raises is the framework's to answer
            return await self.pass_through.run(begun, request)
        return await self._safely(self.finish(begun, request), request)

    def handle_in_thread(self, request: HttpRequest) -> HttpResponse:
        """Answer from a thread that is not the core's loop (Flask); pass-through
        views run right here, where the framework's request context is."""
        run = self.server.core_loop.run_sync
        begun = run(self._safely(self.begin(request), request))
        if isinstance(begun, HttpResponse):
            return begun
        if begun.kind == "pass_through":
            return self.pass_through.run_here(begun, request)
        return run(self._safely(self.finish(begun, request), request))

    async def _safely(
        self, stage: Coroutine[Any, Any, R], request: HttpRequest
    ) -> R | HttpResponse:
        """A stage's result, or the answer to bad input or a crash in it."""
        try:
            return await stage
        except HttpError as error:
            return self.refuse(error, request)
        except Exception:
            logger.exception("error while answering %s %s", request.method, request.path)
            return HttpResponse.text("500 Internal Server Error", 500)

    def refuse(self, error: HttpError, request: HttpRequest) -> HttpResponse:
        logger.warning(
            "%d for %s %s from %s: %s",
            error.status,
            request.method,
            request.path[:200],
            request.remote or "?",
            error.reason,
        )
        response = HttpResponse.text(f"{error.status} {error.reason}", error.status)
        response.headers.append(NO_STORE)
        return response

    # the two stages #########################################################

    async def begin(self, request: HttpRequest) -> HttpResponse | Target:
        settings = self.server.settings
        check_request_head(request, settings)
        if not host_allowed(request, settings.ALLOWED_HOSTS, settings.TRUSTED_PROXIES):
            raise HttpError(400, "this host is not served here (ALLOWED_HOSTS)")
        parse_query(request.query_string)  # refuse a bad one before anything uses it
        target = target_of(self.server, request)
        if not target.reads_own_body:
            await read_body(request, settings.MAX_HTTP_BODY_SIZE)
        middlewares = self.server.middlewares
        if middlewares.has("handle_http_request"):
            outcome = await middlewares.run_async("handle_http_request", http_request=request)
            if outcome.handled:
                return await self.in_pool(self._middleware_response, outcome.value, request, target)
        return target

    async def finish(self, target: Target, request: HttpRequest) -> HttpResponse:
        middlewares = self.server.middlewares
        if middlewares.has("handle_connection"):
            outcome = await middlewares.run_async("handle_connection", http_request=request)
            if outcome.handled:
                return await self.in_pool(self._middleware_response, outcome.value, request, target)
        if target.kind == "outside":
            return HttpResponse.text("404 Not Found", 404)
        if target.kind == "static":
            return self.static.respond(target.path, request)
        if target.kind == "bucket":
            return await self.buckets.handle(target.path, request)
        if target.kind == "missing":
            return await self.in_pool(self._not_found, target, request)
        assert target.route is not None
        if target.route.interactive:
            return await self._frontend_page(request, target.route, target.match_info)
        return await self._run_view(target, request)

    # helpers ################################################################

    async def in_pool(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.wrap_future(self.server.executor.submit(function, *args))

    def _middleware_response(
        self, value: Any, request: HttpRequest, target: Target
    ) -> HttpResponse:
        """What a middleware answered instead of the app (pool thread)."""
        if value is None:
            return HttpResponse.text("503 Service Unavailable", 503)
        if isinstance(value, HttpResponse):
            return value
        if not is_lona_response(value):
            return HttpResponse(native=value)  # the adapter's own response object
        return self.to_http(value, self.lona_request(request, target))

    def lona_request(self, request: HttpRequest, target: Target) -> Request:
        """The ``Request`` a view gets for an HTTP request (its body already read)."""
        user, _, _ = self.server.sessions.user(request)
        # a body the target reads itself (a pass-through view's, natively) has no
        # form for Lona, on every adapter, whether or not its framework read it
        own_body = target.reads_own_body
        post = parse_form(request) if request.method == "POST" and not own_body else {}
        return Request(
            server=self.server,
            url=request.url,
            route=target.route,
            match_info=dict(target.match_info),
            user=user,
            interactive=False,
            method="POST" if post else "GET",
            post=post,
            http_request=request,
        )

    # static files and the client (templates and collect-static ask) ######

    def find_static(self, relative: str) -> tuple[Path, str] | None:
        return self.static.find(relative)

    def static_file_exists(self, relative: str) -> bool:
        return self.static.find(relative) is not None

    def static_dirs(self) -> list[Path]:
        return self.static.directories()

    def client_url(self) -> str:
        return self.page_client.url()

    def client_settings(self, page_token: str = "") -> dict[str, Any]:
        return self.page_client.settings(page_token)

    def client_settings_for(self, request: Any) -> dict[str, Any]:
        return self.page_client.settings_for(request)

    # interactive views: the page that starts the client #####################

    async def _frontend_page(
        self, request: HttpRequest, route: Route, match_info: dict[str, str]
    ) -> HttpResponse:
        """The page that starts the client, showing the view's first content."""
        server = self.server
        user, session_key, new_session = server.sessions.user(request)
        first = None
        if request.method == "GET":
            first = await prestart(server, request, user, route, match_info)
        cookie = []
        if new_session:
            cookie.append(server.sessions.cookie(request, session_key))
        if first is not None and first.redirect is not None:
            first.runtime.window_timeout()  # the page is never shown: nothing will attach
            return HttpResponse(302, [("Location", first.redirect.url), NO_STORE, *cookie])
        client_settings = self.client_settings(server.page_tokens.issue(session_key))
        if first is not None:
            client_settings["first_content"] = first.client_settings()
        # what a frontend template gets besides ``request`` (also one a frontend view renders)
        context = {
            "title": (first and first.title) or server.settings.CLIENT_TITLE,
            "client_url": self.client_url(),
            PAGE_CLIENT: client_settings,
            "body": FIRST_CONTENT_MARK,  # where the first content goes (frontend_page.py)
        }
        body = first.body if first is not None else ""
        page = None
        frontend_view = frontend_view_of(server, route)
        if frontend_view is not None:
            page = await self.in_pool(
                render_frontend_view,
                server,
                frontend_view,
                request,
                route,
                match_info,
                user,
                context,
            )
            if page is not None and page.body and page.file_path is None:
                page.body = place_first_content(page.body.decode(), body).encode()
        if page is None:
            page_request = frontend_request(server, request, route, match_info, user)
            html = await self.in_pool(self._render_frontend, page_request, context, body)
            page = HttpResponse.html(html, 200, [NO_STORE])
        if first is not None and first.status != 200 and page.status == 200:
            page.status = first.status  # the page shows the view's 403/404/500 view
        page.headers += cookie
        return page

    def _render_frontend(self, request: Request, context: dict[str, Any], body: str) -> str:
        """``FRONTEND_TEMPLATE`` (ours or one written for Lona) with the first content."""
        layout = request.http_request.layout if request.http_request is not None else None
        if layout is not None:  # the host application's own page (lona.layout)
            return fill_layout(
                self.server.templating, layout, {**context, "request": request}, body
            )
        template = self.server.settings.FRONTEND_TEMPLATE
        html = self.server.templating.render_template(template, {**context, "request": request})
        return place_first_content(html, body)

    # non-interactive views ##################################################

    def _not_found(self, target: Target, request: HttpRequest) -> HttpResponse:
        if target.path == "/favicon.ico" and request.method in ("GET", "HEAD"):
            # browsers ask for it on every site: the app's static favicon.ico, else ours
            return self.static.respond("favicon.ico", request)
        return self.errors.response(NotFoundError(), self.lona_request(request, target))

    async def _run_view(self, target: Target, http_request: HttpRequest) -> HttpResponse:
        request: Request | None = None
        try:
            request, answer = await self.in_pool(self._view_in_pool, target, http_request)
            if isinstance(answer, HttpResponse):
                return answer
            # a coroutine view runs on the loop, like everywhere
            value = await self.server.spawn(
                answer.view.handle_request(answer.request),
                name=f"handle_request of {type(answer.view).__name__} {http_request.path}",
            )
            return await self.in_pool(self.to_http, value, request)
        except HttpError:
            raise
        except Exception as error:
            if request is None:
                raise
            return await self.in_pool(self.errors.response, error, request)
        finally:
            if request is not None:
                # a non-interactive view ends with its request, and its buckets with it
                self.server.buckets.close_request(request.id)

    def _view_in_pool(
        self, target: Target, http_request: HttpRequest
    ) -> tuple[Request, HttpResponse | ViewRuntime]:
        """A sync view run to its answer; an async one up to its handle_request."""
        request = self.lona_request(http_request, target)
        try:
            assert target.route is not None
            view_class = self.server.resolve_view_class(target.route.view)
            route = target.route
            runtime = self.server.create_runtime(view_class, request, route, request.match_info)
            outcome = runtime.request_middlewares()
            if outcome.handled:
                return request, self.to_http(outcome.value, request)
            if runtime.is_async:
                return request, runtime
            return request, self.to_http(runtime.view.handle_request(request), request)
        except Exception as error:
            return request, self.errors.response(error, request)

    def to_http(self, value: Any, request: Request) -> HttpResponse:
        return to_http(self.server, value, request)
