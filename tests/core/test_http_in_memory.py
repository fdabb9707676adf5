"""The HTTP side without a network: what the adapters hand over, answered by the core."""

from __future__ import annotations

import asyncio

import pytest

from lona import JsonResponse, View
from lona.http import Headers, HttpRequest


class ChunkedBody:
    """A body reader that hands over a few bytes at a time, as a network would."""

    def __init__(self, data: bytes, size: int = 3) -> None:
        self.data, self.size, self.reads = data, size, 0

    async def read(self, size: int) -> bytes:
        self.reads += 1
        await asyncio.sleep(0)
        chunk, self.data = self.data[: min(size, self.size)], self.data[min(size, self.size) :]
        return chunk


def request(method, path, query="", headers=(), body=b"", reader=None):
    return HttpRequest(
        method, path, query, headers=Headers(list(headers)), body=body, body_reader=reader
    )


@pytest.fixture
def server(app, served, tmp_path):
    (tmp_path / "page.html").write_text("<p>{{ word }} from a file</p>")
    (tmp_path / "style.css").write_text("p {}")
    app.project_root = str(tmp_path)
    app.add_template("from-path.html", path="page.html")
    app.add_template("from-string.html", "<p>{{ word }} from a string</p>")
    app.add_static_file("copied.css", path="style.css")

    @app.route("/form", interactive=False)
    class Form(View):
        def handle_request(self, request):
            return JsonResponse({"method": request.method, "post": request.POST})

    @app.route("/template/<name>", interactive=False)
    class Template(View):
        def handle_request(self, request):
            from lona import TemplateResponse

            return TemplateResponse(request.match_info["name"] + ".html", {"word": "hello"})

    started, _connect = served()
    return started


def test_templates_and_static_files_added_by_string_and_by_path(server):
    answer = server.handle_http_sync(request("GET", "/template/from-path"))
    assert answer.body == b"<p>hello from a file</p>"
    answer = server.handle_http_sync(request("GET", "/template/from-string"))
    assert answer.body == b"<p>hello from a string</p>"
    answer = server.handle_http_sync(request("GET", "/static/copied.css"))
    assert answer.status == 200 and answer.file_path is not None


def test_a_body_read_in_small_pieces_through_the_reader(server):
    data = b"name=Ada&city=Z%C3%BCrich"
    reader = ChunkedBody(data)
    form = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Content-Length", str(len(data))),  # without it (or chunking) there is no body
    ]
    answer = server.handle_http_sync(request("POST", "/form", headers=form, reader=reader))
    assert answer.status == 200
    assert answer.body == b'{"method": "POST", "post": {"name": "Ada", "city": "Z\\u00fcrich"}}'
    assert reader.reads > 5


def test_a_body_given_whole_works_too(server):
    form = [("Content-Type", "application/x-www-form-urlencoded")]
    answer = server.handle_http_sync(request("POST", "/form", headers=form, body=b"a=1"))
    assert answer.body == b'{"method": "POST", "post": {"a": "1"}}'


def test_a_favicon_is_served_by_default_and_the_apps_own_wins(app, served, tmp_path):
    from lona.http.frontend_page import CORE_STATIC_DIR

    ours = (CORE_STATIC_DIR / "favicon.ico").read_bytes()
    server, _connect = served()
    for path in ("/favicon.ico", "/static/favicon.ico"):
        answer = server.handle_http_sync(request("GET", path))
        assert answer.status == 200 and answer.file_path is not None
        with open(answer.file_path, "rb") as file:
            assert file.read() == ours
    assert server.handle_http_sync(request("GET", "/favicon.png")).status == 404
    page = server.handle_http_sync(request("GET", "/no-route-but-a-page"))
    assert page.status == 404
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "favicon.ico").write_bytes(b"the app's own")
    app.project_root = str(tmp_path)
    app.settings.STATIC_DIRS = ["static"]
    own, _connect = served()
    answer = own.handle_http_sync(request("GET", "/favicon.ico"))
    with open(answer.file_path, "rb") as file:
        assert file.read() == b"the app's own"
