"""``Bucket``: a temporary directory of a view that files are uploaded into over HTTP.

::

    class Upload(View):
        def handle_request(self, request):
            self.bucket = Bucket(request, max_files=3, max_size=10 * 1024**2,
                                 on_add=self.added)
            return HTML(Form(FileInput(multiple=True), Submit("Upload"),
                             action=self.bucket.get_add_url(), method="post",
                             enctype="multipart/form-data", target="uploads"),
                        Iframe(name="uploads"))

        def added(self, file_names):
            ...

URLs (``BUCKETS_URL_PREFIX``, ``/buckets/`` by default): ``<id>/add`` takes a
multipart POST, ``<id>/delete`` a form POST with the field ``name``,
``<id>/<file name>`` serves a file, and ``<id>`` is an index page (unless
``index=False``).  Both POSTs redirect to ``?redirect=`` when given.

As in Lona, a bucket's URL is its capability: whoever has it may list,
read, add and delete files, so it carries an unguessable part (``id``, 128
random bits).  Unlike Lona's, a bucket that sets no limits gets the
settings' (``BUCKETS_MAX_SIZE``, 1 MiB as ``MAX_HTTP_BODY_SIZE``, and
``BUCKETS_MAX_FILES``), and all uploads of a server together hold at most
``BUCKETS_MAX_TOTAL_SIZE`` bytes: sessions are free, so per-bucket limits
alone bound no attacker.  ``BUCKETS_SAME_USER_ONLY = True`` also requires the user of
the request that opened it (anyone else gets 403).  Unlike Lona's, its limits
hold while an upload streams: an upload that would exceed ``max_files`` or
``max_size`` (bytes, all files together) is refused at the part that crosses
the limit, and none of its files stay.  A bucket lives as long as its view:
its directory goes when the view is cleaned up (a non-interactive view's when
its answer is sent).
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import quote

if TYPE_CHECKING:
    from lona.settings import Settings

__all__ = ["Bucket", "BucketRegistry", "valid_file_name"]

logger = logging.getLogger("lona.buckets")

FileNamesCallback = Callable[[list[str]], Any]
ID_BYTES = 16  # 128 random bits in every bucket URL


class BucketServer(Protocol):
    """What a bucket needs of its server (Lona's: the request's)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def url_prefix(self) -> str: ...

    @property
    def buckets(self) -> BucketRegistry: ...


class BucketRequest(Protocol):
    """The request a bucket belongs to (``lona.request.Request``)."""

    @property
    def id(self) -> str: ...

    @property
    def user(self) -> Any: ...

    @property
    def server(self) -> BucketServer: ...


class CleanupData(Protocol):
    """What ``on_view_cleanup`` gets (``lona.middlewares.MiddlewareData``)."""

    @property
    def request(self) -> BucketRequest | None: ...


Data = TypeVar("Data", bound=CleanupData)


def valid_file_name(name: str) -> bool:
    """A plain file name: no directory part, no control characters, not too long."""
    return (
        bool(name)
        and name not in (".", "..")
        and "/" not in name
        and "\\" not in name
        and not any(ord(c) < 32 or ord(c) == 127 for c in name)
        and len(name.encode("utf-8")) <= 255
    )


class Bucket:
    def __init__(
        self,
        request: BucketRequest,
        max_files: int | None = None,
        max_size: int | None = None,
        index: bool = True,
        on_add: FileNamesCallback | None = None,
        on_delete: FileNamesCallback | None = None,
    ) -> None:
        self.request = request
        self.server = request.server
        settings = self.server.settings
        self.max_files = max_files if max_files is not None else settings.BUCKETS_MAX_FILES or None
        self.max_size = max_size if max_size is not None else settings.BUCKETS_MAX_SIZE or None
        self.uploaded: dict[str, int] = {}  # bytes of each uploaded file, for the server's total
        self.index = index
        self.on_add = on_add
        self.on_delete = on_delete
        # the secret part of the bucket's URLs (Lona's uuid1 can be guessed from a
        # neighbour's; a token can not)
        self.id = secrets.token_urlsafe(ID_BYTES)
        self.upload_lock: Any = None  # an asyncio.Lock, made on the loop by the first upload
        self._path, self.upload_path = self.server.buckets.open(self)

    def __repr__(self) -> str:
        return f"<Bucket {self.id} of request {self.request.id}>"

    @property
    def user(self) -> Any:
        """With ``BUCKETS_SAME_USER_ONLY``, only this user may use the bucket's URLs."""
        return self.request.user

    # files ##################################################################

    def get_path(self, file_name: str = "") -> str:
        if not file_name:
            return str(self._path)
        if not valid_file_name(file_name):
            raise ValueError(f"not a plain file name: {file_name!r}")
        return str(self._path / file_name)

    def get_file_names(self) -> list[str]:
        if not self._path.is_dir():
            return []
        return sorted(entry.name for entry in self._path.iterdir() if entry.is_file())

    def get_size(self) -> int:
        return sum(self.file_sizes().values())

    def file_sizes(self) -> dict[str, int]:
        if not self._path.is_dir():
            return {}
        return {
            entry.name: entry.stat().st_size for entry in self._path.iterdir() if entry.is_file()
        }

    # URLs ###################################################################

    def get_url(self, file_name: str = "") -> str:
        prefix: str = self.server.settings.BUCKETS_URL_PREFIX
        url = f"{self.server.url_prefix}{prefix}{self.request.id}/{self.id}"
        return f"{url}/{quote(file_name, safe='')}" if file_name else url

    def get_add_url(self) -> str:
        return self.get_url() + "/add"

    def get_delete_url(self) -> str:
        return self.get_url() + "/delete"

    def close(self) -> None:
        """Delete the bucket's files; its URLs answer 404 from now on."""
        self.server.buckets.close(self)


class BucketRegistry:
    """The open buckets of one server, in one temporary directory.

    It is also the first middleware: ``on_view_cleanup`` closes the buckets
    of the view's request, as Lona's core buckets middleware does.
    """

    def __init__(self, max_total_size: int | None = None) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str], Bucket] = {}
        self._root: tempfile.TemporaryDirectory[str] | None = None
        self.max_total_size = max_total_size or None
        self._total = 0  # bytes uploaded into open buckets, uploads in progress included

    def reserve(self, size: int) -> bool:
        """Count ``size`` more uploaded bytes, unless that exceeds the server's total."""
        with self._lock:
            if self.max_total_size is not None and self._total + size > self.max_total_size:
                return False
            self._total += size
            return True

    def release(self, size: int) -> None:
        with self._lock:
            self._total -= size

    def open(self, bucket: Bucket) -> tuple[Path, Path]:
        """Register a new bucket; its file and upload directories."""
        with self._lock:
            if self._root is None:
                self._root = tempfile.TemporaryDirectory(prefix="lona-buckets-")
            directory = Path(self._root.name, bucket.request.id, bucket.id)
            self._buckets[(bucket.request.id, bucket.id)] = bucket
        files, uploads = directory / "files", directory / "uploads"
        files.mkdir(parents=True)
        uploads.mkdir()
        return files, uploads

    def find(self, request_id: str, bucket_id: str) -> Bucket | None:
        with self._lock:
            return self._buckets.get((request_id, bucket_id))

    def close(self, bucket: Bucket) -> None:
        with self._lock:
            if self._buckets.pop((bucket.request.id, bucket.id), None) is not None:
                self._total -= sum(bucket.uploaded.values())
                bucket.uploaded.clear()
        shutil.rmtree(Path(bucket.get_path()).parent, ignore_errors=True)

    def close_request(self, request_id: str) -> None:
        with self._lock:
            buckets = [b for (owner, _id), b in self._buckets.items() if owner == request_id]
            root = self._root
        for bucket in buckets:
            bucket.close()
        if buckets and root is not None:
            shutil.rmtree(Path(root.name, request_id), ignore_errors=True)

    def close_all(self) -> None:
        with self._lock:
            self._buckets.clear()
            root, self._root = self._root, None
        if root is not None:
            root.cleanup()

    def on_view_cleanup(self, data: Data) -> Data:
        if data.request is not None:
            self.close_request(data.request.id)
        return data
