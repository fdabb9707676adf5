"""The pytest plugin for testing your own views, as with Lona (``lona.pytest``).

    def setup_app(app):
        @app.route('/')
        class MyView(View):
            def handle_request(self, request):
                return HTML(H1('Hello World'))

    async def test_my_view(lona_app_context):
        context = await lona_app_context(setup_app)
        ...  # drive context.make_url('/') with Playwright, or context.client

The server is served by a real adapter (``--adapter NAME``, default aiohttp)
on a free loopback port, in a background thread, and stopped after the test.
Async tests run without any other plugin; sync tests may call the factories
without ``await``.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import runpy
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lona.app import App

__all__ = ["LonaContext", "eventually"]

FIXTURES = ("lona_app_context", "lona_project_context")


def pytest_addoption(parser: pytest.Parser) -> None:
    try:
        parser.getgroup("lona").addoption(
            "--adapter",
            action="append",
            default=[],
            metavar="NAME",
            help="adapter to serve apps under test (default aiohttp)",
        )
    except ValueError:
        pass  # lona_conformance defined it already


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run async tests that use our fixtures, unless an asyncio plugin claims them."""
    function = pyfuncitem.obj
    if not inspect.iscoroutinefunction(function):
        return None
    if not set(FIXTURES) & set(pyfuncitem.fixturenames):
        return None
    if pyfuncitem.get_closest_marker("asyncio") is not None:
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(function(**arguments))
    return True


# the server ##################################################################


class HttpResult:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    async def read(self) -> bytes:
        return self.body

    async def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    async def json(self) -> Any:
        return json.loads(self.body)


class HttpClient:
    """``await context.client.get('/')``: plain HTTP against the test server."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def request_sync(
        self,
        method: str,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> HttpResult:
        url = self.base_url.rstrip("/") + "/" + path.lstrip("/")
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return HttpResult(response.status, dict(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            return HttpResult(error.code, dict(error.headers.items()), error.read())

    async def get(self, path: str, headers: dict[str, str] | None = None) -> HttpResult:
        return await asyncio.to_thread(self.request_sync, "GET", path, None, headers)

    async def post(
        self,
        path: str,
        data: dict[str, str] | bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> HttpResult:
        if isinstance(data, dict):
            from urllib.parse import urlencode

            body: bytes | None = urlencode(data).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        else:
            body = data
        return await asyncio.to_thread(self.request_sync, "POST", path, body, headers)


class LonaContext:
    """The running test server: ``make_url``, ``server``, ``app``, ``client``, ``loop``."""

    def __init__(self, adapter: str, pytestconfig: Any) -> None:
        self.app: App | None = None  # set by start()
        self.pytestconfig = pytestconfig
        self.adapter_name = adapter
        self.server: Any = None
        self.port = 0
        self._thread: threading.Thread | None = None

    def start(self, app: App) -> LonaContext:
        from lona.adapter import load_adapter
        from lona.testing.ports import free_port

        adapter = load_adapter(self.adapter_name)
        self.app = app
        self.server = app.create_server()
        self.port = free_port()
        self._thread = threading.Thread(
            target=adapter.serve,
            args=(self.server, "127.0.0.1", self.port),
            name="lona-test-server",
            daemon=True,
        )
        self._thread.start()
        self.client = HttpClient(self.make_url())
        deadline = time.monotonic() + 30
        while not self.server.running:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"the test server did not start on {self.adapter_name}")
            time.sleep(0.01)
        self._wait_listening(deadline)
        return self

    def _wait_listening(self, deadline: float) -> None:
        import socket

        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("the test server does not accept connections")

    def stop(self) -> None:
        if self.server is not None and self._thread is not None:
            self.server.request_stop()
            self._thread.join(30)

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    @property
    def event_loop(self) -> asyncio.AbstractEventLoop:
        return self.loop

    def make_url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def __await__(self) -> Any:
        # ``await lona_app_context(setup_app)`` (Lona's style) and the plain call both work
        yield from asyncio.sleep(0).__await__()
        return self


def _adapter_name(pytestconfig: Any) -> str:
    names = [
        name.strip()
        for option in pytestconfig.getoption("adapter", None) or []
        for name in option.split(",")
        if name.strip()
    ]
    return names[0] if names else "aiohttp"


@pytest.fixture
def lona_app_context(
    request: pytest.FixtureRequest, pytestconfig: Any
) -> Iterator[Callable[..., LonaContext]]:
    contexts: list[LonaContext] = []
    default_root = str(Path(str(request.node.fspath)).parent)

    def start(setup_app: Callable[[App], Any], project_root: str = "") -> LonaContext:
        app = App(str(Path(project_root or default_root, "__test__.py")))
        setup_app(app)
        return _started(contexts, app, pytestconfig)

    yield start
    for context in contexts:
        context.stop()


@pytest.fixture
def lona_project_context(pytestconfig: Any) -> Iterator[Callable[..., LonaContext]]:
    contexts: list[LonaContext] = []

    def start(
        project_root: str = "",
        settings: list[str] | None = None,
        settings_pre_overrides: dict[str, Any] | None = None,
        settings_post_overrides: dict[str, Any] | None = None,
    ) -> LonaContext:
        app = load_project(
            project_root or ".",
            settings or [],
            settings_pre_overrides or {},
            settings_post_overrides or {},
        )
        return _started(contexts, app, pytestconfig)

    yield start
    for context in contexts:
        context.stop()


def _started(contexts: list[LonaContext], app: App, pytestconfig: Any) -> LonaContext:
    """A test server for ``app``, stopped with the fixture (registered first)."""
    context = LonaContext(_adapter_name(pytestconfig), pytestconfig)
    contexts.append(context)
    return context.start(app)


def load_project(
    project_root: str, settings_files: list[str], pre: dict[str, Any], post: dict[str, Any]
) -> App:
    """A Lona project: settings files run in order; ROUTING_TABLE names the routes."""
    from lona.imports import acquire

    root = Path(project_root).resolve()
    app = App(str(root / "__project__.py"))
    app.settings.update(pre)
    for settings_file in settings_files:
        values = runpy.run_path(
            str(root / settings_file),
            init_globals=dict((name, app.settings.get(name)) for name in app.settings),
        )
        app.settings.update(
            {k: v for k, v in values.items() if k.isupper() and not k.startswith("_")}
        )
    app.settings.update(post)
    table = app.settings.ROUTING_TABLE
    if table:
        app.routes.extend(acquire(table, root) if isinstance(table, str) else table)
    return app


# eventually ##################################################################


class _Attempt:
    def __init__(self, last: bool) -> None:
        self.last = last
        self.succeeded = False

    def __enter__(self) -> _Attempt:
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> bool:
        if kind is None:
            self.succeeded = True
            return False
        return issubclass(kind, AssertionError) and not self.last

    async def __aenter__(self) -> _Attempt:
        return self

    async def __aexit__(self, kind: Any, error: Any, traceback: Any) -> bool:
        return self.__exit__(kind, error, traceback)


def eventually(timeout: float = 5, interval: float = 1) -> Iterator[_Attempt]:
    """Retry an assertion until it holds or ``timeout`` seconds passed::

    for attempt in eventually():
        async with attempt:  # or: with attempt:
            assert await page.inner_text('#count') == '2'
    """
    deadline = time.monotonic() + timeout
    while True:
        attempt = _Attempt(last=time.monotonic() + interval > deadline)
        yield attempt
        if attempt.succeeded or attempt.last:
            return
        time.sleep(interval)
