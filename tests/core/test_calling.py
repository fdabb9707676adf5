"""Sync or async, decided once per callable (lona.concurrency.calling)."""

from __future__ import annotations

import threading

import pytest

from lona.concurrency.calling import (
    LoopPlace,
    ThreadPlace,
    Where,
    decide,
    inline,
    run_chain,
    run_here,
    where_to_run,
)
from lona.concurrency.threads import ElasticThreadPool


@pytest.fixture
def pool():
    pool = ElasticThreadPool("test-calling")
    yield pool
    pool.shutdown()


def _sync_step(seen):
    def step(value):
        seen.append(threading.get_ident())
        return value + 1

    return step


def _async_step(seen):
    async def step(value):
        seen.append(threading.get_ident())
        return value * 10

    return step


class _AsyncCallable:
    async def __call__(self, value):
        return value


def test_the_place_is_decided_from_the_callable():
    assert decide(lambda value: value).where is Where.POOL
    assert decide(_async_step([])).where is Where.LOOP
    assert decide(_AsyncCallable()).where is Where.LOOP
    assert inline(print).where is Where.INLINE
    calls = [inline(print), decide(print)]
    assert where_to_run(calls) is Where.POOL
    assert where_to_run([*calls, decide(_async_step([]))]) is Where.LOOP
    assert where_to_run([]) is Where.INLINE


def test_from_the_loop_a_chain_of_sync_calls_makes_one_pool_trip(core_loop, pool):
    seen: list[int] = []
    calls = [decide(_sync_step(seen)) for _ in range(3)]
    place = LoopPlace(core_loop, pool)
    result = core_loop.run_sync(run_chain(place, calls, 0, lambda value: value < 10))
    assert result == (True, 3)
    assert len(set(seen)) == 1  # one thread for the whole chain
    assert seen[0] != core_loop.thread_id


def test_from_the_loop_coroutines_run_on_it_and_sync_calls_in_the_pool(core_loop, pool):
    seen: list[int] = []
    calls = [decide(_sync_step(seen)), decide(_async_step(seen)), decide(_sync_step(seen))]
    place = LoopPlace(core_loop, pool)
    result = core_loop.run_sync(run_chain(place, calls, 1, lambda value: True))
    assert result == (True, 21)
    assert seen[1] == core_loop.thread_id
    assert core_loop.thread_id not in (seen[0], seen[2])


def test_on_a_thread_everything_runs_there_and_coroutines_block_on_the_loop(core_loop):
    seen: list[int] = []
    calls = [decide(_sync_step(seen)), decide(_async_step(seen))]
    finished = run_here(run_chain(ThreadPlace(core_loop), calls, 1, lambda value: True))
    assert finished == (True, 20)
    assert seen == [threading.get_ident(), core_loop.thread_id]


def test_a_sync_callable_returning_a_coroutine_has_it_awaited(core_loop):
    async def later():
        return "awaited"

    assert ThreadPlace(core_loop).run(decide(lambda: later())) == "awaited"


def test_a_result_that_does_not_go_on_ends_the_chain_with_it(core_loop):
    seen: list[int] = []
    calls = [decide(_sync_step(seen)), decide(lambda value: None), decide(_sync_step(seen))]
    finished = run_here(
        run_chain(ThreadPlace(core_loop), calls, 0, lambda value: value is not None)
    )
    assert finished == (False, None)
    assert len(seen) == 1


def test_a_flow_that_suspends_cannot_be_run_on_a_thread(core_loop):
    import asyncio

    async def suspends():
        await asyncio.sleep(0)

    with pytest.raises(RuntimeError, match="suspended"):
        run_here(suspends())
