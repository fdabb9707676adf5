"""Errors you can see and feedback while waiting (issue 17, points 2 and 3), in Chromium.

Debug mode shows a handler's or a view's exception over the page and keeps
the view running; without it a crash shows the 500 view, as in Lona.  The
element that fired an event is busy until the server handled it, may disable
itself meanwhile, and a progress indicator shows after a delay.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from lona_conformance.server_process import ServerProcess

pytestmark = pytest.mark.browser

APP = '''
import threading

from lona import App, View
from lona.html import HTML, H1, Button, Div, Span

app = App(__file__)
app.add_template("lona_style.html", """<html><head><meta charset="utf-8"></head><body>
<div id="lona"></div>
{{ Lona.load_scripts() }}
<script>
  window.addEventListener('load', () => {
    const lona_context = new Lona.LonaContext({target: '#lona', title: 'Lona'});
    lona_context.setup();
  });
</script></body></html>""")
release = threading.Semaphore(0)


@app.route("/")
class Index(View):
    def handle_request(self, request):
        self.count = Span("0", _id="count")
        self.note = Div("", _id="note")
        self.saved = 0
        return HTML(
            H1("Index"),
            self.count,
            self.note,
            Button("+1", _id="increment", handle_click=self.increment),
            Button("Save", _id="save", handle_click=self.save, data_lona_disable_with="Saving…"),
            Button("Slow", _id="slow", handle_click=self.save),
            Button("Boom", _id="boom", handle_click=self.boom),
        )

    def increment(self, input_event):
        self.count.set_text(int(self.count.get_text()) + 1)

    def save(self, input_event):
        release.acquire(timeout=30)
        self.saved += 1
        self.note.set_text(f"saved {self.saved}")

    def boom(self, input_event):
        self.note.set_text("changed before the error")
        {}["no such key"]


@app.route("/release", interactive=False)
class Release(View):
    def handle_request(self, request):
        release.release()
        return "released"


@app.route("/crash")
class Crash(View):
    def handle_request(self, request):
        self.show(HTML(H1("partial", _id="partial")))
        raise ValueError("handle_request broke")


@app.route("/crash-empty")
class CrashEmpty(View):
    def handle_request(self, request):
        raise ValueError("nothing shown")


@app.route("/http-crash", interactive=False)
class HttpCrash(View):
    def handle_request(self, request):
        raise LookupError("<b>not markup</b>")


if __name__ == "__main__":
    app.run()
'''


def _server(adapter_name, tmp_path_factory, *args):
    folder = tmp_path_factory.mktemp("dx-app")
    (folder / "app.py").write_text(APP)
    server = ServerProcess(adapter_name, script=folder / "app.py", args=list(args))
    server.start()
    return server


@pytest.fixture(scope="module")
def debug_server(adapter_name, tmp_path_factory):
    server = _server(adapter_name, tmp_path_factory, "--debug")
    yield server
    server.close()


@pytest.fixture(scope="module")
def plain_server(adapter_name, tmp_path_factory):
    server = _server(adapter_name, tmp_path_factory)
    yield server
    server.close()


def _release(server):
    assert urllib.request.urlopen(server.url + "/release").read() == b"released"


def test_debug_mode_shows_a_handler_error_over_the_page_and_the_view_runs_on(page, debug_server):
    page.goto(debug_server.url + "/")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")
    page.click("#boom")
    panel = page.wait_for_selector("#lona-debug[data-kind='error']")
    assert "KeyError: 'no such key'" in panel.inner_text()
    assert "in a click event handler of Index" in panel.inner_text()
    traceback = page.inner_text("#lona-debug pre")
    assert traceback.startswith("Traceback (most recent call last):")
    assert 'app.py", line' in traceback and "in boom" in traceback
    assert "lona/runtime" not in traceback  # the framework's frames are left out
    # the page keeps its state, with what the handler changed before it raised
    page.wait_for_selector("#note:text-is('changed before the error')")
    assert page.inner_text("#count") == "1"
    page.click("#increment")  # the view runs on
    page.wait_for_selector("#count:text-is('2')")
    page.keyboard.press("Escape")
    page.wait_for_selector("#lona-debug", state="detached")
    assert "crashed in a click event handler" in debug_server.log_text()
    assert "debug mode is on" in debug_server.log_text()


def test_without_debug_mode_a_handler_error_shows_the_500_view_as_in_lona(page, plain_server):
    page.goto(plain_server.url + "/")
    page.click("#boom")
    page.wait_for_selector("[data-lona-error='500']")
    assert page.query_selector("#lona-debug") is None
    assert "debug mode" not in plain_server.log_text()


def test_debug_mode_keeps_what_a_crashing_view_showed_and_reports_it(page, debug_server):
    page.goto(debug_server.url + "/crash")
    panel = page.wait_for_selector("#lona-debug")
    assert "ValueError: handle_request broke" in panel.inner_text()
    assert "in Crash.handle_request" in panel.inner_text()
    assert page.inner_text("#partial") == "partial"
    page.goto(debug_server.url + "/crash-empty")
    panel = page.wait_for_selector("#lona-debug")
    assert "ValueError: nothing shown" in panel.inner_text()
    page.wait_for_selector("[data-lona-error='500']")  # it showed nothing: the 500 view


def test_debug_mode_answers_a_crashing_http_view_with_its_traceback(debug_server, plain_server):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(debug_server.url + "/http-crash")
    assert answer.value.code == 500
    body = answer.value.read().decode()
    assert "LookupError: &lt;b&gt;not markup&lt;/b&gt;" in body and "<b>" not in body
    assert "Traceback (most recent call last):" in body and "in handle_request" in body
    with pytest.raises(urllib.error.HTTPError) as plain:
        urllib.request.urlopen(plain_server.url + "/http-crash")
    assert plain.value.code == 500 and "Traceback" not in plain.value.read().decode()


def test_the_element_that_fired_is_busy_and_can_disable_itself_meanwhile(page, plain_server):
    page.goto(plain_server.url + "/")
    page.click("#save")
    save = page.wait_for_selector("#save.lona-pending[aria-busy='true'][aria-disabled='true']")
    assert save.inner_text() == "Saving…"
    page.wait_for_selector("#lona-progress:not([hidden])")
    assert page.evaluate("document.documentElement.classList.contains('lona-progress')")
    page.click("#save", force=True)  # ignored while its event runs
    _release(plain_server)
    page.wait_for_selector("#note:text-is('saved 1')")
    page.wait_for_selector("#save:not(.lona-pending):not([aria-busy]):not([aria-disabled])")
    assert page.inner_text("#save") == "Save"
    page.wait_for_selector("#lona-progress", state="hidden")
    # an element without data-lona-disable is busy too, and takes more clicks
    page.click("#slow")
    page.wait_for_selector("#slow.lona-pending[aria-busy='true']:not([aria-disabled])")
    page.click("#slow")
    _release(plain_server)
    _release(plain_server)
    page.wait_for_selector("#note:text-is('saved 3')")  # the refused click never arrived
    page.wait_for_selector("#slow:not(.lona-pending)")


def test_a_frontend_template_brings_its_own_progress_indicator(page, adapter_name, tmp_path):
    (tmp_path / "templates" / "lona").mkdir(parents=True)
    (tmp_path / "templates" / "lona" / "progress.html").write_text(
        '<p id="lona-progress" hidden>Working hard…</p>'
    )
    (tmp_path / "app.py").write_text(
        APP.replace(
            "app = App(__file__)", "app = App(__file__)\napp.settings.TEMPLATE_DIRS = ['templates']"
        )
    )
    with ServerProcess(adapter_name, script=tmp_path / "app.py") as server:
        page.goto(server.url + "/")
        page.click("#slow")
        page.wait_for_selector("#lona-progress:text-is('Working hard…'):visible")
        _release(server)
        page.wait_for_selector("#lona-progress", state="hidden")


def test_a_lona_style_template_gets_the_default_progress_indicator(page, adapter_name, tmp_path):
    (tmp_path / "app.py").write_text(APP)
    args = ["-o", "FRONTEND_TEMPLATE='lona_style.html'"]
    with ServerProcess(adapter_name, script=tmp_path / "app.py", args=args) as server:
        page.goto(server.url + "/")
        page.click("#slow")
        bar = page.wait_for_selector("#lona-progress:not([hidden])")
        assert bar.bounding_box()["height"] > 0  # the client linked its stylesheet itself
        _release(server)
        page.wait_for_selector("#note:text-is('saved 1')")
        page.wait_for_selector("#lona-progress", state="hidden")
