"""Daemon views, reconnects and shutdown in Chromium, as the seed documents tell them."""

from __future__ import annotations

import pytest

from lona_conformance.helpers import events_named
from lona_conformance.proxy import TcpProxy
from lona_conformance.server_process import ServerProcess

pytestmark = pytest.mark.browser

COUNTER = "/daemon/counter"


def _counter(page):
    return page.locator("#counter")


def test_two_tabs_of_one_user_stay_in_sync(browser, lona_server):
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        first.goto(lona_server.url + COUNTER)
        second.goto(lona_server.url + COUNTER)
        first.click("#increment")
        second.wait_for_selector("#counter:text-is('11')")
        second.click("#increment")
        first.wait_for_selector("#counter:text-is('12')")
        first.fill("#text", "written in the first tab")
        first.dispatch_event("#text", "change")
        second.wait_for_function(
            "document.querySelector('#text').value === 'written in the first tab'"
        )
        second.fill("#text", "and edited in the second")
        second.dispatch_event("#text", "change")
        first.wait_for_function(
            "document.querySelector('#text').value === 'and edited in the second'"
        )
    finally:
        context.close()


def test_a_reload_keeps_the_daemons_state(browser, lona_server):
    context = browser.new_context()
    try:
        page, witness = context.new_page(), context.new_page()
        page.goto(lona_server.url + COUNTER)
        page.click("#increment")
        page.click("#increment")
        page.fill("#text", "still here")
        page.dispatch_event("#text", "change")
        witness.goto(lona_server.url + COUNTER)  # the server has it once another tab shows it
        witness.wait_for_function("document.querySelector('#text')?.value === 'still here'")
        page.reload()
        page.wait_for_selector("#counter:text-is('12')")
        page.wait_for_function("document.querySelector('#text')?.value === 'still here'")
    finally:
        context.close()


def test_a_second_user_gets_an_independent_view(browser, lona_server):
    owner, stranger = browser.new_context(), browser.new_context()
    try:
        owner_page, stranger_page = owner.new_page(), stranger.new_page()
        owner_page.goto(lona_server.url + COUNTER)
        owner_page.click("#increment")
        owner_page.wait_for_selector("#counter:text-is('11')")
        stranger_page.goto(lona_server.url + COUNTER)
        stranger_page.wait_for_selector("#counter:text-is('10')")
        stranger_page.click("#increment")
        stranger_page.wait_for_selector("#counter:text-is('11')")
        owner_page.click("#increment")
        owner_page.wait_for_selector("#counter:text-is('12')")
        stranger_page.wait_for_timeout(100)  # proof of absence: nothing leaks across users
        assert _counter(stranger_page).text_content() == "11"
    finally:
        owner.close()
        stranger.close()


def test_stop_asks_for_confirmation_and_ends_the_long_running_loop(page, lona_server):
    page.goto(lona_server.url + "/daemon/long?delay=0.3")
    page.fill("#limit", "50")
    page.dispatch_event("#limit", "change")
    page.click("#start")
    page.wait_for_selector("text=Counting to 2")
    page.click("#stop")
    page.wait_for_selector("#dialog[open]")
    page.click("#cancel")
    page.wait_for_selector("#dialog:not([open])", state="attached")
    page.wait_for_selector("text=Counting to 3")
    page.click("#stop")
    page.click("#confirm-stop")
    page.wait_for_selector("text=view stopped")
    assert "finish" not in page.text_content("#log")


def test_server_shutdown_calls_on_stop_with_server_stop(page, fresh_server):
    page.goto(fresh_server.url + "/count?name=browser-shutdown&delay=0.05")
    page.wait_for_function("Number(document.querySelector('#count')?.textContent) >= 2")
    assert fresh_server.stop() == 0
    assert events_named(fresh_server.events(), "browser-shutdown") == [
        ("on_stop", "ServerStop"),
        ("on_cleanup", None),
    ]
    page.wait_for_selector("#lona-status:visible")


@pytest.fixture
def proxied(lona_server):
    with TcpProxy(lona_server.port) as proxy:
        yield proxy


def test_after_a_network_drop_a_daemon_comes_back_with_its_state(page, proxied):
    page.goto(proxied.url + COUNTER)
    page.click("#increment")
    page.wait_for_selector("#counter:text-is('11')")
    proxied.drop()
    page.wait_for_selector("#lona-status:visible")  # the client noticed the drop
    page.wait_for_selector("#lona-status", state="hidden")
    page.wait_for_selector("#counter:text-is('11')")
    page.click("#increment")
    page.wait_for_selector("#counter:text-is('12')")


def test_after_a_network_drop_a_plain_view_resumes_with_its_state(page, proxied):
    page.goto(proxied.url + "/counter")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")
    proxied.drop()
    page.wait_for_selector("#lona-status:visible")
    page.wait_for_selector("#lona-status", state="hidden")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('2')")


def test_a_half_open_connection_is_noticed_and_replaced(page, adapter_name):
    fast_pings = {"LONA_CONFORMANCE_SETTINGS": '{"CLIENT_PING_INTERVAL": 0.5}'}
    with (
        ServerProcess(adapter_name, env=fast_pings) as server,
        TcpProxy(server.port) as proxy,
    ):
        page.goto(proxy.url + COUNTER)
        page.click("#increment")
        page.wait_for_selector("#counter:text-is('11')")
        proxy.freeze()
        page.wait_for_selector("#lona-status:visible")  # the client noticed the silence
        proxy.thaw()
        page.wait_for_selector("#lona-status", state="hidden")
        page.click("#increment")
        page.wait_for_selector("#counter:text-is('12')")
