"""Every response type over plain HTTP, and the ones interactive views refuse."""

from __future__ import annotations

import json

import pytest

from lona_conformance.helpers import http_get
from lona_conformance.raw_http import multipart_body


def get(server, path, **kwargs):
    return http_get(server.url + path, **kwargs)


def test_html_responses_carry_their_headers(lona_server):
    page = get(lona_server, "/http/html")
    assert page.status == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["x-conformance"] == "html"
    assert page.text == "<h1 id='html'>html</h1>"


def test_plain_responses_carry_status_content_type_and_headers(lona_server):
    teapot = get(lona_server, "/http/teapot")
    assert teapot.status == 418
    assert teapot.headers["content-type"] == "text/plain; charset=utf-8"
    assert teapot.headers["x-conformance"] == "teapot"
    assert teapot.text == "short and stout"
    assert "no-store" not in teapot.headers.get("cache-control", "")  # own headers replace it


def test_binary_and_charset_responses_arrive_byte_for_byte(lona_server):
    binary = get(lona_server, "/http/binary")
    assert binary.status == 200 and binary.body == bytes(range(256))
    assert binary.headers["content-type"] == "application/octet-stream"
    latin = get(lona_server, "/http/latin-1")
    assert latin.body == "café".encode("latin-1")
    assert latin.headers["content-type"] == "text/plain; charset=latin-1"


def test_json_responses(lona_server):
    answer = get(lona_server, "/http/json")
    assert answer.status == 201
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(answer.body) == {"numbers": [1, 2], "text": "é"}


def test_file_responses_stream_the_file_with_its_type(lona_server):
    answer = get(lona_server, "/http/file")
    assert answer.status == 200 and answer.body == b"a public file\n"
    assert answer.headers["content-type"] == "text/plain; charset=utf-8"
    assert answer.headers["content-length"] == str(len(b"a public file\n"))
    typed = get(lona_server, "/http/file-typed")
    assert typed.headers["content-type"] == "application/x-conformance"
    assert get(lona_server, "/http/file-missing").status == 404


def test_redirect_responses_are_302_over_http(lona_server):
    for path in ("/http/redirect", "/http/http-redirect"):
        answer = get(lona_server, path)
        assert answer.status == 302
        assert answer.headers["location"] == "/http/html"


def test_none_a_node_tree_and_an_async_view(lona_server):
    empty = get(lona_server, "/http/none")
    assert empty.status == 200 and empty.body == b""
    node = get(lona_server, "/http/node")
    assert node.status == 200 and 'id="node"' in node.text and "over HTTP" in node.text
    answer = get(lona_server, "/http/async")
    assert json.loads(answer.body) == {"async": True, "path": "/http/async"}


@pytest.mark.parametrize(
    ("kind", "status", "expected"),
    [
        ("template_string", 200, "<p id='dict'>dict</p>"),
        ("json", 200, '{"from": "dict"}'),
        ("text", 200, "plain from dict"),
        ("file", 200, "a public file\n"),
        ("redirect", 302, ""),
        ("http_redirect", 302, ""),
    ],
)
def test_deprecated_dict_responses_keep_working(lona_server, kind, status, expected):
    answer = get(lona_server, f"/http/dict/{kind}")
    assert answer.status == status
    assert answer.text == expected


def test_templates_escape_values_and_see_extra_context_and_filters(lona_server):
    answer = get(lona_server, "/http/template")
    assert answer.status == 200
    assert '<h1 id="template">from a template</h1>' in answer.text
    assert "&lt;b&gt;bold&lt;/b&gt;" in answer.text
    assert "from extra context FILTERED" in answer.text


def test_the_lona_template_namespace(lona_server):
    answer = get(lona_server, "/http/template-string")
    fields = dict(item.split("=", 1) for item in answer.text.split("|"))
    assert fields == {
        "reverse": "/http/named/n1",
        "settings": "conformance",
        "state": "hello state",
        "static": "/static/sub/style.css",
        "import": "imported by Lona.import",
        "extra": "from extra context",
        "filter": "LOUD",
        "escaped": "&lt;i&gt;x&lt;/i&gt;",
    }
    assert get(lona_server, "/http/named/n1").text == "<p id='named'>n1</p>"


def test_templates_added_by_the_app(lona_server):
    answer = get(lona_server, "/http/added-template")
    assert answer.text == "<p id='added'>added by a test</p>"


@pytest.mark.request_body
def test_forms_posted_over_http_reach_the_view(lona_server):
    form = get(
        lona_server,
        "/http/form?from=query",
        data=b"name=Ada&city=Z%C3%BCrich&empty=",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert json.loads(form.body) == {
        "method": "POST",
        "get": {"from": "query"},
        "post": {"name": "Ada", "city": "Zürich", "empty": ""},
    }
    files, content_type = multipart_body([("notes.txt", b"some notes")])
    field = b'--conformance-boundary\r\nContent-Disposition: form-data; name="title"\r\n\r\n'
    body = field + "Grüße".encode() + b"\r\n" + files
    posted = get(lona_server, "/http/form", data=body, headers={"Content-Type": content_type})
    assert json.loads(posted.body)["post"] == {
        "title": "Grüße",
        "files": {"filename": "notes.txt", "size": 10, "type": "application/octet-stream"},
    }
    assert json.loads(get(lona_server, "/http/form").body)["method"] == "GET"


@pytest.mark.parametrize("kind", ["json", "file", "binary", "headers", "status"])
def test_interactive_views_refuse_http_only_responses_with_the_500_view(
    protocol, lona_server, kind
):
    window = protocol().open(lona_server.url + f"/http/interactive/{kind}", wait_for="500")
    assert "Internal Error" in window.text()
    log = lona_server.log_text()
    assert "only available in non-interactive mode" in log


def test_interactive_views_show_html_and_template_responses(protocol, lona_server):
    client = protocol()
    html = client.open(lona_server.url + "/http/interactive/html", wait_for="an html response")
    assert "500" not in html.text()
    live = client.open(lona_server.url + "/http/live-template", window_id=2, wait_for="live")
    assert "live template" in live.text()
    assert "&lt;b&gt;" in live.text()  # escaped by the template
