"""An elastic thread pool for sync view code.

Sync ``handle_request`` methods may block for hours in ``await_click`` or
``sleep``.  A fixed pool (Lona's default is 6 threads) makes the seventh view
wait, and with it every page load.  This pool starts a thread whenever no idle
thread is free, and an idle thread retires after ``idle_timeout`` seconds, so
threads exist only while view code runs or a sync view blocks.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

__all__ = ["ElasticThreadPool"]

logger = logging.getLogger("lona.threads")


class _Work:
    __slots__ = ("args", "function", "future")

    def __init__(self, future: Future[Any], function: Callable[..., Any], args: tuple[Any, ...]):
        self.future = future
        self.function = function
        self.args = args

    def run(self) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.function(*self.args)
        except BaseException as error:
            self.future.set_exception(error)
        else:
            self.future.set_result(result)


class ElasticThreadPool:
    """``submit(fn, *args) -> Future``; grows on demand, shrinks when idle."""

    def __init__(
        self,
        name: str = "lona-worker",
        idle_timeout: float = 30.0,
        max_threads: int | None = None,
        initializer: Callable[[], None] | None = None,
    ) -> None:
        self.name = name
        self.initializer = initializer
        self.idle_timeout = idle_timeout
        self.max_threads = max_threads
        self._queue: queue.SimpleQueue[_Work | None] = queue.SimpleQueue()
        # one token per idle thread that no submitted work has claimed yet
        self._idle = threading.Semaphore(0)
        self._lock = threading.Lock()
        self._threads: set[threading.Thread] = set()
        self._counter = 0
        self._shutdown = False

    @property
    def thread_count(self) -> int:
        with self._lock:
            return len(self._threads)

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        if self._shutdown:
            raise RuntimeError(f"{self.name} is shut down")
        future: Future[Any] = Future()
        self._queue.put(_Work(future, function, args))
        if not self._idle.acquire(blocking=False):
            self._spawn()
        return future

    def _spawn(self) -> None:
        with self._lock:
            if self.max_threads is not None and len(self._threads) >= self.max_threads:
                return  # the work waits for a busy thread to finish
            self._counter += 1
            thread = threading.Thread(
                target=self._work, name=f"{self.name}-{self._counter}", daemon=True
            )
            self._threads.add(thread)
        thread.start()

    def _work(self) -> None:
        if self.initializer is not None:
            self.initializer()
        try:
            while True:
                try:
                    work = self._queue.get(timeout=self.idle_timeout)
                except queue.Empty:
                    if self._idle.acquire(blocking=False):
                        return  # idle and unclaimed: retire
                    continue  # claimed by a submit: its work is on the way
                if work is None:
                    return
                work.run()
                del work
                self._idle.release()
        finally:
            with self._lock:
                self._threads.discard(threading.current_thread())

    def shutdown(self, timeout: float | None = None) -> None:
        """Stop idle threads; busy ones finish their work first (they are daemons)."""
        self._shutdown = True
        with self._lock:
            threads = list(self._threads)
        for _ in threads:
            self._queue.put(None)
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(timeout)
