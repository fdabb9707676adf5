"""``http_pass_through=True`` routes: the framework's request in, its response out.

The view is a ``View`` class (its ``handle_request`` is called), another
class (instantiated without arguments, then ``handle_request``), or any
callable, sync or async, also as an import string.  It gets
``HttpRequest.native``, the adapter's own request, and returns the
adapter's own response, or a Lona response (a string, a node, a response
class), which is rendered as for any view.  Pass-through runs after the
``handle_http_request`` middlewares and before sessions, ``handle_connection``
and the body limit: the view reads the body through its framework.

Views written for Lona, which runs on aiohttp only, return aiohttp's
``web.Response``: on the other adapters such a response (status, headers,
cookies and a body of bytes) is carried over into the core's own.

``ForbiddenError`` and ``NotFoundError`` show the 403 and 404 pages; any
other exception is the framework's to answer, as for its own handlers
(``flask.abort(403)``, aiohttp's ``HTTPException``, ``tornado.web.HTTPError``,
and its own 500 for a crash): ``handle_http`` raises it to the adapter.  Views
written for Lona return aiohttp responses; under another framework those are
translated (``lona.http.foreign_responses``).

Sync views never run on the core's loop: in the pool when the adapter called
``handle_http`` (aiohttp, Tornado), in the adapter's own thread when it
called ``handle_http_sync`` (Flask, whose request context lives in that
thread).  There an async view runs on a loop of its own, as Flask runs its
own async views; elsewhere on the core's loop.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from lona.concurrency.loop import awaited, is_async_callable
from lona.current import current_server
from lona.errors import ForbiddenError, NotFoundError
from lona.http import HttpResponse
from lona.http.foreign_responses import translated_aiohttp_response
from lona.http.input import HttpError
from lona.runtime.responses import is_lona_response
from lona.view import View

if TYPE_CHECKING:
    from lona.http import HttpRequest
    from lona.http.host import HttpServices
    from lona.http.targets import Target

__all__ = ["PassThrough"]

logger = logging.getLogger("lona.http")


class PassThrough:
    def __init__(self, handler: HttpServices) -> None:
        self.handler = handler
        self.server = handler.server

    def view_function(self, view: Any) -> Callable[[Any], Any]:
        """What to call with the native request."""
        if isinstance(view, str):
            view = self.server.acquire(view)
        if isinstance(view, type):
            if issubclass(view, View):
                # no runtime and no Lona request: the view bypasses both
                instance: Any = view(cast(Any, self.server), cast(Any, None), cast(Any, None))
            else:
                instance = view()
            function: Callable[[Any], Any] = instance.handle_request
            return function
        if callable(view):
            return cast(Callable[[Any], Any], view)
        raise TypeError(f"the pass-through view {view!r} is not callable")

    # on the core's loop (handle_http) ######################################

    async def run(self, target: Target, request: HttpRequest) -> HttpResponse:
        in_pool = self.handler.in_pool
        try:
            assert target.route is not None
            function = self.view_function(target.route.view)
            if request.prepare_native is not None:
                await request.prepare_native()
            if is_async_callable(function):
                value = await self.server.spawn(awaited(function(request.native)))
            else:
                value = await in_pool(function, request.native)
                if inspect.isawaitable(value):
                    value = await self.server.spawn(awaited(value))
            return await in_pool(self.answer, value, target, request)
        except (ForbiddenError, NotFoundError) as error:
            return await in_pool(self.failed, error, target, request)
        except HttpError as error:
            return self.handler.refuse(error, request)
        except Exception as error:  # aiohttp's HTTPException under another framework
            return _translated_or_raise(error, request)

    # in the adapter's thread (handle_http_sync) ############################

    def run_here(self, target: Target, request: HttpRequest) -> HttpResponse:
        token = current_server.set(self.server)  # channels used by the view find it
        try:
            assert target.route is not None
            function = self.view_function(target.route.view)
            if request.prepare_native is not None:
                self.server.core_loop.run_sync(awaited(request.prepare_native()))
            value = function(request.native)
            if inspect.isawaitable(value):
                value = asyncio.run(awaited(value))
            return self.answer(value, target, request)
        except (ForbiddenError, NotFoundError) as error:
            return self.failed(error, target, request)
        except HttpError as error:
            return self.handler.refuse(error, request)
        except Exception as error:  # aiohttp's HTTPException under another framework
            return _translated_or_raise(error, request)
        finally:
            current_server.reset(token)

    # answers (a thread) #####################################################

    def answer(self, value: Any, target: Target, request: HttpRequest) -> HttpResponse:
        """A Lona response is rendered; anything else is the framework's own
        (or, served by another framework, an aiohttp response written for Lona)."""
        if not is_lona_response(value):
            return translated_aiohttp_response(value, request.native) or HttpResponse(native=value)
        lona_request = self.handler.lona_request(request, target)
        return self.handler.to_http(value, lona_request)

    def failed(self, error: Exception, target: Target, request: HttpRequest) -> HttpResponse:
        lona_request = self.handler.lona_request(request, target)
        return self.handler.errors.response(error, lona_request)


def _translated_or_raise(error: Exception, request: HttpRequest) -> HttpResponse:
    translated = translated_aiohttp_response(error, request.native)
    if translated is None:
        raise error
    return translated
