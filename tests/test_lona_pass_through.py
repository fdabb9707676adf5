"""Pass-through views written for Lona return aiohttp responses; every adapter serves them."""

from __future__ import annotations

import pytest

from lona_conformance.helpers import http_get
from lona_conformance.server_process import ServerProcess

SCRIPT = """
from aiohttp import web

from lona import App

app = App(__file__)


@app.route('/response', http_pass_through=True)
async def response(request):
    answer = web.Response(text='<h1>HTTP PASS THROUGH</h1>', content_type='text/html')
    answer.set_cookie('flavour', 'oat')
    return answer


@app.route('/raised', http_pass_through=True)
def raised(request):
    raise web.HTTPFound('/response')


@app.route('/crash', http_pass_through=True)
def crash(request):
    raise ValueError('a crash stays with the framework')


if __name__ == '__main__':
    app.run()
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, adapter_name):
    script = tmp_path_factory.mktemp("pass-through") / "app.py"
    script.write_text(SCRIPT)
    with ServerProcess(adapter_name, script=script) as server:
        yield server


def test_an_aiohttp_response_is_served_with_its_status_headers_and_cookies(served):
    answer = http_get(served.url + "/response")
    assert answer.status == 200, served.log_text()
    assert answer.text == "<h1>HTTP PASS THROUGH</h1>"
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert "flavour=oat" in answer.headers["set-cookie"]


def test_a_raised_aiohttp_redirect_redirects(served):
    answer = http_get(served.url + "/raised")
    assert answer.status == 302 and answer.headers["location"] == "/response"


def test_other_exceptions_are_still_the_frameworks_500(served):
    assert http_get(served.url + "/crash").status == 500
