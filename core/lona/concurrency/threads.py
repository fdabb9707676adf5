"""The threads that run sync view code.

Two kinds of work share one set of threads:

* ``start(fn)`` is for code that may block as long as it likes: a sync
  ``handle_request`` parked in ``await_click``, a background handler.  It runs
  at once, on an idle thread or a new one, and is never capped (Lona's fixed
  pool of 6 makes the seventh long-running view wait, and every page load).
* ``run_queued(fn)`` is for short view code: input event handlers, channel
  messages, plain HTTP views.  At most ``concurrency`` of them run at once, in
  the order they were queued; a hundred clicks at once run on two threads
  instead of a hundred, which spares the GIL hand-offs between them and keeps
  the order fair.  A handler that blocks (a database call, an export) must not
  freeze the queue behind it: when no queued job has started for
  ``stall_timeout`` seconds, every waiting job gets a thread of its own.

A thread that has been idle for ``idle_timeout`` seconds retires, so threads
exist only while view code runs or a sync view blocks.

``stack_size`` gives our threads (and only ours) a smaller stack than the
process default: ``threading.stack_size`` is process-wide, so it is set just
around ``Thread.start`` under a lock and restored at once.  A thread that some
other library starts from another thread in that instant would get the small
stack too; ``docs/architecture.md`` says so.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

__all__ = ["ElasticThreadPool"]

logger = logging.getLogger("lona.threads")

Job = tuple[Callable[..., Any], tuple[Any, ...], bool]  # function, args, queued
Scheduler = Callable[[float, Callable[[], None]], None]

# threading.stack_size is process-wide: two pools must not interleave set and restore
_STACK_SIZE_LOCK = threading.Lock()


class _Worker:
    """One thread; it sleeps on ``wake`` (held while idle) until handed a job."""

    __slots__ = ("job", "wake")

    def __init__(self, job: Job | None) -> None:
        self.job = job
        self.wake = threading.Lock()
        self.wake.acquire()


class ElasticThreadPool:
    def __init__(
        self,
        name: str = "lona-worker",
        idle_timeout: float = 30.0,
        max_threads: int | None = None,
        initializer: Callable[[], None] | None = None,
        concurrency: int = 2,
        stall_timeout: float = 0.05,
        scheduler: Scheduler | None = None,
        stack_size: int | None = None,
    ) -> None:
        """``scheduler(delay, check)`` calls ``check`` after ``delay`` seconds on
        some other thread (the core loop); without one, queued work never
        stalls-checks and ``run_queued`` behaves like ``start``."""
        self.name = name
        self.initializer = initializer
        self.idle_timeout = idle_timeout
        self.max_threads = max_threads
        self.concurrency = max(1, concurrency)
        self.stall_timeout = stall_timeout
        self.scheduler = scheduler
        self.stack_size = stack_size
        self._lock = threading.Lock()
        # idle threads, used as a stack (the most recently used goes first); a dict
        # so that a thread retiring from thousands finds itself in O(1)
        self._idle: dict[_Worker, None] = {}
        self._queue: deque[Job] = deque()  # queued jobs waiting for a thread
        self._waiting: deque[Job] = deque()  # ``start`` jobs over max_threads
        self._threads = 0
        self._queued_running = 0
        self._last_start = 0.0  # when a queued job last started: progress of the queue
        self._check_armed = False
        self._escalation = 1  # threads the next stalled check adds
        self._counter = 0
        self._shutdown = False

    @property
    def thread_count(self) -> int:
        with self._lock:
            return self._threads

    # submitting #############################################################

    def start(self, function: Callable[..., Any], *args: Any) -> None:
        """Run at once on an idle or a new thread (``max_threads`` permitting)."""
        self._check_open()
        job: Job = (function, args, False)
        with self._lock:
            if self._idle:
                self._hand(self._idle.popitem()[0], job)
                return
            if self.max_threads is not None and self._threads >= self.max_threads:
                self._waiting.append(job)  # the next thread that finishes takes it
                return
            self._threads += 1
        self._spawn(job)

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        """``start`` with a future of the result."""
        future: Future[Any] = Future()
        self.start(_run_into, future, function, args)
        return future

    def run_queued(self, function: Callable[..., Any], *args: Any) -> None:
        """Run short view code in turn; see the module docstring."""
        if self.scheduler is None:
            self.start(function, *args)
            return
        self._check_open()
        job: Job = (function, args, True)
        with self._lock:
            if self._queued_running >= self.concurrency:
                self._queue.append(job)
                arm = not self._check_armed
                self._check_armed = True
            else:
                self._begin_queued()
                if self._idle:
                    self._hand(self._idle.popitem()[0], job)
                    return
                self._threads += 1
                arm = None
        if arm is None:
            self._spawn(job)
        elif arm:
            self.scheduler(self.stall_timeout, self._check_stall)

    def _check_open(self) -> None:
        if self._shutdown:
            raise RuntimeError(f"{self.name} is shut down")

    # the queue's progress (lock held unless said) ###########################

    def _begin_queued(self) -> None:
        self._queued_running += 1
        self._last_start = time.monotonic()

    def _check_stall(self) -> None:
        """Give a queue that stands still more threads (on the scheduler's thread).

        A queue stands still when no queued job started for ``stall_timeout``:
        the running ones block (or a garbage collection paused everything).
        The first check that finds it so adds one thread, every further one
        twice as many as the last, so a pause costs one spare thread and a
        burst of blocking handlers still gets its threads within a few checks.
        """
        spawn: list[Job] = []
        with self._lock:
            self._check_armed = False
            if not self._queue:
                self._escalation = 1
                return
            waited = time.monotonic() - self._last_start
            if waited >= self.stall_timeout:
                for _ in range(min(self._escalation, len(self._queue))):
                    job = self._queue.popleft()
                    self._begin_queued()
                    if self._idle:
                        self._hand(self._idle.popitem()[0], job)
                    else:
                        self._threads += 1
                        spawn.append(job)
                self._escalation *= 2
                delay = self.stall_timeout
            else:
                self._escalation = 1
                delay = self.stall_timeout - waited
            self._check_armed = bool(self._queue)
        for job in spawn:
            self._spawn(job)
        if self._check_armed and self.scheduler is not None:
            self.scheduler(delay, self._check_stall)

    @staticmethod
    def _hand(worker: _Worker, job: Job) -> None:
        worker.job = job
        worker.wake.release()

    # threads ################################################################

    def _spawn(self, job: Job) -> None:
        with self._lock:
            self._counter += 1
            number = self._counter
        worker = _Worker(job)
        thread = threading.Thread(
            target=self._work, args=(worker,), name=f"{self.name}-{number}", daemon=True
        )
        try:
            if self.stack_size is None:
                thread.start()
            else:
                with _STACK_SIZE_LOCK:
                    previous = threading.stack_size(self.stack_size)
                    try:
                        thread.start()
                    finally:
                        threading.stack_size(previous)
        except BaseException:
            with self._lock:
                self._threads -= 1
            raise

    def _work(self, worker: _Worker) -> None:
        if self.initializer is not None:
            self.initializer()
        job = worker.job
        while job is not None:
            function, args, queued = job
            worker.job = job = None  # nothing of the job outlives it in this frame
            try:
                function(*args)
            except BaseException:
                logger.exception("%s: unhandled error in %r", self.name, function)
            del function, args
            job = self._next_job(worker, queued)

    def _next_job(self, worker: _Worker, finished_queued: bool) -> Job | None:
        """The thread's next job; None when it retires."""
        with self._lock:
            if finished_queued:
                self._queued_running -= 1
            if self._waiting:
                return self._waiting.popleft()
            if self._queue and self._queued_running < self.concurrency:
                self._begin_queued()
                return self._queue.popleft()
            if self._shutdown:
                self._threads -= 1
                return None
            self._idle[worker] = None
        if worker.wake.acquire(timeout=self.idle_timeout):
            return worker.job
        with self._lock:
            if worker in self._idle:  # nobody claimed it: retire
                del self._idle[worker]
                self._threads -= 1
                return None
        worker.wake.acquire()  # claimed in the very moment it timed out: the job is set
        return worker.job

    def shutdown(self) -> None:
        """Stop idle threads; busy ones finish their work first (they are daemons,
        so nothing waits for them)."""
        with self._lock:
            self._shutdown = True
            idle, self._idle = list(self._idle), {}
        for worker in idle:
            self._hand(worker, (_noop, (), False))  # wakes it; it then sees the shutdown


def _noop() -> None:
    return None


def _run_into(future: Future[Any], function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        result = function(*args)
    except BaseException as error:
        future.set_exception(error)
    else:
        future.set_result(result)
