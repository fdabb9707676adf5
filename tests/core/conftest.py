"""Fixtures the unit tests of the core's machinery share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lona.concurrency.loop import CoreLoop


@pytest.fixture
def core_loop() -> Iterator[CoreLoop]:
    """A core loop running in a thread of its own, stopped after the test."""
    loop = CoreLoop()
    loop.start_thread()
    yield loop
    loop.stop_thread()
