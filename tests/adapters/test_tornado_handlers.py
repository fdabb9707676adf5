"""lona_handlers() inside an existing tornado.web.Application: when the core
starts and stops, whose user a view sees, and clear errors for bad mounts."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler, create_signed_value

from lona import App, View
from lona.html import H1, HTML, Button, P
from lona.protocol import CloseCode
from lona.testing.client import Closed, ProtocolClient
from lona.testing.pages import connect
from lona_conformance.helpers import http_get
from lona_tornado import LonaHandlers, lona_handlers


def who_app(stops: list[str]) -> App:
    app = App(__file__)

    @app.route("/")
    class Who(View):
        """Shows who it sees, then waits (it is running when the server stops)."""

        def handle_request(self, request):
            user = request.user
            button = Button("done")
            html = HTML(H1("who"), P(getattr(user, "name", type(user).__name__)), button)
            self.await_click(button, html=html)
            return html

        def on_stop(self, reason):
            stops.append(type(reason).__name__)

    return app


class Hello(RequestHandler):
    def get(self) -> None:
        self.write("hello from the host")


class TornadoThread:
    """A Tornado application on its own IOLoop thread, on a free loopback port."""

    def __init__(self, handlers: list[Any], **settings: Any) -> None:
        self.application = Application(handlers, **settings)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever)
        self.http_server: HTTPServer | None = None
        self.url = ""

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(15)

    async def _listen(self) -> None:
        sockets = bind_sockets(0, "127.0.0.1")
        self.http_server = HTTPServer(self.application)
        self.http_server.add_sockets(sockets)
        self.url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"

    async def _close(self) -> None:
        assert self.http_server is not None
        self.http_server.stop()
        await self.http_server.close_all_connections()

    @contextmanager
    def serving(self, live: LonaHandlers) -> Iterator[str]:
        self.thread.start()
        try:
            self.run(self._listen())
            yield self.url
        finally:
            self.run(live.stop())
            self.run(self._close())
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join()
            self.loop.close()


def live_client(url: str, cookie: str = "") -> ProtocolClient:
    return connect(url, "/live", {"Cookie": cookie} if cookie else None)


def test_the_core_starts_with_the_first_request_and_stops_when_told():
    stops: list[str] = []
    live = lona_handlers(who_app(stops), prefix="/live")
    host = TornadoThread([(r"/hello", Hello), *live])
    with host.serving(live) as url:
        assert not live.server.core_loop.running  # nothing asked for it yet
        assert http_get(url + "/hello").text == "hello from the host"
        assert not live.server.core_loop.running
        assert http_get(url + "/live/").status == 200
        assert live.server.core_loop.loop is host.loop  # on Tornado's own IOLoop
        client = live_client(url)
        client.open(url + "/live/", wait_for="who")
        host.run(live.stop())
        with pytest.raises(Closed) as closed:
            client.wait(lambda: False, timeout=10, what="the close")
        assert closed.value.code == CloseCode.GOING_AWAY
        # each page load of /live/ (ours, and the one connect() makes for its page
        # token) started a view too (first content): all three were running
        assert stops == ["ServerStop"] * 3
        host.run(live.stop())  # a second stop is harmless


def test_get_user_gets_the_handler_and_may_be_async():
    class Member:
        def __init__(self, name: str) -> None:
            self.name = name

    async def get_user(handler: RequestHandler) -> Member | None:
        name = handler.get_signed_cookie("member")
        return Member(name.decode()) if name else None

    live = lona_handlers(who_app([]), prefix="/live", get_user=get_user)
    host = TornadoThread(list(live), cookie_secret="test secret")
    with host.serving(live) as url:
        signed = create_signed_value("test secret", "member", "carol").decode()
        window = live_client(url, cookie=f'member="{signed}"').open(url + "/live/", wait_for="who")
        assert "carol" in window.text()
        window = live_client(url).open(url + "/live/", wait_for="who")
        assert "AnonymousUser" in window.text()


def test_a_static_path_that_hides_lonas_static_files_is_refused(tmp_path, caplog):
    live = lona_handlers(who_app([]))
    host = TornadoThread(list(live), static_path=str(tmp_path))
    with host.serving(live) as url:
        assert http_get(url + "/").status == 500
        assert "hides Lona's static files" in caplog.text
        with pytest.raises(RuntimeError, match="hides Lona's static files"):
            host.run(live.start(host.application))


def test_the_hosts_base_handler_gives_request_user_its_current_user():
    class Member:
        def __init__(self, name: str) -> None:
            self.name = name

    class BaseHandler(RequestHandler):
        """The host's base: who is logged in, as its own handlers see it."""

        def get_current_user(self) -> Member | None:
            name = self.get_signed_cookie("member")
            return Member(name.decode()) if name else None

    live = lona_handlers(who_app([]), prefix="/live", base_handler=BaseHandler)
    host = TornadoThread(list(live), cookie_secret="test secret")
    with host.serving(live) as url:
        signed = create_signed_value("test secret", "member", "dora").decode()
        window = live_client(url, cookie=f'member="{signed}"').open(url + "/live/", wait_for="who")
        assert "dora" in window.text()
        window = live_client(url).open(url + "/live/", wait_for="who")
        assert "AnonymousUser" in window.text()
    with pytest.raises(TypeError, match=r"must be a tornado\.web\.RequestHandler class"):
        lona_handlers(who_app([]), base_handler=object)  # type: ignore[arg-type]
