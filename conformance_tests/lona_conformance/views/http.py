"""Views for the HTTP side: every response type, templates, errors and forms.

Everything below ``/http/`` is non-interactive, except ``/http/interactive/``
(responses that interactive views must refuse) and ``/http/live-template``.
The app also serves ``views/public`` (``STATIC_DIRS``) and templates from
``views/templates``; ``views/secret.txt`` lies just outside the static
directory, for path traversal attempts.

With the setting ``CONFORMANCE_ERROR_VIEWS`` the app registers error views by
decorator: 403 and 404 views that mark their output, and a 500 view that
crashes (so the 500 template shows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lona import (
    App,
    FileResponse,
    ForbiddenError,
    HtmlResponse,
    HttpRedirectResponse,
    JsonResponse,
    NotFoundError,
    RedirectResponse,
    Response,
    TemplateResponse,
    TemplateStringResponse,
    View,
)
from lona.html import H1, HTML, Div, P
from lona.http.input import UploadedFile

__all__ = ["SECRET_WORD", "add_routes"]

HERE = Path(__file__).parent
SECRET_WORD = "imported by Lona.import"
NAMESPACE_TEMPLATE = (
    "reverse={{ Lona.reverse('http-named', name='n1') }}|"
    "settings={{ Lona.settings.CLIENT_TITLE }}|"
    "state={{ Lona.state['greeting'] }}|"
    "static={{ Lona.load_static_file('sub/style.css') }}|"
    "import={{ Lona.import('lona_conformance.views.http.SECRET_WORD') }}|"
    "extra={{ extra_context_value }}|"
    "filter={{ 'loud' | shout }}|"
    "escaped={{ markup }}"
)


def _simple(value: Any) -> Any:
    """A view class that returns ``value``."""

    class Simple(View):
        def handle_request(self, request: Any) -> Any:
            return value

    return Simple


def _posted(value: Any) -> Any:
    if isinstance(value, UploadedFile):
        return {"filename": value.filename, "size": len(value.data), "type": value.content_type}
    return value


class FormEcho(View):
    """What reached the view: method, GET and POST (files by name and size)."""

    def handle_request(self, request: Any) -> Any:
        post = {name: _posted(value) for name, value in request.POST.items()}
        return JsonResponse({"method": request.method, "get": request.GET, "post": post})


class AsyncJson(View):
    async def handle_request(self, request: Any) -> Any:
        return JsonResponse({"async": True, "path": request.url.path})


class Named(View):
    def handle_request(self, request: Any) -> Any:
        return f"<p id='named'>{request.match_info['name']}</p>"


class InteractiveRefusal(View):
    """An interactive view returning what only HTTP can carry: the 500 view shows."""

    RESPONSES: dict[str, Any] = {
        "json": lambda: JsonResponse({"a": 1}),
        "file": lambda: FileResponse(str(HERE / "public" / "public.txt")),
        "binary": lambda: Response(body=b"\x00\x01", content_type="application/octet-stream"),
        "headers": lambda: HtmlResponse("<p>with headers</p>", headers={"X-Nope": "1"}),
        "status": lambda: HtmlResponse("<p>with a status</p>", status=201),
        "html": lambda: HtmlResponse("<p id='fine'>an html response</p>"),
        "template": lambda: TemplateResponse("conformance/page.html", {"heading": "live"}),
    }

    def handle_request(self, request: Any) -> Any:
        return self.RESPONSES[request.match_info["kind"]]()


class Crash(View):
    def handle_request(self, request: Any) -> Any:
        raise ValueError("the HTTP view crashes on purpose")


class Forbidden(View):
    def handle_request(self, request: Any) -> Any:
        raise ForbiddenError()


class Missing(View):
    def handle_request(self, request: Any) -> Any:
        raise NotFoundError()


# error views registered by decorator (setting CONFORMANCE_ERROR_VIEWS) ######


class MarkedForbiddenView(View):
    def handle_request(self, request: Any, exception: Any = None) -> Any:
        return HTML(H1("403 Forbidden"), P("by the decorated 403 view", _id="custom-403"))


class MarkedNotFoundView(View):
    def handle_request(self, request: Any) -> Any:
        return TemplateStringResponse(
            "<h1>404 Not Found</h1><p id='custom-404'>no {{ request.url.path }} here</p>"
        )


class CrashingErrorView(View):
    def handle_request(self, request: Any, exception: Any = None) -> Any:
        raise RuntimeError("the 500 view crashes on purpose")


class LiveTemplate(View):
    """An interactive view showing a template: the template also works live."""

    def handle_request(self, request: Any) -> Any:
        return TemplateResponse(
            "conformance/page.html", {"heading": "live template", "name": "<b>"}
        )


def _dict_responses() -> dict[str, Any]:
    """Lona's deprecated dict responses, one per key."""
    return {
        "template_string": {"template_string": "<p id='dict'>{{ word }}</p>", "word": "dict"},
        "json": {"json": {"from": "dict"}},
        "text": {"text": "plain from dict", "content_type": "text/plain"},
        "redirect": {"redirect": "/http/html"},
        "http_redirect": {"http_redirect": "/http/html"},
        "file": {"file": str(HERE / "public" / "public.txt")},
    }


def configure(app: App) -> None:
    settings = app.settings
    settings.STATIC_DIRS = [*settings.STATIC_DIRS, "views/public"]
    settings.TEMPLATE_DIRS = [*settings.TEMPLATE_DIRS, "views/templates"]
    settings.TEMPLATE_EXTRA_CONTEXT = {
        "extra_context_value": "from extra context",
        **settings.TEMPLATE_EXTRA_CONTEXT,
    }
    settings.TEMPLATE_EXTRA_FILTERS = {"shout": str.upper, **settings.TEMPLATE_EXTRA_FILTERS}
    settings.INITIAL_SERVER_STATE = {"greeting": "hello state", **settings.INITIAL_SERVER_STATE}
    app.add_template("conformance/added.html", "<p id='added'>added by {{ who }}</p>")
    app.add_static_file("conformance-added.txt", "added by app.add_static_file")
    if settings.get("CONFORMANCE_ERROR_VIEWS"):
        app.error_403_view(MarkedForbiddenView)
        app.error_404_view(MarkedNotFoundView)
        app.error_500_view(CrashingErrorView)


def add_routes(app: App) -> None:
    configure(app)
    plain = {
        "/http/html": HtmlResponse("<h1 id='html'>html</h1>", headers={"X-Conformance": "html"}),
        "/http/teapot": Response(
            text="short and stout",
            status=418,
            content_type="text/plain",
            headers={"X-Conformance": "teapot"},
        ),
        "/http/binary": Response(body=bytes(range(256)), content_type="application/octet-stream"),
        "/http/latin-1": Response(text="café", content_type="text/plain", charset="latin-1"),
        "/http/json": JsonResponse({"numbers": [1, 2], "text": "é"}, status=201),
        "/http/file": FileResponse(str(HERE / "public" / "public.txt")),
        "/http/file-typed": FileResponse(
            str(HERE / "public" / "public.txt"), content_type="application/x-conformance"
        ),
        "/http/file-missing": FileResponse(str(HERE / "public" / "no-such-file.txt")),
        "/http/template": TemplateResponse(
            "conformance/page.html", {"heading": "from a template", "name": "<b>bold</b>"}
        ),
        "/http/added-template": TemplateResponse("conformance/added.html", {"who": "a test"}),
        "/http/template-string": TemplateStringResponse(NAMESPACE_TEMPLATE, {"markup": "<i>x</i>"}),
        "/http/broken-template": TemplateStringResponse("{{ unclosed "),
        "/http/missing-template": TemplateResponse("conformance/no-such-template.html"),
        "/http/redirect": RedirectResponse("/http/html"),
        "/http/http-redirect": HttpRedirectResponse("/http/html"),
        "/http/none": None,
        "/http/node": HTML(H1("a node tree"), Div("over HTTP", _id="node")),
    }
    for path, value in plain.items():
        app.route(path, interactive=False)(_simple(value))
    for kind, value in _dict_responses().items():
        app.route(f"/http/dict/{kind}", interactive=False)(_simple(value))
    app.route("/http/form", interactive=False)(FormEcho)
    app.route("/http/async", interactive=False)(AsyncJson)
    app.route("/http/named/<name>", name="http-named", interactive=False)(Named)
    app.route("/http/crash", interactive=False)(Crash)
    app.route("/http/forbidden", interactive=False)(Forbidden)
    app.route("/http/not-found", interactive=False)(Missing)
    app.route("/http/interactive/<kind>")(InteractiveRefusal)
    app.route("/http/live-template")(LiveTemplate)
