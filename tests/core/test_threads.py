"""The thread pool for view code: queued short jobs, stalls, uncapped blocking work."""

from __future__ import annotations

import ctypes
import functools
import sys
import threading
import time

import pytest

from lona.concurrency.threads import ElasticThreadPool
from lona_conformance.helpers import eventually

_wait = functools.partial(eventually, interval=0.002)  # polls at the pace these tests need


def _timer_scheduler(delay, check):
    timer = threading.Timer(delay, check)
    timer.daemon = True
    timer.start()


@pytest.fixture
def pool():
    pools = []

    def make(**kwargs):
        kwargs.setdefault("scheduler", _timer_scheduler)
        created = ElasticThreadPool(idle_timeout=kwargs.pop("idle_timeout", 5.0), **kwargs)
        pools.append(created)
        return created

    yield make
    for created in pools:
        created.shutdown()


def test_queued_jobs_run_in_order_and_at_most_concurrency_at_once(pool):
    workers = pool(concurrency=2)
    lock = threading.Lock()
    running, most, order = [0], [0], []

    def job(number):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
            order.append(number)
        time.sleep(0.001)
        with lock:
            running[0] -= 1

    for number in range(200):
        workers.run_queued(job, number)
    _wait(lambda: len(order) == 200)
    assert most[0] <= 2
    # two threads take jobs from one queue: each starts after every job queued
    # two or more places before it has started
    assert all(order.index(n) < order.index(n + 2) for n in range(198))


def test_a_queue_behind_blocked_jobs_gets_threads_of_its_own(pool):
    workers = pool(concurrency=2, stall_timeout=0.02)
    gate = threading.Event()
    done = threading.Event()
    for _ in range(5):  # more blocked jobs than the pool runs at once
        workers.run_queued(gate.wait, 30)
    workers.run_queued(done.set)
    assert done.wait(10), "the short job waited for the blocked ones"
    gate.set()


def test_a_queue_that_moves_gets_no_extra_threads(pool):
    workers = pool(concurrency=2, stall_timeout=0.5)
    finished = []
    for number in range(500):
        workers.run_queued(finished.append, number)
    _wait(lambda: len(finished) == 500)
    assert workers.thread_count <= 2


def test_started_work_is_never_capped(pool):
    workers = pool(concurrency=1)
    gate = threading.Event()
    started = []
    for number in range(40):
        workers.start(lambda number=number: (started.append(number), gate.wait(30)))
    _wait(lambda: len(started) == 40)
    assert workers.thread_count >= 40
    gate.set()


def test_idle_threads_retire_and_come_back_on_demand(pool):
    workers = pool(idle_timeout=0.05)
    gate = threading.Event()
    for _ in range(10):
        workers.start(gate.wait, 30)
    _wait(lambda: workers.thread_count == 10)
    gate.set()
    _wait(lambda: workers.thread_count == 0)
    done = threading.Event()
    workers.run_queued(done.set)
    assert done.wait(5)


def test_a_future_carries_the_result_or_the_error(pool):
    workers = pool()
    assert workers.submit(lambda a, b: a + b, 2, 3).result(5) == 5
    with pytest.raises(ZeroDivisionError):
        workers.submit(lambda: 1 / 0).result(5)


def test_a_failing_job_does_not_take_its_thread_down(pool):
    workers = pool(concurrency=1)
    done = threading.Event()
    workers.run_queued(lambda: 1 / 0)
    workers.run_queued(done.set)
    assert done.wait(5)


def _own_stack_size() -> int:
    """The stack size of the calling thread, from glibc."""
    libc = ctypes.CDLL(None)
    libc.pthread_self.restype = ctypes.c_ulong
    attributes = ctypes.create_string_buffer(256)  # larger than any pthread_attr_t
    assert libc.pthread_getattr_np(ctypes.c_ulong(libc.pthread_self()), attributes) == 0
    address, size = ctypes.c_void_p(), ctypes.c_size_t()
    libc.pthread_attr_getstack(attributes, ctypes.byref(address), ctypes.byref(size))
    libc.pthread_attr_destroy(attributes)
    return size.value


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads glibc thread attributes")
def test_the_stack_size_applies_to_the_pools_threads_only(pool):
    before = threading.stack_size()
    workers = pool(stack_size=256 * 1024)
    assert workers.submit(_own_stack_size).result(5) == 256 * 1024
    assert threading.stack_size() == before
    other = []
    thread = threading.Thread(target=lambda: other.append(_own_stack_size()))
    thread.start()
    thread.join()
    assert other[0] != 256 * 1024
