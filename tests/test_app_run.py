"""``app.run(**options)`` with Lona's keywords, and frontend views, on every adapter."""

from __future__ import annotations

import json

import pytest

from lona_conformance.helpers import http_get
from lona_conformance.server_process import ServerProcess

SCRIPT = """
from lona import App, JsonResponse, TemplateResponse, View
from lona.html import HTML, H1

app = App(__file__)
app.settings.MARK = 'app'


@app.route('/settings', interactive=False)
class Settings(View):
    def handle_request(self, request):
        settings = self.server.settings
        return JsonResponse({
            'mark': settings.MARK,
            'pre': settings.get('PRE'),
            'post': settings.get('POST'),
            'shutdown_timeout': settings.SHUTDOWN_TIMEOUT,
        })


@app.frontend_view
class Frontend(View):
    def handle_request(self, request):
        settings = request.server.settings
        return TemplateResponse(
            settings.FRONTEND_TEMPLATE,
            {'request': request},
            headers={'X-Frontend': f'custom {request.frontend} {request.url.path}'},
        )


class Bare(View):
    def handle_request(self, request):
        return '<p id="bare">a page without the client</p>'


class Crashing(View):
    def handle_request(self, request):
        raise RuntimeError('the frontend view crashed')


@app.route('/')
class Live(View):
    def handle_request(self, request):
        return HTML(H1('live in a custom frontend', _id='live'))


@app.route('/bare', frontend_view=Bare)
class BareRoute(Live):
    pass


@app.route('/crash', frontend_view=Crashing)
class CrashRoute(Live):
    pass


if __name__ == '__main__':
    app.run(
        host='localhost',
        port=8080,
        shutdown_timeout=3,
        log_level='warn',
        loggers=['_lona.http'],
        debug_mode='',
        syslog_priorities='auto',
        shell=True,
        shell_server_url='',
        settings_pre_overrides={'PRE': 'pre', 'MARK': 'pre'},
        settings_post_overrides={'POST': 'post'},
        frobnicate=1,
    )
"""


@pytest.fixture(scope="module")
def script(tmp_path_factory):
    path = tmp_path_factory.mktemp("app-run") / "app.py"
    path.write_text(SCRIPT)
    return path


@pytest.fixture(scope="module")
def served(script, adapter_name):
    with ServerProcess(adapter_name, script=script, args=["-O", "MARK='command line'"]) as server:
        yield server


def test_lonas_keywords_are_honoured_or_logged_never_an_error(served):
    answer = http_get(served.url + "/settings")
    assert answer.status == 200, served.log_text()
    assert json.loads(answer.body) == {
        "mark": "command line",  # the command line wins over the keywords
        "pre": "pre",
        "post": "post",
        "shutdown_timeout": 3,
    }
    log = served.log_text()
    assert "shell=True has no meaning in lona-live and is ignored" in log
    assert "unknown run options ignored: frobnicate" in log


def test_loggers_hides_the_loggers_it_names(served):
    # a refused request is logged (a warning) by lona.http, which loggers=['_lona.http'] hides
    assert http_get(served.url + "/settings?bad=%ff").status == 400
    page = http_get(served.url + "/crash")  # logged by lona.views, which shows
    assert page.status == 200
    log = served.log_text()
    assert "the frontend view crashed" in log
    assert "400 for GET" not in log


def test_a_frontend_view_renders_the_page(served):
    page = http_get(served.url + "/")
    assert page.status == 200
    assert page.headers["x-frontend"] == "custom True /"
    assert "live in a custom frontend" in page.text  # the view's first content is in it
    bare = http_get(served.url + "/bare")
    assert bare.text == '<p id="bare">a page without the client</p>'
    assert "x-frontend" not in bare.headers  # the route's own frontend view wins


def test_a_crashing_frontend_view_falls_back_to_the_default_page(served):
    page = http_get(served.url + "/crash")
    assert page.status == 200 and "live in a custom frontend" in page.text
    assert "the frontend view crashed" in served.log_text()


@pytest.mark.browser
def test_the_client_runs_in_a_page_a_frontend_view_rendered(served, page):
    page.goto(served.url + "/")
    page.wait_for_selector("#live:has-text('live in a custom frontend')")
    page.wait_for_function("window.lona_context !== undefined")
