"""The serial queue behind the outbox, the view event queue and channel handlers."""

from __future__ import annotations

import threading

from lona.concurrency.serial_queue import SerialQueue


def test_only_the_put_into_an_idle_queue_asks_for_a_drain():
    queue: SerialQueue[int] = SerialQueue()
    assert queue.put(1) is True
    assert queue.put(2) is False
    assert [queue.pop(), queue.pop(), queue.pop()] == [1, 2, None]
    assert not queue.draining
    assert queue.put(3) is True


def test_drain_runs_items_in_order_and_stops_where_one_goes_on_elsewhere():
    queue: SerialQueue[str] = SerialQueue()
    started: list[str] = []
    for item in ("a", "later", "b"):
        queue.put(item)

    def start(item: str) -> bool:
        started.append(item)
        return item != "later"

    queue.drain(start, on_error=lambda item, error: None)
    assert started == ["a", "later"]
    assert queue.draining  # the item running elsewhere resumes the drain
    queue.drain(start, on_error=lambda item, error: None)
    assert started == ["a", "later", "b"]
    assert not queue.draining


def test_a_failing_item_is_reported_and_the_drain_goes_on():
    queue: SerialQueue[int] = SerialQueue()
    failures: list[tuple[int, str]] = []
    done: list[int] = []
    for item in (1, 2, 3):
        queue.put(item)

    def start(item: int) -> bool:
        if item == 2:
            raise ValueError("bad item")
        done.append(item)
        return True

    queue.drain(start, on_error=lambda item, error: failures.append((item, str(error))))
    assert done == [1, 3]
    assert failures == [(2, "bad item")]


def test_stay_draining_keeps_the_claim_for_the_owners_own_final_work():
    queue: SerialQueue[int] = SerialQueue()
    assert queue.wake_locked() is True
    with queue.lock:
        assert queue.pop_locked(stay_draining=True) is None
    assert queue.draining
    assert queue.put(1) is False  # the claim holder will see it


def test_items_put_from_many_threads_are_each_handled_exactly_once():
    queue: SerialQueue[int] = SerialQueue()
    handled: list[int] = []
    running = threading.Lock()  # two drains at once would fail to take it

    def start(item: int) -> bool:
        assert running.acquire(blocking=False), "two drains ran at once"
        handled.append(item)
        running.release()
        return True

    def producer(base: int) -> None:
        for number in range(base, base + 500):
            if queue.put(number):
                queue.drain(start, on_error=lambda item, error: handled.append(-1))

    threads = [threading.Thread(target=producer, args=(base,)) for base in (0, 1000, 2000, 3000)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(handled) == [n for base in (0, 1000, 2000, 3000) for n in range(base, base + 500)]
    assert not queue.draining


def test_an_owner_may_share_its_lock_with_the_queue():
    owner_lock = threading.Lock()
    queue: SerialQueue[int] = SerialQueue(owner_lock)
    assert queue.lock is owner_lock
    with owner_lock:  # the owner's bookkeeping and the queue move together
        assert queue.put_locked(1) is True
    assert queue.pop() == 1
