"""Frontend views: the view that renders the page an interactive view starts in.

Lona's ``Route(frontend_view=...)``, the ``FRONTEND_VIEW`` setting and
``@app.frontend_view`` name one (a class or an import string).  It gets a
request with ``request.frontend`` True and answers like a non-interactive
view, usually ``TemplateResponse(settings.FRONTEND_TEMPLATE, {...})``.  A
template it renders gets the default page's variables (the client's URL and
settings, the first content) under its own context, so templates that extend
or copy ``lona/frontend.html`` keep working.  Without one the default page is
rendered directly; a crashing one is logged and the default page shown, as
in Lona.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from lona.concurrency.calling import ThreadPlace
from lona.http.responses import to_http
from lona.request import Request

if TYPE_CHECKING:
    from lona.http import HttpRequest, HttpResponse
    from lona.http.host import ViewMaker
    from lona.request import RequestServer
    from lona.routing import Route

__all__ = ["frontend_view_of", "render_frontend_view"]

logger = logging.getLogger("lona.views")


def frontend_request(
    server: RequestServer, http_request: HttpRequest, route: Route, match_info: Any, user: Any
) -> Request:
    """The request a frontend view answers: the page's, marked as the frontend's."""
    return Request(
        server=server,
        url=http_request.url,
        route=route,
        match_info=dict(match_info),
        user=user,
        interactive=False,
        http_request=http_request,
        frontend=True,
    )


def frontend_view_of(server: ViewMaker, route: Route) -> Any:
    """The frontend view of ``route`` (its own, else the setting), or None."""
    return route.frontend_view or server.settings.get("FRONTEND_VIEW") or None


def render_frontend_view(
    server: ViewMaker,
    view: Any,
    http_request: HttpRequest,
    route: Route,
    match_info: dict[str, str],
    user: Any,
    page_context: dict[str, Any],
) -> HttpResponse | None:
    """The frontend view's answer (a pool thread); None when it failed."""
    try:
        view_class = server.resolve_view_class(view)
        request = frontend_request(server, http_request, route, match_info, user)
        runtime = server.create_runtime(view_class, request, route, request.match_info)
        # a coroutine handle_request runs on the loop (runtime.runner decided where)
        value = ThreadPlace(server.core_loop).run(runtime.runner.handle_request, request)
        return to_http(server, value, request, page_context)
    except Exception:
        logger.exception("the frontend view %r crashed; showing the default page", view)
        return None
