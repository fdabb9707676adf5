"""Every form input's value arrives at the server, and forms submit their fields."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def _entries(page, name):
    entries = [json.loads(text) for text in page.locator("#log .entry").all_text_contents()]
    return [entry for entry in entries if entry["input"] == name]


def _wait_for(page, name, value):
    """The last change of input ``name`` as the server saw it, once it has ``value``."""
    page.wait_for_function(
        """([name, value]) => [...document.querySelectorAll('#log .entry')]
            .map((e) => JSON.parse(e.textContent))
            .some((e) => e.input === name && JSON.stringify(e.value) === JSON.stringify(value))""",
        arg=[name, value],
    )
    return _entries(page, name)[-1]


@pytest.fixture
def forms_page(page, lona_server):
    page.goto(lona_server.url + "/forms")
    page.wait_for_selector("#log", state="attached")
    return page


def test_text_inputs_send_their_value_and_typing_is_debounced(forms_page):
    page = forms_page
    page.type("#text", "debounced!")  # 10 key strokes, input_delay 300 ms
    entry = _wait_for(page, "text", "debounced!")
    assert entry["data"] == "debounced!"
    assert len(_entries(page, "text")) < 10
    page.fill("#text-now", "at once")
    page.press("#text-now", "Tab")  # input_delay=0: sent on change
    assert _wait_for(page, "text-now", "at once")["data"] == "at once"


def test_a_textarea_sends_its_text(forms_page):
    forms_page.fill("#textarea", "first line\nsecond line")
    forms_page.press("#textarea", "Tab")
    _wait_for(forms_page, "textarea", "first line\nsecond line")


def test_a_checkbox_sends_true_and_false(forms_page):
    forms_page.click("#checkbox")
    assert _wait_for(forms_page, "checkbox", True)["data"] is True
    forms_page.click("#checkbox")
    _wait_for(forms_page, "checkbox", False)


def test_a_number_input_sends_its_value_and_the_server_checks_it(forms_page):
    page = forms_page
    for text, value, valid in (("2.5", 2.5, True), ("11", 11.0, False), ("0.3", 0.3, False)):
        page.fill("#number", text)
        page.press("#number", "Tab")
        entry = _wait_for(page, "number", value)
        assert (entry["raw_value"], entry["valid"]) == (text, valid)


def test_selects_send_the_selected_options(forms_page):
    page = forms_page
    page.select_option("#select", index=1)
    entry = _wait_for(page, "select", 2)  # the Python value of the option, an int
    assert entry["data"] == [1]
    page.select_option("#multi", index=[0, 2])
    entry = _wait_for(page, "multi", ["a", "c"])
    assert entry["data"] == [0, 2]


def test_a_radio_group_sends_the_checked_value(forms_page):
    page = forms_page
    page.click("text=Green")  # the label checks its button
    _wait_for(page, "radio", "green")
    page.click("#blue")
    _wait_for(page, "radio", "blue")
    checked = page.eval_on_selector_all("#radio input", "inputs => inputs.map(i => i.checked)")
    assert checked == [False, False, True]


def test_bubble_up_passes_the_change_on_to_the_parents(forms_page):
    forms_page.fill("#bubbling", "up")
    forms_page.press("#bubbling", "Tab")
    forms_page.wait_for_selector("#bubbled:text-is('bubbled: up')")


def test_a_post_form_submits_its_fields_to_the_next_view(page, lona_server):
    page.goto(lona_server.url + "/form-post")
    page.evaluate("window.marker = 'same page'")
    page.fill("#name", "Ada")
    page.click("#agree")
    page.select_option("select[name=choice]", "y")
    page.click("#submit")
    page.wait_for_selector("#method:text-is('POST')")
    assert json.loads(page.text_content("#post")) == {"agree": "on", "choice": "y", "name": "Ada"}
    assert page.url == lona_server.url + "/form-result"
    assert page.evaluate("window.marker") == "same page"  # over the websocket, no reload


def test_a_get_form_puts_its_fields_into_the_query(page, lona_server):
    page.goto(lona_server.url + "/form-post")
    page.fill("#query", "search words")
    page.click("#search")
    page.wait_for_selector("#method:text-is('GET')")
    assert json.loads(page.text_content("#get")) == {"q": "search words"}
    assert page.url.endswith("/form-result?q=search+words")
