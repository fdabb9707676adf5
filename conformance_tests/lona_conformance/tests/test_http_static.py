"""Static files: STATIC_DIRS, caching headers, and no way out of the directory.

The traversal attempts are sent byte for byte (``raw_get``): every framework
normalizes paths its own way before the core sees them, and whatever it
does, the answer must be 404 without the file's contents.
"""

from __future__ import annotations

import pytest

from lona_conformance.helpers import http_get
from lona_conformance.raw_http import raw_get

SECRET = "CONFORMANCE-SECRET"

TRAVERSALS = [
    "/static/../secret.txt",
    "/static/sub/../../secret.txt",
    "/static/%2e%2e/secret.txt",
    "/static/%2E%2E/secret.txt",
    "/static/.%2e/secret.txt",
    "/static/..%2fsecret.txt",
    "/static/%2e%2e%2fsecret.txt",
    "/static/sub%2f..%2f..%2fsecret.txt",
    "/static/%252e%252e/secret.txt",
    "/static/%252e%252e%252fsecret.txt",
    "/static/..%5csecret.txt",
    "/static/..\\secret.txt",
    "/static/sub\\..\\..\\secret.txt",
    "/static/%5c..%5csecret.txt",
    "/static/%c0%ae%c0%ae/secret.txt",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/public.txt%00",
    "/static/%00/../secret.txt",
    "/static/_lona/client/../../../secret.txt",
    "/static/_lona/client/%2e%2e/%2e%2e/%2e%2e/secret.txt",
    "/static/C:%5c..%5csecret.txt",
]


def test_files_from_static_dirs_with_validators(lona_server):
    answer = http_get(lona_server.url + "/static/sub/style.css")
    assert answer.status == 200
    assert answer.body == b"body { color: #123456; }\n"
    assert answer.headers["content-type"] == "text/css; charset=utf-8"
    assert answer.headers["etag"] and answer.headers["last-modified"]
    by_etag = http_get(
        lona_server.url + "/static/sub/style.css", {"If-None-Match": answer.headers["etag"]}
    )
    assert by_etag.status == 304 and by_etag.body == b""
    by_date = http_get(
        lona_server.url + "/static/sub/style.css",
        {"If-Modified-Since": answer.headers["last-modified"]},
    )
    assert by_date.status == 304 and by_date.body == b""
    stale = http_get(lona_server.url + "/static/sub/style.css", {"If-None-Match": '"stale"'})
    assert stale.status == 200 and stale.body == answer.body
    old = http_get(
        lona_server.url + "/static/sub/style.css",
        {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"},
    )
    assert old.status == 200


def test_files_added_by_the_app(lona_server):
    answer = http_get(lona_server.url + "/static/conformance-added.txt")
    assert answer.status == 200 and answer.text == "added by app.add_static_file"


@pytest.mark.parametrize("path", ["/static/sub", "/static/sub/", "/static/", "/static/nope.css"])
def test_directories_and_missing_files_are_404(lona_server, path):
    assert http_get(lona_server.url + path).status == 404


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_path_leaves_the_static_directory(lona_server, target):
    answer = raw_get(lona_server.port, target)
    assert answer is not None, "the server closed the connection without an answer"
    assert answer.status == 404, f"{target} answered {answer.status}"
    assert SECRET not in answer.text
    assert "root:" not in answer.text


def test_static_files_are_not_served_when_switched_off(server_with):
    server = server_with(STATIC_FILES_SERVE=False)
    assert http_get(server.url + "/static/sub/style.css").status == 404
    assert http_get(server.url + "/http/html").status == 200
