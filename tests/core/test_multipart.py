"""The streaming multipart parser: any chunking gives the same parts, in bounded memory."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lona.http.multipart import (
    MultipartError,
    MultipartParser,
    PartData,
    PartEnd,
    PartStart,
    boundary_of,
    header_parameters,
)

BOUNDARY = b"----lona-test-boundary"


def body(parts, boundary=BOUNDARY, preamble=b"", epilogue=b""):
    out = preamble
    for headers, content in parts:
        out += b"--" + boundary + b"\r\n" + headers + b"\r\n\r\n" + content + b"\r\n"
    return out + b"--" + boundary + b"--\r\n" + epilogue


def field(name, content, filename=None):
    disposition = f'Content-Disposition: form-data; name="{name}"'
    if filename is not None:
        disposition += f'; filename="{filename}"'
    return disposition.encode(), content


def parse(data, chunk_sizes=None, boundary=BOUNDARY):
    parser = MultipartParser(boundary)
    events = []
    position, sizes = 0, list(chunk_sizes or [len(data) or 1])
    while position < len(data):
        size = sizes.pop(0) if sizes else 1
        events += parser.feed(data[position : position + size])
        position += size
    parser.finish()
    return collapse(events)


def collapse(events):
    """(name, filename, content) per part."""
    parts, current, content = [], None, b""
    for event in events:
        if isinstance(event, PartStart):
            current, content = event, b""
        elif isinstance(event, PartData):
            content += event.data
        elif isinstance(event, PartEnd):
            parts.append((current.name, current.filename, content))
    return parts


def test_fields_and_files():
    data = body([field("title", b"hello"), field("upload", b"\x00\r\n--not-it\r\n", "a.bin")])
    assert parse(data) == [("title", None, b"hello"), ("upload", "a.bin", b"\x00\r\n--not-it\r\n")]


def test_preamble_epilogue_and_padding_are_ignored():
    data = body([field("a", b"1")], preamble=b"ignore me\r\n", epilogue=b"and me")
    assert parse(data) == [("a", None, b"1")]
    padded = data.replace(b"--" + BOUNDARY + b"\r\n", b"--" + BOUNDARY + b"  \t\r\n", 1)
    assert parse(padded) == [("a", None, b"1")]


@settings(max_examples=200, deadline=None)
@given(
    contents=st.lists(st.binary(max_size=300), min_size=1, max_size=4),
    chunk_sizes=st.lists(st.integers(min_value=1, max_value=64), max_size=50),
)
def test_any_chunking_gives_the_same_parts(contents, chunk_sizes):
    parts = [field(f"f{number}", content) for number, content in enumerate(contents)]
    data = body(parts)
    expected = [(f"f{number}", None, content) for number, content in enumerate(contents)]
    assert parse(data, chunk_sizes) == expected


def test_a_big_part_streams_without_piling_up():
    parser = MultipartParser(BOUNDARY)
    parser.feed(b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="f"\r\n\r\n')
    handed_on = 0
    for _ in range(100):
        events = parser.feed(b"x" * 65536)
        handed_on += sum(len(e.data) for e in events if isinstance(e, PartData))
        assert len(parser._buffer) < 65536 + len(BOUNDARY) + 4
    assert handed_on > 100 * 65536 - 100
    parser.feed(b"\r\n--" + BOUNDARY + b"--")
    parser.finish()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end',
        b"--" + BOUNDARY + b"\r\n\r\ncontent\r\n--" + BOUNDARY + b"--",
        b"--" + BOUNDARY + b"\r\nbroken header line\r\n\r\nx\r\n--" + BOUNDARY + b"--",
        b"--" + BOUNDARY + b"\r\nContent-Disposition: attachment\r\n\r\nx\r\n--" + BOUNDARY + b"--",
        b"--" + BOUNDARY + b"garbage\r\n",
        b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="\xff"\r\n\r\n\r\n',
    ],
    ids=["empty", "unterminated", "no-headers", "bad-line", "not-form-data", "garbage", "latin"],
)
def test_malformed_bodies_raise(data):
    parser = MultipartParser(BOUNDARY)
    with pytest.raises(MultipartError):
        parser.feed(data)
        parser.finish()


def test_limits_on_headers_and_parts():
    parser = MultipartParser(BOUNDARY)
    with pytest.raises(MultipartError, match="too long"):
        parser.feed(b"--" + BOUNDARY + b"\r\nX: " + b"y" * 20000)
    many = body([field(str(n), b"") for n in range(11)])
    with pytest.raises(MultipartError, match="more than 10 parts"):
        MultipartParser(BOUNDARY, max_parts=10).feed(many)


def test_header_parameters_and_boundaries():
    assert header_parameters('form-data; name="a;b"; filename="C:\\dir\\x.txt"') == (
        "form-data",
        {"name": "a;b", "filename": "C:\\dir\\x.txt"},
    )
    assert header_parameters('form-data; name="say \\"hi\\""')[1] == {"name": 'say "hi"'}
    assert boundary_of("multipart/form-data; boundary=abc") == b"abc"
    assert boundary_of('Multipart/Form-Data; boundary="a b"') == b"a b"
    for bad in ("text/plain", "multipart/form-data", "multipart/form-data; boundary=" + "x" * 71):
        with pytest.raises(MultipartError):
            boundary_of(bad)


def test_utf8_file_names_plain_and_extended():
    data = body([field("f", b"x", "Grüße.txt")])
    assert parse(data) == [("f", "Grüße.txt", b"x")]
    extended = body(
        [(b"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E2%82%AC.txt", b"x")]
    )
    assert parse(extended) == [("f", "€.txt", b"x")]
