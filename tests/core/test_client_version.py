"""CLIENT_VERSION and USE_FUTURE_NODE_CLASSES: Lona's process-wide flags, per server here.

``lona.compat`` keeps Lona's functions and environment variables; inside a
running server its settings decide, so two apps in one process each get
their own ``HTML()``.
"""

from __future__ import annotations

import logging
import threading

import pytest

from lona import App, View
from lona.compat import (
    get_client_version,
    get_use_future_node_classes,
    set_client_version,
    set_use_future_node_classes,
)
from lona.html import HTML, HTML1, Div, Select, Select2, Span, parse_html
from lona.testing import MemoryClient


@pytest.fixture(autouse=True)
def _process_wide_flags(monkeypatch):
    """Each test starts from Lona's defaults and leaves the environment as it was."""
    monkeypatch.delenv("LONA_CLIENT_VERSION", raising=False)
    monkeypatch.delenv("LONA_USE_FUTURE_NODE_CLASSES", raising=False)


def test_lona_defaults_and_setters() -> None:
    assert get_client_version() == 1 and get_use_future_node_classes() is False
    assert isinstance(HTML(Div()), HTML1)
    set_client_version(2)
    set_use_future_node_classes(True)
    assert get_client_version() == 2 and get_use_future_node_classes() is True
    node = Div()
    assert HTML(node) is node  # HTML2: the node itself
    assert type(parse_html("<select></select>")) is Select2
    set_client_version(1)
    set_use_future_node_classes(False)
    assert isinstance(HTML(node), HTML1) and type(parse_html("<select></select>")) is Select


def test_bad_values_are_refused_as_in_lona(monkeypatch, caplog) -> None:
    with pytest.raises(RuntimeError, match="invalid client version number: 3"):
        set_client_version(3)
    with pytest.raises(RuntimeError, match="invalid value for LONA_USE_FUTURE_NODE_CLASSES"):
        set_use_future_node_classes("yes")  # type: ignore[arg-type]
    monkeypatch.setenv("LONA_CLIENT_VERSION", "7")
    monkeypatch.setenv("LONA_USE_FUTURE_NODE_CLASSES", "maybe")
    with caplog.at_level(logging.ERROR, logger="lona"):
        assert get_client_version() == 1 and get_use_future_node_classes() is False
    assert "LONA_CLIENT_VERSION=7" in caplog.text and "LONA_USE_FUTURE_NODE_CLASSES" in caplog.text


def _app(client_version: int, future: bool, seen: dict[str, object], name: str) -> App:
    app = App(__file__)
    app.settings.CLIENT_VERSION = client_version
    app.settings.USE_FUTURE_NODE_CLASSES = future

    @app.route("/")
    class Probe(View):
        def handle_request(self, request):
            html = HTML(Span(f"{name} ready"))
            seen[name] = (
                type(html),
                get_client_version(),
                type(parse_html("<select></select>")),
            )
            return html

    return app


def test_two_servers_in_one_process_follow_their_own_settings() -> None:
    seen: dict[str, object] = {}
    legacy = _app(1, False, seen, "legacy").create_server()
    modern = _app(2, True, seen, "modern").create_server()
    for server in (legacy, modern):
        server.start_in_thread()
    try:
        for server, name in ((legacy, "legacy"), (modern, "modern")):
            client = MemoryClient(server)
            client.hello()
            window = client.open("http://t/", wait_for=f"{name} ready")
            assert window.text() == f"{name} ready"
            client.close()
    finally:
        for server in (legacy, modern):
            server.stop_in_thread()
    assert seen["legacy"] == (HTML1, 1, Select)
    assert seen["modern"] == (Span, 2, Select2)
    # outside any server the process-wide value applies, untouched by both
    assert get_client_version() == 1 and isinstance(HTML(Div()), HTML1)


def test_a_thread_of_its_own_outside_a_server_uses_the_process_wide_value() -> None:
    set_client_version(2)
    results = []
    thread = threading.Thread(target=lambda: results.append(HTML(Div())))
    thread.start()
    thread.join()
    assert type(results[0]) is Div
