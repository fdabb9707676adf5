"""Live views inside an existing aiohttp application, beside its own routes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lona.testing.client import ProtocolClient
from lona.testing.websocket import WebSocketClient
from lona_conformance.helpers import http_get
from lona_conformance.server_process import ServerProcess

EXAMPLE = Path(__file__).parents[2] / "examples" / "embedding" / "aiohttp_app.py"


def ScriptProcess(script: Path) -> ServerProcess:
    return ServerProcess(None, script=script)


@pytest.fixture(scope="module")
def host_app():
    with ScriptProcess(EXAMPLE) as server:
        yield server


def test_the_host_applications_own_routes_keep_working(host_app):
    index = http_get(host_app.url + "/")
    assert index.status == 200 and "Hello from aiohttp" in index.text
    assert http_get(host_app.url + "/nothing-here").status == 404  # aiohttp's own 404


def test_live_views_are_served_under_the_prefix(host_app):
    page = http_get(host_app.url + "/live/")
    assert page.status == 200 and "/live/_lona/ws" in page.text
    assert http_get(host_app.url + "/live/static/_lona/client/lona.js").status == 200
    client = ProtocolClient(WebSocketClient(host_app.url.replace("http", "ws") + "/live/_lona/ws"))
    client.hello()
    window = client.open(host_app.url + "/live/", wait_for="Count: 0")
    window.click(window.element(id="increment"))
    assert "Count: 1" in window.text()
    client.close()


@pytest.mark.browser
def test_the_embedded_view_works_in_the_browser(page, host_app):
    page.goto(host_app.url + "/live/")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")
    page.click("#second-link")
    page.wait_for_selector("text=The second live view")
    assert page.url == host_app.url + "/live/second"
    page.click("#back")
    page.wait_for_selector("#increment")


def test_the_host_stops_cleanly_on_sigterm_with_a_live_view_open():
    with ScriptProcess(EXAMPLE) as server:
        client = ProtocolClient(
            WebSocketClient(server.url.replace("http", "ws") + "/live/_lona/ws")
        )
        client.hello()
        client.open(server.url + "/live/", wait_for="Count: 0")
        assert server.stop() == 0
