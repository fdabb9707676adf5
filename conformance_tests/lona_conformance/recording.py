"""Recording lifecycle hooks where tests can read them, even after the server exited.

Views append JSON lines to the file named by ``LONA_CONFORMANCE_LOG``.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any

from lona import View

__all__ = ["RecordingView", "record"]

_LOG_LOCK = threading.Lock()


def record(event: str, **data: Any) -> None:
    path = os.environ.get("LONA_CONFORMANCE_LOG")
    if not path:
        return
    line = json.dumps({"event": event, "time": time.time(), **data}, default=repr)
    with _LOG_LOCK, open(path, "a") as log:
        log.write(line + "\n")


class RecordingView(View):
    """Records its lifecycle hooks under the name in ?name=..."""

    @property
    def name(self) -> str:
        return self.request.GET.get("name", type(self).__name__)

    def on_stop(self, reason: BaseException | None) -> None:
        record("on_stop", name=self.name, reason=type(reason).__name__ if reason else None)

    def on_cleanup(self) -> None:
        record("on_cleanup", name=self.name)
