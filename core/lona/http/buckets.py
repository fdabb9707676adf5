"""The HTTP side of buckets: uploads streamed to disk, deletes, files, the index page.

An upload is parsed as it arrives (``lona.http.multipart``) and written chunk by
chunk into a directory of its own; the bucket's limits are checked before
each write, so an upload that crosses one is refused there, its files are
deleted and nothing of it was ever held in memory.  Only a complete, valid
upload moves its files into the bucket, all at once.  One upload per bucket
runs at a time, so two can not exceed the limits together.

Status codes are Lona's: 400 for an upload over a limit (of files or of
bytes), 401 for any read of a bucket opened with ``index=False``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shutil
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from lona.buckets import Bucket, valid_file_name
from lona.concurrency.loop import is_async_callable
from lona.http import HttpResponse
from lona.http.host import NO_STORE
from lona.http.input import (
    HttpError,
    body_chunks,
    content_length,
    discard_body,
    parse_form,
    parse_query,
    read_body,
)
from lona.http.multipart import MultipartError, MultipartParser, PartData, PartStart, boundary_of
from lona.http.static_files import safe_join, serve_file

if TYPE_CHECKING:
    from lona.http import HttpRequest
    from lona.http.host import HttpServices
    from lona.http.multipart import Event

__all__ = ["BucketHttp"]

logger = logging.getLogger("lona.buckets")

MAX_DELETE_FORM = 64 * 1024
# what a multipart body may carry besides file contents (boundaries, part
# headers, fields) before its announced length alone gets it refused
MULTIPART_OVERHEAD = 1024 * 1024
# types a browser shows without running anything of the file's: served inline;
# every other type (HTML, XML, SVG, scripts, anything unknown) is a download
_INLINE_TYPES = ("image/", "audio/", "video/", "text/plain", "application/pdf")
_SCRIPTED_IMAGES = ("image/svg+xml",)
# a user's file runs no script in the app's origin, whatever its type and however
# it is opened; PDF viewers refuse to work sandboxed, and run no page script
_SANDBOX = ("Content-Security-Policy", "sandbox")


class _Upload:
    """One multipart POST to ``.../add``, written into its own directory (pool threads)."""

    def __init__(self, bucket: Bucket) -> None:
        self.bucket = bucket
        self.directory = Path(bucket.upload_path, secrets.token_hex(8))
        self.directory.mkdir()
        self.existing = bucket.file_sizes()
        self.sizes: dict[str, int] = {}  # bytes written per file name
        self.name: str | None = None
        self.file: IO[bytes] | None = None

    def apply(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, PartStart):
                self._start(event)
            elif isinstance(event, PartData):
                self._write(event.data)
            else:
                self._close_file()

    def _start(self, part: PartStart) -> None:
        self._close_file()
        if not part.filename:  # a plain field, or a file input left empty
            return
        # old browsers send a whole path; keep its last part
        name = part.filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
        if not valid_file_name(name):
            raise HttpError(400, f"not a usable file name: {part.filename[:100]!r}")
        max_files = self.bucket.max_files
        if max_files is not None and len({*self.existing, *self.sizes, name}) > max_files:
            raise HttpError(400, f"the bucket takes at most {max_files} files")
        self.name = name
        # the same name twice: the later file wins (and the earlier one's bytes count no more)
        self.bucket.server.buckets.release(self.sizes.get(name, 0))
        self.sizes[name] = 0
        self.file = open(self.directory / name, "wb")  # noqa: SIM115 (closed by _close_file)

    def _write(self, data: bytes) -> None:
        if self.file is None or self.name is None:
            return
        max_size = self.bucket.max_size
        if max_size is not None:
            kept = sum(size for name, size in self.existing.items() if name not in self.sizes)
            if kept + sum(self.sizes.values()) + len(data) > max_size:
                raise HttpError(400, f"the bucket takes at most {max_size} bytes")
        # what sizes holds is what the server's total counts for this upload
        if not self.bucket.server.buckets.reserve(len(data)):
            raise HttpError(507, "the server's buckets are full (BUCKETS_MAX_TOTAL_SIZE)")
        self.sizes[self.name] += len(data)
        self.file.write(data)

    def _close_file(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file, self.name = None, None

    def commit(self) -> list[str]:
        """Move every file into the bucket; the names."""
        self._close_file()
        target = Path(self.bucket.get_path())
        registry = self.bucket.server.buckets
        for name, size in self.sizes.items():
            os.replace(self.directory / name, target / name)
            registry.release(self.bucket.uploaded.get(name, 0))  # the file it replaced
            self.bucket.uploaded[name] = size
        shutil.rmtree(self.directory, ignore_errors=True)
        return sorted(self.sizes)

    def abort(self) -> None:
        self._close_file()
        self.bucket.server.buckets.release(sum(self.sizes.values()))
        self.sizes.clear()
        shutil.rmtree(self.directory, ignore_errors=True)


def _redirect_target(value: str, request: HttpRequest) -> str:
    """``?redirect=``: a path of this site, or a URL of this host; never elsewhere."""
    parts = urlsplit(value)
    foreign = bool(parts.netloc) and (parts.netloc, parts.scheme) != (request.host, request.scheme)
    if foreign or not parts.path.startswith("/") or value.startswith("//") or "\\" in value:
        raise HttpError(400, "redirect= must be a URL of this site")
    return value


class BucketHttp:
    def __init__(self, handler: HttpServices) -> None:
        self.handler = handler
        self.server = handler.server

    async def handle(self, path: str, request: HttpRequest) -> HttpResponse:
        """``path`` is below ``BUCKETS_URL_PREFIX``: ``<request id>/<bucket id>[/<name>]``."""
        try:
            return await self._handle(path, request)
        finally:
            await discard_body(request)  # whatever the answer, let the client read it

    async def _handle(self, path: str, request: HttpRequest) -> HttpResponse:
        parts = path.split("/")
        bucket = self.server.buckets.find(*parts[:2]) if len(parts) >= 2 else None
        if bucket is None or len(parts) > 3:
            raise HttpError(404, "no such bucket")
        if self.server.settings.BUCKETS_SAME_USER_ONLY:
            user, _, _ = self.server.sessions.user(request)
            if user != bucket.user:
                raise HttpError(403, f"{bucket!r} belongs to another user")
        name = parts[2] if len(parts) == 3 else ""
        method = request.method
        if method == "POST" and name == "add":
            return await self._add(bucket, request)
        if method == "POST" and name == "delete":
            return await self._delete(bucket, request)
        if method not in ("GET", "HEAD"):
            raise HttpError(405, f"{method} is not allowed here")
        if not bucket.index:  # Lona's status, for its files as for its index page
            raise HttpError(401, "this bucket can not be read over HTTP")
        if not name:
            return await self.handler.in_pool(self._index, bucket, request)
        return await self.handler.in_pool(self._file, bucket, name, request)

    # adding and deleting ####################################################

    async def _add(self, bucket: Bucket, request: HttpRequest) -> HttpResponse:
        try:
            parser = MultipartParser(
                boundary_of(request.headers.get("content-type") or ""),
                max_parts=self.server.settings.BUCKETS_MAX_UPLOAD_PARTS or 2**31,
            )
        except MultipartError as error:
            raise HttpError(400, str(error)) from error
        # far too big already by what the client announces: refused before reading
        declared = content_length(request) or 0
        if bucket.max_size is not None and declared > bucket.max_size + MULTIPART_OVERHEAD:
            raise HttpError(400, f"the bucket takes at most {bucket.max_size} bytes")
        in_pool = self.handler.in_pool
        if bucket.upload_lock is None:
            bucket.upload_lock = asyncio.Lock()
        async with bucket.upload_lock:
            upload = await in_pool(_Upload, bucket)
            try:
                async for chunk in body_chunks(request):
                    events = parser.feed(chunk)
                    if events:
                        await in_pool(upload.apply, events)
                parser.finish()
                names = await in_pool(upload.commit)
            except MultipartError as error:
                await in_pool(upload.abort)
                raise HttpError(400, f"malformed upload: {error}") from error
            except BaseException:
                await in_pool(upload.abort)
                raise
        logger.info("%r: added %s", bucket, ", ".join(names) or "nothing")
        if names:
            await self._callback(bucket.on_add, names)
        return self._done(request, {"added": names})

    async def _delete(self, bucket: Bucket, request: HttpRequest) -> HttpResponse:
        await read_body(request, MAX_DELETE_FORM)
        name = parse_form(request).get("name")
        if not isinstance(name, str) or not valid_file_name(name):
            raise HttpError(400, "delete needs the form field 'name' with a file name")
        path = Path(bucket.get_path(name))
        if not path.is_file():
            raise HttpError(404, f"the bucket has no file {name!r}")
        await self.handler.in_pool(path.unlink)
        self.server.buckets.release(bucket.uploaded.pop(name, 0))
        logger.info("%r: deleted %s", bucket, name)
        await self._callback(bucket.on_delete, [name])
        return self._done(request, {"deleted": [name]})

    async def _callback(self, callback: Any, names: list[str]) -> None:
        """``on_add`` / ``on_delete``: view code, so sync ones run in the pool."""
        if callback is None:
            return
        if is_async_callable(callback):
            await self.server.spawn(callback(names))
        else:
            await self.handler.in_pool(callback, names)

    def _done(self, request: HttpRequest, result: dict[str, list[str]]) -> HttpResponse:
        redirect = parse_query(request.query_string).get("redirect")
        if redirect:
            return HttpResponse(302, [("Location", _redirect_target(redirect, request)), NO_STORE])
        body = json.dumps(result).encode()
        return HttpResponse(200, [("Content-Type", "application/json"), NO_STORE], body)

    # reading ################################################################

    def _index(self, bucket: Bucket, request: HttpRequest) -> HttpResponse:
        files = [
            {"name": name, "url": bucket.get_url(name), "size": size}
            for name, size in sorted(bucket.file_sizes().items())
        ]
        html = self.server.templating.render(
            "lona/bucket.html",
            None,
            {"bucket": bucket, "files": files, "request": request},
        )
        return HttpResponse.html(html, 200, [NO_STORE])

    def _file(self, bucket: Bucket, name: str, request: HttpRequest) -> HttpResponse:
        found = safe_join(Path(bucket.get_path()), name)
        if found is None:
            raise HttpError(404, f"the bucket has no file {name[:100]!r}")
        response = serve_file(found, request, cache_control="no-store")
        response.headers.append(("X-Content-Type-Options", "nosniff"))
        content_type = (response.header("content-type") or "").lower()
        inline = content_type.startswith(_INLINE_TYPES) and not content_type.startswith(
            _SCRIPTED_IMAGES
        )
        if not inline:
            disposition = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
            response.headers.append(("Content-Disposition", disposition))
        if not content_type.startswith("application/pdf"):
            response.headers.append(_SANDBOX)
        return response
