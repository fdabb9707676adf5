"""Turning what a view or a handler returns into one of the response classes.

Dict responses (``{'redirect': '/'}``, ``{'template': ...}``) are Lona's
deprecated form; they keep working with a ``DeprecationWarning``, with Lona's
rules: exactly one keyword; a template's context is the dict itself unless it
has a ``context`` key.
"""

from __future__ import annotations

import logging
import warnings
from typing import TYPE_CHECKING, Any

from lona.responses import (
    INTERACTIVE_ONLY_HTML,
    REDIRECTS,
    AbstractResponse,
    AnyRedirect,
    FileResponse,
    HtmlResponse,
    HttpRedirectResponse,
    JsonResponse,
    RedirectResponse,
    Response,
    TemplateResponse,
    TemplateStringResponse,
)

if TYPE_CHECKING:
    from lona.request import Request
    from lona.view import ViewServer

__all__ = [
    "check_interactive",
    "is_lona_response",
    "normalize_response",
    "redirect_from",
    "render_template_response",
    "warn_returned_none",
]

logger = logging.getLogger("lona.views")

_DICT_KEYS = (
    "text",
    "body",
    "redirect",
    "http_redirect",
    "template",
    "template_string",
    "file",
    "json",
)


def _warn_dict() -> None:
    warnings.warn(
        "dict responses are deprecated; return a response class instead "
        "(RedirectResponse, TemplateResponse, JsonResponse, ...)",
        DeprecationWarning,
        stacklevel=5,
    )


def _from_dict(data: dict[str, Any]) -> AbstractResponse:
    _warn_dict()
    if len(set(data) & set(_DICT_KEYS)) != 1:
        raise RuntimeError(
            "response dicts have to contain exactly one keyword of: "
            + ", ".join(_DICT_KEYS)
            + f"; got a dict with the keys {sorted(map(str, data))!r}"
        )
    headers = data.get("headers")
    if "redirect" in data:
        return RedirectResponse(url=str(data["redirect"]), headers=headers)
    if "http_redirect" in data:
        return HttpRedirectResponse(url=str(data["http_redirect"]), headers=headers)
    status, content_type = data.get("status"), data.get("content_type")
    if "json" in data:
        return JsonResponse(data["json"], status, content_type, headers)
    if "file" in data:
        return FileResponse(data["file"], status, headers)
    context = data.get("context", data)
    if "template" in data:
        return TemplateResponse(str(data["template"]), context, status, content_type, headers)
    if "template_string" in data:
        return TemplateStringResponse(
            str(data["template_string"]), context, status, content_type, headers
        )
    return Response(
        body=data.get("body"),
        status=status,
        content_type=content_type,
        headers=headers,
        text=data.get("text"),
        charset=data.get("charset"),
    )


def is_lona_response(value: Any) -> bool:
    """Whether ``value`` is something a view may return to Lona (else it is a
    framework's own response, which a pass-through view or a middleware may
    return)."""
    from lona.html.node import AbstractNode

    return value is None or isinstance(value, (str, dict, AbstractResponse, AbstractNode))


def normalize_response(value: Any) -> AbstractResponse | None:
    """None, or a response; nodes and strings become an HtmlResponse."""
    if value is None:
        return None
    if isinstance(value, dict):
        return _from_dict(value)
    if isinstance(value, AbstractResponse):
        return value
    from lona.html.node import AbstractNode

    if isinstance(value, (str, AbstractNode)):
        return HtmlResponse(value)
    raise RuntimeError(f"expected string, Lona Node or Lona response object. Got {type(value)}")


def check_interactive(response: AbstractResponse) -> None:
    """Refuse what an interactive view can not answer with (Lona's exact message)."""
    if isinstance(response, REDIRECTS):
        return
    if isinstance(response, (JsonResponse, FileResponse)) or not response.interactive:
        raise RuntimeError(INTERACTIVE_ONLY_HTML)


def redirect_from(value: Any) -> AnyRedirect | None:
    """The redirect a handler returned (class or legacy dict), else None.

    A legacy dict must be exactly ``{'redirect': url}`` or
    ``{'http_redirect': url}`` with a string ``url`` (ValueError otherwise).
    """
    if isinstance(value, REDIRECTS):
        return value
    if not isinstance(value, dict):
        return None
    _warn_dict()
    if len(value) != 1 or next(iter(value)) not in ("redirect", "http_redirect"):
        raise ValueError(f"response dict has unexpected keys ({list(value)!r})")
    kind, target = next(iter(value.items()))
    if not isinstance(target, str):
        raise ValueError("redirect target has to be string")
    if kind == "http_redirect":
        return HttpRedirectResponse(url=target)
    return RedirectResponse(url=target)


def render_template_response(
    server: ViewServer,
    response: TemplateResponse | TemplateStringResponse,
    request: Request,
    context: dict[str, Any] | None = None,
) -> str:
    """The HTML of a template response; its context gets ``request`` too, and
    goes over ``context`` (what the caller provides underneath)."""
    full = {"request": request, **(context or {}), **response.context}
    if isinstance(response, TemplateStringResponse):
        return server.render_string(response.string, full)
    return server.render_template(response.name, full)


def warn_returned_none(view: Any, path: str) -> None:
    """A view returned None and shows nothing: an empty page, and nobody would know why."""
    name = view if isinstance(view, str) else getattr(view, "__name__", repr(view))
    logger.warning(
        "%s.handle_request returned None for %s and showed nothing, so the page is empty; "
        "return a node tree (HTML(...)), a string or a response",
        name,
        path,
    )
