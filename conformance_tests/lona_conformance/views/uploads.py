"""A view with a bucket, for uploads over HTTP.

``/uploads?max_files=N&max_size=BYTES&index=0`` opens a bucket with those
limits and shows its URLs (``#url``, ``#add-url``, ``#delete-url``), its
directory (``#path``: tests look at the disk themselves) and the names
``on_add`` and ``on_delete`` reported (``#added``, ``#deleted``).  Its form
posts files into a frame, the way a page keeps its view while uploading.
"""

from __future__ import annotations

from typing import Any

from lona import App, Bucket, View
from lona.html import H1, HTML, Div, Form, IFrame, Input, Submit
from lona_conformance.recording import record

__all__ = ["add_routes"]


def _limit(request: Any, name: str) -> int | None:
    value = request.GET.get(name)
    return int(value) if value else None


class Uploads(View):
    def handle_request(self, request: Any) -> Any:
        self.bucket = Bucket(
            request,
            max_files=_limit(request, "max_files"),
            max_size=_limit(request, "max_size"),
            index=request.GET.get("index") != "0",
            on_add=self.added,
            on_delete=self.deleted,
        )
        self.added_names = Div("", _id="added")
        self.deleted_names = Div("", _id="deleted")
        bucket = self.bucket
        return HTML(
            H1("Uploads"),
            Div(bucket.get_url(), _id="url"),
            Div(bucket.get_add_url(), _id="add-url"),
            Div(bucket.get_delete_url(), _id="delete-url"),
            Div(bucket.get_path(), _id="path"),
            self.added_names,
            self.deleted_names,
            Form(
                Input(_id="files", type="file", name="files", multiple=True),
                Submit("Upload", _id="upload"),
                _id="upload-form",
                action=bucket.get_add_url(),
                method="post",
                enctype="multipart/form-data",
                target="upload-frame",
            ),
            IFrame(name="upload-frame", _id="upload-frame"),
        )

    def added(self, names: list[str]) -> None:
        record("on_add", names=names, sizes=[len(n) for n in names])
        self.added_names.set_text(",".join(sorted(self.bucket.get_file_names())))
        self.show()

    def deleted(self, names: list[str]) -> None:
        record("on_delete", names=names)
        self.deleted_names.set_text(",".join(names))
        self.show()


def add_routes(app: App) -> None:
    app.route("/uploads")(Uploads)
