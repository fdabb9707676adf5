"""Shared fixtures of the project's own tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from lona import App
from lona.testing import MemoryClient


@pytest.fixture
def app() -> App:
    return App(__file__)


@pytest.fixture
def served(app: App) -> Iterator[Callable[..., Any]]:
    """``served()`` starts ``app`` in memory; returns (server, connect)."""
    servers = []

    def start() -> tuple[Any, Callable[..., MemoryClient]]:
        server = app.create_server()
        server.start_in_thread()
        servers.append(server)

        def connect(**kwargs: Any) -> MemoryClient:
            client = MemoryClient(server, **kwargs)
            client.hello()
            return client

        return server, connect

    yield start
    for server in servers:
        server.stop_in_thread()
