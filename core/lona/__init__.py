"""lona: server-driven interactive web views in pure Python.

The public API follows Lona 1.16: ``from lona import App, View`` and
``from lona.html import HTML, H1, Div, Button``.

``VERSION``/``VERSION_STRING`` are the Lona API version implemented (1.16.2):
packages written for Lona compare them with Lona's numbers.  This project's
own version is its distribution's, ``LONA_LIVE_VERSION``.
"""

from __future__ import annotations

from lona._distribution import LONA_LIVE_VERSION, VERSION, VERSION_STRING, refuse_mixed_install

refuse_mixed_install()

from lona.app import App  # noqa: E402
from lona.background import background  # noqa: E402
from lona.buckets import Bucket  # noqa: E402
from lona.channels import Channel, Message  # noqa: E402
from lona.errors import ClientError, ForbiddenError, NotFoundError  # noqa: E402
from lona.exceptions import ServerStop, StopReason, UserAbort  # noqa: E402
from lona.input_event import InputEvent  # noqa: E402
from lona.request import Request  # noqa: E402
from lona.responses import (  # noqa: E402
    AbstractResponse,
    FileResponse,
    HtmlResponse,
    HttpRedirectResponse,
    JsonResponse,
    RedirectResponse,
    Response,
    TemplateResponse,
    TemplateStringResponse,
)
from lona.routing import MATCH_ALL, Route  # noqa: E402
from lona.view import View  # noqa: E402

# Lona's older names
LonaApp = App
LonaView = View

__all__ = [
    "LONA_LIVE_VERSION",
    "MATCH_ALL",
    "VERSION",
    "VERSION_STRING",
    "AbstractResponse",
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
