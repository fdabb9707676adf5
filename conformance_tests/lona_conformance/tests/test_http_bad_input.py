"""Bad input over HTTP: a 4xx with one clear log line, and the server keeps serving.

Limits the core checks answer alike on every adapter.  Input far beyond
them is cut off by the server library before the core sees it: then any 4xx
or a closed connection is right, as long as the server goes on serving.
"""

from __future__ import annotations

import json
import socket

import pytest

from lona_conformance.helpers import http_get, wait_for_log
from lona_conformance.raw_http import RawConnection, raw_get

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(autouse=True)
def still_serving(lona_server):
    yield
    assert http_get(lona_server.url + "/http/html").status == 200


def test_a_query_string_that_is_not_utf8_is_refused(lona_server):
    answer = http_get(lona_server.url + "/http/form?name=%ff%fe")
    assert answer.status == 400 and "not valid UTF-8" in answer.text
    wait_for_log(lona_server, "400 for GET /http/form")
    page = http_get(lona_server.url + "/counter?x=%C3%28")
    assert page.status == 400


def test_odd_but_readable_query_strings_are_read_like_browsers_do(lona_server):
    answer = http_get(lona_server.url + "/http/form?&&=&a=1&b=%zz&c")
    assert answer.status == 200
    assert json.loads(answer.body)["get"] == {"": "", "a": "1", "b": "%zz", "c": ""}


MANY_FIELDS = "&".join(f"f{number}=1" for number in range(1001))


def test_a_query_with_too_many_fields_is_refused(lona_server):
    assert http_get(lona_server.url + "/http/form?" + MANY_FIELDS).status == 400


@pytest.mark.request_body
def test_a_form_with_too_many_fields_is_refused(lona_server):
    body = MANY_FIELDS.encode()
    assert http_get(lona_server.url + "/http/form", data=body, headers=FORM).status == 400


@pytest.mark.request_body
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"name=%ff"),
        ("application/x-www-form-urlencoded", "name=Zürich".encode()),
        ("multipart/form-data", b"no boundary"),
        ("multipart/form-data; boundary=b", b"--b\r\nContent-Disposition: form-data\r\n\r\nx"),
        ("multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="a"'),
        (
            "multipart/form-data; boundary=b",
            b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\xfe\r\n--b--\r\n',
        ),
    ],
    ids=["bad-utf8", "raw-bytes", "no-boundary", "no-name", "cut-off", "field-not-utf8"],
)
def test_malformed_forms_are_refused(lona_server, content_type, body):
    answer = http_get(
        lona_server.url + "/http/form", data=body, headers={"Content-Type": content_type}
    )
    assert answer.status == 400, answer.text
    wait_for_log(lona_server, "400 for POST /http/form")


def test_non_utf8_paths_are_not_found(lona_server):
    assert http_get(lona_server.url + "/%ff%fe").status == 404
    answer = raw_get(lona_server.port, b"/\xff\xfe/page")
    assert answer is None or 400 <= answer.status < 500


def test_headers_beyond_the_limit_are_refused_with_431(lona_server):
    headers = {f"X-Filler-{number}": "x" * 4000 for number in range(10)}
    answer = raw_get(lona_server.port, "/http/html", headers)
    assert answer is not None and answer.status == 431
    wait_for_log(lona_server, "the headers are larger than")


def test_enormous_headers_are_cut_off_by_the_server(lona_server):
    answer = raw_get(lona_server.port, "/http/html", {"X-Enormous": "x" * 200_000})
    assert answer is None or 400 <= answer.status < 500


def test_urls_beyond_the_limit_are_refused_with_414(lona_server):
    answer = raw_get(lona_server.port, "/http/form?q=" + "x" * 20_000)
    assert answer is not None and answer.status == 414
    wait_for_log(lona_server, "the URL is longer than")


def test_enormous_urls_are_cut_off_by_the_server(lona_server):
    answer = raw_get(lona_server.port, "/http/form?q=" + "x" * 200_000)
    assert answer is None or 400 <= answer.status < 500


@pytest.mark.request_body
def test_bodies_beyond_the_limit_are_refused_with_413(lona_server):
    body = b"a=" + b"x" * (2 * 1024 * 1024)
    answer = http_get(lona_server.url + "/http/form", data=body, headers=FORM)
    assert answer.status == 413
    wait_for_log(lona_server, "413 for POST /http/form")


@pytest.mark.request_body
def test_a_chunked_body_beyond_the_limit_is_refused_while_it_arrives(lona_server):
    head = (
        b"POST /http/form HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n"
    )
    chunk = b"x" * 65536
    with RawConnection(lona_server.port) as connection:
        connection.send(head + b"2\r\na=\r\n")
        for _ in range(20):  # 1.25 MiB
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        connection.send(b"0\r\n\r\n")
        answer = connection.response("POST")
    assert answer is not None and answer.status == 413


@pytest.mark.request_body
def test_a_huge_declared_body_is_refused_before_it_is_sent(lona_server):
    head = (
        b"POST /http/form HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000000\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n"
    )
    with RawConnection(lona_server.port) as connection:
        connection.send(head)
        answer = connection.response("POST")
    assert answer is not None and answer.status == 413


@pytest.mark.request_body
def test_a_body_cut_short_is_answered_and_forgotten(lona_server):
    log_before = len(lona_server.log_text())
    head = (
        b"POST /http/form HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
    )
    with RawConnection(lona_server.port) as connection:
        connection.send(head + b"a=12345")
        connection.socket.shutdown(socket.SHUT_WR)
        answer = connection.response("POST")
    assert answer is None or 400 <= answer.status < 500  # the client is gone anyway
    wait_for_log(lona_server, "the client went away before the body was complete")
    assert "Traceback" not in lona_server.log_text()[log_before:]


def test_an_invalid_content_length_is_refused(lona_server):
    answer = raw_get(lona_server.port, "/http/form", {"Content-Length": "lots"}, method="POST")
    assert answer is None or 400 <= answer.status < 500
