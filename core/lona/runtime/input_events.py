"""Input events: one view handles its events one at a time, in arrival order.

The chain, as Lona documents it: ``View.handle_input_event_root``, then the
handlers of the event's node and each ancestor (innermost first), then a
pending ``await_*``, then ``View.handle_input_event``.  A step returning None
stops the chain; a redirect response stops it and navigates.

Consecutive sync steps run in one trip to the thread pool, followed there by
the flush and the acknowledgement, so a plain click costs one thread hop.
Steps that are coroutine functions run on the core loop.  A view with no
pending events has no task and holds no thread.  A ``@background`` handler
ends the chain: the event is acknowledged and the handler runs beside the
queue (``lona.background``).
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, cast

from lona.background import is_background
from lona.concurrency.loop import awaited, is_async_callable
from lona.html.children import ParentNode
from lona.html.events import BadEventData
from lona.html.node import Node
from lona.input_event import InputEvent, event_name
from lona.protocol import ErrorCode
from lona.responses import AnyRedirect
from lona.runtime.event_data import check_event_data
from lona.view import View
from lona.ws.messages import EventMessage, ProtocolError

if TYPE_CHECKING:
    from lona.runtime.attachments import Attachment
    from lona.runtime.view_runtime import ViewRuntime

__all__ = ["EventDispatcher", "EventOutcome"]

logger = logging.getLogger("lona.events")

Step = Callable[[InputEvent], Any]
Job = Callable[[], Any]
_DELIVER = "deliver"  # marker for the internal await step


class EventOutcome:
    __slots__ = ("background", "delivered", "error", "redirect")

    def __init__(self) -> None:
        self.delivered = False
        self.redirect: AnyRedirect | None = None
        self.error: BaseException | None = None
        self.background: Step | None = None  # a @background handler that ends the chain


def _node_handler(node: ParentNode, name: str) -> Step | None:
    """What handles ``name`` events of ``node``: its own handler, or None.

    The node's ``handle_input_event`` dispatches to ``handle_<name>``; calling
    that handler directly saves a step, and lets ``@background`` and coroutine
    handlers be seen for what they are.
    """
    cls = type(node)
    own = node.__dict__
    if cls.handle_input_event is not Node.handle_input_event or (
        own and "handle_input_event" in own
    ):
        return node.handle_input_event
    attribute = f"handle_{name}"
    if own and attribute in own:
        handler: Step = own[attribute]
        return handler
    method = getattr(cls, attribute, None)
    if method is not None and method is not getattr(Node, attribute, None):
        bound: Step = getattr(node, attribute)
        return bound
    return None


def _name(step: Step) -> str:
    """``Report.export``: a handler's name for the log (without ``<locals>`` paths)."""
    return str(getattr(step, "__qualname__", repr(step))).rsplit("<locals>.", 1)[-1]


def _overrides(view: View, name: str) -> bool:
    return getattr(type(view), name) is not getattr(View, name) or name in view.__dict__


Item = tuple["Attachment", EventMessage] | Job


class EventDispatcher:
    """A view's queue: input events and jobs, one at a time, in arrival order.

    Nothing runs for a view with an empty queue (no task, no thread).  The
    queue is driven from wherever its last item finished: a sync handler's
    pool thread starts the next item itself, so a busy view costs no hop back
    to the loop between two clicks; only coroutine steps go to the loop.
    """

    def __init__(self, runtime: ViewRuntime) -> None:
        self.runtime = runtime
        # input events and jobs (channel messages, view events) share one queue,
        # so a view never runs two of its handlers at once
        self._queue: deque[Item] = deque()
        self._lock = threading.Lock()
        self._running = False

    def enqueue(self, attachment: Attachment, message: EventMessage) -> None:
        """Called on the core loop."""
        self._put((attachment, message))

    def enqueue_job(self, job: Job) -> None:
        """Run ``job`` (a callable, maybe a coroutine function) in turn (any thread)."""
        self._put(job)

    def _put(self, item: Item) -> None:
        with self._lock:
            self._queue.append(item)
            if self._running:
                return
            self._running = True
        self._continue()

    def _continue(self) -> None:
        """Start the queued items in turn until one runs elsewhere (any thread).

        Whatever runs elsewhere calls ``_continue`` again when it is done.
        """
        while True:
            with self._lock:
                if not self._queue:
                    self._running = False
                    return
                item = self._queue.popleft()
            try:
                if not self._start(item):
                    return
            except Exception:
                logger.exception("event handling failed in %r", self.runtime)

    def _start(self, item: Item) -> bool:
        """Start one item; True when it is done already."""
        if isinstance(item, tuple):
            return self._handle(*item)
        if inspect.iscoroutinefunction(item):
            self._on_loop(self._async_job(item))
        else:
            self.runtime.server.executor.run_queued(self._sync_job, item)
        return False

    def _on_loop(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run ``coroutine`` as a task of the view's server (from any thread)."""
        server = self.runtime.server
        name = f"event handling of {self.runtime!r}"
        if server.core_loop.in_loop():
            server.spawn(coroutine, name)
        else:
            server.core_loop.call_soon(server.spawn, coroutine, name)

    def _sync_job(self, job: Job) -> None:
        try:
            job()
        except Exception:
            logger.exception("event handling failed in %r", self.runtime)
        self._continue()

    async def _async_job(self, job: Job) -> None:
        try:
            await job()
        except Exception:
            logger.exception("event handling failed in %r", self.runtime)
        self._continue()

    # one event ##############################################################

    def _build(self, attachment: Attachment, message: EventMessage) -> InputEvent:
        runtime = self.runtime
        document = runtime.document
        node: Node | None = None
        if message.node_id is not None:
            found = document.get_node(message.node_id)
            if not isinstance(found, ParentNode):  # an element, or a legacy widget
                raise ProtocolError(
                    ErrorCode.UNKNOWN_NODE,
                    f"node {message.node_id} is not part of this view (it may have just been "
                    "removed)",
                    message.window_id,
                    message.view_id,
                    message.event_id,
                )
            # a legacy widget is the node only of custom events its frontend
            # widget fires; InputEvent types the common case
            node = cast("Node", found)
        target = document.get_node(message.target_id) if message.target_id is not None else None
        name = event_name(message.event_type)
        try:
            data = check_event_data(name, message.event_type, message.data, node, target)
        except BadEventData as error:
            raise ProtocolError(
                ErrorCode.BAD_EVENT,
                f"{name} event refused: {error}",
                message.window_id,
                message.view_id,
                message.event_id,
            ) from None
        return InputEvent(
            event_type=message.event_type,
            data=data,
            node=node,
            target_node=target or node,
            event_id=message.event_id,
            connection=attachment.connection,
            window_id=message.window_id,
            request=runtime.request,
            document=document,
            payload=[
                message.event_id,
                message.event_type,
                message.data,
                message.node_id,
                message.target_id,
            ],
            node_info=message.node_info,
            issuer=attachment,
        )

    def _steps(self, event: InputEvent) -> list[Any]:
        """The chain for ``event``; a ``@background`` handler ends it."""
        view = self.runtime.view
        steps: list[Any] = []
        if _overrides(view, "handle_input_event_root"):
            steps.append(view.handle_input_event_root)
        for node in event.nodes:
            handler = _node_handler(node, event.name)
            if handler is not None:
                steps.append(handler)
        steps.append(_DELIVER)
        if _overrides(view, "handle_input_event"):
            steps.append(view.handle_input_event)
        for index, step in enumerate(steps):
            if step is not _DELIVER and is_background(step):
                return steps[: index + 1]
        return steps

    def _handle(self, attachment: Attachment, message: EventMessage) -> bool:
        """Start one event; True when it was handled here already.

        An event whose socket dropped meanwhile is handled all the same: the
        window may resume and gets the answer then.
        """
        runtime = self.runtime
        if attachment.detached:
            return True  # the window closed or shows another view
        if runtime.stop_reason is not None or runtime.crashed:
            runtime.refuse_event(
                attachment,
                ProtocolError(
                    ErrorCode.VIEW_STOPPED,
                    "this view has stopped; reload the page",
                    message.window_id,
                    message.view_id,
                    message.event_id,
                ),
            )
            return True
        try:
            event = self._build(attachment, message)
        except ProtocolError as error:
            runtime.refuse_event(attachment, error)
            return True
        steps = self._steps(event)
        if any(is_async_callable(step) for step in steps if step is not _DELIVER):
            self._on_loop(self._run_mixed_and_finish(steps, event))
            return False
        if any(step is not _DELIVER for step in steps):
            runtime.server.executor.run_queued(self._run_sync_and_finish, steps, event)
            return False
        # nothing but a possible await: no user code, no thread needed
        outcome = EventOutcome()
        self._run_steps(steps, event, outcome)
        runtime.finish_event(event, outcome)
        return True

    def _run_sync_and_finish(self, steps: list[Any], event: InputEvent) -> None:
        """A chain of sync steps, its flush and acknowledgement (pool thread)."""
        try:
            outcome = EventOutcome()
            started = time.monotonic()
            self._run_steps(steps, event, outcome)
            self._check_duration(steps, event, started)
            self.runtime.finish_event(event, outcome)
            if outcome.background is not None:
                self._start_background(outcome.background, event)
        except Exception:
            logger.exception("event handling failed in %r", self.runtime)
        self._continue()

    async def _run_mixed_and_finish(self, steps: list[Any], event: InputEvent) -> None:
        runtime = self.runtime
        try:
            started = time.monotonic()
            outcome = await self._run_mixed(steps, event)
            self._check_duration(steps, event, started)
            await runtime.run_sync(runtime.finish_event, event, outcome)
            if outcome.background is not None:
                self._start_background(outcome.background, event)
        except Exception:
            logger.exception("event handling failed in %r", runtime)
        self._continue()

    def _run_steps(self, steps: list[Any], event: InputEvent, outcome: EventOutcome) -> None:
        try:
            for step in steps:
                if step is _DELIVER:
                    if self.runtime.waiting.deliver(event):
                        outcome.delivered = True
                        return
                    continue
                if is_background(step):
                    outcome.background = step
                    return
                result = step(event)
                if inspect.isawaitable(result):  # a sync callable that returned a coroutine
                    result = self.runtime.server.core_loop.run_sync(awaited(result))
                if not self._continue_chain(result, outcome):
                    return
                event = result
        except Exception as error:
            outcome.error = error

    async def _run_mixed(self, steps: list[Any], event: InputEvent) -> EventOutcome:
        outcome = EventOutcome()
        runtime = self.runtime
        try:
            for step in steps:
                if step is _DELIVER:
                    if runtime.waiting.deliver(event):
                        outcome.delivered = True
                        return outcome
                    continue
                if is_background(step):
                    outcome.background = step
                    return outcome
                if is_async_callable(step):
                    result = await step(event)
                else:
                    result = await runtime.run_sync(step, event)
                if not self._continue_chain(result, outcome):
                    return outcome
                event = result
        except Exception as error:
            outcome.error = error
        return outcome

    def _check_duration(self, steps: list[Any], event: InputEvent, started: float) -> None:
        """Name a handler that held up its view longer than SLOW_HANDLER_WARNING."""
        limit = self.runtime.server.settings.get("SLOW_HANDLER_WARNING") or 0
        duration = time.monotonic() - started
        if not limit or duration <= limit:
            return
        names = [_name(step) for step in steps if step is not _DELIVER]
        logger.warning(
            "slow input event handler: %s took %.1fs for a %s event in %s; the view's later "
            "events waited meanwhile (@background runs a handler beside them)",
            ", ".join(names),
            duration,
            event.name,
            self.runtime.view_class.__name__,
        )

    # background handlers ####################################################

    def _start_background(self, handler: Step, event: InputEvent) -> None:
        """Run a ``@background`` handler beside the queue (any thread)."""
        runtime = self.runtime
        if runtime.crashed:
            return
        if is_async_callable(handler):
            self._on_loop(self._background_async(handler, event))
        else:
            runtime.server.executor.start(self._background_sync, handler, event)

    def _background_sync(self, handler: Step, event: InputEvent) -> None:
        runtime = self.runtime
        try:
            result = handler(event)
            if inspect.isawaitable(result):
                result = runtime.server.core_loop.run_sync(awaited(result))
            self._background_done(result)
        except Exception as error:
            runtime.crash(error, "a @background handler")

    async def _background_async(self, handler: Step, event: InputEvent) -> None:
        runtime = self.runtime
        try:
            self._background_done(await handler(event))
        except Exception as error:
            await runtime.run_sync(runtime.crash, error, "a @background handler")

    def _background_done(self, result: Any) -> None:
        """Show what a background handler changed; follow its redirect."""
        redirect = None
        if result and not isinstance(result, InputEvent):
            from lona.runtime.responses import redirect_from

            redirect = redirect_from(result)
        if redirect is not None:
            self.runtime.send_redirect(redirect)
        elif not self.runtime.crashed:
            self.runtime.flush()

    @staticmethod
    def _continue_chain(result: Any, outcome: EventOutcome) -> bool:
        if isinstance(result, InputEvent):
            return True
        if not result:
            return False
        from lona.runtime.responses import redirect_from

        redirect = redirect_from(result)
        if redirect is None:
            raise RuntimeError(
                f"an input event handler returned {result!r}; return the input event, None, "
                "or a RedirectResponse/HttpRedirectResponse"
            )
        outcome.redirect = redirect
        return False
