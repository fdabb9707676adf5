"""Hostile strings render as inert text, in the first tree and in patches, and
in the server-rendered error page; no script runs."""

from __future__ import annotations

import urllib.parse

import pytest

from lona.html.urls import BLOCKED_URL
from lona_conformance.views.hostile import CORPUS

pytestmark = pytest.mark.browser

READ_ROWS = """(phase) => [
  ...document.querySelectorAll(`.row[data-phase="${phase}"]`),
].map(row => ({
    text: row.querySelector('.text').textContent,
    title: row.querySelector('.attribute').getAttribute('title'),
    data: row.querySelector('.attribute').dataset.value,
    input: row.querySelector('.input').value,
    textarea: row.querySelector('.textarea').value,
    href: row.querySelector('.link').getAttribute('href'),
}))"""


def _expected_href(text):
    folded = "".join(c for c in text if c > " ").lower()
    return BLOCKED_URL if folded.startswith(("javascript:", "data:text/html")) else text


@pytest.fixture
def watched(page):
    dialogs = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    yield page, dialogs
    assert page.evaluate("window.pwned") is None, "a hostile string ran as script"
    assert dialogs == []


def _check_rows(page, phase):
    page.wait_for_selector(f'.row[data-phase="{phase}"]')
    rows = page.evaluate(READ_ROWS, phase)
    assert len(rows) == len(CORPUS)
    for text, row in zip(CORPUS, rows, strict=True):
        assert row == {
            "text": text,
            "title": text,
            "data": text,
            "input": text,
            "textarea": text,
            "href": _expected_href(text),
        }


def test_hostile_strings_render_as_text_in_trees_and_patches(watched, lona_server):
    page, _dialogs = watched
    page.goto(lona_server.url + "/hostile")
    _check_rows(page, "initial")
    assert page.title() == CORPUS[5]
    for link in page.query_selector_all(".link"):  # following them must run nothing either
        link.click(modifiers=["Alt"])
    page.click("#again")
    _check_rows(page, "patched")


def test_hostile_paths_are_escaped_in_server_rendered_pages(watched, lona_server):
    page, _dialogs = watched
    hostile = "<script>window.pwned=1</script><img src=x onerror=window.pwned=1>"
    page.goto(lona_server.url + "/nothing/" + urllib.parse.quote(hostile))
    page.wait_for_selector("text=404 Not Found")
    assert hostile in page.text_content("body")


def test_user_text_runs_no_script_and_covers_nothing_wherever_a_view_puts_it(page, lona_server):
    page.goto(lona_server.url + "/hardening/injection")
    page.wait_for_selector("#styled")
    # an attribute name in upper case is the same attribute to the browser
    assert page.get_attribute("#upper-case-href", "href") == BLOCKED_URL
    # srcdoc is a document in the page's origin: it shows, its scripts do not run
    page.frame_locator("#frame").locator("#inside").wait_for()
    page.wait_for_function(
        "document.getElementById('frame').contentDocument.readyState === 'complete'"
    )
    assert page.evaluate("window.pwned") is None
    # a style value is one value: no declarations of its own (a page-covering overlay)
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).position") != "fixed"


def test_a_template_variable_can_not_make_a_link_a_script_url(page, lona_server):
    page.goto(lona_server.url + "/hardening/template-link")
    assert page.get_attribute("#template-link", "href") == BLOCKED_URL
