"""A view's sleeps end when it stops, however the two cross (lona.runtime.waiting)."""

from __future__ import annotations

import threading
import time

import pytest

from lona.runtime.waiting import Waiting
from lona_conformance.helpers import eventually


class Stopped(Exception):
    pass


def test_a_sleep_after_the_stop_raises_at_once(core_loop):
    waiting = Waiting(core_loop)
    assert waiting.stop(Stopped())
    started = time.monotonic()
    with pytest.raises(Stopped):
        waiting.sleep(60)
    assert time.monotonic() - started < 30  # not the minute asked for


def test_a_stop_from_another_thread_ends_a_sleep_under_way(core_loop):
    waiting = Waiting(core_loop)
    outcome: list[object] = []

    def sleeper() -> None:
        try:
            outcome.append(waiting.sleep(60, "slept"))
        except Stopped as error:
            outcome.append(error)

    thread = threading.Thread(target=sleeper)
    thread.start()
    eventually(lambda: waiting._stopped is not None)  # the sleep has begun
    reason = Stopped()
    assert waiting.stop(reason)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert outcome == [reason]


def test_a_sleep_with_no_stop_returns_its_result(core_loop):
    waiting = Waiting(core_loop)
    assert waiting.sleep(0, "result") == "result"
    assert waiting.stop(Stopped())
    assert not waiting.stop(Stopped())  # a second stop changes nothing
