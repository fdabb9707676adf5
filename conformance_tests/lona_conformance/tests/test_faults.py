"""Faults on every adapter: crashes in every hook and middleware, restarts,
stubborn views at shutdown, and nothing left behind after many connections."""

from __future__ import annotations

import json

import pytest

from lona.protocol import ErrorCode
from lona.testing.pages import connect
from lona_conformance.helpers import events_named, eventually, http_get, wait_for_log


def _counter_still_works(protocol, server):
    window = protocol(server).open(server.url + "/counter", wait_for="Count: 0")
    window.click(window.element(id="increment"))
    assert "Count: 1" in window.text()


@pytest.mark.parametrize("hook", ["handle_input_event_root", "handle_input_event", "channel"])
def test_a_crash_in_an_event_hook_shows_the_500_view_in_that_view_only(protocol, lona_server, hook):
    window = protocol().open(lona_server.url + f"/faults/hook?hook={hook}", wait_for="running")
    window.click(window.element(id="event"), wait=False)
    window.wait_for_text("500")
    _counter_still_works(protocol, lona_server)


def test_a_crash_in_on_stop_shows_the_500_view_and_one_in_on_cleanup_is_logged(
    protocol, lona_server
):
    stopped = protocol().open(lona_server.url + "/faults/on-stop")
    stopped.wait_for_text("500")
    client = protocol()
    client.open(lona_server.url + "/faults/hook?hook=on_cleanup", wait_for="running")
    client.open(lona_server.url + "/counter", wait_for="Count: 0")  # the crashing view leaves
    wait_for_log(lona_server, "on_cleanup crashes on purpose")
    _counter_still_works(protocol, lona_server)


def test_a_crash_in_each_middleware_hook_fails_only_its_own_request(protocol, lona_server):
    base = lona_server.url + "/faults/crash-middleware/"
    assert http_get(base + "handle_http_request").status == 500
    crashed = protocol().open(base + "handle_request")
    crashed.wait_for_text("500")
    for hook in ("on_view_stop", "on_view_cleanup"):  # logged; the view and the socket carry on
        client = protocol()
        client.open(base + hook, wait_for="running")
        client.open(lona_server.url + "/", wait_for="Conformance app")
        wait_for_log(lona_server, f"middleware {hook} crashes on purpose")
    client = protocol()
    client.send("crash-middleware:handle_websocket_message")
    client.wait(lambda: client.errors, what="the refusal")
    assert client.errors[-1][0] == ErrorCode.INTERNAL
    client.ping()
    _counter_still_works(protocol, lona_server)


def test_a_server_restart_during_a_long_running_view(protocol, fresh_server):
    window = protocol(fresh_server).open(fresh_server.url + "/count?name=restarted", wait_for="2")
    assert window.view_id
    fresh_server.restart()
    assert events_named(fresh_server.events(), "restarted") == [
        ("on_stop", "ServerStop"),
        ("on_cleanup", None),
    ]
    window = protocol(fresh_server).open(fresh_server.url + "/count", wait_for="Counting")
    assert "stopped" not in window.text()  # a new view, counting from the start


def test_shutdown_ends_within_the_timeout_even_with_a_stubborn_view(server_with, protocol):
    server = server_with(SHUTDOWN_TIMEOUT=1)
    protocol(server).open(server.url + "/faults/stubborn", wait_for="busy")
    # stop() kills the process if it is not gone 5 s after the 1 s shutdown timeout
    assert server.stop(timeout=6) == 0


def _resources(server):
    return json.loads(http_get(server.url + "/faults/resources").body)


def test_nothing_grows_after_1000_connect_and_disconnect_cycles(server_with):
    server = server_with(THREAD_IDLE_TIMEOUT=0.2)

    def cycle():  # a tab: the page load starts the view, its websocket attaches to it
        client = connect(server.url, path="/counter")
        window = client.open(
            server.url + "/counter", wait_for="Count: 0", attach_token=client.page_view_token
        )
        window.click(window.element(id="increment"))
        client.close()

    def settled():
        now = _resources(server)
        return now if now["views"] == 0 and now["connections"] == 0 else None

    for _ in range(50):  # warm up: caches, pools, lazy imports
        cycle()
    baseline = eventually(settled, timeout=30, what="a settled server")
    for _ in range(1000):
        cycle()
    eventually(settled, timeout=60, what="every view and connection to be gone")
    # every poll runs in a pool thread: poll more slowly than threads retire, or
    # the polling itself keeps idle threads busy and alive
    after = eventually(
        lambda: (now := settled()) and now["threads"] <= baseline["threads"] and now,
        timeout=60,
        what="the threads to come back to the baseline",
        interval=0.5,
    )
    assert after["tasks"] <= baseline["tasks"]
    grown = after["rss_kib"] - baseline["rss_kib"]
    assert grown < 10 * 1024, f"RSS grew by {grown} KiB over 1,000 cycles"
