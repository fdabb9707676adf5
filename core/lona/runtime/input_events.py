"""Input events: one view handles its events one at a time, in arrival order.

The chain of handlers is ``lona.runtime.event_chain``'s.  A chain of sync
handlers runs in one trip to the thread pool, followed there by the flush and
the acknowledgement, so a plain click costs one thread hop; a chain with a
coroutine handler runs on the core loop.  A view with no pending events has
no task and holds no thread.  A ``@background`` handler ends the chain: the
event is acknowledged and the handler runs beside the queue
(``lona.background``).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from lona.concurrency.calling import (
    Call,
    LoopPlace,
    Place,
    ThreadPlace,
    Where,
    decide,
    run_chain,
    run_here,
)
from lona.concurrency.serial_queue import SerialQueue
from lona.input_event import InputEvent
from lona.runtime.event_chain import (
    EventChain,
    EventOutcome,
    build_event,
    chain_for,
    record_end,
    stopped_refusal,
)
from lona.runtime.parts import RuntimeCore
from lona.ws.messages import EventMessage, ProtocolError

if TYPE_CHECKING:
    from lona.runtime.attachments import Attachment
    from lona.runtime.waiting import Waiting

__all__ = ["EventDispatcher", "EventOutcome", "EventsOwner"]

logger = logging.getLogger("lona.events")

Job = Callable[[], Any]
Item = tuple["Attachment", EventMessage] | Job
Flow = Callable[[Place], Coroutine[Any, Any, None]]


def _passes_on(value: object) -> bool:
    """A handler that returns the input event hands it to the next one."""
    return isinstance(value, InputEvent)


class EventsOwner(RuntimeCore, Protocol):
    """What the event queue uses of its runtime (``ViewRuntime`` is one)."""

    @property
    def waiting(self) -> Waiting: ...

    def refuse_event(self, attachment: Attachment, error: ProtocolError) -> None: ...

    def finish_event(self, event: InputEvent, outcome: EventOutcome) -> None: ...


class EventDispatcher:
    """A view's queue: input events and jobs, one at a time, in arrival order.

    Input events and jobs (channel messages, view events) share one queue, so
    a view never runs two of its handlers at once.  The queue is driven from
    wherever its last item finished (``lona.concurrency.serial_queue``): a
    sync handler's pool thread starts the next item itself, so a busy view
    costs no hop back to the loop between two clicks.
    """

    __slots__ = ("_queue", "runtime")

    def __init__(self, runtime: EventsOwner) -> None:
        self.runtime = runtime
        self._queue: SerialQueue[Item] = SerialQueue()

    def enqueue(self, attachment: Attachment, message: EventMessage) -> None:
        """Called on the core loop."""
        self._put((attachment, message))

    def enqueue_job(self, job: Job) -> None:
        """Run ``job`` (a callable, maybe a coroutine function) in turn (any thread)."""
        self._put(job)

    def _put(self, item: Item) -> None:
        if self._queue.put(item):
            self._continue()

    def _continue(self) -> None:
        """Start the queued items until one runs elsewhere (any thread); what
        runs elsewhere calls ``_continue`` again when it is done."""
        self._queue.drain(self._start, self._failed)

    def _failed(self, item: object, error: Exception) -> None:
        logger.error("event handling failed in %r", self.runtime, exc_info=error)

    def _start(self, item: Item) -> bool:
        """Start one item; True when it is done already."""
        if isinstance(item, tuple):
            return self._handle(*item)
        job = decide(item)
        self._go(job.where, functools.partial(self._run_job, job))
        return False

    async def _run_job(self, job: Call, place: Place) -> None:
        await place.call(job)

    # running elsewhere ######################################################

    def _loop_place(self) -> LoopPlace:
        server = self.runtime.server
        return LoopPlace(server.core_loop, server.executor)

    def _go(self, where: Where, flow: Flow) -> None:
        """Run ``flow`` on the loop, or in one pool trip; then go on with the queue."""
        if where is Where.LOOP:
            self._on_loop(self._then_continue(flow(self._loop_place())))
        else:
            self.runtime.server.executor.run_queued(self._in_pool, flow)

    def _in_pool(self, flow: Flow) -> None:
        try:
            run_here(flow(ThreadPlace(self.runtime.server.core_loop)))
        except Exception as error:
            self._failed(flow, error)
        self._continue()

    async def _then_continue(self, coroutine: Coroutine[Any, Any, None]) -> None:
        try:
            await coroutine
        except Exception as error:
            self._failed(coroutine, error)
        self._continue()

    def _on_loop(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run ``coroutine`` as a task of the view's server (from any thread)."""
        server = self.runtime.server
        name = f"event handling of {self.runtime!r}"
        if server.core_loop.in_loop():
            server.spawn(coroutine, name)
        else:
            server.core_loop.call_soon(server.spawn, coroutine, name)

    # one event ##############################################################

    def _handle(self, attachment: Attachment, message: EventMessage) -> bool:
        """Start one event; True when it was handled here already.

        An event whose socket dropped meanwhile is handled all the same: the
        window may resume and gets the answer then.
        """
        runtime = self.runtime
        if attachment.detached:
            return True  # the window closed or shows another view
        if runtime.stop_reason is not None or runtime.crashed:
            runtime.refuse_event(attachment, stopped_refusal(message))
            return True
        try:
            event = build_event(attachment, message, runtime.document, runtime.request)
        except ProtocolError as error:
            runtime.refuse_event(attachment, error)
            return True
        outcome = EventOutcome()
        chain = chain_for(runtime.view, event, functools.partial(self._deliver, outcome))
        where = chain.where()
        if where is Where.INLINE:  # nothing but a possible await: no user code, no thread
            run_here(self._run_chain(ThreadPlace(runtime.server.core_loop), chain, event, outcome))
            runtime.finish_event(event, outcome)
            self._start_background(outcome, event)
            return True
        self._go(where, functools.partial(self._run_and_finish, chain, event, outcome))
        return False

    def _deliver(self, outcome: EventOutcome, event: InputEvent) -> InputEvent | None:
        """The chain's step for a pending ``await_*``: it takes the event."""
        if self.runtime.waiting.deliver(event):
            outcome.delivered = True
            return None
        return event

    async def _run_and_finish(
        self, chain: EventChain, event: InputEvent, outcome: EventOutcome, place: Place
    ) -> None:
        """The chain, its flush and acknowledgement (in one pool trip for sync handlers)."""
        started = time.monotonic()
        await self._run_chain(place, chain, event, outcome)
        self._check_duration(chain, event, started)
        await place.call_blocking(self.runtime.finish_event, event, outcome)
        self._start_background(outcome, event)

    async def _run_chain(
        self, place: Place, chain: EventChain, event: InputEvent, outcome: EventOutcome
    ) -> None:
        try:
            passed, result = await run_chain(place, chain.calls, event, _passes_on)
            if passed:
                outcome.background = chain.background
            else:
                record_end(result, outcome)
        except Exception as error:
            outcome.error = error

    def _check_duration(self, chain: EventChain, event: InputEvent, started: float) -> None:
        """Name a handler that held up its view longer than SLOW_HANDLER_WARNING."""
        limit = self.runtime.server.settings.get("SLOW_HANDLER_WARNING") or 0
        duration = time.monotonic() - started
        if not limit or duration <= limit:
            return
        logger.warning(
            "slow input event handler: %s took %.1fs for a %s event in %s; the view's later "
            "events waited meanwhile (@background runs a handler beside them)",
            ", ".join(chain.handler_names()),
            duration,
            event.name,
            self.runtime.view_class.__name__,
        )

    # background handlers ####################################################

    def _start_background(self, outcome: EventOutcome, event: InputEvent) -> None:
        """Run the chain's ``@background`` handler beside the queue (any thread)."""
        handler = outcome.background
        if handler is None or self.runtime.crashed:
            return
        flow = functools.partial(self._background, handler, event)
        if handler.where is Where.LOOP:
            self._on_loop(flow(self._loop_place()))
        else:
            place = ThreadPlace(self.runtime.server.core_loop)
            self.runtime.server.executor.start(lambda: run_here(flow(place)))

    async def _background(self, handler: Call, event: InputEvent, place: Place) -> None:
        runtime = self.runtime
        try:
            self._background_done(await place.call(handler, event))
        except Exception as error:
            await place.call_blocking(runtime.crash, error, "a @background handler")

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
