"""Channels in one process: matching, copies, expiry, views, view events."""

from __future__ import annotations

import datetime
import queue
import threading
import time

import pytest

from lona import Channel, View
from lona.channels import SUBSCRIBE_TOPIC, UNSUBSCRIBE_TOPIC, escape_topic, topics_match
from lona.html import HTML, Button, Div, Ul
from lona_conformance.helpers import eventually


@pytest.fixture
def server(app, served):
    server, _connect = served()
    return server


def _collector(server, topic):
    received: queue.Queue = queue.Queue()
    channel = Channel(topic, received.put, server=server)
    return channel, received


def test_send_and_receive_with_wildcards_in_both_directions(server):
    _channel, exact = _collector(server, "chat.room1")
    _pattern, wildcard = _collector(server, "chat.*")
    Channel("chat.room1", server=server).send({"text": "hi"})
    Channel("chat.*", server=server).send({"text": "to all rooms"})
    Channel("other", server=server).send({"text": "elsewhere"})
    assert [exact.get(timeout=5).data["text"] for _ in range(2)] == ["hi", "to all rooms"]
    assert [wildcard.get(timeout=5).data["text"] for _ in range(2)] == ["hi", "to all rooms"]
    assert exact.empty() and wildcard.empty()


def test_topic_rules_for_internal_topics_and_escaped_user_input():
    assert topics_match("*", SUBSCRIBE_TOPIC)  # a wildcard listener may watch internals
    assert not topics_match(SUBSCRIBE_TOPIC, "*")  # a wildcard sender never reaches them
    assert not topics_match(UNSUBSCRIBE_TOPIC, "lona.*")
    room = escape_topic("room-*")  # a room whose name the user typed
    assert topics_match(room, room) and topics_match("room-*", room)
    assert not topics_match("room-1", room)
    for bad in ("", "x" * 300, "bad\ntopic", None):
        with pytest.raises(ValueError):
            Channel(bad)  # type: ignore[arg-type]


def test_messages_carry_their_own_copy_and_meta_data(server):
    _channel, received = _collector(server, "copies")
    data = {"items": [1, 2]}
    sent = Channel("copies", server=server).send(data)
    data["items"].append(3)
    message = received.get(timeout=5)
    assert message.data == {"items": [1, 2]} and message is sent
    assert message.topic == "copies" and message.local is False
    assert abs(message.timestamp - time.time()) < 60


def test_expired_messages_are_never_delivered(server):
    _channel, received = _collector(server, "expiring")
    sender = Channel("expiring", server=server)
    sender.send("too late", expiry=datetime.timedelta(seconds=-1))
    sender.send("old", expiry=datetime.datetime.now() - datetime.timedelta(minutes=1))
    sender.send("fresh", expiry=datetime.timedelta(minutes=1))
    assert received.get(timeout=5).data == "fresh"
    assert received.empty()


def test_subscribe_twice_and_unsubscribe(server):
    channel, received = _collector(server, "once")
    with pytest.raises(RuntimeError, match="already subscribed"):
        channel.subscribe(received.put)
    channel.unsubscribe()
    assert server.channels.subscriber_count == 0
    _probe, probe = _collector(server, "once")  # subscribed after: it sees the send
    Channel("once", server=server).send("only the probe listens")
    assert probe.get(timeout=5).data == "only the probe listens"
    assert received.empty()


def test_internal_topics_announce_subscriptions(server):
    _watch, events = _collector(server, SUBSCRIBE_TOPIC)
    Channel("announced", lambda message: None, server=server)
    assert events.get(timeout=5).data == {"topic": SUBSCRIBE_TOPIC}  # its own subscription
    assert events.get(timeout=5).data == {"topic": "announced"}


def test_each_subscriber_gets_messages_in_order_one_at_a_time(server):
    seen, active, overlap = [], [0], []

    def slow(message):
        active[0] += 1
        overlap.append(active[0])
        time.sleep(0.001)
        seen.append(message.data)
        active[0] -= 1

    Channel("ordered", slow, server=server)
    sender = Channel("ordered", server=server)
    for number in range(100):
        sender.send(number)
    eventually(lambda: len(seen) == 100)
    assert seen == list(range(100)) and max(overlap) == 1


def test_outside_any_view_a_channel_finds_the_only_running_server(app, served):
    server, _connect = served()
    received: queue.Queue = queue.Queue()
    Channel("module-level", received.put)
    threading.Thread(target=lambda: Channel("module-level").send("from a thread")).start()
    assert received.get(timeout=5).data == "from a thread"
    second, _ = served()
    with pytest.raises(RuntimeError, match="several servers"):
        Channel("ambiguous").send("?")
    assert second is not server


def test_view_subscriptions_show_changes_crash_alone_and_end_on_cleanup(app, served):
    @app.route("/chat")
    class Chat(View):
        def handle_request(self, request):
            self.messages = Ul(_id="messages")
            self.subscribe("chat", self.received)
            return HTML(self.messages, Button("send", _id="send", handle_click=self.send))

        def received(self, message):
            if message.data == "crash":
                raise ValueError("a handler crashes")
            self.messages.append(Div(message.data))

        def send(self, input_event):
            Channel("chat").send("hello from a click")

    server, connect = served()
    first_client, second_client = connect(), connect()
    first = first_client.open("http://t/chat", wait_for="send")
    second = second_client.open("http://t/chat", wait_for="send")
    first.click(first.element(id="send"))
    first.wait_for_text("hello from a click")
    second.wait_for_text("hello from a click")
    assert server.channels.subscriber_count == 2
    Channel("chat", server=server).send("crash")
    first.wait_for_text("500")
    second.wait_for_text("500")
    eventually(lambda: server.channels.subscriber_count == 0)
    third_client = connect()
    third_client.open("http://t/chat", wait_for="send")
    eventually(lambda: server.channels.subscriber_count == 1)
    third_client.close()
    eventually(lambda: server.channels.subscriber_count == 0)


def test_view_events_keep_working_as_the_deprecated_form(app, served):
    @app.route("/")
    class Listener(View):
        def handle_request(self, request):
            self.log = Div("", _id="log")
            return HTML(self.log, Button("fire", _id="fire", handle_click=self.fire))

        def fire(self, input_event):
            with pytest.deprecated_call():
                self.fire_view_event("ping", {"from": "a click"})

        def on_view_event(self, view_event):
            self.log.set_text(f"{view_event.name} {view_event.data['from']}")

    server, connect = served()
    first = connect().open("http://t/", wait_for="fire")
    second = connect().open("http://t/", wait_for="fire")
    first.click(first.element(id="fire"))
    second.wait_for_text("ping a click")
    with pytest.deprecated_call():
        server.fire_view_event("ping", {"from": "the server"})
    first.wait_for_text("ping the server")
