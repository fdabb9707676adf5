"""Slow input event handlers in a real browser: one at a time per view by
default, ``@background`` handlers beside the others, and no view ever waits
for another view's handlers."""

from __future__ import annotations

import itertools

import pytest

pytestmark = pytest.mark.browser

_keys = itertools.count(1)


@pytest.fixture
def tabs(browser):
    """``tabs(url)`` -> a page in a browser context of its own (a user of its own)."""
    contexts = []

    def open_tab(url, ready="#increment"):
        context = browser.new_context()
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(ready)
        return page

    yield open_tab
    for context in contexts:
        context.close()


def _log(page):
    return page.locator("#log .entry").all_text_contents()


def _start_slow(page):
    page.click("#slow")
    page.wait_for_selector("#status:text-is('working')")


def _count_in_other_view(tabs, lona_server, clicks):
    """Another tab's view answers every click while the slow handlers block."""
    other = tabs(lona_server.url + "/counter")
    for number in range(1, clicks + 1):
        other.click("#increment")
        other.wait_for_selector(f"#count:text-is('{number}')")


def _release(tabs, lona_server, key):
    tabs(f"{lona_server.url}/release?key={key}", ready="#released")


def test_by_default_a_view_handles_its_events_one_at_a_time_in_order(tabs, lona_server):
    key = f"order-{next(_keys)}"
    page = tabs(f"{lona_server.url}/slow?key={key}")
    _start_slow(page)
    page.click("#increment")
    page.click("#increment")
    _count_in_other_view(tabs, lona_server, 3)
    assert page.text_content("#status") == "working"
    _release(tabs, lona_server, key)
    page.wait_for_selector("#count:text-is('2')")
    # both clicks waited for the slow handler before them
    assert _log(page) == ["+1 while done", "+1 while done"]


def test_slow_handlers_of_many_views_freeze_no_other_view(tabs, lona_server):
    # more blocked handlers than the server runs at once by default (2): the
    # queue behind them must get threads of its own
    key = f"many-{next(_keys)}"
    pages = [tabs(f"{lona_server.url}/slow?key={key}") for _ in range(4)]
    for page in pages:
        _start_slow(page)
    _count_in_other_view(tabs, lona_server, 3)
    _release(tabs, lona_server, key)
    for page in pages:
        page.wait_for_selector("#status:text-is('done')")


@pytest.mark.parametrize("path", ["/background", "/async-background"])
def test_a_background_handler_runs_while_the_page_answers_other_clicks(tabs, lona_server, path):
    key = f"background-{next(_keys)}"
    page = tabs(f"{lona_server.url}{path}?key={key}")
    _start_slow(page)
    for number in (1, 2, 3):
        page.click("#increment")
        page.wait_for_selector(f"#count:text-is('{number}')")
    assert _log(page) == ["+1 while working"] * 3
    _release(tabs, lona_server, key)
    page.wait_for_selector("#status:text-is('done')")  # its changes show when it ends
    page.click("#increment")
    page.wait_for_selector("#count:text-is('4')")
    assert _log(page)[-1] == "+1 while done"
