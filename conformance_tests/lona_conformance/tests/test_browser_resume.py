"""A network cut in Chromium (through a TCP proxy the test controls) while the
user types and clicks: nothing the user did is lost (docs/protocol.md,
"Resuming").  Within ``RESUME_TIMEOUT`` the same view instance resumes; past
it a fresh view starts and gets back what the user typed (form recovery)."""

from __future__ import annotations

import uuid

import pytest

from lona_conformance.helpers import wait_for_events
from lona_conformance.proxy import TcpProxy

pytestmark = pytest.mark.browser

TYPED = "hello"


def _of(events, name, kind):
    return [e for e in events if e.get("name") == name and e["event"] == kind]


def _use_the_page_offline(page, proxy, seconds):
    """Cut the network, then type and click while it is down."""
    page.click("#plus")
    page.wait_for_selector("#count:text-is('1')")
    proxy.cut(seconds)
    page.wait_for_selector("#lona-status:visible")  # the client noticed
    page.type("#field", TYPED)
    page.click("#plus")
    page.select_option("#choice", "b")
    page.click("#plus")


def test_a_cut_of_5_s_loses_nothing_and_keeps_the_view(page, lona_server):
    name = f"cut-{uuid.uuid4().hex[:8]}"
    with TcpProxy(lona_server.port) as proxy:
        page.goto(f"{proxy.url}/resume?name={name}")
        _use_the_page_offline(page, proxy, 5)
        page.wait_for_selector("#lona-status", state="hidden")
        page.wait_for_selector(f"#state:text-is('3|{TYPED}|b')")
    events = wait_for_events(
        lona_server,
        lambda e: len(_of(e, name, "click")) >= 3,
        what="the three clicks",
    )
    assert len(_of(events, name, "handle_request")) == 1
    clicks = _of(events, name, "click")
    assert [e["count"] for e in clicks] == [1, 2, 3]  # each once, in order
    changes = [e["value"] for e in _of(events, name, "change")]
    assert changes and changes[-1] == TYPED
    assert all(TYPED.startswith(value) for value in changes)
    assert len(changes) == len(set(changes))  # none twice
    assert [e["value"] for e in _of(events, name, "choice")] == ["b"]
    assert [e["reason"] for e in _of(events, name, "on_stop")] == [None]  # returned, no abort
    # the DOM is the view's state
    assert page.locator("#count").text_content() == "3"
    assert page.input_value("#field") == TYPED


def test_a_cut_longer_than_resume_timeout_starts_a_fresh_view_with_the_typing(page, server_with):
    server = server_with(RESUME_TIMEOUT=1)
    name = f"late-{uuid.uuid4().hex[:8]}"
    with TcpProxy(server.port) as proxy:
        page.goto(f"{proxy.url}/resume?name={name}")
        _use_the_page_offline(page, proxy, 2)  # RESUME_TIMEOUT + 1 s
        page.wait_for_selector("#lona-status", state="hidden")
        # the fresh view got the values the user had typed, as typed
        page.wait_for_selector(f"#state:text-is('0|{TYPED}|b')")
    events = wait_for_events(
        server,
        lambda e: len(_of(e, name, "handle_request")) == 2 and _of(e, name, "choice"),
        what="a second view with the recovered values",
    )
    first, second = (e["view"] for e in _of(events, name, "handle_request"))
    assert first != second
    # the first view was let go (it had returned from handle_request) before the second ran
    kinds = [e["event"] for e in events if e.get("name") == name]
    assert kinds.index("on_cleanup") < kinds.index("handle_request", 1)
    assert [e["value"] for e in _of(events, name, "change") if e["view"] == second] == [TYPED]
    assert [e["value"] for e in _of(events, name, "choice") if e["view"] == second] == ["b"]
    # clicks made offline belonged to the view that stopped: none reached the new one
    assert not [e for e in _of(events, name, "click") if e["view"] == second]
    assert page.input_value("#field") == TYPED
