"""The one serial queue: items handled one at a time, in arrival order.

Three parts of the runtime need the same thing: a websocket's outbox (texts
written to the socket in order), a view's event queue (handlers never run two
at once) and a plain channel's handler queue.  None of them keeps a task or a
thread while it has nothing to do: whoever puts an item into an idle queue
starts draining it, and the drain goes on wherever the previous item finished
(a pool thread, the loop), so a busy queue costs no hop between two items.

The queue only keeps the order and the "someone is draining" flag; what
handling an item means belongs to its owner.  Owners that keep bookkeeping of
their own in step with the queue (the outbox counts pending bytes and moves
its socket's lifecycle) hold ``lock`` and call the ``*_locked`` methods; such
an owner may hand the queue its own lock, so one lock guards both.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class SerialQueue(Generic[T]):
    """A FIFO with a drain flag; items are never None (None means "empty").

    Every view and every socket has one or two, mostly idle, so an idle
    queue holds no deque (an empty one takes 760 bytes).
    """

    __slots__ = ("_draining", "_items", "lock")

    def __init__(self, lock: threading.Lock | None = None) -> None:
        self.lock = lock if lock is not None else threading.Lock()
        self._items: deque[T] | None = None  # made by the first put, dropped when drained
        self._draining = False

    def __len__(self) -> int:
        return len(self._items) if self._items is not None else 0

    def __iter__(self) -> Iterator[T]:
        return iter(self._items) if self._items is not None else iter(())

    @property
    def draining(self) -> bool:
        return self._draining

    def put(self, item: T) -> bool:
        """Queue ``item``; True when the queue was idle and the caller must drain it now."""
        with self.lock:
            return self.put_locked(item)

    def put_locked(self, item: T) -> bool:
        if self._items is None:
            self._items = deque((item,))
        else:
            self._items.append(item)
        return self.wake_locked()

    def wake_locked(self) -> bool:
        """Claim the drain without an item (True when it was idle): for an owner
        with work of its own to do at the end of the queue, such as closing."""
        if self._draining:
            return False
        self._draining = True
        return True

    def pop(self) -> T | None:
        """The next item, or None: the queue is empty and idle again."""
        with self.lock:
            return self.pop_locked()

    def pop_locked(self, stay_draining: bool = False) -> T | None:
        """Like ``pop``; with ``stay_draining`` an empty queue keeps its drain
        claimed (the owner finishes with work of its own, e.g. a close)."""
        if self._items:
            return self._items.popleft()
        self._items = None
        self._draining = stay_draining
        return None

    def clear_locked(self) -> None:
        """Drop every queued item; the drain flag is left to whoever holds it."""
        self._items = None

    def drain(self, start: Callable[[T], bool], on_error: Callable[[T, Exception], None]) -> None:
        """Start items in turn until the queue is empty or one goes on elsewhere.

        ``start(item)`` returns True when the item is done, False when it
        continues on another thread or task, which calls ``drain`` again when
        it is done.  An exception from ``start`` goes to ``on_error`` and the
        drain goes on: one bad item never stalls the queue.
        """
        while (item := self.pop()) is not None:
            try:
                if not start(item):
                    return
            except Exception as error:
                on_error(item, error)
