"""A window whose socket drops resumes its view: nothing the view sent and
nothing the user did is lost (lona.runtime.attachments; docs/protocol.md,
"Resuming").  In memory: ``drop()`` is a failed network, ``reconnect()`` the
same page on a new socket."""

from __future__ import annotations

import threading

from lona import View
from lona.exceptions import UserAbort
from lona.html import HTML, Button, Div, Span, TextInput
from lona.protocol import ClientMessage, ServerMessage
from lona.testing.client import Window
from lona_conformance.helpers import eventually


def _counter_app(app, record):
    @app.route("/counter")
    class Counter(View):
        def handle_request(self, request):
            record.append("handle_request")
            self.count = Span("0", _id="count")
            self.text = Div("", _id="typed")
            return HTML(
                self.count,
                Button("+1", _id="plus", handle_click=self.plus),
                TextInput(_id="field", input_delay=0, handle_change=self.typed),
                self.text,
            )

        def plus(self, input_event):
            record.append("click")
            self.count.set_text(int(self.count.get_text()) + 1)

        def typed(self, input_event):
            record.append(f"change:{input_event.node.value}")
            self.text.set_text(input_event.node.value)

        def on_cleanup(self):
            record.append("on_cleanup")


def test_messages_sent_while_the_socket_was_gone_are_replayed_in_order(app, served):
    release = threading.Event()

    @app.route("/ticker")
    class Ticker(View):
        def handle_request(self, request):
            self.ticks = Div("", _id="ticks")
            self.show(HTML(self.ticks))
            release.wait(10)
            for number in range(1, 21):
                self.ticks.append(Span(str(number)))
                self.show()
                self.send_str(f"tick {number}")
            return None

    server, connect = served()
    client = connect()
    window = client.open("http://t/ticker")
    received = window.received
    client.drop()
    release.set()  # the view goes on while nobody listens
    eventually(lambda: all(r.handle_request_running is False for r in server.runtimes()))
    again = client.reconnect()
    again.resume(window)
    window.wait_until(lambda: window.stopped, what="VIEW_STOP")
    assert window.resumed is not None and window.resumed[1] == received + 1  # a replay
    assert window.text() == "".join(str(number) for number in range(1, 21))
    assert window.custom == [f"tick {number}" for number in range(1, 21)]
    assert len(server.runtimes()) == 1


def test_events_made_before_the_drop_and_not_answered_are_handled_once(app, served):
    record: list[str] = []
    _counter_app(app, record)
    _server, connect = served()
    client = connect()
    window = client.open("http://t/counter", wait_for="0")
    plus = window.element(id="plus")
    window.click(plus)  # answered
    lost = window.click(plus, wait=False)  # the socket drops right after
    client.drop()
    eventually(lambda: record.count("click") == 2)  # the server had taken it
    window.unanswered[lost + 1] = [  # one the server never saw (sent into the void)
        ClientMessage.EVENT, window.id, window.view_id, lost + 1, 301, {}, plus.id, plus.id, None
    ]  # fmt: skip
    window._next_event_id = lost + 2
    again = client.reconnect()
    again.resume(window)
    window.wait_until(lambda: not window.unanswered, what="every event answered")
    assert window.text().startswith("3")
    assert record == ["handle_request", "click", "click", "click"]
    assert window.resumed is not None and window.resumed[0] == lost


def _wizard_app(app, starts, reasons):
    """A view whose only state is where ``handle_request`` waits: step 1, 2, 3."""

    @app.route("/wizard")
    class Wizard(View):
        def handle_request(self, request):
            starts.append("handle_request")
            step = Div("step 1", _id="step")
            button = Button("next", _id="next")
            html = HTML(step, button)
            self.await_click(button, html=html)
            step.set_text("step 2")
            self.await_click(button, html=html)
            step.set_text("step 3")
            return html

        def on_stop(self, reason):
            reasons.append(reason)


def test_a_window_that_does_not_come_back_in_time_stops_its_view(app, served):
    app.settings.RESUME_TIMEOUT = 0.2
    reasons: list[BaseException | None] = []
    starts: list[str] = []
    _wizard_app(app, starts, reasons)
    server, connect = served()
    client = connect()
    window = client.open("http://t/wizard", wait_for="step 1")
    window.click(window.element(id="next"))
    window.wait_for_text("step 2")
    client.drop()
    eventually(lambda: reasons)
    assert isinstance(reasons[0], UserAbort)
    eventually(lambda: not server.runtimes())
    again = client.reconnect()
    again.resume(window)  # too late: the URL starts afresh
    window.wait_for_text("step 1")
    assert window.resumed is None
    assert starts == ["handle_request", "handle_request"]


def test_within_the_timeout_a_long_running_view_resumes_where_it_was(app, served):
    reasons: list[BaseException | None] = []
    starts: list[str] = []
    _wizard_app(app, starts, reasons)
    _server, connect = served()
    client = connect()
    window = client.open("http://t/wizard", wait_for="step 1")
    window.click(window.element(id="next"))
    window.wait_for_text("step 2")
    client.drop()
    again = client.reconnect()
    again.resume(window)
    window.click(window.element(id="next"))
    window.wait_for_text("step 3")
    # on_stop runs once handle_request has returned, after "step 3" went out
    eventually(lambda: reasons, what="on_stop")
    assert reasons == [None]
    assert starts == ["handle_request"]


def test_a_closed_tab_stops_its_view_at_once(app, served):
    record: list[str] = []
    _counter_app(app, record)
    server, connect = served()
    client = connect()
    client.open("http://t/counter", wait_for="0")
    client.close()  # LEAVE, then the socket
    eventually(lambda: "on_cleanup" in record)
    eventually(lambda: not server.runtimes())


def test_values_typed_into_a_resumed_view_are_its_own(app, served):
    record: list[str] = []
    _counter_app(app, record)
    server, connect = served()
    client = connect()
    window = client.open("http://t/counter", wait_for="0")
    window.change(window.element(id="field"), "before")
    client.drop()
    again = client.reconnect()
    again.resume(window)
    window.change(window.element(id="field"), "after")
    window.wait_for_text("after")
    assert record == ["handle_request", "change:before", "change:after"]
    assert len(server.runtimes()) == 1


def _copy_of(window, client):
    """The window as another page (or another user's page) would claim it."""
    copy = Window(client, window.id)
    copy.view_id, copy.attach_token = window.view_id, window.attach_token
    copy.url, copy.received = window.url, window.received
    return copy


def test_only_the_same_user_and_page_resume_a_view(app, served):
    record: list[str] = []
    _counter_app(app, record)
    _server, connect = served()
    owner = connect()
    window = owner.open("http://t/counter", wait_for="0")
    window.click(window.element(id="plus"))
    owner.drop()
    stranger = connect(page_id=owner.page_id)  # another session claims the page
    claimed = stranger.resume(_copy_of(window, stranger))
    assert claimed.resumed is None and claimed.view_id != window.view_id
    other_tab = connect(cookie=owner.cookie)  # the owner's other page
    claimed = other_tab.resume(_copy_of(window, other_tab))
    assert claimed.resumed is None and claimed.view_id != window.view_id
    eventually(lambda: record.count("handle_request") == 3)  # each got a view of its own
    back = owner.reconnect()
    back.resume(window)
    assert window.resumed is not None
    assert window.text().startswith("1")


def test_past_the_buffer_bound_a_resume_gets_the_whole_state(app, served):
    app.settings.RESUME_BUFFER_SIZE = 2000
    release = threading.Event()

    @app.route("/big")
    class Big(View):
        def handle_request(self, request):
            self.text = Div("start", _id="text")
            self.show(HTML(self.text))
            release.wait(10)
            for number in range(50):
                self.text.set_text(f"{number} " + "x" * 100)
                self.show()
            return None

    server, connect = served()
    client = connect()
    window = client.open("http://t/big", wait_for="start")
    client.drop()
    release.set()
    eventually(lambda: all(r.handle_request_running is False for r in server.runtimes()))
    again = client.reconnect()
    again.resume(window)
    window.wait_for_text("49 x")
    assert window.resumed is not None and window.resumed[1] > window.received - 5
    tree = [m for m in again.log if m[0] == ServerMessage.TREE]
    assert len(tree) == 1  # the state, not the 50 patches


def test_confirmed_messages_are_not_kept(app, served):
    record: list[str] = []
    _counter_app(app, record)
    server, connect = served()
    client = connect()
    window = client.open("http://t/counter", wait_for="0")
    for _ in range(20):
        window.click(window.element(id="plus"))
    window.confirm()
    window.click(window.element(id="plus"))  # the next message trims what was confirmed
    (runtime,) = server.runtimes()
    (attachment,) = runtime.attachments
    assert attachment.kept is not None and len(attachment.kept) <= 2


def test_a_half_open_socket_is_taken_over_by_the_resume(app, served):
    record: list[str] = []
    _counter_app(app, record)
    _server, connect = served()
    client = connect()
    window = client.open("http://t/counter", wait_for="0")
    # the client gave up on a silent socket; the server has not noticed yet
    again = client.reconnect()
    again.resume(window)
    window.click(window.element(id="plus"))
    window.wait_for_text("1")
    client.drop()  # the old socket closes late: the view carries on
    window.click(window.element(id="plus"))
    window.wait_for_text("2")
    assert "on_cleanup" not in record


def test_a_daemon_keeps_each_of_its_windows_resumable(app, served):
    @app.route("/daemon")
    class Daemon(View):
        STOP_DAEMON_WHEN_VIEW_FINISHES = False

        def handle_request(self, request):
            self.is_daemon = True
            self.count = Span("0", _id="count")
            return HTML(self.count, Button("+1", _id="plus", handle_click=self.plus))

        def plus(self, input_event):
            self.count.set_text(int(self.count.get_text()) + 1)

    _server, connect = served()
    first = connect()
    first_window = first.open("http://t/daemon", wait_for="0")
    second = connect(cookie=first.cookie)
    second_window = second.open("http://t/daemon", wait_for="0")
    first.drop()
    second_window.click(second_window.element(id="plus"))
    again = first.reconnect()
    again.resume(first_window)
    first_window.wait_for_text("1")
    assert first_window.resumed is not None
    first_window.click(first_window.element(id="plus"))
    second_window.wait_for_text("2")


def test_a_stopped_view_is_not_kept_for_a_resume(app, served):
    app.settings.RESUME_TIMEOUT = 60
    stops: list[BaseException | None] = []

    @app.route("/crash")
    class Crash(View):
        def handle_request(self, request):
            raise ValueError("crashes on purpose")

        def on_stop(self, reason):
            stops.append(reason)

    server, connect = served()
    client = connect()
    client.open("http://t/crash", wait_for="500")
    client.drop()
    eventually(lambda: not server.runtimes())
    assert not any(isinstance(reason, UserAbort) for reason in stops[1:])
