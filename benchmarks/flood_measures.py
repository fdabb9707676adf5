"""What the floods measure: the server's memory and threads, and an innocent user.

``Sampler`` reads the server process's RSS and thread count while a flood
runs; ``Prober`` is a user who loads a page and clicks a counter in turns and
records the longest either took.  The helpers open protocol clients and read
what the server did to them.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.procstats import sample
from lona.testing.client import Closed, ProtocolClient
from lona.testing.pages import page_session
from lona.testing.websocket import WebSocketClient
from lona_conformance.server_process import ServerProcess

__all__ = ["Figures", "Prober", "Sampler", "closed_within", "connect", "log_size"]

Figures = dict[str, Any]


class _Background:
    """Something that runs in a thread while a flood runs (``with x.running():``)."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        raise NotImplementedError

    @contextmanager
    def running(self) -> Iterator[Any]:
        self._thread.start()
        self.ready.wait(60)
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join(65)

    @property
    def ready(self) -> threading.Event:
        """Set once the thread runs in earnest (a prober after its first round)."""
        return self._ready


class Sampler(_Background):
    """The server's RSS and thread count, every 20 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__()
        self.pid = pid
        first = sample(pid)
        self.base_rss = self.peak_rss = first.rss_kib
        self.base_threads = self.peak_threads = first.threads

    def _run(self) -> None:
        self._ready.set()
        while not self._stop.wait(0.02):
            try:
                now = sample(self.pid)
            except (FileNotFoundError, ProcessLookupError):
                return
            self.peak_rss = max(self.peak_rss, now.rss_kib)
            self.peak_threads = max(self.peak_threads, now.threads)

    def figures(self) -> Figures:
        return {
            "memory growth (MiB)": round((self.peak_rss - self.base_rss) / 1024, 1),
            "threads added (peak)": self.peak_threads - self.base_threads,
        }


class Prober(_Background):
    """An innocent user: loads a page and clicks a counter in turns, and
    records the longest either took while the flood ran."""

    def __init__(self, server: ServerProcess) -> None:
        super().__init__()
        self.server = server
        self.longest_page_load = 0.0
        self.longest_click = 0.0
        self.failures = 0

    def _run(self) -> None:
        try:
            window = connect(self.server).open(self.server.url + "/counter", wait_for="Count: 0")
            button = window.element(id="increment")
        except Exception:
            self.failures += 1
            self._ready.set()
            return
        first = True
        while first or not self._stop.wait(0.05):
            started = time.monotonic()
            try:  # a plain page: answered on the server's loop, no view left behind
                urllib.request.urlopen(self.server.url + "/api/page", timeout=60).read()
            except (OSError, urllib.error.URLError):
                self.failures += 1
            self.longest_page_load = max(self.longest_page_load, time.monotonic() - started)
            started = time.monotonic()
            try:
                window.click(button, timeout=60)
            except (TimeoutError, Closed):
                self.failures += 1
            self.longest_click = max(self.longest_click, time.monotonic() - started)
            if first:  # the flood starts now: what it costs others shows from here on
                first = False
                self.longest_page_load = self.longest_click = 0.0
                self._ready.set()

    def figures(self) -> Figures:
        return {
            "longest page load (s)": round(self.longest_page_load, 2),
            "longest click (s)": round(self.longest_click, 2),
            "failed probes": self.failures,
        }


def connect(server: ServerProcess, headers: dict[str, str] | None = None) -> ProtocolClient:
    headers, token = page_session(server.url, "/", headers)
    client = ProtocolClient(WebSocketClient(server.ws_url, headers=headers, timeout=60), token)
    client.hello(timeout=60)
    return client


def closed_within(client: ProtocolClient, seconds: float) -> int | None:
    """The close code if the server closed the socket within ``seconds`` (reading all)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            client.transport.receive(max(0.01, deadline - time.monotonic()))
        except Closed as closed:
            return closed.code
        except TimeoutError:
            return None
        except OSError:
            return 1006
    return None


def log_size(server: ServerProcess) -> int:
    return server.output.stat().st_size if server.output.exists() else 0
