"""Many clients sending many events at once: every adapter delivers each
event exactly once, in order, and every view answers each one, in order."""

from __future__ import annotations

import select
from concurrent.futures import ThreadPoolExecutor

import pytest

from lona.protocol import ServerMessage

IN_FLIGHT = 20  # events a client sends ahead of their acknowledgements


def _acknowledged(client, window_id):
    """The event ids the server acknowledged for one window, in arrival order."""
    acks = []
    for message in client.log:
        if message[0] == ServerMessage.PATCH and message[1] == window_id and len(message) > 5:
            acks.append(message[5])
        elif message[0] == ServerMessage.ACK and message[1] == window_id:
            acks.append(message[4])
    return acks


def _send_numbers(client, url, events):
    window = client.open(url, wait_for="last: 0", timeout=60)
    field = window.element(id="field")
    for number in range(1, events + 1):
        window.change(field, str(number), wait=False)
        client.wait(
            lambda number=number: number - len(window.acked) < IN_FLIGHT or window.errors,
            timeout=60,
            what="acknowledgements",
        )
    client.wait(
        lambda: len(window.acked) >= events or window.errors, timeout=120, what="the last ack"
    )
    return window


@pytest.mark.parametrize(("clients", "events"), [(50, 200), (500, 100)], ids=["50x200", "500x100"])
def test_many_clients_each_get_every_event_once_and_in_order(
    protocol, server_with, clients, events
):
    # load beyond any person's clicking speed: without the input-event rate limit,
    # which would refuse events as soon as the server answers fast enough
    server = server_with(MAX_INPUT_EVENTS_PER_SECOND=0)
    connected = [protocol(server) for _ in range(clients)]
    url = server.url + "/sequence"
    with ThreadPoolExecutor(clients) as pool:
        windows = list(pool.map(lambda client: _send_numbers(client, url, events), connected))
    for client, window in zip(connected, windows, strict=True):
        assert window.errors == []
        assert f"last: {events} faults: 0" in window.text()
        assert _acknowledged(client, window.id) == list(range(1, events + 1))


def test_a_client_that_stops_reading_holds_up_no_one_else(protocol, lona_server):
    stuck = protocol()
    window = stuck.open(lona_server.url + "/big-on-click?size=16000000", wait_for="small")
    window.click(window.element(id="grow"), wait=False)
    # the server has begun sending 16 MB, far more than the socket buffers
    # hold, to a client that reads none of it: that send now waits for good
    readable, _, _ = select.select([stuck.transport.sock], [], [], 10)
    assert readable, "the server never started sending"
    other = protocol().open(lona_server.url + "/counter", wait_for="Count: 0")
    for _ in range(5):
        other.click(other.element(id="increment"))
    assert "Count: 5" in other.text()
