"""The examples run as their docstrings say, on every adapter, in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from lona_conformance.server_process import ServerProcess

EXAMPLES = Path(__file__).parents[1] / "examples"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def short_running(adapter_name):
    with ServerProcess(adapter_name, script=EXAMPLES / "daemon" / "short_running.py") as server:
        yield server


@pytest.fixture(scope="module")
def long_running(adapter_name):
    with ServerProcess(adapter_name, script=EXAMPLES / "daemon" / "long_running.py") as server:
        yield server


def test_the_short_running_daemon_syncs_tabs_and_survives_a_reload(browser, short_running):
    context = browser.new_context()
    try:
        first, second = context.new_page(), context.new_page()
        first.goto(short_running.url)
        second.goto(short_running.url)
        first.click("#increment")
        second.wait_for_selector("#counter:text-is('11')")
        second.fill("#text", "hello from the second tab")
        second.dispatch_event("#text", "change")
        first.wait_for_function(
            "document.querySelector('#text').value === 'hello from the second tab'"
        )
        first.reload()
        first.wait_for_selector("#counter:text-is('11')")
    finally:
        context.close()


def test_the_long_running_daemon_counts_and_stops_after_confirmation(page, long_running):
    page.goto(long_running.url)
    page.fill("#limit", "30")
    page.dispatch_event("#limit", "change")
    page.click("#start")
    page.wait_for_selector("text=Counting to 1")
    page.click("#stop")
    page.click("#cancel")
    page.wait_for_selector("text=Counting to 2")
    page.click("#stop")
    page.click("#confirm-stop")
    page.wait_for_selector("text=view stopped")
    assert page.get_attribute("#progress", "value") not in (None, "100")


@pytest.fixture(scope="module")
def chat(adapter_name):
    with ServerProcess(adapter_name, script=EXAMPLES / "chat" / "app.py") as server:
        yield server


def _say(page, name, text):
    page.fill("#name", name)
    page.dispatch_event("#name", "change")
    page.fill("#text", text)
    page.dispatch_event("#text", "change")
    page.click("#send")


def test_chat_users_see_each_others_messages_live(browser, chat):
    alice, bob = browser.new_context(), browser.new_context()
    try:
        alice_page, bob_page = alice.new_page(), bob.new_page()
        alice_page.goto(chat.url)
        bob_page.goto(chat.url)
        _say(alice_page, "alice", "hello bob")
        bob_page.wait_for_selector("#messages li:has-text('alice: hello bob')")
        _say(bob_page, "bob", "hi alice")
        alice_page.wait_for_selector("#messages li:has-text('bob: hi alice')")
        carol = browser.new_context()
        carol_page = carol.new_page()
        carol_page.goto(chat.url)  # joins later: sees the history
        carol_page.wait_for_selector("#messages li:has-text('bob: hi alice')")
        carol.close()
    finally:
        alice.close()
        bob.close()
