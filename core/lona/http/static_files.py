"""Serving static files, the browser client among them.

Files come from ``STATIC_DIRS`` under ``STATIC_URL_PREFIX``; the client is
served at ``<prefix>_lona/client/``, and at ``<prefix>_lona/client/<version>/``,
where the version names the client's content, so that pages can let
browsers keep it for good (``client_version``).  Every response carries an ETag and a
Last-Modified header, and no path ever leaves its directory: ``..``,
encoded dots, backslashes and NUL bytes give 404.
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
import os
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from lona.http_messages import HttpRequest, HttpResponse

__all__ = [
    "CLIENT_PREFIX",
    "CLIENT_PREFIXES",
    "IMMUTABLE",
    "client_directory",
    "client_version",
    "safe_join",
    "serve_file",
    "versioned_client_prefix",
]

# for a URL that names its content: a browser never needs to ask again
IMMUTABLE = "public, max-age=31536000, immutable"
CLIENT_PREFIX = "_lona/client/"  # below STATIC_URL_PREFIX
# where templates written for Lona load its two clients from: both are ours
CLIENT_PREFIXES = (CLIENT_PREFIX, "_lona/client2/")

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("text/css", ".css")


def client_directory() -> Path:
    """Where the browser client lives: inside the wheel, or at the repository top."""
    packaged = Path(__file__).parents[1] / "_client"  # lona/_client
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "client"  # the repository's client/


@functools.cache
def client_version() -> str:
    """A short hash of the client's files: part of the URL pages load it from.

    A page then loads the client (its modules import each other by relative
    URLs, which keep the version) without revalidating any of its files, and
    an upgraded client has new URLs that no cache holds.  The client is
    package data, so one computation per process is enough.
    """
    digest = hashlib.sha256()
    root = client_directory()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def versioned_client_prefix() -> str:
    """Where pages load the client from, below ``STATIC_URL_PREFIX``."""
    return f"{CLIENT_PREFIX}{client_version()}/"


def safe_join(root: Path, relative: str) -> Path | None:
    """``root/relative`` if it stays inside root and names a file, else None.

    ``relative`` is already percent-decoded (adapters pass decoded paths), so
    an encoded ``%2e%2e`` arrives here as ``..`` and is refused like it.
    """
    if not relative or "\\" in relative or "\x00" in relative or relative.startswith("/"):
        return None
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    candidate = (root / relative).resolve()
    try:
        candidate.relative_to(root.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


def _not_modified(request: HttpRequest, etag: str, mtime: int) -> bool:
    """The client's copy is current: its ETag matches, or (without one) it is
    not older than the file (``If-Modified-Since``, to the second)."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match == "*"
    since = request.headers.get("if-modified-since")
    if not since:
        return False
    try:
        return mtime <= parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError):
        return False  # unparsable: send the file


def serve_file(path: Path, request: HttpRequest, cache_control: str = "no-cache") -> HttpResponse:
    stat = path.stat()
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    headers = [
        ("ETag", etag),
        ("Last-Modified", formatdate(stat.st_mtime, usegmt=True)),
        ("Cache-Control", cache_control),
    ]
    if _not_modified(request, etag, int(stat.st_mtime)):
        return HttpResponse(304, headers)
    content_type, _encoding = mimetypes.guess_type(path.name)
    content_type = content_type or "application/octet-stream"
    if content_type.startswith("text/") or content_type.endswith("javascript"):
        content_type += "; charset=utf-8"
    headers.append(("Content-Type", content_type))
    headers.append(("Content-Length", str(stat.st_size)))
    if request.method == "HEAD":
        return HttpResponse(200, headers)
    return HttpResponse(200, headers, file_path=os.fspath(path))
