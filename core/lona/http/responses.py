"""A view's response as an HTTP answer (non-interactive views, frontend views,
middlewares that answer instead of the app).

As in Lona: unset fields mean status 200 and ``text/html``; a response
without headers gets ``Cache-Control: no-cache, no-store, must-revalidate``;
both redirect classes answer 302.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lona.errors import NotFoundError
from lona.http import HttpResponse
from lona.http.host import NO_STORE
from lona.http.static_files import serve_file
from lona.responses import (
    DEFAULT_CHARSET,
    REDIRECTS,
    AbstractResponse,
    FileResponse,
    HtmlResponse,
    JsonResponse,
    Response,
    TemplateResponse,
    TemplateStringResponse,
)
from lona.runtime.responses import (
    normalize_response,
    render_template_response,
    warn_returned_none,
)
from lona.surrogates import utf8

if TYPE_CHECKING:
    from lona.request import Request
    from lona.view import ViewServer

__all__ = ["to_http"]


def to_http(
    server: ViewServer, value: Any, request: Request, context: dict[str, Any] | None = None
) -> HttpResponse:
    """``value`` (anything a view may return) as an HTTP response.

    ``context`` goes under a template response's own context (frontend views
    get the page's variables this way)."""
    response = normalize_response(value)
    if response is None:
        if request.route is not None and not request.frontend:
            warn_returned_none(request.route.view, request.url.path)
        return HttpResponse.html("", 200, [NO_STORE])
    headers = list((getattr(response, "headers", None) or {}).items()) or [NO_STORE]
    if isinstance(response, REDIRECTS):
        return HttpResponse(302, [("Location", str(response.url)), *headers])
    if isinstance(response, FileResponse):
        return _file(response, request, headers)
    status = getattr(response, "status", None) or 200
    content_type = getattr(response, "content_type", None)
    body = _body(server, response, request, context)
    if isinstance(response, JsonResponse):
        content_type = content_type or "application/json"
    charset = (isinstance(response, Response) and response.charset) or DEFAULT_CHARSET
    if not isinstance(response, Response) or response.text is not None or response.charset:
        content_type = f"{content_type or 'text/html'}; charset={charset}"
    return HttpResponse(status, [("Content-Type", content_type or "text/html"), *headers], body)


def _body(
    server: ViewServer,
    response: AbstractResponse,
    request: Request,
    context: dict[str, Any] | None,
) -> bytes:
    if isinstance(response, (TemplateResponse, TemplateStringResponse)):
        return utf8(render_template_response(server, response, request, context))
    if isinstance(response, HtmlResponse):
        return utf8(str(response.html))
    if isinstance(response, JsonResponse):
        return json.dumps(response.data).encode()
    if isinstance(response, Response):
        return response.render_body()
    raise RuntimeError(f"{type(response).__name__} has no HTTP form")


def _file(response: FileResponse, request: Request, headers: list[tuple[str, str]]) -> HttpResponse:
    path = Path(response.path)
    if not path.is_file():
        raise NotFoundError()
    answer = serve_file(path, request.http_request)
    if answer.status == 200 and response.status:  # not a 304 to a conditional request
        answer.status = response.status
    if response.content_type:
        answer.headers = [
            (name, value) for name, value in answer.headers if name.lower() != "content-type"
        ] + [("Content-Type", response.content_type)]
    if response.headers:
        answer.headers += list(response.headers.items())
    elif not any(name.lower() == "cache-control" for name, _ in answer.headers):
        answer.headers += headers
    return answer
