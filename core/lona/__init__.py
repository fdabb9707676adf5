"""lona: server-driven interactive web views in pure Python.

The public API follows Lona 1.16: ``from lona import App, View`` and
``from lona.html import HTML, H1, Div, Button``.
"""

from __future__ import annotations

from lona.app import App
from lona.background import background
from lona.buckets import Bucket
from lona.channels import Channel, Message
from lona.errors import ClientError, ForbiddenError, NotFoundError
from lona.exceptions import ServerStop, StopReason, UserAbort
from lona.input_event import InputEvent
from lona.request import Request
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
from lona.routing import MATCH_ALL, Route
from lona.view import View

VERSION = (0, 1, 0)
VERSION_STRING = ".".join(str(part) for part in VERSION)

# Lona's older names
LonaApp = App
LonaView = View

__all__ = [
    "MATCH_ALL",
    "VERSION",
    "VERSION_STRING",
    "App",
    "Bucket",
    "Channel",
    "ClientError",
    "FileResponse",
    "ForbiddenError",
    "HtmlResponse",
    "HttpRedirectResponse",
    "InputEvent",
    "JsonResponse",
    "LonaApp",
    "LonaView",
    "Message",
    "NotFoundError",
    "RedirectResponse",
    "Request",
    "Response",
    "Route",
    "ServerStop",
    "StopReason",
    "TemplateResponse",
    "TemplateStringResponse",
    "UserAbort",
    "View",
    "background",
]
