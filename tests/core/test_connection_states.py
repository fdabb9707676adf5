"""A connection's lifecycle table, and the outbox that moves it."""

from __future__ import annotations

import asyncio
import threading

import pytest

from lona.concurrency.loop import CoreLoop
from lona.protocol import CloseCode
from lona.settings import Settings
from lona.ws.lifecycle import (
    TRANSITIONS,
    ConnectionEvent,
    ConnectionState,
    Lifecycle,
    LifecycleError,
)
from lona.ws.outbox import Outbox
from lona_conformance.helpers import eventually

S, E = ConnectionState, ConnectionEvent


def _run(*events: ConnectionEvent) -> Lifecycle:
    lifecycle = Lifecycle()
    with lifecycle.lock:
        for event in events:
            lifecycle.move(event)
    return lifecycle


def test_every_state_has_a_row_and_closed_is_the_end():
    assert set(TRANSITIONS) == set(ConnectionState)
    reachable = {S.OPEN} | {target for row in TRANSITIONS.values() for target in row.values()}
    assert reachable == set(ConnectionState)
    assert set(TRANSITIONS[S.CLOSED].values()) == {S.CLOSED}


@pytest.mark.parametrize(
    ("events", "state"),
    [
        ((), S.OPEN),
        ((E.HELLO,), S.HANDSHAKEN),
        ((E.HELLO, E.HELLO), S.HANDSHAKEN),
        ((E.HELLO, E.CLOSE), S.CLOSING),
        ((E.CLOSE, E.ABORT), S.ABORTED),
        ((E.SEND_FAILED,), S.CLOSING),
        ((E.ABORT, E.SEND_FAILED), S.ABORTED),
        ((E.HELLO, E.CLOSE, E.GONE), S.CLOSED),
        ((E.GONE, E.SEND_FAILED), S.CLOSED),
    ],
)
def test_a_path_through_the_table_ends_where_it_says(events, state):
    lifecycle = _run(*events)
    assert lifecycle.state is state
    assert lifecycle.accepting is (state in (S.OPEN, S.HANDSHAKEN))


@pytest.mark.parametrize(
    ("events", "illegal"),
    [
        ((E.CLOSE,), E.HELLO),  # no handshake while closing
        ((E.CLOSE,), E.CLOSE),
        ((E.ABORT,), E.ABORT),
        ((E.ABORT,), E.CLOSE),
        ((E.GONE,), E.GONE),
        ((E.GONE,), E.ABORT),
        ((E.GONE,), E.HELLO),
    ],
)
def test_a_step_the_table_does_not_have_raises_and_changes_nothing(events, illegal):
    lifecycle = _run(*events)
    before = lifecycle.state
    with pytest.raises(LifecycleError, match=illegal.value):
        lifecycle.move(illegal)
    assert lifecycle.state is before
    assert not lifecycle.accepting


def test_only_open_and_handshaken_accept_messages():
    accepting = {state for state in ConnectionState if _in(state).accepting}
    assert accepting == {S.OPEN, S.HANDSHAKEN}


def _in(state: ConnectionState) -> Lifecycle:
    return Lifecycle(state)


# the outbox #################################################################


class _Transport:
    """Sends finish at once unless ``stall``; then they wait until ``go`` is set."""

    def __init__(self, stall: bool = False, fail: bool = False) -> None:
        self.stall, self.fail = stall, fail
        self.sent: list[str] = []
        self.closes: list[tuple[int, str]] = []
        self.go: asyncio.Event | None = None

    async def send(self, text: str) -> None:
        if self.fail:
            raise ConnectionResetError("gone")
        self.sent.append(text)
        if self.stall:
            self.go = self.go or asyncio.Event()
            await self.go.wait()

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closes.append((code, reason))


def _outbox(core_loop: CoreLoop, transport: _Transport, **limits: int):
    settings = Settings()
    settings.update({"MAX_PENDING_MESSAGES": 0, "MAX_PENDING_BYTES": 0, **limits})
    lifecycle = Lifecycle()
    closed = threading.Event()
    outbox = Outbox(transport, core_loop, settings, lifecycle, closed.set, "test")
    return outbox, lifecycle, closed


def test_close_writes_what_is_queued_first(core_loop):
    transport = _Transport()
    outbox, lifecycle, closed = _outbox(core_loop, transport)
    for text in ("a", "b", "c"):
        outbox.send(text)
    outbox.close(CloseCode.NORMAL, "bye")
    outbox.send("after the close")
    eventually(closed.is_set, what="the close")
    assert transport.sent == ["a", "b", "c"]
    assert transport.closes == [(CloseCode.NORMAL, "bye")]
    assert lifecycle.state is S.CLOSING  # until the adapter reports the socket gone
    assert outbox.gone() and lifecycle.state is S.CLOSED
    assert not outbox.gone()  # reported once


def test_abort_drops_the_queue_and_gives_up_a_waiting_send(core_loop):
    transport = _Transport(stall=True)
    outbox, lifecycle, closed = _outbox(core_loop, transport)
    for text in ("waits", "queued", "queued too"):
        outbox.send(text)
    eventually(lambda: transport.sent == ["waits"], what="the first send under way")
    outbox.abort(CloseCode.POLICY, "too slow")
    eventually(closed.is_set, what="the close")
    assert transport.sent == ["waits"]
    assert transport.closes == [(CloseCode.POLICY, "too slow")]
    assert lifecycle.state is S.ABORTED and len(outbox) == 0 and outbox.pending_bytes == 0


def test_more_pending_than_the_limit_aborts(core_loop):
    transport = _Transport(stall=True)
    outbox, lifecycle, closed = _outbox(core_loop, transport, MAX_PENDING_MESSAGES=2)
    for text in ("1", "2", "3", "4"):  # at most "1" leaves the queue: it never finishes
        outbox.send(text)
    eventually(closed.is_set, what="the close")
    assert transport.closes[0][0] == CloseCode.POLICY
    assert lifecycle.state is S.ABORTED


def test_a_failed_send_closes_the_socket(core_loop):
    transport = _Transport(fail=True)
    outbox, lifecycle, closed = _outbox(core_loop, transport)
    outbox.send("lost")
    eventually(closed.is_set, what="the close")
    assert transport.closes == [(CloseCode.INTERNAL, "send failed")]
    assert lifecycle.state is S.CLOSING
