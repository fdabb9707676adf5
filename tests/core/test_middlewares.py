"""Middlewares: every hook, with Lona's chain semantics."""

from __future__ import annotations

import pytest

from lona import ForbiddenError, HtmlResponse, View
from lona.html import HTML, Div
from lona.http import Headers, HttpRequest
from lona.testing import Closed, MemoryClient
from lona_conformance.helpers import eventually


def _get(server, path, headers=()):
    return server.handle_http_sync(HttpRequest("GET", path, headers=Headers(list(headers))))


@pytest.fixture
def log():
    return []


@pytest.fixture
def routes(app, log):
    @app.route("/")
    class Index(View):
        def handle_request(self, request):
            return HTML(Div("the view ran", _id="out"))

        def on_stop(self, reason):
            log.append("view.on_stop")

        def on_cleanup(self):
            log.append("view.on_cleanup")

    @app.route("/api", interactive=False)
    class Api(View):
        def handle_request(self, request):
            return "the api ran"

    return app


def test_startup_and_shutdown_hooks_get_the_server(routes, served, log):
    @routes.middleware
    class Lifecycle:
        async def on_startup(self, data):
            log.append(("startup", data.server is not None))

        async def on_shutdown(self, data):
            log.append("shutdown")

    server, _connect = served()
    assert log == [("startup", True)]
    server.stop_in_thread()
    assert log == [("startup", True), "shutdown"]


def test_handle_http_request_may_answer_or_pass_on(routes, served):
    @routes.middleware
    class Maintenance:
        def handle_http_request(self, data):
            if data.http_request.path == "/maintenance":
                return HtmlResponse("<h1>down for maintenance</h1>", status=503)
            return data

    server, _connect = served()
    answered = _get(server, "/maintenance")
    assert answered.status == 503 and b"down for maintenance" in answered.body
    assert b"the api ran" in _get(server, "/api").body


def test_handle_connection_can_refuse_http_and_websockets(routes, served):
    @routes.middleware
    class Gate:
        def handle_connection(self, data):
            if data.http_request.headers.get("x-blocked"):
                return "you are blocked" if data.connection else None
            return data

    server, connect = served()
    assert _get(server, "/api", [("X-Blocked", "1")]).status == 503
    assert _get(server, "/api").status == 200
    blocked = MemoryClient(server, headers=[("X-Blocked", "1")])
    assert blocked.transport.receive(5) == "you are blocked"
    with pytest.raises(Closed) as closed:
        blocked.transport.receive(5)
    assert closed.value.code == 1008
    window = connect().open("http://t/", wait_for="the view ran")
    assert window.view_id


def test_handle_websocket_message_gets_custom_messages(routes, served):
    received = []

    @routes.middleware
    class Echo:
        def handle_websocket_message(self, data):
            received.append(data.message)
            data.connection.send(f"echo: {data.message}")

    _server, connect = served()
    client = connect()
    client.send("custom:hello")
    assert client.transport.receive(5) == "echo: custom:hello"
    assert received == ["custom:hello"]


def test_handle_request_may_replace_the_view_or_refuse_it(routes, served):
    @routes.middleware
    class Guard:
        def handle_request(self, data):
            if data.request.GET.get("as") == "stranger":
                raise ForbiddenError()
            if data.request.GET.get("as") == "bot":
                return "<p>no bots</p>"
            return data

    server, connect = served()
    client = connect()
    assert "the view ran" in client.open("http://t/", wait_for="the view ran").text()
    assert "403" in client.open("http://t/?as=stranger", window_id=2, wait_for="403").text()
    assert "no bots" in client.open("http://t/?as=bot", window_id=3, wait_for="no bots").text()
    assert _get(server, "/api").status == 200


def test_view_stop_and_cleanup_hooks_run_before_the_views_own(routes, served, log):
    @routes.middleware
    class Watcher:
        def on_view_stop(self, data):
            log.append(("middleware.on_view_stop", type(data.view).__name__))
            return data

        def on_view_cleanup(self, data):
            log.append("middleware.on_view_cleanup")
            return data

    _server, connect = served()
    client = connect()
    client.open("http://t/", wait_for="the view ran")
    client.close()
    eventually(lambda: "view.on_cleanup" in log)
    assert log == [
        ("middleware.on_view_stop", "Index"),
        "view.on_stop",
        "middleware.on_view_cleanup",
        "view.on_cleanup",
    ]


def test_middlewares_from_settings_by_import_string(app, served, tmp_path, monkeypatch):
    module = tmp_path / "my_middlewares.py"
    module.write_text(
        "class Stamp:\n"
        "    def handle_http_request(self, data):\n"
        "        return 'stamped' if data.http_request.path == '/stamp' else data\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    app.settings.MIDDLEWARES = ["my_middlewares.Stamp"]
    server, _connect = served()
    assert _get(server, "/stamp").body == b"stamped"
    assert _get(server, "/elsewhere").status == 404
