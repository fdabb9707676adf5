"""Running a view: ``handle_request``, then ``on_stop``, then ``on_cleanup``.

The flow is written once (``_flow``) over a ``Place``
(``lona.concurrency.calling``): a sync view runs all of it on one pool
thread; an async view runs it on the core loop and only its user code hops
to the pool, so an async view without middlewares and ``on_stop`` that
returns a tree starts and ends without a thread.  The order is the
lifecycle's (``lona.runtime.lifecycle``): ``on_stop`` always runs before
``on_cleanup``, each once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from lona.concurrency.calling import (
    Call,
    LoopPlace,
    Place,
    ThreadPlace,
    Where,
    decide,
    run_here,
)
from lona.errors import ForbiddenError, NotFoundError
from lona.exceptions import ServerStop, StopReason
from lona.html.children import ParentNode
from lona.middleware_controller import Outcome
from lona.protocol import ServerMessage
from lona.responses import REDIRECTS, HtmlResponse, TemplateResponse, TemplateStringResponse
from lona.runtime.debug import error_report
from lona.runtime.lifecycle import Lifecycle, Step
from lona.runtime.parts import RuntimeCore
from lona.runtime.responses import (
    check_interactive,
    normalize_response,
    render_template_response,
    warn_returned_none,
)
from lona.view import View

if TYPE_CHECKING:
    from lona.runtime.host import FirstContentSink
    from lona.view import ViewSubscriptionsSide

__all__ = ["Runner"]

logger = logging.getLogger("lona.view_runtime")


class RunningOwner(RuntimeCore, Protocol):
    """What the runner uses of its runtime (``ViewRuntime`` is one)."""

    crashed: bool
    debug_report: dict[str, str] | None

    @property
    def first_content(self) -> FirstContentSink | None: ...

    @property
    def subscriptions(self) -> ViewSubscriptionsSide: ...

    @property
    def debugging(self) -> bool: ...

    def show(self, html: Any = None) -> None: ...

    def show_error_view(self, error: BaseException) -> None: ...

    def broadcast(self, kind: ServerMessage, *items: Any) -> None: ...

    def stop_if_unwatched(self) -> None: ...

    def shows_something(self) -> bool: ...


class Runner:
    """The user code of one runtime's life, each part once and in order."""

    __slots__ = ("handle_request", "lifecycle", "runtime")

    def __init__(self, runtime: RunningOwner) -> None:
        self.runtime = runtime
        self.lifecycle = Lifecycle()
        self.handle_request = decide(runtime.view.handle_request)

    def start(self) -> None:
        """Run handle_request (core loop)."""
        runtime = self.runtime
        self.lifecycle.advance(Step.START)
        host = runtime.server
        if self.handle_request.where is Where.LOOP:
            place = LoopPlace(host.core_loop, host.executor)
            host.spawn(self._flow(place), name=f"handle_request of {runtime!r}")
        else:
            host.registry.sync_views += 1  # until _in_thread returns its thread
            host.executor.start(self._in_thread)

    def _in_thread(self) -> None:
        host = self.runtime.server
        try:
            run_here(self._flow(ThreadPlace(host.core_loop)))
        finally:
            if host.core_loop.running:
                host.core_loop.call_soon(self._sync_view_ended)

    def _sync_view_ended(self) -> None:
        self.runtime.server.registry.sync_views -= 1

    def request_middlewares(self, place: Place) -> Any:
        """The handle_request middlewares; a handled one replaces the view."""
        runtime = self.runtime
        return runtime.server.middlewares.run(
            place,
            "handle_request",
            request=runtime.request,
            view=runtime.view,
            connection=runtime.request.connection,
        )

    async def _flow(self, place: Place) -> None:
        runtime = self.runtime
        reason: BaseException | None = None
        try:
            outcome: Outcome = await self.request_middlewares(place)
            if outcome.handled:
                response = outcome.value
            else:
                response = await place.call(self.handle_request, runtime.request)
            # templates and dict responses may run user code
            trivial = response is None or isinstance(response, (ParentNode, str))
            apply = Call(self.apply_response, Where.INLINE if trivial else Where.POOL)
            await place.call(apply, response)
        except asyncio.CancelledError:
            reason = runtime.stop_reason or ServerStop()
        except BaseException as error:
            reason = await place.call_blocking(self._handle_request_error, error)
        await place.call(self._finish_call(), reason)

    def _finish_call(self) -> Call:
        """Finishing runs user code only when there is an on_stop to run."""
        user_code = type(self.runtime.view).on_stop is not View.on_stop
        user_code = user_code or self.runtime.server.middlewares.has("on_view_stop")
        return Call(self._finish, Where.POOL if user_code else Where.INLINE)

    def _handle_request_error(self, error: BaseException) -> BaseException:
        runtime = self.runtime
        if isinstance(error, StopReason):
            return error
        if isinstance(error, (ForbiddenError, NotFoundError)):
            runtime.show_error_view(error)
            return error
        if isinstance(error, Exception):
            logger.error("handle_request of %r crashed", runtime, exc_info=error)
            runtime.crashed = True
            if not (runtime.debugging and runtime.shows_something()):
                runtime.show_error_view(error)
            if runtime.debugging:
                report = error_report(error, f"{runtime.view_class.__name__}.handle_request")
                with runtime.document.lock:
                    runtime.debug_report = report  # also for windows that attach later
                    runtime.broadcast(ServerMessage.DEBUG, report)
            return error
        raise error

    def apply_response(self, value: Any) -> None:
        """Show what handle_request returned (pool thread)."""
        runtime = self.runtime
        response = normalize_response(value)
        if response is None:
            if runtime.document.root is None and runtime.document.html_string is None:
                warn_returned_none(runtime.view_class, runtime.request.url.path)
            return
        check_interactive(response)
        if isinstance(response, REDIRECTS):
            runtime.send_redirect(response)
        elif isinstance(response, (TemplateResponse, TemplateStringResponse)):
            runtime.show(render_template_response(runtime.server, response, runtime.request))
        elif isinstance(response, HtmlResponse):
            runtime.show(response.html)
        # a plain Response without HTTP features shows nothing, as in Lona

    def _finish(self, reason: BaseException | None) -> None:
        """After handle_request ended (pool thread): VIEW_STOP, on_stop, maybe cleanup."""
        runtime = self.runtime
        if runtime.first_content is not None:
            runtime.first_content.ready()
        with runtime.document.lock:
            runtime.broadcast(ServerMessage.VIEW_STOP)
        self._run_on_stop(reason)
        core_loop = runtime.server.core_loop
        if not self.lifecycle.advance(Step.END):
            core_loop.call_soon(runtime.stop_if_unwatched)
        elif core_loop.in_loop():
            runtime.server.executor.start(self._cleanup)  # on_cleanup is user code
        else:
            self._cleanup()

    def _run_on_stop(self, reason: BaseException | None) -> None:
        """The on_view_stop middlewares, then the view's on_stop."""
        runtime = self.runtime
        self._run_middleware_hook("on_view_stop", reason)
        error = self._call_user_hook(runtime.view.on_stop, reason)
        if error is not None and runtime.attachments:
            runtime.crash(error, "on_stop")

    def _run_middleware_hook(self, hook: str, reason: BaseException | None) -> None:
        runtime = self.runtime
        try:
            runtime.server.middlewares.run_sync(
                hook, request=runtime.request, view=runtime.view, reason=reason
            )
        except Exception:
            logger.exception("middleware %s crashed for %r", hook, runtime)

    def _call_user_hook(self, hook: Callable[..., Any], *args: Any) -> Exception | None:
        """Call a hook from a pool thread (coroutine hooks run on the loop); its error."""
        try:
            ThreadPlace(self.runtime.server.core_loop).run(decide(hook), *args)
        except Exception as error:
            logger.exception("%s of %r crashed", getattr(hook, "__name__", hook), self.runtime)
            return error
        return None

    # cleaning up ############################################################

    def request_cleanup(self) -> None:
        """Clean up once handle_request has unwound (any thread)."""
        if self.lifecycle.advance(Step.CLEANUP):
            self.runtime.server.executor.start(self._cleanup)

    def _cleanup(self) -> None:
        """on_cleanup (after on_stop, when the view ran); then forget the runtime."""
        runtime = self.runtime
        runtime.subscriptions.unsubscribe_all()
        self._run_middleware_hook("on_view_cleanup", runtime.stop_reason)
        self._call_user_hook(runtime.view.on_cleanup)
        runtime.server.forget_runtime(runtime)
