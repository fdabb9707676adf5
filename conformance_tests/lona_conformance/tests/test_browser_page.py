"""The page around a view: its title, custom messages, and the browser history."""

from __future__ import annotations

import pytest

from lona_conformance.dom import install

pytestmark = pytest.mark.browser


def test_views_set_the_title(page, lona_server):
    page.goto(lona_server.url + "/page-features")
    page.wait_for_function("document.title === 'first title'")
    weight = page.eval_on_selector("#set-title", "e => getComputedStyle(e).fontWeight")
    assert weight == "700"  # the view's STATIC_FILES stylesheet applies
    page.click("#set-title")
    page.wait_for_function("document.title === 'title 1'")
    page.click("#set-title")
    page.wait_for_function("document.title === 'title 2'")
    page.click("#show-title")
    page.wait_for_selector("#shown")
    page.wait_for_function("document.title === 'shown title'")


def test_send_str_reaches_the_message_handlers_of_the_page(page, lona_server):
    page.goto(lona_server.url + "/page-features")
    page.wait_for_selector("#send-string")
    install(page)  # registers a handler with lona_context.add_message_handler
    page.evaluate(
        "window.seen = [];"
        "window.lona_context._message_handler.unshift((context, message) => {"
        "  window.seen.push([context === window.lona_context, message]); return message; })"
    )
    page.click("#send-string")
    page.wait_for_function("window.lonaTest.messages.length === 1")
    assert page.evaluate("window.seen") == [[True, "custom: hello from the view"]]
    assert page.evaluate("window.lonaTest.messages") == ["custom: hello from the view"]


def _heading(page, number):
    page.wait_for_selector(f"#heading:text-is('History page {number}')")


def test_in_app_navigation_updates_the_address_bar_and_back_and_forward_work(page, lona_server):
    base = lona_server.url + "/history/"
    page.goto(base + "1")
    _heading(page, 1)
    page.evaluate("window.marker = 'same page'")
    entries = page.evaluate("history.length")
    for number in (2, 3):
        page.click("#next")
        _heading(page, number)
        assert page.url == base + str(number)
    assert page.evaluate("history.length") == entries + 2  # one per navigation, no more
    page.go_back()
    _heading(page, 2)
    assert page.url == base + "2"
    page.go_back()
    _heading(page, 1)
    page.go_forward()
    _heading(page, 2)
    assert page.evaluate("window.marker") == "same page"  # all without reloading
    page.goto("about:blank")
    page.go_back()  # back into the app from another page
    _heading(page, 2)
    page.go_forward()
    page.wait_for_url("about:blank")


def test_back_and_forward_across_another_page_keep_the_client_working(page, lona_server):
    # Lona's test_0307_history: leaving the app for another page and coming
    # back with back/forward (the browser may restore the page from its
    # back/forward cache, with the websocket closed when it was left)
    base = lona_server.url + "/history/"
    page.goto("about:blank")
    page.goto(base + "1")
    _heading(page, 1)
    page.evaluate("window.marker = 'same page'")
    page.click("#next")
    _heading(page, 2)
    page.click("#next")
    _heading(page, 3)
    page.go_back()
    _heading(page, 2)
    page.go_back()
    page.go_back()
    page.wait_for_url("about:blank")
    page.go_forward()
    page.go_forward()
    _heading(page, 2)
    assert page.url == base + "2"
    # still live: a link runs the next view, back and forward run views again
    page.click("#next")
    _heading(page, 3)
    page.go_back()
    _heading(page, 2)
    page.go_back()
    _heading(page, 1)


# Holds back the page's websocket until the test calls window.releaseSocket().
_GATED_SOCKET = """
(() => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  window.releaseSocket = () => release();
  window.WebSocket = class extends WebSocket {
    set onopen(handler) {
      super.onopen = (event) => gate.then(() => handler.call(this, event));
    }
  };
})();
"""

# Lets a test hold what the server sends (window.holdMessages()) and deliver it
# later in order (window.releaseMessages()), so a client timeout can fire first.
_HELD_MESSAGES = """
(() => {
  let held = null;
  window.holdMessages = () => { held = held || []; };
  window.releaseMessages = () => {
    const queue = held || [];
    held = null;
    queue.forEach((deliver) => deliver());
  };
  window.WebSocket = class extends WebSocket {
    set onmessage(handler) {
      super.onmessage = handler && ((event) => {
        const deliver = () => handler.call(this, event);
        if (held) held.push(deliver); else deliver();
      });
    }
  };
})();
"""


def test_back_and_forward_before_the_client_has_connected(page, lona_server):
    # a history entry the page reaches before its websocket is up runs that
    # entry's view, not the one the page load started for its own URL
    base = lona_server.url + "/history/"
    page.add_init_script(_GATED_SOCKET)
    page.goto(base + "1")
    _heading(page, 1)  # the first content, before any websocket
    page.evaluate(
        "url => { history.pushState({}, '', url + '2'); history.pushState({}, '', url + '3'); }",
        base,
    )
    page.go_back()
    assert page.url == base + "2"
    page.evaluate("window.releaseSocket()")
    _heading(page, 2)
    page.click("#next")
    _heading(page, 3)


def test_lonas_context_api_windows_outside_links_and_hooks(page, lona_server):
    base = lona_server.url + "/history/"
    page.add_init_script(_HELD_MESSAGES)
    page.goto(base + "1")
    page.wait_for_function("window.lona_context && window.lona_context.connected")
    _heading(page, 1)
    # a second window, in an element of the page's own
    page.evaluate(
        """url => {
          const root = document.createElement('section');
          root.id = 'second';
          document.body.appendChild(root);
          window.secondId = lona_context.create_window(root, url);
        }""",
        base + "5",
    )
    page.wait_for_selector("#second #heading:text-is('History page 5')")
    assert page.evaluate("window.secondId") == 2
    assert page.evaluate("lona_context.get_default_window().id") == 1
    # links outside the windows run in the default one
    page.evaluate(
        """url => {
          const nav = document.createElement('nav');
          nav.innerHTML = `<a id="outside" href="${url}">seven</a>`;
          document.body.prepend(nav);
          lona_context.patch_input_events('nav');
          window.marker = 'same page';
        }""",
        base + "7",
    )
    page.click("#outside")
    page.wait_for_selector("#lona #heading:text-is('History page 7')")
    assert page.url == base + "7" and page.evaluate("window.marker") == "same page"
    # hooks: rendering, and the view timeout (the server's answer is held back
    # until the timeout has fired, so the order is certain)
    page.evaluate(
        """() => {
          window.calls = [];
          lona_context.add_rendering_hook((context, lonaWindow) => {
            window.calls.push('rendered ' + lonaWindow.id);
          });
          lona_context.add_view_timeout_hook((context, lonaWindow) => {
            window.calls.push('view timeout');
            lonaWindow.set_html('<p id="waiting">waiting</p>');
          });
          Lona.settings.view_start_timeout = 0;
          window.holdMessages();
        }"""
    )
    page.click("#lona #next")
    page.wait_for_selector("#lona #waiting")
    page.evaluate("window.releaseMessages()")
    _heading(page, 8)
    calls = page.evaluate("window.calls")
    assert calls[0] == "view timeout" and "rendered 1" in calls
    assert page.locator("#waiting").count() == 0  # the view replaced it
