"""The resume path of issue 15: ``python benchmarks/resume.py``.

    python benchmarks/resume.py                         # every adapter, the sizes below
    python benchmarks/resume.py --adapters aiohttp --views 100 --missed 100,1000
    python benchmarks/resume.py --json resume.json

Against a fresh conformance app (``lona_conformance.app``) per adapter, with
real websockets on loopback and the project's protocol client:

* **RSS per waiting view**: ``--views`` tabs open ``/counter`` (one view
  each), then their sockets drop without a close (a lost network); the
  server's ``VmRSS`` growth over the idle server, divided by the views, while
  they are connected and while they wait for their tabs (``RESUME_TIMEOUT``).
* **Replay**: two tabs of one user show the daemon counter; one tab's socket
  drops, the other clicks ``--missed`` times (every click is a PATCH the
  dropped window misses and the server keeps); the dropped tab then comes
  back on a new socket.  *Back to in sync* is the time from opening that
  socket (TCP, websocket handshake, HELLO, RESUME) until its mirror of the
  page shows the last count; *replayed/s* is the missed messages over the
  time from RESUMED to the last of them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "benchmarks":
    sys.path[0] = str(ROOT)  # import benchmarks.* from the root

from benchmarks.procstats import sample  # noqa: E402
from lona.testing.client import ProtocolClient  # noqa: E402
from lona.testing.pages import connect, page_session  # noqa: E402
from lona.testing.websocket import WebSocketClient  # noqa: E402
from lona_conformance.server_process import ServerProcess  # noqa: E402

ADAPTERS = ("aiohttp", "tornado", "flask")
DAEMON_START = 10  # the daemon counter's first value
# the clicking tab clicks as fast as the server answers: no per-connection limits
SETTINGS = json.dumps({"MAX_INPUT_EVENTS_PER_SECOND": 0, "MAX_MESSAGES_PER_SECOND": 0})


def _client(server: ServerProcess, headers: dict[str, str], token: str) -> ProtocolClient:
    client = ProtocolClient(WebSocketClient(server.ws_url, headers=headers), token)
    client.hello()
    return client


def _rss_kib(server: ServerProcess) -> int:
    assert server.process is not None
    return sample(server.process.pid).rss_kib


def _settled_rss(server: ServerProcess) -> int:
    """RSS once the server is done with what just happened (two equal readings)."""
    previous = -1
    for _ in range(50):
        time.sleep(0.2)
        current = _rss_kib(server)
        if current == previous:
            return current
        previous = current
    return previous


def _tab(server: ServerProcess) -> ProtocolClient:
    """A tab as a browser opens it: the page load starts the view, the socket attaches."""
    client = connect(server.url, path="/counter")
    url = server.url + "/counter"
    client.open(url, wait_for="Count: 0", attach_token=client.page_view_token)
    return client


def waiting_views(server: ServerProcess, views: int) -> dict[str, Any]:
    _tab(server).close()  # imports and first allocations, not per view
    idle = _settled_rss(server)
    clients = [_tab(server) for _ in range(views)]
    connected = _settled_rss(server)
    for client in clients:
        client.transport.abort()  # what a lost network looks like: no close, no LEAVE
    waiting = _settled_rss(server)
    return {
        "views": views,
        "KiB per view, connected": round((connected - idle) / views, 1),
        "KiB per view, waiting for its tab": round((waiting - idle) / views, 1),
    }


def replay(server: ServerProcess, missed: int) -> dict[str, Any]:
    url = server.url + "/daemon/counter"
    headers, token = page_session(server.url, "/daemon/counter")
    dropped = _client(server, headers, token)
    window = dropped.open(url, wait_for=f"Counter: {DAEMON_START}")
    clicker = _client(server, headers, token)  # another tab of the same user
    other = clicker.open(url, wait_for=f"Counter: {DAEMON_START}")
    dropped.transport.abort()
    for _ in range(missed):
        other.click(other.element(id="increment"))
    last = f"Counter: {DAEMON_START + missed}"
    other.wait_for_text(last)
    had = window.received
    started = time.perf_counter()
    back = ProtocolClient(
        WebSocketClient(server.ws_url, headers=headers), token, page_id=dropped.page_id
    )
    back.hello()
    back.resume(window)
    resumed = time.perf_counter()
    window.wait_for_text(last, timeout=60)
    in_sync = time.perf_counter()
    assert window.resumed is not None and window.resumed[1] == had + 1, (
        "the messages were not replayed (RESUME_BUFFER_SIZE too small for this size?)"
    )
    replayed = window.received - had  # the clicks' patches, and what it had not read yet
    back.close()
    clicker.close()
    return {
        "missed messages": replayed,
        "back to in sync (ms)": round((in_sync - started) * 1000, 1),
        "replayed/s": round(replayed / max(in_sync - resumed, 1e-6)),
    }


def run(adapters: list[str], views: int, missed: list[int]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for adapter in adapters:
        print(f"{adapter} ...", flush=True)
        with ServerProcess(adapter, env={"LONA_CONFORMANCE_SETTINGS": SETTINGS}) as server:
            figures = waiting_views(server, views)
            for count in missed:
                figures[f"replay {count}"] = replay(server, count)
        results[adapter] = figures
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adapters", default=",".join(ADAPTERS))
    parser.add_argument("--views", type=int, default=200, help="waiting views (default 200)")
    parser.add_argument("--missed", default="100,1000", help="missed messages per replay")
    parser.add_argument("--json", default="", help="write the figures here too")
    args = parser.parse_args(argv)
    results = run(args.adapters.split(","), args.views, [int(n) for n in args.missed.split(",")])
    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
