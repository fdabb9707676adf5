"""Response classes with Lona's fields, and what they answer over HTTP and in live views."""

from __future__ import annotations

import json

import pytest

from lona import (
    AbstractResponse,
    FileResponse,
    HtmlResponse,
    HttpRedirectResponse,
    JsonResponse,
    RedirectResponse,
    Response,
    TemplateResponse,
    TemplateStringResponse,
    View,
)
from lona.html import HTML, Button, Div
from lona.http import Headers, HttpRequest

NO_STORE = "no-cache, no-store, must-revalidate"


def test_lona_keywords_and_positions() -> None:
    assert RedirectResponse(url="/a").url == "/a"
    assert HttpRedirectResponse("/b", {"X": "1"}).headers == {"X": "1"}
    assert JsonResponse(data={"a": 1}, status=201).data == {"a": 1}
    assert TemplateResponse(name="t.html").context == {}
    assert TemplateResponse("t.html", {"a": 1}, 404).status == 404
    assert TemplateStringResponse(string="{{ a }}", context={"a": 1}).string == "{{ a }}"
    assert HtmlResponse(html="<p>").html == "<p>"
    assert FileResponse(path="/x", status=200).path == "/x"
    response = Response(b"body", 418, "text/plain", {"X": "1"}, None, "latin-1")
    assert (response.body, response.status, response.content_type) == (b"body", 418, "text/plain")
    assert (response.headers, response.charset) == ({"X": "1"}, "latin-1")
    assert all(
        isinstance(value, AbstractResponse)
        for value in (response, RedirectResponse("/"), JsonResponse(None))
    )
    # as in Lona the two redirect classes are unrelated and responses compare by value
    assert not isinstance(HttpRedirectResponse("/"), RedirectResponse)
    assert RedirectResponse("/") == RedirectResponse(url="/")
    with pytest.raises(ValueError, match="body and text are not allowed together"):
        Response(body=b"x", text="y")


def test_what_an_interactive_view_may_return() -> None:
    assert HtmlResponse("x").interactive and TemplateResponse("t").interactive
    assert not HtmlResponse("x", status=200).interactive  # any status is an HTTP feature
    assert not TemplateStringResponse("x", headers={"A": "b"}).interactive
    assert Response(text="x").interactive and not Response(body=b"x").interactive
    assert not JsonResponse({}).interactive and not FileResponse("/x").interactive
    assert RedirectResponse("/").interactive and not RedirectResponse("/", {"A": "b"}).interactive


def request(path: str) -> HttpRequest:
    return HttpRequest("GET", path, headers=Headers([("Host", "t")]))


@pytest.fixture
def server(app, served, tmp_path):
    (tmp_path / "file.txt").write_text("from a file")
    app.add_template("hello.html", "hello {{ name }} ({{ request.url.path }})")
    answers = {
        "none": lambda: None,
        "text": lambda: Response(text="plain"),
        "binary": lambda: Response(body=b"\x00\x01", content_type="application/octet-stream"),
        "teapot": lambda: Response(text="tea", status=418, headers={"X-Tea": "1"}),
        "html": lambda: HtmlResponse(Div("a node")),
        "template": lambda: TemplateResponse(name="hello.html", context={"name": "Ada"}),
        "template-string": lambda: TemplateStringResponse("{{ 1 + 1 }}", status=201),
        "json": lambda: JsonResponse(data={"a": [1]}),
        "file": lambda: FileResponse(path=str(tmp_path / "file.txt")),
        "redirect": lambda: RedirectResponse(url="/elsewhere"),
        "http-redirect": lambda: HttpRedirectResponse(url="/away", headers={"X-Away": "1"}),
        "dict-template": lambda: {"template": "hello.html", "name": "Bob"},
        "dict-text": lambda: {"text": "from a dict", "status": 202},
        "dict-json": lambda: {"json": [1, 2]},
        "dict-two-keys": lambda: {"text": "a", "json": 1},
    }

    @app.route("/http/<kind>", interactive=False)
    class Http(View):
        def handle_request(self, request):
            return answers[request.match_info["kind"]]()

    server, _connect = served()
    return server


@pytest.mark.filterwarnings("ignore:dict responses are deprecated")
def test_each_response_over_http(server) -> None:
    def get(kind: str):
        return server.handle_http_sync(request(f"/http/{kind}"))

    none = get("none")
    assert (none.status, none.body, none.header("Cache-Control")) == (200, b"", NO_STORE)
    text = get("text")
    assert text.body == b"plain" and text.header("content-type") == "text/html; charset=utf-8"
    binary = get("binary")
    assert binary.body == b"\x00\x01"
    assert binary.header("content-type") == "application/octet-stream"
    teapot = get("teapot")
    assert (teapot.status, teapot.header("X-Tea"), teapot.header("Cache-Control")) == (
        418,
        "1",
        None,  # headers of its own: no default Cache-Control, as in Lona
    )
    assert b"a node" in get("html").body
    assert get("template").body == b"hello Ada (/http/template)"
    created = get("template-string")
    assert (created.status, created.body) == (201, b"2")
    json_answer = get("json")
    assert json.loads(json_answer.body) == {"a": [1]}
    assert json_answer.header("content-type") == "application/json; charset=utf-8"
    assert get("file").file_path is not None
    assert get("redirect").status == 302 and get("redirect").header("Location") == "/elsewhere"
    away = get("http-redirect")
    assert (away.status, away.header("Location"), away.header("X-Away")) == (302, "/away", "1")
    assert get("dict-template").body == b"hello Bob (/http/dict-template)"
    dict_text = get("dict-text")
    assert (dict_text.status, dict_text.body) == (202, b"from a dict")
    assert json.loads(get("dict-json").body) == [1, 2]
    assert get("dict-two-keys").status == 500


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(lambda: JsonResponse({"a": 1}), id="json"),
        pytest.param(lambda: FileResponse("/etc/hostname"), id="file"),
        pytest.param(lambda: Response(body=b"x"), id="binary"),
        pytest.param(lambda: HtmlResponse("x", headers={"A": "b"}), id="headers"),
        pytest.param(lambda: TemplateStringResponse("x", status=200), id="status"),
    ],
)
def test_http_features_in_a_live_view_show_the_500_view_with_lonas_message(
    app, served, answer
) -> None:
    errors = []

    @app.route("/")
    class Live(View):
        def handle_request(self, request):
            return answer()

    @app.error_500_view
    class Error500(View):
        def handle_request(self, request, exception):
            errors.append(exception)
            return Div("crashed", _id="crashed")

    _server, connect = served()
    connect().open("http://t/", wait_for="crashed")
    assert [type(error) for error in errors] == [RuntimeError]
    assert str(errors[0]) == (
        "JSON, binary and file responses and headers are only available in non-interactive mode"
    )


def test_live_views_follow_both_redirects_and_legacy_dicts(app, served) -> None:
    @app.route("/")
    class Live(View):
        def handle_request(self, request):
            return HTML(
                Button("a", _id="a", handle_click=lambda e: RedirectResponse(url="/a")),
                Button("b", _id="b", handle_click=lambda e: HttpRedirectResponse(url="/b")),
                Button("c", _id="c", handle_click=lambda e: {"redirect": "/c"}),
            )

    _server, connect = served()
    window = connect().open("http://t/", wait_for="a")
    with pytest.warns(DeprecationWarning, match="dict responses are deprecated"):
        for button in "abc":
            window.click(window.element(id=button))
    assert window.redirects == [("view", "/a"), ("http", "/b"), ("view", "/c")]


@pytest.mark.filterwarnings("ignore:dict responses are deprecated")
def test_returning_none_or_an_unknown_dict_says_what_the_view_returned(app, served, caplog) -> None:
    @app.route("/live-none")
    class LiveNone(View):
        def handle_request(self, request):
            return None

    @app.route("/shown-then-none")
    class ShownThenNone(View):
        def handle_request(self, request):
            self.show(Div("shown", _id="shown"))

    @app.route("/http-none", interactive=False)
    class HttpNone(View):
        def handle_request(self, request):
            return None

    @app.route("/dict", interactive=False)
    class UnknownDict(View):
        def handle_request(self, request):
            return {"foo": 1}

    server, connect = served()
    with caplog.at_level("WARNING", "lona"):
        assert server.handle_http_sync(request("/http-none")).body == b""
        client = connect()
        client.open("http://t/shown-then-none", wait_for="shown")
        client.open("http://t/live-none")
        assert server.handle_http_sync(request("/dict")).status == 500
    warnings = [r.getMessage() for r in caplog.records if r.name == "lona.views"]
    assert any(
        w.startswith("HttpNone.handle_request returned None for /http-none") for w in warnings
    )
    assert eventually_logged(caplog, "LiveNone.handle_request returned None for /live-none")
    assert not any("ShownThenNone" in w for w in warnings)  # it showed something
    assert "got a dict with the keys ['foo']" in caplog.text


def eventually_logged(caplog, text: str) -> bool:
    from lona.pytest import eventually

    for attempt in eventually(timeout=5, interval=0.02):
        with attempt:
            assert text in caplog.text
    return True
