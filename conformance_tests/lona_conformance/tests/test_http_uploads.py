"""Buckets: uploads over HTTP into a view's bucket, with limits while streaming.

A test opens ``/uploads`` over the websocket (a user with a session cookie),
reads the bucket's URLs and directory from the page, and talks HTTP to them
with the same cookie, as the browser would.
"""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

import pytest

from lona_conformance.helpers import eventually, http_get, session_cookie
from lona_conformance.raw_http import RawConnection, multipart_body

pytestmark = pytest.mark.request_body


class Bucket:
    """The bucket of one /uploads view, seen from the test."""

    def __init__(self, server, protocol, query=""):
        self.server = server
        self.cookie = session_cookie(server, "/uploads")
        self.client = protocol(server, headers=self.cookie)
        self.window = self.client.open(server.url + "/uploads" + query, wait_for="Uploads")
        self.url = self._text("url")
        self.add_url = self._text("add-url")
        self.delete_url = self._text("delete-url")
        self.path = Path(self._text("path"))

    def _text(self, node_id):
        return self.window.element(id=node_id).get_text()

    def upload(self, files, query="", headers=None):
        body, content_type = multipart_body(files)
        return http_get(
            self.server.url + self.add_url + query,
            data=body,
            headers={"Content-Type": content_type, **self.cookie, **(headers or {})},
        )

    def delete(self, name, query=""):
        return http_get(
            self.server.url + self.delete_url + query,
            data=f"name={name}".encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **self.cookie},
        )

    def files(self):
        return sorted(p.name for p in self.path.iterdir())

    def bytes_on_disk(self):
        """Everything under the bucket's directory, unfinished uploads included."""
        total = 0
        for directory, _dirs, names in os.walk(self.path.parent):  # ignores vanished dirs
            for name in names:
                try:
                    total += os.stat(os.path.join(directory, name)).st_size
                except FileNotFoundError:
                    continue  # deleted while we looked
        return total


def test_files_are_uploaded_shown_served_and_deleted(lona_server, protocol):
    bucket = Bucket(lona_server, protocol)
    answer = bucket.upload([("a.txt", b"first"), ("b.bin", bytes(range(256)))])
    assert answer.status == 200
    assert json.loads(answer.body) == {"added": ["a.txt", "b.bin"]}
    bucket.window.wait_for_text("a.txt,b.bin")  # on_add ran, in the view
    assert bucket.files() == ["a.txt", "b.bin"]
    served = http_get(lona_server.url + bucket.url + "/b.bin", headers=bucket.cookie)
    assert served.status == 200 and served.body == bytes(range(256))
    assert served.headers["x-content-type-options"] == "nosniff"
    index = http_get(lona_server.url + bucket.url, headers=bucket.cookie)
    assert index.status == 200 and "a.txt" in index.text and "b.bin" in index.text
    deleted = bucket.delete("a.txt")
    assert deleted.status == 200 and json.loads(deleted.body) == {"deleted": ["a.txt"]}
    deleted_names = bucket.window.element(id="deleted")
    bucket.window.wait_until(lambda: deleted_names.get_text() == "a.txt", what="on_delete")
    assert bucket.files() == ["b.bin"]
    assert bucket.delete("a.txt").status == 404


def test_the_url_is_the_capability_as_in_lona(lona_server, protocol):
    """By default anyone with a bucket's URL may use it, cookie or not (Lona's model);
    its secret part is a random token, and any other token names no bucket."""
    bucket = Bucket(lona_server, protocol)
    assert bucket.upload([("mine.txt", b"mine")]).status == 200
    stranger = session_cookie(lona_server, "/uploads")
    for headers in (stranger, {}):
        assert http_get(lona_server.url + bucket.url, headers=headers).status == 200
        served = http_get(lona_server.url + bucket.url + "/mine.txt", headers=headers)
        assert served.status == 200 and served.body == b"mine"
    body, content_type = multipart_body([("theirs.txt", b"x")])
    added = http_get(lona_server.url + bucket.add_url, data=body, headers=_type(content_type))
    assert added.status == 200
    deleted = http_get(
        lona_server.url + bucket.delete_url,
        data=b"name=mine.txt",
        headers=_type("application/x-www-form-urlencoded"),
    )
    assert deleted.status == 200 and bucket.files() == ["theirs.txt"]
    secret = bucket.url.rstrip("/").rsplit("/", 1)[-1]
    assert len(base64.urlsafe_b64decode(secret + "==")) >= 16  # 128 random bits at least
    for guess in (secret[:-1] + ("A" if secret[-1] != "A" else "B"), secret[:-1], "x"):
        url = bucket.url.replace(secret, guess)
        assert http_get(lona_server.url + url).status == 404
        assert http_get(lona_server.url + url + "/theirs.txt").status == 404


def _type(content_type):
    return {"Content-Type": content_type}


def test_with_same_user_only_other_users_are_refused(server_with, protocol):
    server = server_with(BUCKETS_SAME_USER_ONLY=True)
    bucket = Bucket(server, protocol)
    assert bucket.upload([("mine.txt", b"mine")]).status == 200
    stranger = session_cookie(server, "/uploads")
    for headers in (stranger, {}):
        assert http_get(server.url + bucket.url, headers=headers).status == 403
        assert http_get(server.url + bucket.url + "/mine.txt", headers=headers).status == 403
        body, content_type = multipart_body([("theirs.txt", b"x")])
        added = http_get(
            server.url + bucket.add_url,
            data=body,
            headers={"Content-Type": content_type, **headers},
        )
        assert added.status == 403
        deleted = http_get(
            server.url + bucket.delete_url,
            data=b"name=mine.txt",
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        )
        assert deleted.status == 403
    assert bucket.files() == ["mine.txt"]
    served = http_get(server.url + bucket.url + "/mine.txt", headers=bucket.cookie)
    assert served.status == 200 and served.body == b"mine"  # its own user still may
    assert "belongs to another user" in server.log_text()


def test_too_many_files_are_refused_and_none_of_them_stays(lona_server, protocol):
    bucket = Bucket(lona_server, protocol, "?max_files=2")
    refused = bucket.upload([("1.txt", b"1"), ("2.txt", b"2"), ("3.txt", b"3")])
    assert refused.status == 400 and "at most 2 files" in refused.text
    assert bucket.files() == [] and bucket.bytes_on_disk() == 0
    assert bucket.upload([("1.txt", b"1"), ("2.txt", b"2")]).status == 200
    assert bucket.upload([("3.txt", b"3")]).status == 400
    assert bucket.upload([("2.txt", b"replaced")]).status == 200  # a replacement is no new file
    assert bucket.files() == ["1.txt", "2.txt"]


def test_an_oversized_upload_is_refused_while_it_streams(lona_server, protocol):
    limit = 100_000
    bucket = Bucket(lona_server, protocol, f"?max_size={limit}")
    body, content_type = multipart_body([("big.bin", b"x" * (2 * 1024 * 1024))])
    head = (
        f"POST {bucket.add_url} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: {bucket.cookie['Cookie']}\r\nConnection: close\r\n\r\n"
    ).encode()
    most_on_disk = 0
    with RawConnection(lona_server.port) as connection:
        connection.send(head)
        for start in range(0, len(body), 16 * 1024):
            connection.send(body[start : start + 16 * 1024])
            most_on_disk = max(most_on_disk, bucket.bytes_on_disk())
        answer = connection.response("POST")
    assert answer is not None and answer.status == 400  # Lona's status for a bucket's limits
    assert f"at most {limit} bytes" in answer.text
    assert most_on_disk <= limit  # never more on disk than the bucket takes
    assert bucket.bytes_on_disk() == 0 and bucket.files() == []
    assert bucket.upload([("small.txt", b"fits")]).status == 200


def test_an_upload_announced_far_too_big_is_refused_before_it_is_sent(lona_server, protocol):
    bucket = Bucket(lona_server, protocol, "?max_size=100000")
    _body, content_type = multipart_body([])
    head = (
        f"POST {bucket.add_url} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {50 * 1024 * 1024}\r\n"
        f"Cookie: {bucket.cookie['Cookie']}\r\nConnection: close\r\n\r\n"
    ).encode()
    with RawConnection(lona_server.port) as connection:
        connection.send(head)
        answer = connection.response("POST")
    assert answer is not None and answer.status == 400
    assert "at most 100000 bytes" in answer.text


def test_a_big_upload_streams_to_disk_without_being_held_in_memory(lona_server, protocol):
    size = 48 * 1024 * 1024
    bucket = Bucket(lona_server, protocol, query=f"?max_size={size}")  # the view allows it
    peak_before = _peak_memory(lona_server.process.pid)
    body, content_type = multipart_body([("big.bin", os.urandom(1024) * (size // 1024))])
    started = time.monotonic()
    answer = http_get(
        lona_server.url + bucket.add_url,
        data=body,
        headers={"Content-Type": content_type, **bucket.cookie},
    )
    elapsed = time.monotonic() - started
    assert answer.status == 200, answer.text
    assert (bucket.path / "big.bin").stat().st_size == size
    growth = _peak_memory(lona_server.process.pid) - peak_before
    assert growth < 24 * 1024 * 1024, f"the server's peak memory grew by {growth} bytes"
    print(f"48 MiB upload: {elapsed:.2f}s, peak memory growth {growth // 1024} KiB")


def _peak_memory(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\n"),  # no boundary
        ("text/plain", b"just text"),
        (
            "multipart/form-data; boundary=x",
            b'--x\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\ncut off',
        ),
        ("multipart/form-data; boundary=x", b"--x\r\nno headers here\r\n\r\n--x--\r\n"),
    ],
    ids=["no-boundary", "not-multipart", "truncated", "bad-part-headers"],
)
def test_malformed_uploads_are_refused(lona_server, protocol, content_type, body):
    bucket = Bucket(lona_server, protocol)
    answer = http_get(
        lona_server.url + bucket.add_url,
        data=body,
        headers={"Content-Type": content_type, **bucket.cookie},
    )
    assert answer.status == 400
    assert bucket.bytes_on_disk() == 0


def test_file_names_can_not_leave_the_bucket(lona_server, protocol):
    bucket = Bucket(lona_server, protocol)
    answer = bucket.upload([("../../escaped.txt", b"x"), ("C:\\dir\\win.txt", b"y")])
    assert json.loads(answer.body) == {"added": ["escaped.txt", "win.txt"]}
    assert bucket.files() == ["escaped.txt", "win.txt"]
    assert not (bucket.path.parent.parent / "escaped.txt").exists()
    assert bucket.upload([("..", b"x")]).status == 400


def test_redirects_after_success_stay_on_the_site(lona_server, protocol):
    bucket = Bucket(lona_server, protocol)
    moved = bucket.upload([("a.txt", b"a")], query="?redirect=/uploads%3Fdone%3D1")
    assert moved.status == 302 and moved.headers["location"] == "/uploads?done=1"
    away = bucket.upload([("b.txt", b"b")], query="?redirect=http://elsewhere.example/")
    assert away.status == 400
    deleted = bucket.delete("a.txt", query="?redirect=/uploads")
    assert deleted.status == 302 and deleted.headers["location"] == "/uploads"


def test_without_index_nothing_is_read_over_http(lona_server, protocol):
    bucket = Bucket(lona_server, protocol, "?index=0")
    assert bucket.upload([("a.txt", b"a")]).status == 200
    assert bucket.files() == ["a.txt"]
    # Lona's status, for the index page and the files alike
    assert http_get(lona_server.url + bucket.url, headers=bucket.cookie).status == 401
    assert http_get(lona_server.url + bucket.url + "/a.txt", headers=bucket.cookie).status == 401
    assert bucket.delete("a.txt").status == 200


def test_a_bucket_goes_with_its_view(lona_server, protocol):
    bucket = Bucket(lona_server, protocol)
    assert bucket.upload([("a.txt", b"a")]).status == 200
    bucket.client.close()
    eventually(lambda: not bucket.path.exists(), what="the bucket's directory to go")
    assert http_get(lona_server.url + bucket.url, headers=bucket.cookie).status == 404


@pytest.mark.browser
def test_uploading_and_deleting_in_the_browser(page, lona_server, tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("first file")
    second.write_text("second file")
    page.goto(lona_server.url + "/uploads?max_files=5")
    page.wait_for_selector("#upload-form")
    page.set_input_files("#files", [str(first), str(second)])
    page.click("#upload")
    page.wait_for_selector("#added:text-is('first.txt,second.txt')")
    assert page.url == lona_server.url + "/uploads?max_files=5"  # the view stayed
    index_url = page.inner_text("#url")
    index = page.context.new_page()
    index.goto(lona_server.url + index_url)
    index.click("button[data-file='first.txt']")
    index.wait_for_selector("#lona-bucket-files a:text-is('second.txt')")
    assert index.locator("#lona-bucket-files a").all_inner_texts() == ["second.txt"]
    page.wait_for_selector("#deleted:text-is('first.txt')")


EVIL_XML = (
    b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'
    b"<script>alert(document.cookie)</script></html>"
)


@pytest.mark.parametrize(
    ("name", "content", "inline"),
    [
        ("evil.xml", EVIL_XML, False),
        ("evil.html", b"<script>alert(document.cookie)</script>", False),
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', False),
        ("evil.js", b"alert(1)", False),
        ("notes.txt", b"plain text", True),
        ("photo.png", b"\x89PNG\r\n\x1a\n", True),
    ],
)
def test_uploaded_files_run_no_script_on_the_apps_origin(
    lona_server, protocol, name, content, inline
):
    """A user's file could be markup that runs script (XML, HTML, SVG) on the
    app's origin: every file is served sandboxed, and all but the types a
    browser only shows are downloads."""
    bucket = Bucket(lona_server, protocol)
    assert bucket.upload([(name, content)]).status == 200
    served = http_get(lona_server.url + bucket.url + "/" + name, headers=bucket.cookie)
    assert served.status == 200 and served.body == content
    assert served.headers["content-security-policy"] == "sandbox"
    assert served.headers["x-content-type-options"] == "nosniff"
    disposition = served.headers.get("content-disposition", "")
    assert disposition.startswith("attachment") != inline


def test_a_bucket_without_limits_of_its_own_has_safe_ones(lona_server, protocol):
    """Bucket(request): at most as much as a form post (MAX_HTTP_BODY_SIZE, 1 MiB), in
    at most 100 files, at most 100 parts to an upload."""
    bucket = Bucket(lona_server, protocol)
    too_big = bucket.upload([("big.bin", b"x" * (1024 * 1024 + 1))])
    assert too_big.status == 400 and "at most 1048576 bytes" in too_big.text
    many = bucket.upload([(f"{n}.txt", b"x") for n in range(101)])
    assert many.status == 400
    assert bucket.files() == []
    assert bucket.upload([("fits.bin", b"x" * 1024 * 1024)]).status == 200


def test_all_buckets_together_hold_at_most_the_servers_total(server_with, protocol):
    """Sessions are free: per-bucket limits alone would bound no attacker."""
    server = server_with(BUCKETS_MAX_TOTAL_SIZE=300_000)
    first = Bucket(server, protocol, query="?max_size=1000000")
    second = Bucket(server, protocol, query="?max_size=1000000")
    assert first.upload([("a.bin", b"x" * 200_000)]).status == 200
    full = second.upload([("b.bin", b"x" * 200_000)])
    assert full.status == 507 and second.files() == []
    assert first.delete("a.bin").status == 200  # room again
    assert second.upload([("b.bin", b"x" * 200_000)]).status == 200
