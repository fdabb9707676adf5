"""Channels across processes through a real redis-server.

Two servers in this process stand for two processes: each has its own
broker and its own Redis connections, exactly as two processes would.
"""

from __future__ import annotations

import datetime
import functools
import logging
import queue

import pytest

from lona import App, Channel
from lona_conformance.helpers import eventually
from tests.redis_server import RedisServer


@pytest.fixture
def redis_server():
    with RedisServer() as server:
        yield server


@pytest.fixture
def servers(redis_server):
    started = []
    for _ in range(2):
        app = App(__file__)
        app.settings.CHANNEL_BACKEND = redis_server.url
        server = app.create_server()
        server.start_in_thread()
        started.append(server)
    for server in started:
        _wait(lambda s=server: s.channels.backend.connected)
    yield started
    for server in started:
        server.stop_in_thread()


_wait = functools.partial(eventually, interval=0.01)  # polls at the pace these tests need


def _inbox(server, topic="news"):
    received: queue.Queue = queue.Queue()
    Channel(topic, received.put, server=server)
    return received


def test_a_message_reaches_subscribers_in_every_process_once(servers):
    first, second = servers
    here, there = _inbox(first), _inbox(second)
    Channel("news", server=first).send({"headline": "across processes"})
    assert there.get(timeout=5).data == {"headline": "across processes"}
    assert here.get(timeout=5).data == {"headline": "across processes"}
    Channel("news", server=first).send("marker")
    assert here.get(timeout=5).data == "marker"  # no duplicate before the marker


def test_local_messages_never_leave_their_process(servers):
    first, second = servers
    here, there = _inbox(first), _inbox(second)
    Channel("news", server=first).send("only here", local=True)
    Channel("news", server=first).send("everywhere")
    assert here.get(timeout=5).data == "only here"
    assert there.get(timeout=5).data == "everywhere"


def test_unserializable_data_fails_at_send_and_the_broker_keeps_working(servers):
    first, second = servers
    there = _inbox(second)
    with pytest.raises(TypeError, match="JSON serializable"):
        Channel("news", server=first).send({"when": datetime.datetime.now()})
    Channel("news", server=first).send({"fine": True})
    assert there.get(timeout=5).data == {"fine": True}


def test_a_message_keeps_its_expiry_and_droppable_across_processes(servers):
    first, second = servers
    there = _inbox(second)
    sent = Channel("news", server=first).send(
        {"n": 1}, expiry=datetime.timedelta(hours=1), droppable=True
    )
    received = there.get(timeout=5)
    assert received.data == {"n": 1} and received.droppable is True
    assert received.expiry == sent.expiry  # the same moment, in either process
    assert received.expiry > datetime.datetime.now() + datetime.timedelta(minutes=59)
    assert not received.is_dropped() and not sent.is_dropped()


def test_expiry_holds_across_processes(servers, redis_server):
    first, second = servers
    there = _inbox(second)
    redis_server.stop()
    _wait(lambda: not first.channels.backend.connected)
    stale = Channel("news", server=first).send("stale", expiry=datetime.timedelta(seconds=0.3))
    _wait(stale.is_expired)  # it expires while Redis is away, still in the backlog
    redis_server.start()
    _wait(lambda: first.channels.backend.connected and second.channels.backend.connected)
    Channel("news", server=first).send("fresh")
    assert there.get(timeout=10).data == "fresh"
    assert there.empty()


def test_a_redis_outage_is_reported_retried_and_loses_no_local_delivery(
    servers, redis_server, caplog
):
    first, second = servers
    here, there = _inbox(first), _inbox(second)
    with caplog.at_level(logging.ERROR, logger="lona.channels.redis"):
        redis_server.stop()
        _wait(lambda: not first.channels.backend.connected)
        Channel("news", server=first).send("during the outage")
        assert here.get(timeout=5).data == "during the outage"
        _wait(lambda: any("retrying" in r.message for r in caplog.records))
    redis_server.start()
    _wait(lambda: second.channels.backend.connected and first.channels.backend.connected)
    Channel("news", server=first).send("after the outage")
    received = [there.get(timeout=10).data]
    while "after the outage" not in received:
        received.append(there.get(timeout=10).data)
    # the message of the outage may or may not cross once Redis is back; nothing
    # else, nothing twice, and never out of order
    assert received in (["after the outage"], ["during the outage", "after the outage"])
