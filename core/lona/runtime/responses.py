"""Turning what a view returns into one of the response classes.

Dict responses (``{'redirect': '/'}``, ``{'template': ...}``) are Lona's
deprecated form; they keep working with a ``DeprecationWarning``.
"""

from __future__ import annotations

import warnings
from typing import Any

from lona.responses import (
    FileResponse,
    HtmlResponse,
    HttpRedirectResponse,
    JsonResponse,
    RedirectResponse,
    Response,
    TemplateResponse,
    TemplateStringResponse,
)

__all__ = ["normalize_response", "redirect_from"]

_DICT_KEYS = (
    "template",
    "template_string",
    "redirect",
    "http_redirect",
    "json",
    "file",
    "text",
    "body",
)


def _from_dict(data: dict[str, Any]) -> Response:
    warnings.warn(
        "dict responses are deprecated; return a response class instead "
        "(RedirectResponse, TemplateResponse, JsonResponse, ...)",
        DeprecationWarning,
        stacklevel=4,
    )
    keys = [key for key in _DICT_KEYS if key in data]
    if len(keys) != 1:
        raise ValueError(f"a dict response needs exactly one of {_DICT_KEYS}, got {keys}")
    key = keys[0]
    extra = {k: v for k, v in data.items() if k not in _DICT_KEYS}
    http = {k: extra.pop(k) for k in ("status", "headers") if k in extra}
    if key == "template":
        return TemplateResponse(data["template"], extra, **http)
    if key == "template_string":
        return TemplateStringResponse(data["template_string"], extra, **http)
    if key == "redirect":
        return RedirectResponse(data["redirect"])
    if key == "http_redirect":
        return HttpRedirectResponse(data["http_redirect"])
    if key == "json":
        return JsonResponse(data["json"], **http)
    if key == "file":
        return FileResponse(data["file"], **http)
    return Response(
        data.get("body"),
        text=data.get("text"),
        content_type=extra.get("content_type", "text/plain"),
        charset=extra.get("charset", "utf-8"),
        **http,
    )


def normalize_response(value: Any) -> Response | None:
    """None, or a Response; nodes and strings become an HtmlResponse."""
    if value is None:
        return None
    if isinstance(value, dict):
        return _from_dict(value)
    if isinstance(value, Response):
        return value
    from lona.html.node import AbstractNode

    if isinstance(value, (str, AbstractNode)):
        return HtmlResponse(value)
    raise TypeError(f"a view returned {type(value).__name__}, which is no response: {value!r}")


def redirect_from(value: Any) -> RedirectResponse | None:
    """The redirect a handler returned (class or legacy dict), else None."""
    if isinstance(value, RedirectResponse):
        return value
    if (
        isinstance(value, dict)
        and len(value) == 1
        and ("redirect" in value or "http_redirect" in value)
    ):
        response = _from_dict(value)
        assert isinstance(response, RedirectResponse)
        return response
    return None
