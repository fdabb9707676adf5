"""The three embedding examples, as visitors use them: the host's own pages
and login keep working, and the live views under /live see the host's user."""

from __future__ import annotations

import pytest

from lona.protocol import CloseCode

from .hosts import (
    HOSTS,
    TITLES,
    Visitor,
    browser_log_in,
    host_process,
    stop_with_a_live_view_open,
)


@pytest.fixture(scope="module", params=sorted(HOSTS))
def framework(request):
    return request.param


@pytest.fixture(scope="module")
def host(framework):
    with host_process(framework) as server:
        yield server


def test_the_hosts_own_pages_keep_working(host, framework):
    visitor = Visitor(host.url)
    index = visitor.request("/")
    assert index.status == 200 and f"Hello from {TITLES[framework]}" in index.text
    assert "Not logged in" in index.text
    assert visitor.request("/nothing-here").status == 404  # the host's own 404
    protected = visitor.request("/account/")  # the host sends visitors to its login
    assert protected.status == 200 and "<h1>Log in</h1>" in protected.text


def test_live_views_are_served_under_the_prefix(host):
    visitor = Visitor(host.url)
    page = visitor.request("/live/")
    assert page.status == 200 and "/live/_lona/ws" in page.text
    assert visitor.request("/live/static/_lona/client/lona.js").status == 200
    client = visitor.live_client()
    window = client.open(host.url + "/live/", wait_for="Count: 0")
    assert "Not logged in" in window.text()
    window.click(window.element(id="increment"))
    assert "Count: 1" in window.text()
    client.close()


def test_the_live_view_sees_the_user_the_host_logged_in(host):
    visitor = Visitor(host.url)
    assert visitor.log_in("alice", "not her password").status == 403
    assert visitor.live_greeting() == "Not logged in"

    landed = visitor.log_in("alice", "wonderland")
    assert landed.status == 200 and 'id="lona"' in landed.text  # redirected to /live/
    assert "<p id='account'>alice</p>" in visitor.request("/account/").text
    assert visitor.live_greeting() == "Logged in as alice"

    other = Visitor(host.url)  # another visitor at the same time is someone else
    other.log_in("bob", "builder")
    assert other.live_greeting() == "Logged in as bob"

    visitor.request("/logout")
    assert visitor.live_greeting() == "Not logged in"


def test_live_pages_are_in_the_hosts_layout_with_the_views_title(host, framework):
    visitor = Visitor(host.url)
    visitor.log_in("bob", "builder")
    page = visitor.request("/live/")
    assert "<title>A live counter</title>" in page.text
    nav = page.text.index('id="host-nav"')
    assert nav < page.text.index('<div id="lona">') and "bob" in page.text[nav:]
    assert 'id="count"' in page.text  # the view's first content, inside the layout
    assert page.text.count("<html") == 1 and "lona.css" in page.text


def _lona_session(visitor: Visitor) -> str:
    return next(cookie.value for cookie in visitor.cookies if cookie.name == "lona_session")


def test_the_live_session_is_replaced_when_the_host_logs_a_visitor_in(host):
    """A session key known from before a login (planted in the victim's
    browser, say) is worth nothing after it: the login rotates it."""
    visitor = Visitor(host.url)
    visitor.request("/live/")
    before_login = _lona_session(visitor)
    visitor.log_in("alice", "wonderland")  # lands on /live/
    after_login = _lona_session(visitor)
    assert after_login != before_login
    assert visitor.live_greeting() == "Logged in as alice"
    visitor.request("/live/")
    assert _lona_session(visitor) == after_login  # kept while the same user stays


@pytest.mark.browser
def test_logging_in_and_using_the_live_view_in_the_browser(page, host):
    browser_log_in(page, host.url, "alice", "wonderland")
    assert page.url == host.url + "/live/"
    assert page.title() == "A live counter"
    assert page.text_content("#host-nav .who") == "alice"
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")
    page.click("#second-link")
    page.wait_for_selector("text=The second live view")
    page.wait_for_function("document.title == 'The second live view'")
    assert page.url == host.url + "/live/second"
    page.click("#back")
    page.wait_for_selector("#user:text-is('Logged in as alice')")
    page.goto(host.url + "/")
    assert page.text_content("#status") == "Logged in as alice"


def test_the_host_stops_cleanly_on_sigterm_with_a_live_view_open(framework):
    with host_process(framework) as server:
        assert stop_with_a_live_view_open(server) == (CloseCode.GOING_AWAY, 0)
