"""Response classes a view may return from ``handle_request`` (and handlers)."""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "FileResponse",
    "HtmlResponse",
    "HttpRedirectResponse",
    "JsonResponse",
    "RedirectResponse",
    "Response",
    "TemplateResponse",
    "TemplateStringResponse",
]

INTERACTIVE_ONLY_HTML = (
    "JSON, binary and file responses and headers are only available in non-interactive mode"
)


class Response:
    """A plain HTTP response: ``body`` (bytes) or ``text``, never both."""

    interactive_allowed = False

    def __init__(
        self,
        body: bytes | str | None = None,
        *,
        text: str | None = None,
        status: int = 200,
        content_type: str = "text/plain",
        headers: dict[str, str] | None = None,
        charset: str = "utf-8",
    ) -> None:
        if body is not None and text is not None:
            raise ValueError("body and text are mutually exclusive")
        self.body = body
        self.text = text
        self.status = status
        self.content_type = content_type
        self.headers = dict(headers or {})
        self.charset = charset

    def uses_http_features(self) -> bool:
        """True when the response needs HTTP (a status, headers, binary data)."""
        return True

    def render_body(self) -> bytes:
        if self.text is not None:
            return self.text.encode(self.charset)
        if isinstance(self.body, str):
            return self.body.encode(self.charset)
        return self.body or b""


class HtmlResponse(Response):
    """HTML: a node tree or a string."""

    def __init__(
        self,
        html: Any = "",
        *,
        status: int = 200,
        content_type: str = "text/html",
        headers: dict[str, str] | None = None,
        charset: str = "utf-8",
    ) -> None:
        super().__init__(status=status, content_type=content_type, headers=headers, charset=charset)
        self.html = html

    def uses_http_features(self) -> bool:
        return self.status != 200 or bool(self.headers) or self.content_type != "text/html"

    def render_body(self) -> bytes:
        return str(self.html).encode(self.charset)


class TemplateResponse(HtmlResponse):
    def __init__(
        self, template_name: str, context: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__("", **kwargs)
        self.template_name = template_name
        self.context = dict(context or {})


class TemplateStringResponse(HtmlResponse):
    def __init__(
        self, template_string: str, context: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__("", **kwargs)
        self.template_string = template_string
        self.context = dict(context or {})


class RedirectResponse(Response):
    """Interactive: navigate inside the app.  HTTP: 302."""

    def __init__(self, redirect_url: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status=302, headers=headers)
        self.redirect_url = str(redirect_url)

    def uses_http_features(self) -> bool:
        return False


class HttpRedirectResponse(RedirectResponse):
    """Interactive: a full browser navigation.  HTTP: 302."""


class JsonResponse(Response):
    def __init__(
        self,
        json_data: Any,
        *,
        status: int = 200,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status=status, content_type=content_type, headers=headers)
        self.json_data = json_data

    def render_body(self) -> bytes:
        return json.dumps(self.json_data).encode("utf-8")


class FileResponse(Response):
    def __init__(
        self,
        path: str,
        *,
        status: int = 200,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status=status, content_type=content_type or "", headers=headers)
        self.path = str(path)
