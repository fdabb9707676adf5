"""A blocking call in an async view freezes every user of the server: it can
not be interrupted, but the log says which view did it, and where."""

from __future__ import annotations

from lona_conformance.helpers import http_get, wait_for_log


def test_a_blocked_event_loop_is_reported_with_the_view_and_line(lona_server):
    # a cookieless page load is enough: first content starts the view on the loop
    page = http_get(lona_server.url + "/hardening/blocking?seconds=1.5")
    assert page.status == 200
    wait_for_log(lona_server, "the event loop was blocked for")
    warning = next(
        line for line in lona_server.log_text().splitlines() if "event loop is blocked" in line
    )
    assert "BlockingAsync.handle_request" in warning  # the view and the handler
    assert "hardening.py:" in warning  # the line it is stuck at
