"""403, 404 and 500: the error views and templates, over HTTP and in live views.

A custom error view comes from ``@app.error_404_view`` (and 403, 500) or
the ``ERROR_404_VIEW`` setting; if it crashes, the ``ERROR_404_TEMPLATE``
is shown instead.  Over HTTP the page carries its real status code (Lona
answers 200), wrapped in ``lona/error-page.html``; should even the template
fail, a plain-text answer with the status code is the last resort.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from lona.errors import status_of
from lona.http import HttpResponse
from lona.http.host import NO_STORE
from lona.responses import HtmlResponse, Response, TemplateResponse, TemplateStringResponse
from lona.runtime.debug import debug_enabled, error_report
from lona.runtime.responses import normalize_response, render_template_response

if TYPE_CHECKING:
    from lona.http.host import ErrorPagesHost
    from lona.request import Request

__all__ = ["NO_STORE", "ErrorPages", "status_of"]

logger = logging.getLogger("lona.http")

_TEXT = {403: "403 Forbidden", 404: "404 Not Found", 500: "500 Internal Server Error"}


class ErrorPages:
    def __init__(self, server: ErrorPagesHost) -> None:
        self.server = server

    def response(self, error: BaseException, request: Request) -> HttpResponse:
        """The whole error page for an HTTP request (a thread)."""
        status = status_of(error)
        if status == 500:
            logger.error("error in view for %s", request.url, exc_info=error)
            if debug_enabled(self.server.settings):
                return self._debug_page(error, request)
        try:
            body = self.render(error, request, interactive=False)
            page = self.server.templating.render(
                "lona/error-page.html", None, {"title": str(status), "body": Markup(str(body))}
            )
        except Exception:
            logger.exception("the %d error page failed to render; answering plain text", status)
            return HttpResponse.text(_TEXT[status], status)
        return HttpResponse.html(page, status, [NO_STORE])

    def _debug_page(self, error: BaseException, request: Request) -> HttpResponse:
        """Debug mode: the traceback instead of the 500 page (``lona.runtime.debug``)."""
        view = request.route.view if request.route is not None else None
        name = getattr(view, "__name__", None) or str(view or "the app")
        report = error_report(error, f"{name}.handle_request")
        try:
            page = self.server.templating.render(
                "lona/debug-error.html", None, {**report, "request": request}
            )
        except Exception:
            logger.exception("the debug error page failed to render")
            return HttpResponse.text(report["traceback"], 500)
        return HttpResponse.html(page, 500, [NO_STORE])

    def render(self, error: BaseException, request: Request, interactive: bool) -> Any:
        """The error view's output: a node tree or an HTML string."""
        status = status_of(error)
        settings = self.server.settings
        view_class = self.server.app.error_views.get(status) or settings.get(f"ERROR_{status}_VIEW")
        if view_class is not None:
            try:
                return self._run_view(view_class, status, error, request)
            except Exception:
                logger.exception("the %d error view crashed; showing the template", status)
        html = self.server.templating.render(
            settings.get(f"ERROR_{status}_TEMPLATE"),
            None,
            {"request": request, "exception": error},
        )
        return Markup(html)

    def _run_view(
        self, view_class: Any, status: int, error: BaseException, request: Request
    ) -> Any:
        view_class = self.server.resolve_view_class(view_class)
        runtime = self.server.create_runtime(view_class, request, None, {})
        if status == 404:
            value = runtime.view.handle_request(request)
        else:
            value = runtime.view.handle_request(request, error)  # type: ignore[call-arg]
        response = normalize_response(value)
        if response is None:
            return ""
        if isinstance(response, (TemplateResponse, TemplateStringResponse)):
            return render_template_response(self.server, response, request)
        if isinstance(response, HtmlResponse):
            return response.html
        if isinstance(response, Response):
            return response.render_body().decode(response.charset or "utf-8", "replace")
        return str(response)
