"""--live-reload: a changed file restarts the server and open pages reload themselves,
on every adapter."""

from __future__ import annotations

import socket

import pytest

from lona_conformance.server_process import ServerProcess

APP = """
from lona import App, View
from lona.html import HTML, H1

app = App(__file__)


@app.route("/")
class Index(View):
    def handle_request(self, request):
        return HTML(H1("version 1", _id="version"))


if __name__ == "__main__":
    app.run()
"""


@pytest.mark.browser
def test_a_changed_file_restarts_the_server_and_reloads_open_pages(page, tmp_path, adapter_name):
    script = tmp_path / "app.py"
    script.write_text(APP)
    server = ServerProcess(adapter_name, script=script, args=["--live-reload"])
    try:
        server.start()
        page.goto(server.url)
        page.wait_for_selector("#version:text-is('version 1')")
        page.evaluate("window.marker = 'before'")
        script.write_text(APP.replace("version 1", "version 2"))
        page.wait_for_selector("#version:text-is('version 2')", timeout=20_000)
        assert page.evaluate("window.marker") is None  # the page reloaded itself
        assert server.stop() == 0
    finally:
        server.close()
    with socket.socket() as probe:  # no orphaned child still holds the port
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", server.port))
