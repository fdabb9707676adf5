"""The real client in Chromium, driving views served by each adapter."""

from __future__ import annotations

import pytest

from lona_conformance.helpers import events_named, wait_for_events

pytestmark = pytest.mark.browser


def _count(page):
    return page.locator("#count").text_content()


def test_counter_counts_clicks(page, lona_server):
    page.goto(lona_server.url + "/counter")
    for _ in range(3):
        page.click("#increment")
    page.wait_for_selector("#count:text-is('3')")
    assert page.title() == "conformance"


def test_a_sync_long_running_view_waits_for_clicks(page, lona_server):
    page.goto(lona_server.url + "/await-click")
    page.wait_for_selector("text=waiting")
    for expected in ("clicked 1", "clicked 2", "done"):
        page.click("#go")
        page.wait_for_selector(f"#message:text-is('{expected}')")


def test_an_async_long_running_view_waits_for_clicks(page, lona_server):
    page.goto(lona_server.url + "/async-await-click")
    page.wait_for_selector("text=waiting")
    for expected in ("clicked 1", "clicked 2", "done"):
        page.click("#go")
        page.wait_for_selector(f"#message:text-is('{expected}')")


def test_a_view_counts_by_itself_until_stopped(page, lona_server):
    page.goto(lona_server.url + "/count?delay=0.05")
    page.wait_for_function("Number(document.querySelector('#count')?.textContent) >= 3")
    page.click("#stop")
    page.wait_for_selector("#status:text-is('stopped')")
    stopped_at = _count(page)
    page.wait_for_timeout(200)  # proof of absence: the count must not move any more
    assert _count(page) == stopped_at


def test_two_tabs_get_two_independent_views(browser, lona_server):
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        first.goto(lona_server.url + "/counter")
        second.goto(lona_server.url + "/counter")
        first.click("#increment")
        first.click("#increment")
        first.wait_for_selector("#count:text-is('2')")
        second.click("#increment")
        second.wait_for_selector("#count:text-is('1')")
        assert _count(first) == "2"
    finally:
        context.close()


def test_links_navigate_inside_the_app_and_back_works(page, lona_server):
    page.goto(lona_server.url + "/counter")
    page.evaluate("window.marker = 'same page'")
    page.click("#index-link")
    page.wait_for_selector("text=Conformance app")
    assert page.url == lona_server.url + "/"
    page.go_back()
    page.wait_for_selector("#increment")
    assert page.url == lona_server.url + "/counter"
    assert page.evaluate("window.marker") == "same page"  # no reload happened


def test_redirect_navigates_in_the_app_and_http_redirect_reloads(page, lona_server):
    page.goto(lona_server.url + "/redirect")
    page.evaluate("window.marker = 'same page'")
    page.click("#redirect")
    page.wait_for_selector("#increment")
    assert page.url == lona_server.url + "/counter"
    assert page.evaluate("window.marker") == "same page"
    page.goto(lona_server.url + "/redirect")
    page.evaluate("window.marker = 'same page'")
    page.click("#http-redirect")
    page.wait_for_url(lona_server.url + "/counter")
    page.wait_for_selector("#increment")
    assert page.evaluate("window.marker") is None


def test_a_crash_shows_the_error_page_and_other_tabs_keep_working(browser, lona_server):
    context = browser.new_context()
    try:
        crashed, healthy = context.new_page(), context.new_page()
        healthy.goto(lona_server.url + "/counter")
        crashed.goto(lona_server.url + "/crash")
        crashed.wait_for_selector("text=500 Internal Error")
        healthy.click("#increment")
        healthy.wait_for_selector("#count:text-is('1')")
    finally:
        context.close()


def test_typing_reaches_the_server(page, lona_server):
    page.goto(lona_server.url + "/text-input")
    page.fill("#field", "hello browser")
    page.dispatch_event("#field", "change")
    page.wait_for_selector("#echo:text-is('hello browser')")


def test_closing_a_tab_aborts_its_view(browser, lona_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(lona_server.url + "/count?name=closed-tab&delay=0.05")
    page.wait_for_function("Number(document.querySelector('#count')?.textContent) >= 1")
    context.close()
    events = wait_for_events(
        lona_server,
        lambda e: ("on_cleanup", None) in events_named(e, "closed-tab"),
        what="the view of the closed tab to stop",
    )
    assert events_named(events, "closed-tab") == [("on_stop", "UserAbort"), ("on_cleanup", None)]


def test_the_page_reconnects_after_a_server_restart(page, fresh_server):
    page.goto(fresh_server.url + "/counter")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")
    fresh_server.stop()
    page.wait_for_selector("#lona-status:visible")
    assert "Reconnecting" in page.text_content("#lona-status")
    fresh_server.start()
    page.wait_for_selector("#lona-status", state="hidden")
    page.wait_for_selector("#count:text-is('0')")  # a non-daemon view starts afresh
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")
