"""The Flask example in production: gunicorn with threaded workers, on loopback."""

from __future__ import annotations

import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from lona.protocol import CloseCode

from .hosts import GunicornProcess, Visitor, browser_log_in, stop_with_a_live_view_open

LIVE_PAGES = 30  # open at once; the example's workers have 100 threads


@pytest.fixture(scope="module")
def gunicorn():
    with GunicornProcess() as server:
        yield server


def test_logged_in_live_views_under_gunicorn(gunicorn):
    visitor = Visitor(gunicorn.url)
    assert visitor.live_greeting() == "Not logged in"
    visitor.log_in("alice", "wonderland")
    assert visitor.live_greeting() == "Logged in as alice"


def test_many_live_pages_and_plain_pages_at_once(gunicorn):
    def live_page(number):
        client = Visitor(gunicorn.url).live_client()
        window = client.open(gunicorn.url + "/live/", wait_for="Count: 0")
        for _ in range(number % 5 + 1):
            window.click(window.element(id="increment"))
        return client, window, number % 5 + 1

    with ThreadPoolExecutor(LIVE_PAGES) as pool:
        pages = list(pool.map(live_page, range(LIVE_PAGES)))
    # every socket holds a thread now; plain page loads still get one
    assert Visitor(gunicorn.url).request("/").status == 200
    for client, window, clicks in pages:
        assert f"Count: {clicks}" in window.text()
        client.close()


@pytest.mark.browser
def test_the_browser_logs_in_and_clicks_under_gunicorn(page, gunicorn):
    browser_log_in(page, gunicorn.url, "bob", "builder")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_ends_live_views_at_once_instead_of_after_the_graceful_timeout(sig):
    with GunicornProcess() as server:
        started = time.monotonic()
        assert stop_with_a_live_view_open(server, sig) == (CloseCode.GOING_AWAY, 0)
        # graceful_timeout is 10 s: without the hooks the worker waits that long
        assert time.monotonic() - started < 5


@pytest.mark.browser
def test_ten_tabs_work_with_two_workers_as_the_readme_says(browser):
    """README, "Flask in production": WORKERS=2 and nothing else set.  A tab's
    page load and its websocket may reach different workers; each accepts the
    other's page token and session, and the tab gets a working view."""
    with GunicornProcess(env={"WORKERS": "2"}) as server:
        contexts = [browser.new_context() for _ in range(5)]  # five users, two tabs each
        try:
            pages = [context.new_page() for context in contexts for _ in range(2)]
            for page in pages:
                page.goto(server.url + "/live/")
            for number, page in enumerate(pages, 1):
                for _ in range(number % 3 + 1):
                    page.click("#increment")
                page.wait_for_selector(f"#count:text-is('{number % 3 + 1}')")
        finally:
            for context in contexts:
                context.close()
