"""The floods of issue 16, each against a fresh server, each bounded in time.

Every attack gets a running conformance app (``lona_conformance.app``, whose
``/hardening/*`` views are the targets) and a ``Size``, and returns its
figures: memory (RSS growth of the server), stall seconds (the longest wait
of an innocent client while the flood ran), threads (peak growth), and what
the attacker got (``flood_measures`` measures).  Nothing here asserts: a
benchmark measures and records.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.flood_measures import Figures, Prober, Sampler, closed_within, connect, log_size
from lona.protocol import ErrorCode
from lona.testing.client import Closed, ProtocolClient
from lona_conformance.server_process import ServerProcess

__all__ = ["ATTACKS", "Size"]

MIB = 1024 * 1024


@dataclass(frozen=True)
class Size:
    """How big each flood is: the issue's figures (``full``) or a small run for CI."""

    view_messages: int  # VIEW messages in one burst
    echo_seconds: float  # how long a client that reads nothing sends 1 MiB strings
    slow_readers: int  # clients of a 100 kB stream that read nothing
    stream_updates: int  # updates of that stream
    log_input_mib: int  # bad input sent to flood the log
    block_seconds: float  # time.sleep in an async view
    slowloris: int  # clients sending a header line every slowloris_pace seconds
    slowloris_pace: float
    slowloris_cap: float  # seconds we watch them at most
    sessions: int  # sessions x views_per_session sleeping sync views
    views_per_session: int
    cap: float  # seconds any one flood may take at most
    settle: float  # seconds an innocent user is watched after a flood (its backlog)

    @classmethod
    def full(cls) -> Size:
        return cls(20_000, 5.0, 5, 2000, 48, 5.0, 50, 10.0, 60.0, 20, 100, 120.0, 5.0)

    @classmethod
    def quick(cls) -> Size:
        return cls(2_000, 1.0, 2, 150, 4, 1.0, 10, 0.5, 4.0, 3, 20, 20.0, 1.0)


# the attacks ##################################################################


def lone_surrogate(server: ServerProcess, size: Size) -> Figures:
    """Finding 1: a CHANGE with "hi \\ud800 there", then Send, on a shared board."""
    sender = connect(server).open(server.url + "/hardening/board", wait_for="Board")
    bystander = connect(server).open(server.url + "/hardening/board", wait_for="Board")
    sender.change(sender.element(id="text"), "hi \ud800 there", wait=False)
    sender.click(sender.element(id="send"), wait=False)
    try:
        bystander.wait_for_text("there", timeout=5)
        seen = True
    except (TimeoutError, Closed):
        seen = False
    alive = 0
    for window in (sender, bystander):
        try:
            window.client.ping(timeout=5)
            alive += 1
        except (TimeoutError, Closed, OSError):
            pass
    try:
        status = urllib.request.urlopen(server.url + "/hardening/board", timeout=10).status
    except urllib.error.HTTPError as error:
        status = error.code
    return {
        "bystander saw the message": "yes" if seen else "no",
        "sockets still answering (of 2)": alive,
        "later page load": status,
    }


def view_flood(server: ServerProcess, size: Size) -> Figures:
    """Finding 2: one websocket sends size.view_messages VIEWs in one burst."""
    assert server.process is not None
    flooder = connect(server)
    text = json.dumps([2, 1, server.url + "/", None, None])
    with Sampler(server.process.pid).running() as sampler, Prober(server).running() as prober:
        started = time.monotonic()
        payload = 0
        try:
            for _ in range(size.view_messages):
                flooder.transport.send(text)
                payload += len(text)
            flooder.send([4])  # answered once every VIEW before it was handled
            code = _wait_for_pong_or_close(flooder, size.cap)
        except OSError:
            code = 1006
        took = time.monotonic() - started
        time.sleep(size.settle)  # a backlog the server still works through hurts others too
    return {
        "flood (MiB)": round(payload / MIB, 2),
        "flooder": "disconnected" if code else "served to the end",
        "flood handled in (s)": round(took, 2),
        **prober.figures(),
        **sampler.figures(),
    }


def _wait_for_pong_or_close(client: ProtocolClient, cap: float) -> int | None:
    deadline = time.monotonic() + cap
    while time.monotonic() < deadline:
        try:
            message = json.loads(client.transport.receive(max(0.01, deadline - time.monotonic())))
        except Closed as closed:
            return closed.code or 1006
        except TimeoutError:
            return None
        if message == [10]:
            return None
    return None


def unread_errors(server: ServerProcess, size: Size) -> Figures:
    """Finding 3: a client that reads nothing sends ~1 MiB strings that each
    earn an ERROR, for size.echo_seconds."""
    assert server.process is not None
    client = connect(server)
    text = json.dumps([2, "x" * 1_000_000, "u"])  # the window id must be a number
    sent = 0
    with Sampler(server.process.pid).running() as sampler:
        deadline = time.monotonic() + size.echo_seconds
        try:
            while time.monotonic() < deadline:
                client.transport.send(text)
                sent += 1
        except OSError:
            pass
        time.sleep(1.0)  # what the server still holds a moment later
    client.transport.abort()
    return {"1 MiB messages sent": sent, **sampler.figures()}


def slow_readers(server: ServerProcess, size: Size) -> Figures:
    """Finding 3: clients of a view streaming 100 kB updates that read nothing."""
    assert server.process is not None
    url = server.url + f"/hardening/stream?size=100000&count={size.stream_updates}"
    clients = []
    with Sampler(server.process.pid).running() as sampler:
        for _ in range(size.slow_readers):
            client = connect(server)
            client.send([2, 1, url, None, None])
            clients.append(client)
        time.sleep(min(size.cap, 3.0 + size.stream_updates / 200))
        kept = sum(1 for client in clients if closed_within(client, 0.01) is None)
    for client in clients:
        client.transport.abort()
    figures = sampler.figures()
    per_client = round(figures["memory growth (MiB)"] / size.slow_readers, 1)
    return {
        "slow readers": size.slow_readers,
        "memory per slow reader (MiB)": per_client,
        "still connected at the end": kept,
        **figures,
    }


def log_flood(server: ServerProcess, size: Size) -> Figures:
    """Finding 8: bad input in a loop (refused messages and CLIENT_ERRORs of 64 KiB)."""
    before = log_size(server)
    client = connect(server)
    window = client.open(server.url + "/counter", wait_for="Count: 0")
    chunk = "e" * 64 * 1024
    texts = [
        json.dumps([5, window.id, window.view_id, chunk]),
        json.dumps([2, chunk, "u"]),
    ]
    sent = 0
    target = size.log_input_mib * MIB
    while sent < target:
        try:
            for text in texts:
                client.transport.send(text)
                sent += len(text)
            time.sleep(0.005)  # 400 messages a second: under any message budget
        except OSError:  # cut off: come back, as an attacker would
            client = connect(server)
            window = client.open(server.url + "/counter", wait_for="Count: 0")
            texts[0] = json.dumps([5, window.id, window.view_id, chunk])
    try:
        client.ping(timeout=30)
    except (TimeoutError, Closed, OSError):
        pass
    time.sleep(0.5)
    written = log_size(server) - before
    return {
        "bad input (MiB)": round(sent / MIB, 1),
        "log written (MiB)": round(written / MIB, 2),
    }


def blocking_view(server: ServerProcess, size: Size) -> Figures:
    """Finding 9: time.sleep in an async handle_request, run by a cookieless GET."""
    with Prober(server).running() as prober:
        time.sleep(0.5)
        url = server.url + f"/hardening/blocking?seconds={size.block_seconds}"
        urllib.request.urlopen(url, timeout=60).read()
        time.sleep(0.5)
    log = server.log_text()
    return {
        "blocking call (s)": size.block_seconds,
        **prober.figures(),
        "warning names the view": "yes" if "BlockingAsync.handle_request" in log else "no",
    }


def slowloris(server: ServerProcess, size: Size) -> Figures:
    """Finding 10: clients that send a header line every size.slowloris_pace seconds."""
    assert server.process is not None
    socks = []
    with Sampler(server.process.pid).running() as sampler:
        for _ in range(size.slowloris):
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            socks.append(sock)
        started = time.monotonic()
        held: dict[int, float] = {}
        line = 0
        while len(held) < len(socks) and time.monotonic() - started < size.slowloris_cap:
            time.sleep(size.slowloris_pace)
            line += 1
            for index, sock in enumerate(socks):
                if index in held:
                    continue
                try:
                    sock.sendall(b"X-Slow-%d: 1\r\n" % line)
                    sock.setblocking(False)
                    if sock.recv(1) == b"":
                        raise ConnectionResetError
                except BlockingIOError:
                    pass
                except OSError:
                    held[index] = time.monotonic() - started
                finally:
                    sock.setblocking(True)
    for sock in socks:
        sock.close()
    capped = len(socks) - len(held)
    longest = max(held.values(), default=0.0)
    return {
        "slow clients": len(socks),
        "longest held (s)": f">{size.slowloris_cap:g}" if capped else round(longest, 1),
        "still held at the end": capped,
        **sampler.figures(),
    }


def sleeping_views(server: ServerProcess, size: Size) -> Figures:
    """Finding 10: sessions x sleeping sync views (each parked in a thread)."""
    assert server.process is not None
    refused = 0
    lock = threading.Lock()

    def one_session() -> None:
        nonlocal refused
        client = connect(server)
        for window_id in range(1, size.views_per_session + 1):
            client.send([2, window_id, server.url + "/await-click", None, None])
            time.sleep(0.025)  # 40 views a second: under any message budget
        try:
            client.wait(lambda: False, timeout=2)
        except (TimeoutError, Closed):
            pass
        errors = [e for w in client.windows.values() for e in w.errors] + client.errors
        with lock:
            refused += sum(1 for error in errors if error[0] == ErrorCode.TOO_MANY_VIEWS)

    with Sampler(server.process.pid).running() as sampler:
        threads = [threading.Thread(target=one_session) for _ in range(size.sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(size.cap)
    return {
        "views asked for": size.sessions * size.views_per_session,
        "refused": refused,
        **sampler.figures(),
    }


Attack = Callable[[ServerProcess, Size], Figures]
ATTACKS: dict[str, tuple[str, Attack]] = {
    "surrogate": ("1: a lone surrogate on a shared board", lone_surrogate),
    "view-flood": ("2: VIEW flood from one websocket", view_flood),
    "unread-errors": ("3: 1 MiB messages earning ERRORs, never read", unread_errors),
    "slow-readers": ("3: slow readers of a 100 kB stream", slow_readers),
    "log-flood": ("8: bad input in a loop", log_flood),
    "blocking": ("9: time.sleep in an async view", blocking_view),
    "slowloris": ("10: slow request heads", slowloris),
    "sleeping-views": ("10: sessions x sleeping sync views", sleeping_views),
}
