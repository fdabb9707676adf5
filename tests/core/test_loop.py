"""The core loop: callbacks from threads, and coroutines driven without a task."""

from __future__ import annotations

import asyncio
import threading

import pytest

from lona.concurrency.loop import finish_started, start_eagerly


def test_callbacks_from_many_threads_run_in_each_threads_order(core_loop):
    seen: list[tuple[int, int]] = []
    done = threading.Event()

    def produce(thread_number):
        for number in range(500):
            core_loop.call_soon(seen.append, (thread_number, number))

    threads = [threading.Thread(target=produce, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    core_loop.call_soon(done.set)
    assert done.wait(5)
    assert len(seen) == 2000
    for thread_number in range(4):
        assert [n for t, n in seen if t == thread_number] == list(range(500))


def test_a_failing_callback_does_not_stop_the_others(core_loop):
    done = threading.Event()
    core_loop.call_soon(lambda: 1 / 0)
    core_loop.call_soon(done.set)
    assert done.wait(5)


def test_call_later_from_a_thread(core_loop):
    done = threading.Event()
    core_loop.call_later(0.01, done.set)
    assert done.wait(5)


def _run(coroutine):
    """``asyncio.run`` on a thread of its own: the main thread may have a loop already."""
    result = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    thread.start()
    thread.join(10)
    return result[0]


async def _no_suspension(value):
    return value * 2


async def _suspending(steps, value):
    for _ in range(steps):
        await asyncio.sleep(0)
    await asyncio.sleep(0.001)
    return value


def test_a_coroutine_that_does_not_suspend_ends_at_once():
    assert start_eagerly(_no_suspension(21)) == (True, 42)


def test_a_suspended_coroutine_is_finished_in_a_task():
    async def main():
        coroutine = _suspending(3, "result")
        done, yielded = start_eagerly(coroutine)
        assert not done
        return await asyncio.create_task(finish_started(coroutine, yielded))

    assert _run(main()) == "result"


def test_errors_and_cancellation_reach_the_driven_coroutine():
    cleaned = []

    async def failing():
        await asyncio.sleep(0.001)
        raise ValueError("late")

    async def waiting_forever():
        try:
            await asyncio.Event().wait()
        finally:
            cleaned.append(True)

    async def main():
        coroutine = failing()
        _, yielded = start_eagerly(coroutine)
        with pytest.raises(ValueError):
            await finish_started(coroutine, yielded)
        coroutine = waiting_forever()
        _, yielded = start_eagerly(coroutine)
        task = asyncio.create_task(finish_started(coroutine, yielded))
        await asyncio.sleep(0.001)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return True

    _run(main())
    assert cleaned == [True]
