"""First content in a real browser: the page shows the view at once, the
client adopts that DOM, and ``handle_request`` runs only once."""

from __future__ import annotations

import itertools

import pytest

pytestmark = pytest.mark.browser

_names = itertools.count(1)

# Holds back the page's first websocket message (HELLO) for a while, so that
# the page shows its view long before the view is attached.
SLOW_HANDSHAKE = """
const send = WebSocket.prototype.send;
let first = true;
WebSocket.prototype.send = function (data) {
  if (first) {
    first = false;
    setTimeout(() => send.call(this, data), 800);
  } else {
    send.call(this, data);
  }
};
"""


def _handle_requests(server, name):
    return [e for e in server.events() if e["event"] == "handle_request" and e["name"] == name]


def _attached(page):
    page.wait_for_function("window.lona_context.windows.get(1).viewId !== null")


def test_the_page_shows_the_view_before_its_websocket_is_ready(page, lona_server):
    name = f"early-{next(_names)}"
    page.add_init_script(SLOW_HANDSHAKE)
    response = page.goto(f"{lona_server.url}/first-content?name={name}")
    assert 'id="change"' in response.text()  # in the page load itself
    assert page.text_content("#first") == "one"
    assert page.evaluate("window.lona_context.windows.get(1).viewId") is None
    page.click("#change")  # before the view is attached: sent once it is
    page.wait_for_selector("#first:text-is('ONE')")
    assert page.text_content("#count") == "1"
    assert len(_handle_requests(lona_server, name)) == 1


def test_clicks_before_the_client_has_started_are_not_lost(page, lona_server):
    name = f"before-client-{next(_names)}"
    held = []  # the client's script is held back until the click is done
    page.route("**/_lona/client/*/lona.js", lambda route: held.append(route))
    page.goto(f"{lona_server.url}/first-content?name={name}", wait_until="commit")
    page.click("#change")
    assert page.evaluate("window.lona_context === undefined")  # no client yet
    assert held, "the page did not ask for the client"
    held[0].continue_()
    page.wait_for_selector("#first:text-is('ONE')")
    assert page.text_content("#count") == "1"
    assert len(_handle_requests(lona_server, name)) == 1


def test_the_adopted_page_follows_every_change(page, lona_server):
    name = f"adopted-{next(_names)}"
    page.goto(f"{lona_server.url}/first-content?name={name}")
    _attached(page)
    assert page.text_content("#second") == "ab"
    assert page.input_value("#area") == "line 1\nline 2"
    assert page.text_content("#raw") == "raw html"
    leftovers = page.evaluate(
        """() => {
          const root = document.querySelector('#lona');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
          const marked = root.querySelectorAll(
            '[data-lona-node-id], [data-lona-raw], [data-lona-widget], [data-lona-widget-data]');
          return [walker.nextNode() !== null, marked.length];
        }"""
    )
    assert leftovers == [False, 0]  # no markers left: the DOM a rendered tree has
    page.click("#change")
    page.wait_for_selector("#count:text-is('1')")
    assert page.text_content("#first") == "ONE"
    assert page.text_content("#second") == "A-B"  # three text nodes, one was empty
    assert page.evaluate("window.lonaWidgetLog.filter(e => e[1] === 'first-widget')") == [
        ["constructor", "first-widget"]
    ]
    assert len(_handle_requests(lona_server, name)) == 1


def test_markup_the_parser_builds_differently_is_replaced_by_the_tree(page, lona_server):
    name = f"table-{next(_names)}"
    page.goto(f"{lona_server.url}/first-content?table=1&name={name}")
    # the parser put a <tbody> between the table and its row; the tree has none
    page.wait_for_function("document.querySelector('#table')?.firstElementChild?.tagName === 'TR'")
    page.click("#change")
    page.wait_for_selector("#second:text-is('A-B')")
    assert page.text_content("#cell") == "cell"
    assert len(_handle_requests(lona_server, name)) == 1


def test_content_later_than_the_page_load_arrives_in_the_same_view(page, lona_server):
    name = f"late-{next(_names)}"
    page.goto(f"{lona_server.url}/late-content?delay=1&name={name}")
    page.wait_for_selector("#count:text-is('0')")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('1')")
    assert len(_handle_requests(lona_server, name)) == 1
