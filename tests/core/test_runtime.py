"""The view runtime in memory: chains, waiting, hooks, threads."""

from __future__ import annotations

import threading

import pytest

from lona import RedirectResponse, View
from lona.html import HTML, Button, Div, Span
from lona_conformance.helpers import eventually


def test_the_input_event_chain_runs_in_the_documented_order(app, served):
    calls = []

    @app.route("/")
    class Chain(View):
        def handle_request(self, request):
            self.inner = Button("inner", _id="inner")
            self.inner.handle_click = lambda e: calls.append("inner") or e
            outer = Div(self.inner, handle_click=lambda e: calls.append("outer") or e)
            return HTML(outer)

        def handle_input_event_root(self, input_event):
            calls.append("root")
            return input_event

        def handle_input_event(self, input_event):
            calls.append("view")
            return None

    _server, connect = served()
    window = connect().open("http://t/", wait_for="inner")
    window.click(window.element(id="inner"))
    assert calls == ["root", "inner", "outer", "view"]


def test_returning_none_stops_the_chain_and_changes_flush_without_show(app, served):
    @app.route("/")
    class Stopper(View):
        def handle_request(self, request):
            self.label = Span("before", _id="label")
            return HTML(self.label, Button("go", _id="go", handle_click=self.clicked))

        def clicked(self, input_event):
            self.label.set_text("after")  # no show(): the chain's end flushes

        def handle_input_event(self, input_event):
            raise AssertionError("the chain should have stopped")

    _server, connect = served()
    window = connect().open("http://t/", wait_for="before")
    window.click(window.element(id="go"))
    assert "after" in window.text()


def test_handlers_may_redirect_after_handle_request_returned(app, served):
    @app.route("/")
    class Redirecting(View):
        def handle_request(self, request):
            return HTML(Button("go", _id="go", handle_click=lambda e: RedirectResponse("/next")))

    _server, connect = served()
    window = connect().open("http://t/", wait_for="go")
    window.click(window.element(id="go"))
    assert window.redirects == [("view", "/next")]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_stopping_ends_a_sleep_at_once_and_hooks_run_in_order(app, served, mode):
    hooks = []
    started = threading.Event()

    if mode == "sync":

        class Sleeper(View):
            def handle_request(self, request):
                started.set()
                self.sleep(3600)

            def on_stop(self, reason):
                hooks.append(("on_stop", type(reason).__name__))

            def on_cleanup(self):
                hooks.append(("on_cleanup", None))
    else:

        class Sleeper(View):  # type: ignore[no-redef]
            async def handle_request(self, request):
                started.set()
                await self.sleep(3600)

            def on_stop(self, reason):
                hooks.append(("on_stop", type(reason).__name__))

            async def on_cleanup(self):
                hooks.append(("on_cleanup", None))

    app.route("/")(Sleeper)
    server, connect = served()
    client = connect()
    client.open("http://t/")
    started.wait(5)
    client.close()
    eventually(lambda: len(hooks) == 2)
    assert hooks == [("on_stop", "UserAbort"), ("on_cleanup", None)]
    eventually(lambda: not server.runtimes())


def test_parked_async_views_and_finished_callback_views_hold_no_thread(app, served):
    app.settings.THREAD_IDLE_TIMEOUT = 0.05
    app.settings.MAX_MESSAGES_PER_SECOND = 0  # a hundred windows at once on one socket

    @app.route("/async")
    class Parked(View):
        async def handle_request(self, request):
            button = Button("go", _id="go")
            await self.await_click(button, html=HTML(button))

    @app.route("/callback")
    class Callback(View):
        def handle_request(self, request):
            return HTML(Button("go", _id="go", handle_click=lambda e: None))

    server, connect = served()
    client = connect()
    for window_id in range(1, 101):
        client.open(
            "http://t/async" if window_id % 2 else "http://t/callback",
            window_id=window_id,
            wait_for="go",
        )
    assert len(server.runtimes()) == 100
    eventually(lambda: server.executor.thread_count == 0)


def test_sync_views_blocked_in_await_are_not_capped_by_a_small_pool(app, served):
    @app.route("/")
    class Blocked(View):
        def handle_request(self, request):
            button = Button("go", _id="go")
            self.await_click(button, html=HTML(button))
            return HTML(Div("released", _id="done"))

    server, connect = served()
    client = connect()
    windows = [client.open("http://t/", window_id=n, wait_for="go") for n in range(1, 31)]
    assert server.executor.thread_count >= 30  # one parked thread each, no cap at 6
    for window in windows:
        window.click(window.element(id="go"))
    for window in windows:
        window.wait_for_text("released")


def test_threads_come_back_to_the_baseline_after_many_views(app, served):
    app.settings.THREAD_IDLE_TIMEOUT = 0.05

    @app.route("/")
    class Short(View):
        def handle_request(self, request):
            self.sleep(0.001)
            return HTML(Div("ok", _id="ok"))

    server, connect = served()
    baseline = threading.active_count()
    for _ in range(20):
        client = connect()
        for window_id in range(1, 11):
            client.open("http://t/", window_id=window_id, wait_for="ok")
        client.close()
    eventually(lambda: not server.runtimes())
    eventually(lambda: threading.active_count() <= baseline)


def test_a_crashing_handler_shows_the_500_view_in_its_own_view_only(app, served):
    @app.route("/crash")
    class Crash(View):
        def handle_request(self, request):
            return HTML(Button("boom", _id="boom", handle_click=self.boom))

        def boom(self, input_event):
            raise RuntimeError("boom")

    @app.route("/ok")
    class Fine(View):
        def handle_request(self, request):
            self.count = Span("0", _id="count")
            return HTML(self.count, Button("+", _id="inc", handle_click=self.inc))

        def inc(self, input_event):
            self.count.set_text(int(self.count.get_text()) + 1)

    _server, connect = served()
    client = connect()
    crash = client.open("http://t/crash", window_id=1, wait_for="boom")
    fine = client.open("http://t/ok", window_id=2, wait_for="0")
    crash.click(crash.element(id="boom"))
    crash.wait_for_text("500")
    fine.click(fine.element(id="inc"))
    assert "1" in fine.text()


def test_adapter_calls_after_the_server_stopped_are_harmless(app, served):
    """Adapter threads (Flask's) may still report a frame or a closed socket
    while the server stops; those calls must not raise in the adapter."""
    server, connect = served()
    client = connect()
    server.stop_in_thread()
    client.transport.connection.receive("[5]")
    client.transport.connection.closed()
