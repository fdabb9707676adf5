"""Pass-through views: they get the framework's own request and answer natively.

Each one finds out which framework it runs on and answers with that
framework's response object (aiohttp ``web.Response``, Tornado's handler,
a Flask ``Response``), marked with ``X-Pass-Through: <framework>``.  On a
framework it does not know (a third-party adapter) it answers with a Lona
response of the same shape, so the suite holds for any adapter.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from lona import (
    App,
    ForbiddenError,
    JsonResponse,
    NotFoundError,
    RedirectResponse,
    Response,
    View,
)

__all__ = ["add_routes", "imported_view"]


def framework_of(native: Any) -> str:
    for name, check in (("aiohttp", _is_aiohttp), ("tornado", _is_tornado), ("flask", _is_flask)):
        try:
            if check(native):
                return name
        except ImportError:
            continue
    return "lona"


def _is_aiohttp(native: Any) -> bool:
    from aiohttp import web

    return isinstance(native, web.BaseRequest)


def _is_tornado(native: Any) -> bool:
    from tornado.web import RequestHandler

    return isinstance(native, RequestHandler)


def _is_flask(native: Any) -> bool:
    import flask

    return isinstance(native, flask.Request)


def native_text(native: Any, text: str, status: int = 200) -> Any:
    """``text`` as the framework's own response."""
    kind = framework_of(native)
    if kind == "aiohttp":
        from aiohttp import web

        return web.Response(text=text, status=status, headers={"X-Pass-Through": kind})
    if kind == "tornado":
        native.set_status(status)
        native.set_header("X-Pass-Through", kind)
        native.set_header("Content-Type", "text/plain; charset=utf-8")
        native.write(text)
        return native
    if kind == "flask":
        import flask

        return flask.Response(text, status=status, headers={"X-Pass-Through": kind})
    return Response(text=text, status=status, headers={"X-Pass-Through": kind})


def native_info(native: Any) -> dict[str, Any]:
    """Method, path and the query parameter ``q``, read through the framework."""
    kind = framework_of(native)
    if kind == "aiohttp":
        return {"method": native.method, "path": native.path, "q": native.query.get("q")}
    if kind == "tornado":
        request = native.request
        return {"method": request.method, "path": request.path, "q": native.get_argument("q", None)}
    if kind == "flask":
        return {"method": native.method, "path": native.path, "q": native.args.get("q")}
    return {"method": None, "path": None, "q": None}


async def native_form(native: Any) -> dict[str, Any]:
    kind = framework_of(native)
    if kind == "aiohttp":
        return {name: str(value) for name, value in (await native.post()).items()}
    if kind == "tornado":
        return {name: native.get_body_argument(name) for name in native.request.body_arguments}
    if kind == "flask":
        return dict(native.form)
    return {}


def _on_a_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class SyncPassThrough(View):
    """A View class: its ``handle_request`` gets the native request, in a thread."""

    def handle_request(self, native: Any) -> Any:
        report = {**native_info(native), "on_a_loop": _on_a_loop()}
        report["thread"] = threading.current_thread().name
        return native_text(native, json.dumps(report))


async def async_pass_through(native: Any) -> Any:
    report = {**native_info(native), "form": await native_form(native)}
    return native_text(native, json.dumps(report))


def lona_answer(native: Any) -> Any:
    return JsonResponse({"rendered": "by lona", "framework": framework_of(native)})


def string_answer(native: Any) -> Any:
    return "<p id='pass-through-string'>a string from a pass-through view</p>"


def native_forbidden(native: Any) -> Any:
    """The framework's own way of answering 403."""
    kind = framework_of(native)
    if kind == "aiohttp":
        from aiohttp import web

        raise web.HTTPForbidden(text="forbidden by aiohttp")
    if kind == "tornado":
        from tornado.web import HTTPError

        raise HTTPError(403)
    if kind == "flask":
        import flask

        flask.abort(403)
    raise ForbiddenError()


def native_redirect(native: Any) -> Any:
    """A sync view redirecting the framework's way (Tornado: finish() from a thread)."""
    kind = framework_of(native)
    if kind == "aiohttp":
        from aiohttp import web

        raise web.HTTPFound("/http/html")
    if kind == "tornado":
        native.redirect("/http/html")
        return native
    if kind == "flask":
        import flask

        return flask.redirect("/http/html")
    return RedirectResponse("/http/html")


async def aiohttp_response(native: Any) -> Any:
    """Written for Lona (aiohttp only): an aiohttp response, whatever the adapter."""
    from aiohttp import web

    response = web.Response(
        text="<h1>from aiohttp</h1>",
        status=201,
        content_type="text/html",
        headers={"X-Written-For": "lona"},
    )
    response.set_cookie("flavour", "aiohttp")
    return response


def lona_not_found(native: Any) -> Any:
    raise NotFoundError()


def crash(native: Any) -> Any:
    raise ValueError("the pass-through view crashes on purpose")


def imported_view(native: Any) -> Any:
    return native_text(native, "imported by string")


def add_routes(app: App) -> None:
    views: dict[str, Any] = {
        "sync": SyncPassThrough,
        "async": async_pass_through,
        "lona": lona_answer,
        "string": string_answer,
        "forbidden": native_forbidden,
        "redirect": native_redirect,
        "aiohttp-response": aiohttp_response,
        "not-found": lona_not_found,
        "crash": crash,
        "imported": "lona_conformance.views.pass_through.imported_view",
    }
    for name, view in views.items():
        app.route(f"/pass-through/{name}", http_pass_through=True)(view)
