"""Response classes a view may return from ``handle_request`` (and handlers).

Lona's classes with Lona's fields, in Lona's order, so that positional and
keyword construction (``RedirectResponse(url='/')``, ``JsonResponse(data=...)``,
``TemplateResponse('page.html', {...})``) work alike.  ``status``,
``content_type`` and ``headers`` default to None: unset.  Setting any of them
makes a response an HTTP one, which an interactive view can not return
(``interactive`` is False); redirects are the exception.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from lona.surrogates import utf8

__all__ = [
    "AbstractResponse",
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
DEFAULT_CHARSET = "utf-8"


@dataclass
class AbstractResponse:
    """The base of every response class."""

    @property
    def interactive(self) -> bool:
        """Whether an interactive view may return it (it uses no HTTP features)."""
        raise NotImplementedError


class _HttpFields:
    """``interactive`` of the HTML-like responses: none of the HTTP fields set."""

    status: int | None
    content_type: str | None
    headers: dict[str, str] | None

    @property
    def interactive(self) -> bool:
        return not (self.status or self.content_type or self.headers)


@dataclass
class Response(AbstractResponse):
    """A plain HTTP response: ``body`` (bytes or str) or ``text``, never both."""

    body: Any = None
    status: int | None = None
    content_type: str | None = None
    headers: dict[str, str] | None = None
    text: str | None = None
    charset: str | None = None

    def __post_init__(self) -> None:
        if self.body and self.text:
            raise ValueError("body and text are not allowed together")

    @property
    def interactive(self) -> bool:
        return not (self.body or self.status or self.content_type or self.headers or self.charset)

    def render_body(self) -> bytes:
        charset = self.charset or DEFAULT_CHARSET
        text = self.text if self.text is not None else self.body
        if not isinstance(text, str):
            return bytes(self.body or b"")
        if charset.lower().replace("-", "") == "utf8":
            return utf8(text)  # a lone surrogate becomes U+FFFD, not an error
        return text.encode(charset)


@dataclass
class HtmlResponse(_HttpFields, AbstractResponse):
    """HTML: a node tree or a string."""

    html: Any
    status: int | None = None
    content_type: str | None = None
    headers: dict[str, str] | None = None


@dataclass
class TemplateResponse(_HttpFields, AbstractResponse):
    """The template ``name`` rendered with ``context`` (and ``request``)."""

    name: str
    context: dict[str, Any] = field(default_factory=dict)
    status: int | None = None
    content_type: str | None = None
    headers: dict[str, str] | None = None


@dataclass
class TemplateStringResponse(_HttpFields, AbstractResponse):
    """The template source ``string`` rendered with ``context`` (and ``request``)."""

    string: str
    context: dict[str, Any] = field(default_factory=dict)
    status: int | None = None
    content_type: str | None = None
    headers: dict[str, str] | None = None


@dataclass
class JsonResponse(AbstractResponse):
    """``data`` as JSON (non-interactive views only)."""

    data: Any
    status: int | None = None
    content_type: str | None = None
    headers: dict[str, str] | None = None

    @property
    def interactive(self) -> bool:
        return False

    def render_body(self) -> bytes:
        return json.dumps(self.data).encode(DEFAULT_CHARSET)


@dataclass
class FileResponse(AbstractResponse):
    """The file at ``path`` (non-interactive views only); its type is guessed
    from its name unless ``content_type`` (not in Lona) is given."""

    path: str
    status: int | None = None
    headers: dict[str, str] | None = None
    content_type: str | None = None

    @property
    def interactive(self) -> bool:
        return False


@dataclass
class RedirectResponse(AbstractResponse):
    """Interactive: navigate inside the app.  HTTP: 302 to ``url``."""

    url: str
    headers: dict[str, str] | None = None

    @property
    def interactive(self) -> bool:
        return not self.headers


@dataclass
class HttpRedirectResponse(AbstractResponse):
    """Interactive: a full browser navigation.  HTTP: 302 to ``url``."""

    url: str
    headers: dict[str, str] | None = None

    @property
    def interactive(self) -> bool:
        return not self.headers


#: the two redirect classes (as in Lona, neither is a subclass of the other)
REDIRECTS = (RedirectResponse, HttpRedirectResponse)
AnyRedirect = RedirectResponse | HttpRedirectResponse
