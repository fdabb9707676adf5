"""Channels in one process: matching, copies, expiry, views, view events."""

from __future__ import annotations

import datetime
import queue
import threading
import time

import pytest

from lona import Channel, View
from lona.channels.channel import SUBSCRIBE_TOPIC, UNSUBSCRIBE_TOPIC, escape_topic, topics_match
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


def test_each_receiver_gets_its_own_shallow_copy_as_in_lona(server):
    _first, first = _collector(server, "copies")
    _second, second = _collector(server, "copies")
    data = {"name": "before", "items": [1, 2]}
    sent = Channel("copies", server=server).send(data)
    data["name"] = "after"  # the sender's own dict: receivers keep what was sent
    one, other = first.get(timeout=5), second.get(timeout=5)
    assert one.data["name"] == other.data["name"] == sent.data["name"] == "before"
    assert one is not sent and one is not other and one.data is not other.data
    one.data["name"] = "changed by one receiver"
    assert other.data["name"] == "before"
    # shallow, as Lona documents it: what is inside the dict is shared
    data["items"].append(3)
    assert one.data["items"] == other.data["items"] == [1, 2, 3]
    assert one.topic == "copies" and one.local is False and one.id == sent.id
    assert abs(one.timestamp - time.time()) < 60
    assert Channel("copies", server=server).send().data == {}  # no data: an empty dict


def test_expired_messages_are_never_delivered_and_say_they_were_dropped(server):
    _channel, received = _collector(server, "expiring")
    sender = Channel("expiring", server=server)
    too_late = sender.send("too late", expiry=datetime.timedelta(seconds=-1))
    old = sender.send("old", expiry=datetime.datetime.now() - datetime.timedelta(minutes=1))
    epoch = sender.send("1970", expiry=datetime.datetime(1970, 1, 1))
    fresh = sender.send("fresh", expiry=datetime.timedelta(minutes=1))
    assert received.get(timeout=5).data == "fresh"
    assert received.empty()
    assert too_late.is_dropped() and old.is_dropped() and epoch.is_dropped()
    assert not fresh.is_dropped()
    assert isinstance(fresh.expiry, datetime.datetime)  # Lona's type
    assert fresh.expiry > datetime.datetime.now()
    assert Channel("expiring", server=server).send("no expiry").expiry is None


def _blocking_subscriber(server, topic):
    """A subscriber whose handler waits for ``release`` on every message: while it
    handles the first, later messages wait in its queue."""
    started, release, handled = threading.Event(), threading.Event(), []

    def blocked(message):
        started.set()
        release.wait(timeout=10)
        handled.append(message.data)

    Channel(topic, blocked, server=server)
    return started, release, handled


def test_a_message_expiring_while_queued_is_dropped_for_its_sender(server):
    started, release, handled = _blocking_subscriber(server, "busy")
    sender = Channel("busy", server=server)
    first = sender.send("first")
    assert started.wait(timeout=5)
    short = sender.send("short", expiry=datetime.timedelta(seconds=0.2))
    eventually(short.is_expired)
    release.set()
    eventually(lambda: handled == ["first"] and short.is_dropped())
    assert not first.is_dropped()


def test_droppable_messages_are_dropped_by_a_stopping_server(server):
    started, release, handled = _blocking_subscriber(server, "shutdown")
    sender = Channel("shutdown", server=server)
    sender.send("running")
    assert started.wait(timeout=5)
    droppable = sender.send("may go", droppable=True)
    kept = sender.send("must run")
    server.request_stop()  # what a signal does before the adapter stops the server
    release.set()
    eventually(lambda: handled == ["running", "must run"])
    assert droppable.is_dropped() and not kept.is_dropped()


def test_channels_of_the_current_server_as_lonas_class_dict(app, served):
    assert "lona-dict" not in Channel._channels  # no server running: empty
    assert dict(Channel._channels) == {}
    server, _connect = served()
    first = Channel("lona-dict", lambda message: None)
    second = Channel("lona-dict", lambda message: None)
    pattern = Channel("lona-*", lambda message: None)
    assert Channel._channels["lona-dict"] == [first, second]
    assert Channel._channels["lona-*"] == [pattern]
    assert set(Channel._channels) == {"lona-dict", "lona-*"}
    assert Channel.get_channels("lona-dict") == [first, second, pattern]
    first.unsubscribe()
    assert Channel._channels["lona-dict"] == [second]
    second.unsubscribe()
    assert "lona-dict" not in Channel._channels
    Channel._clear_state()
    assert not pattern.subscribed and len(Channel._channels) == 0
    assert server.channels.subscriber_count == 0


def test_channels_of_one_server_never_show_in_another(app, served):
    seen_in_views = []

    @app.route("/")
    class Probe(View):
        def handle_request(self, request):
            seen_in_views.append(dict(Channel._channels))
            return "probe"

    first, connect_first = served()
    _second, connect_second = served()
    mine = Channel("mine", lambda message: None, server=first)
    for connect in (connect_first, connect_second):
        client = connect()
        client.open("http://t/", wait_for="probe")
        client.close()
    assert seen_in_views == [{"mine": [mine]}, {}]
    with pytest.raises(RuntimeError, match="several servers"):
        "mine" in Channel._channels  # noqa: B015 (outside a view: which server?)


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


def test_a_view_drops_a_message_that_expired_while_it_was_busy(app, served):
    started, release = threading.Event(), threading.Event()

    @app.route("/busy")
    class Busy(View):
        def handle_request(self, request):
            self.log = Div("", _id="log")
            self.subscribe("busy-view", self.received)
            return HTML(self.log, Button("work", _id="work", handle_click=self.work))

        def work(self, input_event):
            started.set()
            release.wait(timeout=10)  # messages wait in the view's queue meanwhile

        def received(self, message):
            self.log.set_text(self.log.get_text() + f"[{message.data}]")

    server, connect = served()
    window = connect().open("http://t/busy", wait_for="work")
    window.click(window.element(id="work"), wait=False)
    assert started.wait(timeout=5)
    short = Channel("busy-view", server=server).send("short", expiry=0.2)
    eventually(short.is_expired)
    release.set()
    Channel("busy-view", server=server).send("after")
    window.wait_for_text("[after]")
    assert "[short]" not in window.text() and short.is_dropped()


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
