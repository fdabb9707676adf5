"""The pytest plugin behind ``pytest --pyargs lona_conformance --adapter NAME``.

``--adapter`` may be given several times or as a comma separated list;
without it every installed adapter (entry point group ``lona.adapters``) is
tested.  An adapter that is named or registered but fails to start is an
error, never a skip, so a broken adapter can not shrink the matrix silently.

Fixtures (usable by any test suite, also a third-party adapter's own):

* ``adapter_name``: parametrized over the selected adapters (module scope);
* ``lona_server``: the conformance app served by that adapter in a child
  process, shared by the tests of one module;
* ``fresh_server``: the same, started for one test only (restarts, kills);
* ``protocol``: a factory of protocol clients connected to ``lona_server``;
* ``browser`` (one Chromium per session) and ``page`` (a fresh context per test).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from lona_conformance.browser import CHROMIUM_ARGS, chromium_path
from lona_conformance.server_process import ServerProcess


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("lona", "lona adapter conformance")
    try:
        group.addoption(
            "--adapter",
            action="append",
            default=[],
            metavar="NAME",
            help="adapter(s) to test: an entry point name or module:Class (default: all)",
        )
    except ValueError:
        pass  # lona.pytest defined it already


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")
    config.addinivalue_line(
        "markers",
        "request_body: sends HTTP request bodies; an adapter whose server reads none "
        "(a minimal one) may deselect these with -m 'not request_body'",
    )


def selected_adapters(config: pytest.Config) -> list[str]:
    names = [
        name.strip()
        for option in config.getoption("adapter") or []
        for name in option.split(",")
        if name.strip()
    ]
    if names:
        return list(dict.fromkeys(names))
    from lona.adapter import available_adapters

    installed = sorted(available_adapters())
    if not installed:
        # an empty parameter list would turn every test into a skip
        raise pytest.UsageError(
            "no lona adapter is installed: install one (pip install 'lona-live[aiohttp]') "
            "or name one with --adapter"
        )
    return installed


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "adapter_name" in metafunc.fixturenames:
        names = selected_adapters(metafunc.config)
        metafunc.parametrize("adapter_name", names, scope="module", ids=names)


def _started(adapter_name: str) -> ServerProcess:
    server = ServerProcess(adapter_name)
    try:
        server.start()
    except Exception:
        server.close()
        raise
    return server


@pytest.fixture(scope="module")
def lona_server(adapter_name: str) -> Iterator[ServerProcess]:
    server = _started(adapter_name)
    yield server
    server.close()


@pytest.fixture
def fresh_server(adapter_name: str) -> Iterator[ServerProcess]:
    server = _started(adapter_name)
    yield server
    server.close()


@pytest.fixture
def server_with(adapter_name: str) -> Iterator[Callable[..., ServerProcess]]:
    """``server_with(SETTING=value, ...)``: the conformance app with other settings."""
    servers: list[ServerProcess] = []

    def start(**settings: Any) -> ServerProcess:
        server = ServerProcess(
            adapter_name, env={"LONA_CONFORMANCE_SETTINGS": json.dumps(settings)}
        )
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def protocol(lona_server: ServerProcess) -> Iterator[Callable[..., Any]]:
    """``protocol()`` -> a ProtocolClient that has said HELLO, like a loaded page.

    It loads a page first (in the session of a Cookie in ``headers``, or a new
    one) for the page token; ``page=False`` skips that, as a forged client would.
    """
    from lona.testing.client import ProtocolClient
    from lona.testing.pages import page_session
    from lona.testing.websocket import WebSocketClient

    clients: list[ProtocolClient] = []

    def connect(
        server: ServerProcess | None = None,
        headers: dict[str, str] | None = None,
        hello: bool = True,
        page: bool = True,
    ) -> ProtocolClient:
        target = server or lona_server
        token = None
        if page:
            headers, token = page_session(target.url, "/", headers)
        client = ProtocolClient(WebSocketClient(target.ws_url, headers=headers), token)
        clients.append(client)
        if hello:
            client.hello()
        return client

    yield connect
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = chromium_path()
        instance = playwright.chromium.launch(
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
