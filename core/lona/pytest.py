"""The pytest plugin for testing your own views, as with Lona (``lona.pytest``).

    def setup_app(app):
        @app.route('/')
        class MyView(View):
            def handle_request(self, request):
                return HTML(H1('Hello World'))

    async def test_my_view(lona_app_context):
        context = await lona_app_context(setup_app)
        response = await context.client.get('/')
        ...  # or drive context.make_url('/') with Playwright

Fixtures (Lona's signatures): ``lona_app_context(setup_app, project_root='')``
and ``lona_project_context(project_root='', settings=None,
settings_pre_overrides=None, settings_post_overrides=None)``.  Both give a
``LonaContext`` with ``client`` (aiohttp's ``TestClient`` interface,
``lona.testing.http_client``), ``app``, ``server``, ``event_loop``,
``pytestconfig``, ``make_url(path)`` and ``debug_interactive()``.

The server is served by a real adapter (``--adapter NAME``, default aiohttp)
on a free loopback port, in a thread of its own, and stopped after the test.
Async tests run without any other plugin, and under pytest-asyncio (any
mode) and pytest-aiohttp alike; sync tests may call the factories without
``await``.
"""

from __future__ import annotations

import asyncio
import code
import inspect
import socket
import threading
import time
import webbrowser as _webbrowser
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from lona.app import App
from lona.cli.project import load_project
from lona.testing.http_client import TestClient

__all__ = ["LonaContext", "eventually", "load_project"]

FIXTURES = ("lona_app_context", "lona_project_context")
START_TIMEOUT = 30.0


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
        return None  # pytest-asyncio (or pytest-aiohttp through it) runs it
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(function(**arguments))
    return True


# the context #################################################################


class LonaContext:
    """The running test server of one ``lona_app_context``/``lona_project_context`` call."""

    def __init__(self, adapter: str, pytestconfig: Any) -> None:
        self.adapter_name = adapter
        self.pytestconfig = pytestconfig
        self.app: App | None = None
        self.server: Any = None
        self.port = 0
        self.client = TestClient("http://127.0.0.1:0")
        try:
            self.event_loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            self.event_loop = None
        self._thread: threading.Thread | None = None

    def start(self, app: App) -> LonaContext:
        from lona.adapter import load_adapter
        from lona.testing.ports import free_port

        adapter = load_adapter(self.adapter_name)
        self.app = app
        self.server = app.setup_server()
        self.port = free_port()
        self.client = TestClient(f"http://127.0.0.1:{self.port}")
        self._thread = threading.Thread(
            target=adapter.serve,
            args=(self.server, "127.0.0.1", self.port),
            name="lona-test-server",
            daemon=True,
        )
        self._thread.start()
        self._wait_until_serving(time.monotonic() + START_TIMEOUT)
        return self

    def _wait_until_serving(self, deadline: float) -> None:
        assert self._thread is not None
        while not self.server.running:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"the test server did not start on {self.adapter_name}")
            time.sleep(0.01)
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
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The test's event loop (Lona documents ``loop``; its attribute is ``event_loop``)."""
        return self.event_loop

    def make_url(self, path: str = "") -> str:
        """The absolute URL of ``path`` on the test server."""
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def debug_interactive(
        self, webbrowser: bool = True, sync: bool = False, globals: dict[str, Any] | None = None
    ) -> Future[None] | asyncio.Future[None] | None:
        """Pause the test in a Python shell (and open a browser on the test server)."""
        capture = self.pytestconfig.pluginmanager.getplugin("capturemanager")

        def interact() -> None:
            try:
                if capture is not None:
                    capture.suspend_global_capture(in_=True)
                if webbrowser:
                    _webbrowser.open(self.make_url())
                namespace = {"server": self.server, "lona_context": self, **(globals or {})}
                code.interact(banner=f"lona test server on {self.make_url()}", local=namespace)
            finally:
                if capture is not None:
                    capture.resume_global_capture()

        if sync:
            interact()
            return None
        loop = self.event_loop or asyncio.get_event_loop()
        return loop.run_in_executor(None, interact)

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


def _started(contexts: list[LonaContext], app: App, pytestconfig: Any) -> LonaContext:
    """A test server for ``app``, stopped with the fixture (registered first)."""
    context = LonaContext(_adapter_name(pytestconfig), pytestconfig)
    contexts.append(context)
    return context.start(app)


# the fixtures ################################################################


@pytest.fixture
def lona_app_context(
    request: pytest.FixtureRequest, pytestconfig: Any
) -> Iterator[Callable[..., LonaContext]]:
    """``lona_app_context(setup_app, project_root='')``: an app made by ``setup_app``.

    As in Lona, ``project_root`` is used like ``App(project_root)`` uses its
    argument: the project root is the directory of that path (default: the
    test file, so its directory)."""
    contexts: list[LonaContext] = []

    def start(setup_app: Callable[[App], Any], project_root: str = "") -> LonaContext:
        app = App(str(project_root or request.node.fspath))
        setup_app(app)
        return _started(contexts, app, pytestconfig)

    yield start
    for context in contexts:
        context.stop()


@pytest.fixture
def lona_project_context(
    request: pytest.FixtureRequest, pytestconfig: Any
) -> Iterator[Callable[..., LonaContext]]:
    """``lona_project_context(project_root='', settings=None, settings_pre_overrides=None,
    settings_post_overrides=None)``: a Lona project (default root: the test's directory)."""
    contexts: list[LonaContext] = []

    def start(
        project_root: str = "",
        settings: list[str] | None = None,
        settings_pre_overrides: dict[str, Any] | None = None,
        settings_post_overrides: dict[str, Any] | None = None,
    ) -> LonaContext:
        app = load_project(
            project_root or str(Path(str(request.node.fspath)).parent),
            settings or [],
            settings_pre_overrides or {},
            settings_post_overrides or {},
        )
        return _started(contexts, app, pytestconfig)

    yield start
    for context in contexts:
        context.stop()


# eventually ##################################################################


class _Attempt:
    """One try of ``eventually``: a (sync or async) context manager that
    swallows the exception of a failed try until the time is up."""

    def __init__(self, deadline: float, interval: float) -> None:
        self.deadline = deadline
        self.interval = interval
        self.used = False
        self.succeeded = False

    def _outcome(self, error: BaseException | None) -> bool:
        """Whether to swallow ``error``: only an Exception, and only before the deadline."""
        self.used = True
        if error is None:
            self.succeeded = True
            return False
        return isinstance(error, Exception) and time.monotonic() <= self.deadline

    def __enter__(self) -> _Attempt:
        return self

    def __exit__(self, kind: Any, error: BaseException | None, traceback: Any) -> bool:
        swallowed = self._outcome(error)
        if swallowed:
            time.sleep(self.interval)
        return swallowed

    async def __aenter__(self) -> _Attempt:
        return self

    async def __aexit__(self, kind: Any, error: BaseException | None, traceback: Any) -> bool:
        swallowed = self._outcome(error)
        if swallowed:
            await asyncio.sleep(self.interval)
        return swallowed


def eventually(timeout: float = 5, interval: float = 1) -> Iterator[_Attempt]:
    """Retry a block until it raises nothing, for ``timeout`` seconds::

        for attempt in eventually():
            async with attempt:  # or: with attempt:
                assert await page.inner_text('#count') == '2'

    Every failed try but the last is swallowed (as in Lona: any exception),
    followed by a pause of ``interval`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        attempt = _Attempt(deadline, interval)
        yield attempt
        if not attempt.used:
            raise SyntaxError("context manager must be used")
        if attempt.succeeded:
            return
