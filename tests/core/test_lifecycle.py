"""Long-running views, await_sync, hook isolation, and nothing left behind."""

from __future__ import annotations

import asyncio
import gc
import threading
import tracemalloc
import weakref

from lona import View
from lona.html import HTML, Button, Div, Span
from lona_conformance.helpers import eventually


def _tasks(server) -> int:
    async def count() -> int:
        return len(asyncio.all_tasks()) - 1  # without this coroutine's own task

    return server.core_loop.run_sync(count())


def test_nothing_is_left_behind_after_200_views_opened_and_closed(app, served):
    app.settings.THREAD_IDLE_TIMEOUT = 0.05
    views: list[weakref.ref[View]] = []

    class Tracked(View):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            views.append(weakref.ref(self))

    @app.route("/sync")
    class SyncLoop(Tracked):
        def handle_request(self, request):
            counter = Span("0", _id="n")
            html = HTML(counter)
            for number in range(10**9):
                counter.set_text(number)
                self.show(html)
                self.sleep(0.01)

    @app.route("/async")
    class AsyncWait(Tracked):
        async def handle_request(self, request):
            button = Button("go", _id="go")
            await self.await_click(button, html=HTML(Span("0", _id="n"), button))

    @app.route("/callback")
    class Callback(Tracked):
        def handle_request(self, request):
            return HTML(Span("0", _id="n"), Button("go", handle_click=lambda e: None))

    server, connect = served()
    warm = connect()
    warm.open("http://t/callback", wait_for="0")
    warm.close()
    eventually(lambda: not server.runtimes())
    eventually(lambda: server.executor.thread_count == 0)
    gc.collect()
    threads, tasks = threading.active_count(), _tasks(server)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]

    for index in range(200):
        client = connect()
        client.open(f"http://t/{('sync', 'async', 'callback')[index % 3]}", wait_for="0")
        client.close()

    eventually(lambda: not server.runtimes())
    eventually(lambda: server.executor.thread_count == 0)
    eventually(lambda: _tasks(server) <= tasks)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert threading.active_count() <= threads
    assert [ref for ref in views if ref() is not None] == []
    assert after - before < 512 * 1024, f"{(after - before) / 1024:.0f} KiB still allocated"


def test_await_sync_runs_a_coroutine_on_the_servers_loop(app, served):
    @app.route("/sync")
    class SyncView(View):
        def handle_request(self, request):
            async def loop_identity():
                await asyncio.sleep(0)
                return id(asyncio.get_running_loop())

            return HTML(
                Div(str(self.await_sync(loop_identity()) == id(self.server.loop)), _id="result")
            )

    @app.route("/async")
    class AsyncView(View):
        async def handle_request(self, request):
            async def answer():
                return 42

            return HTML(Div(str(await self.await_sync(answer())), _id="result"))

    _server, connect = served()
    client = connect()
    assert "True" in client.open("http://t/sync", wait_for="True").text()
    assert "42" in client.open("http://t/async", window_id=2, wait_for="42").text()


def test_await_sync_ends_with_the_stop_reason_when_the_tab_goes(app, served):
    outcome = []
    started = threading.Event()

    @app.route("/")
    class Waiting(View):
        def handle_request(self, request):
            started.set()
            try:
                self.await_sync(asyncio.sleep(3600))
            except BaseException as error:
                outcome.append(type(error).__name__)
                raise

    _server, connect = served()
    client = connect()
    client.open("http://t/")
    started.wait(5)
    client.close()
    eventually(lambda: outcome)
    assert outcome == ["UserAbort"]


def test_a_crash_in_on_stop_shows_the_500_view_in_that_view_only(app, served):
    @app.route("/broken")
    class BrokenStop(View):
        def handle_request(self, request):
            return HTML(Div("fine so far"))

        def on_stop(self, reason):
            raise RuntimeError("on_stop fails")

    @app.route("/other")
    class Other(View):
        def handle_request(self, request):
            return HTML(Div("other view"))

    _server, connect = served()
    client = connect()
    other = client.open("http://t/other", window_id=2, wait_for="other view")
    broken = client.open("http://t/broken", window_id=1)
    broken.wait_for_text("500")
    assert "other view" in other.text()


def test_request_user_is_writable_and_belongs_to_the_connection(app, served):
    @app.route("/login")
    class Login(View):
        def handle_request(self, request):
            return HTML(Button("log in", _id="login", handle_click=self.login))

        def login(self, input_event):
            self.request.user = "alice"
            return input_event

    @app.route("/whoami")
    class WhoAmI(View):
        def handle_request(self, request):
            return HTML(Div(f"user: {request.user}", _id="user"))

    _server, connect = served()
    client = connect()
    window = client.open("http://t/login", wait_for="log in")
    window.click(window.element(id="login"))
    assert "user: alice" in client.open("http://t/whoami", window_id=2, wait_for="user").text()
