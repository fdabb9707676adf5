"""Everything the core answers over plain HTTP.

The frontend page of interactive views, static files, non-interactive views,
and error pages, which carry their real status codes (403, 404, 500; Lona
answers 200).
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from markupsafe import Markup

from lona.errors import NotFoundError
from lona.http import HttpRequest, HttpResponse
from lona.protocol import PROTOCOL_VERSION
from lona.request import Request
from lona.responses import (
    FileResponse,
    HtmlResponse,
    JsonResponse,
    RedirectResponse,
    Response,
    TemplateResponse,
    TemplateStringResponse,
)
from lona.runtime.first_content import prestart
from lona.runtime.responses import normalize_response
from lona.sessions import session_cookie_header
from lona.static_file_registry import StaticFileRegistry
from lona.static_files import client_directory, safe_join, serve_file

if TYPE_CHECKING:
    from lona.routing import Route
    from lona.server import Server

__all__ = ["HttpHandler"]

logger = logging.getLogger("lona.http")

NO_STORE = ("Cache-Control", "no-cache, no-store, must-revalidate")
CLIENT_PREFIX = "_lona/client/"


class HttpHandler:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.static_files = StaticFileRegistry(server)

    async def handle(self, request: HttpRequest) -> HttpResponse:
        try:
            return await self._handle(request)
        except Exception:
            logger.exception("error while answering %s %s", request.method, request.path)
            return HttpResponse.text("500 Internal Server Error", 500)

    async def _handle(self, request: HttpRequest) -> HttpResponse:
        middlewares = self.server.middlewares
        for hook in ("handle_http_request", "handle_connection"):
            if middlewares.has(hook):
                outcome = await middlewares.run_async(hook, http_request=request)
                if outcome.handled:
                    return await self._in_pool(self._middleware_response, outcome.value, request)
        return await self._route(request)

    def _middleware_response(self, value: Any, request: HttpRequest) -> HttpResponse:
        """What a middleware answered instead of the app (pool thread)."""
        if value is None:
            return HttpResponse.text("503 Service Unavailable", 503)
        if isinstance(value, HttpResponse):
            return value
        lona_request = self._request(request, None, {}, False)
        try:
            return self.to_http(value, lona_request)
        except TypeError:
            return HttpResponse(native=value)  # the adapter's own response object

    async def _route(self, request: HttpRequest) -> HttpResponse:
        server = self.server
        path = request.path
        if server.url_prefix:
            if path != server.url_prefix and not path.startswith(server.url_prefix + "/"):
                return HttpResponse.text("404 Not Found", 404)
            path = path[len(server.url_prefix) :] or "/"
        static_prefix = server.settings.STATIC_URL_PREFIX
        if path.startswith(static_prefix) and request.method in ("GET", "HEAD"):
            return self._static(path[len(static_prefix) :], request)
        resolved = server.router.resolve(path)
        if resolved is None:
            return await self._in_pool(
                self._error_response, NotFoundError(), self._request(request, None, {}, False)
            )
        route = resolved.route
        if route.interactive and not route.http_pass_through:
            return await self._frontend_page(request, route, resolved.match_info)
        lona_request = self._request(request, route, resolved.match_info, False)
        return await self._in_pool(self._run_view, route, lona_request)

    async def _in_pool(self, function: Any, *args: Any) -> HttpResponse:
        result: HttpResponse = await asyncio.wrap_future(
            self.server.executor.submit(function, *args)
        )
        return result

    def _request(
        self,
        request: HttpRequest,
        route: Route | None,
        match_info: dict[str, str],
        interactive: bool,
    ) -> Request:
        user, _ = self.server.session_user(request)
        post: dict[str, Any] = {}
        content_type = request.headers.get("content-type", "") or ""
        if request.method == "POST" and content_type.startswith(
            "application/x-www-form-urlencoded"
        ):
            post = dict(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))
        return Request(
            server=self.server,
            url=request.url,
            route=route,
            match_info=match_info,
            user=user,
            interactive=interactive,
            method="POST" if post else "GET",
            post=post,
            http_request=request,
        )

    # static files ###########################################################

    def _static(self, relative: str, request: HttpRequest) -> HttpResponse:
        server = self.server
        if relative.startswith(CLIENT_PREFIX):
            roots = [client_directory()]
            relative = relative[len(CLIENT_PREFIX) :]
        else:
            declared = self.static_files.find(relative)
            if declared is not None:
                return serve_file(declared, request)
            roots = [Path(server.project_root, d) for d in server.settings.STATIC_DIRS]
            roots += list(server.app.static_dirs)
        for root in roots:
            found = safe_join(Path(root), relative)
            if found is not None:
                return serve_file(found, request)
        return HttpResponse.text("404 Not Found", 404)

    # interactive views: the page that starts the client #####################

    def client_settings(self) -> dict[str, Any]:
        settings = self.server.settings
        return {
            "protocol_version": PROTOCOL_VERSION,
            "ws_path": self.server.websocket_path,
            "debug": bool(settings.CLIENT_DEBUG),
            "view_start_timeout": settings.CLIENT_VIEW_START_TIMEOUT,
            "input_event_timeout": settings.CLIENT_INPUT_EVENT_TIMEOUT,
            "ping_interval": settings.CLIENT_PING_INTERVAL,
            "auto_reconnect": bool(settings.CLIENT_AUTO_RECONNECT),
            "reconnect_delay": settings.CLIENT_AUTO_RECONNECT_TIMEOUT,
            "title": settings.CLIENT_TITLE,
            # set by --live-reload: a restarted server makes open pages reload
            "live_reload": os.environ.get("LONA_LIVE_RELOAD") == "1",
        }

    async def _frontend_page(
        self, request: HttpRequest, route: Route, match_info: dict[str, str]
    ) -> HttpResponse:
        """The page that starts the client, showing the view's first content."""
        server = self.server
        user, new_session = server.session_user(request)
        first = None
        if request.method == "GET":
            first = await prestart(server, request, user, route, match_info)
        headers = [NO_STORE]
        if new_session:
            headers.append(
                session_cookie_header(
                    server.settings.SESSIONS_KEY_NAME, new_session, server.url_prefix or "/"
                )
            )
        if first is not None and first.redirect is not None:
            first.runtime.window_timeout()  # the page is never shown: nothing will attach
            return HttpResponse(302, [("Location", first.redirect.redirect_url), *headers])
        client_settings = self.client_settings()
        if first is not None:
            client_settings["first_content"] = first.client_settings()
        html = server.templating.render(
            server.settings.FRONTEND_TEMPLATE,
            None,
            {
                "title": (first and first.title) or server.settings.CLIENT_TITLE,
                "client_url": server.static_url(CLIENT_PREFIX),
                "client_settings": client_settings,
                # rendered with every text and attribute escaped (or the view's HTML string)
                "body": Markup(first.body) if first is not None else "",
                "request": request,
            },
        )
        return HttpResponse.html(html, 200, headers)

    # non-interactive views ##################################################

    def _run_view(self, route: Route, request: Request) -> HttpResponse:
        from lona.runtime.view_runtime import ViewRuntime

        try:
            view_class = self.server.resolve_view_class(route.view)
            runtime = ViewRuntime(self.server, view_class, request, route, request.match_info)
            outcome = self.server.middlewares.run_sync(
                "handle_request", request=request, view=runtime.view
            )
            if outcome.handled:
                return self.to_http(outcome.value, request)
            return self.to_http(runtime.view.handle_request(request), request)
        except Exception as error:
            return self._error_response(error, request)

    def to_http(self, value: Any, request: Request) -> HttpResponse:
        response = normalize_response(value)
        if response is None:
            return HttpResponse.html("", 200, [NO_STORE])
        headers = list(response.headers.items()) or [NO_STORE]
        if isinstance(response, RedirectResponse):
            return HttpResponse(302, [("Location", response.redirect_url), *headers])
        if isinstance(response, FileResponse):
            path = Path(response.path)
            if not path.is_file():
                raise NotFoundError()
            file_response = serve_file(path, request.http_request)
            file_response.status = response.status
            file_response.headers += list(response.headers.items())
            return file_response
        if isinstance(response, (TemplateResponse, TemplateStringResponse)):
            body = self.server.templating.render_response(response, request).encode()
        else:
            body = response.render_body()
        content_type = response.content_type or "text/html"
        if isinstance(response, (HtmlResponse, JsonResponse)) or response.text is not None:
            content_type += f"; charset={response.charset}"
        return HttpResponse(response.status, [("Content-Type", content_type), *headers], body)

    # errors #################################################################

    def _error_response(self, error: BaseException, request: Request) -> HttpResponse:
        status = self.server.error_for(error)
        if status == 500:
            logger.error("error in view for %s", request.url, exc_info=error)
        from markupsafe import Markup

        body = self.render_error(error, request, interactive=False)
        page = self.server.templating.render(
            "lona/error-page.html",
            None,
            {
                "title": str(status),
                "body": Markup(str(body)),  # error views return HTML
            },
        )
        return HttpResponse.html(page, status, [NO_STORE])

    def render_error(self, error: BaseException, request: Request, interactive: bool) -> Any:
        """The error view's output: a node tree or an HTML string."""
        status = self.server.error_for(error)
        settings = self.server.settings
        view_class = self.server.app.error_views.get(status) or settings.get(f"ERROR_{status}_VIEW")
        if view_class is not None:
            try:
                return self._run_error_view(view_class, status, error, request)
            except Exception:
                logger.exception("the %d error view crashed; showing the template", status)
        from markupsafe import Markup

        html = self.server.templating.render(
            settings.get(f"ERROR_{status}_TEMPLATE"),
            None,
            {"request": request, "exception": error},
        )
        return Markup(html)

    def _run_error_view(
        self, view_class: Any, status: int, error: BaseException, request: Request
    ) -> Any:
        from lona.runtime.view_runtime import ViewRuntime

        view_class = self.server.resolve_view_class(view_class)
        runtime = ViewRuntime(self.server, view_class, request, None, {})
        if status == 404:
            value = runtime.view.handle_request(request)
        else:
            value = runtime.view.handle_request(request, error)  # type: ignore[call-arg]
        response = normalize_response(value)
        if response is None:
            return ""
        if isinstance(response, (TemplateResponse, TemplateStringResponse)):
            return self.server.templating.render_response(response, request)
        if isinstance(response, HtmlResponse):
            return response.html
        if isinstance(response, Response):
            return response.render_body().decode(response.charset, "replace")
        return str(response)
