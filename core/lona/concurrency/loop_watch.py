"""A warning when something blocks the core loop.

Async views, their handlers and the core share one event loop: a blocking
call in an async view (``time.sleep``, a synchronous database or HTTP call)
freezes every user of the server until it returns.  Nothing can interrupt
it, but it must not go unnoticed.  The loop beats every half threshold; a
watcher thread that misses the beats for ``LOOP_BLOCK_WARNING`` seconds logs
a warning naming the task (the view and what of it runs) and the line the
loop is stuck in, and the loop logs how long it was blocked once it runs
again.  Costs: one timer on the loop and one sleeping thread per server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import sysconfig
import threading
import time
from types import FrameType

__all__ = ["LoopWatch"]

logger = logging.getLogger("lona.loop")

_LIBRARY_DIRECTORIES = tuple(
    {sysconfig.get_paths()[name] for name in ("stdlib", "platstdlib", "purelib", "platlib")}
)
_CORE_DIRECTORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADVICE = (
    "every user waits meanwhile; an async view must not call blocking functions "
    "(use a sync view, or run them in a thread: await asyncio.to_thread(...))"
)


class LoopWatch:
    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._interval = threshold / 2
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._expected_beat = 0.0  # when the loop's next beat is due (monotonic)
        self._reported = False  # the watcher warned about the current block
        self._timer: asyncio.TimerHandle | None = None
        self._stopped = threading.Event()

    def start(self) -> None:
        """Start watching the running loop (called on it); a threshold of 0 watches nothing."""
        if self.threshold <= 0:
            return
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._schedule_beat()
        threading.Thread(target=self._watch, name="lona-loop-watch", daemon=True).start()

    def stop(self) -> None:
        self._stopped.set()
        if self._timer is not None:
            self._timer.cancel()

    # the loop's side ########################################################

    def _schedule_beat(self) -> None:
        assert self._loop is not None
        self._expected_beat = time.monotonic() + self._interval
        self._timer = self._loop.call_later(self._interval, self._beat)

    def _beat(self) -> None:
        late = time.monotonic() - self._expected_beat
        if self._reported:
            self._reported = False
            logger.warning("the event loop was blocked for %.1f s", late)
        if not self._stopped.is_set():
            self._schedule_beat()

    # the watcher's side #####################################################

    def _watch(self) -> None:
        while not self._stopped.wait(self._interval):
            late = time.monotonic() - self._expected_beat
            if late > self.threshold and not self._reported:
                self._reported = True
                logger.warning(
                    "the event loop is blocked (%.1f s so far) %s: %s",
                    late,
                    self._culprit(),
                    ADVICE,
                )

    def _culprit(self) -> str:
        """What the loop thread runs: its task (a view's, by name) and the line it is at."""
        frame = sys._current_frames().get(self._loop_thread)
        task = asyncio.current_task(self._loop) if self._loop is not None else None
        parts = []
        if frame is not None:
            user = _first_user_frame(frame)
            parts.append(f"in {_describe(user or frame)}")
            if user is not None and user is not frame:
                parts.append(f"at {_describe(frame)}")
        if task is not None:
            parts.append(f"running {task.get_name()}")
        return ", ".join(parts) or "by an unknown callback"


def _describe(frame: FrameType) -> str:
    code = frame.f_code
    return f"{code.co_qualname} ({code.co_filename}:{frame.f_lineno})"


def _first_user_frame(frame: FrameType | None) -> FrameType | None:
    """The innermost frame of application code (not the standard library,
    an installed package or the core)."""
    while frame is not None:
        path = frame.f_code.co_filename
        if not path.startswith(_LIBRARY_DIRECTORIES) and not path.startswith(_CORE_DIRECTORY):
            return frame
        frame = frame.f_back
    return None
