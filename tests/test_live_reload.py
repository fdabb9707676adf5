"""--live-reload: a changed file restarts the server and open pages reload themselves,
on every adapter."""

from __future__ import annotations

import socket
from contextlib import contextmanager

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


@contextmanager
def live_reloaded(script, adapter_name, page):
    """APP at ``script`` served with --live-reload, open in ``page``; stopped after."""
    script.write_text(APP)
    server = ServerProcess(adapter_name, script=script, args=["--live-reload"])
    try:
        server.start()
        page.goto(server.url)
        page.wait_for_selector("#version:text-is('version 1')")
        yield server
    finally:
        server.close()


@pytest.mark.browser
def test_a_changed_file_restarts_the_server_and_reloads_open_pages(page, tmp_path, adapter_name):
    script = tmp_path / "app.py"
    with live_reloaded(script, adapter_name, page) as server:
        page.evaluate("window.marker = 'before'")
        script.write_text(APP.replace("version 1", "version 2"))
        page.wait_for_selector("#version:text-is('version 2')", timeout=20_000)
        assert page.evaluate("window.marker") is None  # the page reloaded itself
        assert server.stop() == 0
    with socket.socket() as probe:  # no orphaned child still holds the port
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", server.port))


def test_only_the_apps_code_templates_and_static_files_are_watched(tmp_path):
    from watchfiles import Change

    from lona.settings import Settings
    from lona.standalone.live_reload_files import CodeFilter, watched_roots

    settings = Settings()
    settings.STATIC_DIRS = ["assets", "../shared-static"]
    (tmp_path / "project").mkdir()
    (tmp_path / "shared-static").mkdir()
    root = tmp_path / "project"
    watched = CodeFilter(str(root), settings, [str(tmp_path / "conf" / "settings.cfg")])

    def counts(path):
        return watched(Change.modified, str(path))

    for code in ("app.py", "views/index.py", "templates/page.html", "static/site.css", "x.js"):
        assert counts(root / code), code
    assert counts(root / "assets" / "logo.png")  # anything in a static folder
    assert counts(tmp_path / "shared-static" / "font.woff2")
    assert counts(tmp_path / "conf" / "settings.cfg")  # a settings file it names
    for data in ("data.db", "data.db-journal", "app.log", "uploads/photo.jpg", "notes.txt"):
        assert not counts(root / data), data
    for ignored in (".git/index", ".venv/lib/x.py", "__pycache__/app.cpython-311.pyc", "app.py~"):
        assert not counts(root / ignored), ignored
    roots = watched_roots(str(root), settings)
    assert roots == [root.resolve(), (tmp_path / "shared-static").resolve()]


def test_the_log_names_the_changed_files(tmp_path):
    from watchfiles import Change

    from lona.standalone.live_reload_files import describe_changes

    changes = {
        (Change.modified, str(tmp_path / "app.py")),
        (Change.added, str(tmp_path / "templates" / "new.html")),
        (Change.deleted, str(tmp_path / "old.py")),
    }
    assert describe_changes(changes, str(tmp_path)) == (
        "app.py, old.py (deleted), templates/new.html (new)"
    )
    many = {(Change.modified, str(tmp_path / f"m{i}.py")) for i in range(8)}
    assert describe_changes(many, str(tmp_path)) == "m0.py, m1.py, m2.py, m3.py, m4.py and 3 more"


def test_the_error_of_a_server_that_did_not_start_is_its_last_traceback():
    from lona.standalone.reload_error_server import error_text

    output = "INFO serving\nTraceback (most recent call last):\n  old\nOSError: x\nINFO\n"
    output += 'Traceback (most recent call last):\n  File "app.py", line 3\nNameError: y'
    assert error_text(output) == (
        'Traceback (most recent call last):\n  File "app.py", line 3\nNameError: y'
    )
    syntax = '  File "/p/app.py", line 3\n    x = (\n        ^\nSyntaxError: was never closed'
    assert error_text("INFO a\n" + syntax) == "INFO a\n" + syntax
    assert error_text("") == "the server exited without saying why"


@pytest.mark.browser
def test_a_failed_reload_shows_its_error_in_the_page_until_fixed(
    page, browser, tmp_path, adapter_name
):
    script = tmp_path / "app.py"
    with live_reloaded(script, adapter_name, page) as server:
        (tmp_path / "data.db").write_bytes(b"written by a view: no restart")
        script.write_text(APP.replace('H1("version 1"', 'H1("version 1" +'))  # a syntax error
        panel = page.wait_for_selector("#lona-debug[data-kind='reload']", timeout=20_000)
        assert "SyntaxError" in panel.inner_text()
        assert "The server did not start after your change" in panel.inner_text()
        # a page loaded meanwhile shows the error instead of "connection refused"
        other = browser.new_page()
        answer = other.goto(server.url + "/")
        assert answer.status == 503
        assert "SyntaxError" in other.inner_text("#lona-reload-error")
        script.write_text(APP.replace("version 1", "version 3"))
        page.wait_for_selector("#version:text-is('version 3')", timeout=20_000)
        other.wait_for_selector("#version:text-is('version 3')", timeout=20_000)
        assert page.query_selector("#lona-debug") is None
        other.close()
        assert server.stop() == 0
        log = server.log_text()
        assert "changed: app.py; restarting" in log
        assert "data.db" not in log
        assert "the server exited with code 1" in log
