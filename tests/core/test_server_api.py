"""Lona's ``Server`` API (``request.server``, ``self.server``), in memory."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from lona import Route, View
from lona.html import HTML, Div
from lona.http import Headers, HttpRequest
from lona.security.sessions import AnonymousUser
from lona_conformance.helpers import eventually


class Daemon(View):
    STOP_DAEMON_WHEN_VIEW_FINISHES = False  # keeps taking windows after handle_request

    def handle_request(self, request):
        self.is_daemon = True
        return HTML(Div("daemon", _id="daemon"))


class Plain(View):
    def handle_request(self, request):
        return HTML(Div(f"plain {request.match_info.get('name', '')}", _id="plain"))


@pytest.fixture
def api(app, served, tmp_path):
    (tmp_path / "views.py").write_text("from lona import View\n\nclass FromFile(View):\n    pass\n")
    app.project_root = str(tmp_path)
    app.settings.TEMPLATE_EXTRA_CONTEXT = {"site": "Example"}
    app.add_template("page.html", "{{ site }}: {{ title }}")
    app.routes.extend(
        [
            Route("/daemon", Daemon, name="daemon"),
            Route("/plain/<name>", Plain, name="plain"),
            Route("/file", "views.py::FromFile", name="file"),
        ]
    )
    server, connect = served()
    return server, connect


def test_templates_paths_and_imports(api) -> None:
    server, _connect = api
    assert server.render_template("page.html", {"title": "Home"}) == "Example: Home"
    assert server.render_string("{{ site }} {{ 1 + x }}", {"x": 1}) == "Example 2"
    assert server.get_template("page.html").render(site="A", title="B") == "A: B"
    assert any(Path(d).name == "templates" for d in server.template_dirs)
    assert isinstance(server.static_dirs, tuple)
    assert server.resolve_path("static") == str(Path(server.project_root, "static"))
    assert server.resolve_path("/abs/path") == "/abs/path"
    from_file = server.acquire("views.py::FromFile")
    assert server.acquire("views.py::FromFile") is from_file  # loaded once
    assert server.acquire("views.py::FromFile", ignore_import_cache=True) is not from_file
    assert server.acquire("lona.View") is View and server.acquire("json").dumps([]) == "[]"
    with pytest.raises(ImportError, match="has no attribute 'Nope'"):
        server.acquire("views.py::Nope")


def test_routes_view_classes_and_reverse(api) -> None:
    server, _connect = api
    assert server.reverse("plain", name="bob") == "/plain/bob"
    assert server.reverse("plain", "alice") == "/plain/alice"
    assert server.get_view_class(route_name="daemon") is Daemon
    assert server.get_view_class(url="/plain/x") is Plain
    assert server.get_view_class(route=server.router.routes[0]) is Daemon
    assert server.get_view_class(import_string="tests.core.test_server_api.Plain") is Plain
    assert server.get_view_class(route_name="file").__name__ == "FromFile"
    assert server.get_view_class(url="/nowhere") is None
    assert server.get_view_class(route_name="nowhere") is None
    with pytest.raises(ValueError, match="too many or too few arguments given"):
        server.get_view_class()
    with pytest.raises(ValueError, match="too many or too few arguments given"):
        server.get_view_class(route_name="daemon", url="/daemon")


def test_running_views_users_and_connections(api) -> None:
    server, connect = api
    first, second = connect(), connect()
    first.open("http://t/daemon", wait_for="daemon")
    first.open("http://t/plain/a", window_id=2, wait_for="plain a")  # a second window
    second.open("http://t/plain/b", wait_for="plain b")
    [connection_1, connection_2] = sorted(server.connections(), key=lambda c: c.id)
    user = connection_1.user
    assert isinstance(user, AnonymousUser)
    assert server.get_connection_count(user) == 1
    assert server.get_connected_user_count() == 2
    assert server.get_running_views_count(user) == 2
    assert [type(view) for view in server.get_views(route_name="daemon")] == [Daemon]
    assert len(server.get_views(url="/plain/a")) == 2
    assert [type(view) for view in server.get_views(route_name="plain", user=user)] == [Plain]
    assert len(server.get_views()) == 3
    assert server.get_views(route_name="nowhere") == []
    daemon_view = server.get_views(route_name="daemon")[0]
    assert server.view_is_already_running(daemon_view.request)
    plain_view = server.get_views(route_name="plain", user=user)[0]
    assert not server.view_is_already_running(plain_view.request)
    # Lona's own tests read this to see that views are gone
    runtimes = server._view_runtime_controller._view_runtimes
    assert len(runtimes) == 3
    with pytest.raises(TypeError):
        runtimes["x"] = None  # a read-only view of the registry
    second.close()
    eventually(lambda: len(server._view_runtime_controller._view_runtimes) == 2)
    eventually(lambda: connection_2 not in server.connections())


def test_the_loop_and_the_threads(api) -> None:
    server, _connect = api

    async def on_the_loop() -> str:
        return threading.current_thread().name

    loop_thread = server.run_coroutine_sync(on_the_loop())
    assert loop_thread != threading.current_thread().name
    future = server.run_coroutine_sync(on_the_loop(), wait=False)
    assert future.result(5) == loop_thread
    assert isinstance(server.loop, asyncio.AbstractEventLoop)

    async def in_a_thread() -> tuple[str, int]:
        name = await server.run_function_async(lambda: threading.current_thread().name)
        total = await server.run_function_async(sum, [1, 2], start=3, executor_name="runtime")
        return name, total

    name, total = server.run_coroutine_sync(in_a_thread())
    assert name not in (loop_thread, threading.current_thread().name) and total == 6
    executor = server.worker_pool.get_executor("worker")
    assert executor.submit(lambda x: x * 2, 21).result(5) == 42

    async def blocks_its_own_loop() -> None:
        server.run_coroutine_sync(on_the_loop())

    with pytest.raises(RuntimeError, match="would block the loop it waits for"):
        server.run_coroutine_sync(blocks_its_own_loop())


def test_state_and_settings(api) -> None:
    server, _connect = api
    with server.state.lock:
        server.state["count"] = 1
    assert server.state == {"count": 1}
    assert server.settings.TEMPLATE_EXTRA_CONTEXT == {"site": "Example"}


def test_request_attributes_are_lonas(app, served) -> None:
    seen = {}

    @app.route("/req/<arg>")
    class Req(View):
        def handle_request(self, request):
            seen.update(
                url=request.url,
                GET=request.GET,
                POST=request.POST,
                method=request.method,
                match_info=request.match_info,
                route=request.route,
                user=request.user,
                frontend=request.frontend,
                server=request.server,
                interactive=request.interactive,
                id=request.id,
                connection=request.connection,
            )
            return HTML(Div("ok", _id="ok"))

    server, connect = served()
    connect().open("http://t/req/x?a=1&b=%20two", wait_for="ok")
    from yarl import URL

    assert isinstance(seen["url"], URL)
    assert seen["url"].path == "/req/x" and seen["url"].query["b"] == " two"
    assert seen["GET"] == {"a": "1", "b": " two"} and seen["POST"] == {}
    assert seen["method"] == "GET" and seen["match_info"] == {"arg": "x"}
    assert seen["route"] is server.router.routes[0] and seen["server"] is server
    assert isinstance(seen["user"], AnonymousUser)
    assert seen["interactive"] and not seen["frontend"]
    assert isinstance(seen["id"], str) and seen["connection"] is not None


def test_request_url_over_http_is_a_yarl_url_with_the_query_as_sent(app, served) -> None:
    urls = []

    @app.route("/plain <x>", interactive=False)
    class Http(View):
        def handle_request(self, request):
            urls.append(request.url)
            return str(dict(request.GET))

    server, _connect = served()
    answer = server.handle_http_sync(
        HttpRequest("GET", "/plain x", "q=a%26b&r=%F0%9F%99%82", headers=Headers({"Host": "h:8"}))
    )
    assert answer.status == 200
    [url] = urls
    assert str(url) == "http://h:8/plain%20x?q=a%26b&r=%F0%9F%99%82"
    assert url.path == "/plain x" and url.query["q"] == "a&b" and url.query["r"] == "🙂"
    # a Host header that is no URL authority does not break the request
    server.handle_http_sync(
        HttpRequest("GET", "/plain y", headers=Headers({"Host": "bad host[::"}))
    )
    assert urls[-1].host == "localhost"
