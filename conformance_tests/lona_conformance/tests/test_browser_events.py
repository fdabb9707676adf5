"""Input events from a real browser: what they carry, the chain, awaits, bad input."""

from __future__ import annotations

import json

import pytest

from lona_conformance.dom import install

pytestmark = pytest.mark.browser


def _entries(page):
    return [json.loads(text) for text in page.locator("#log .entry").all_text_contents()]


def _next_entry(page, count_before):
    page.wait_for_function(
        "n => document.querySelectorAll('#log .entry').length > n", arg=count_before
    )
    return _entries(page)[count_before]


def _settled(page):
    """Wait until the server answered every event the page sent."""
    page.wait_for_function("window.lona_context.windows.get(1).pending.size === 0")


@pytest.fixture
def events_page(page, lona_server):
    page.goto(lona_server.url + "/events")
    page.wait_for_selector("#log", state="attached")
    install(page)
    return page


def test_a_click_carries_its_node_target_modifiers_position_and_size(events_page):
    page = events_page
    page.click("#clickable", position={"x": 150, "y": 70}, modifiers=["Shift"])
    entry = _next_entry(page, 0)
    assert entry["name"] == "click" and entry["type"] == 301
    assert entry["node"] == entry["target"] == "clickable"
    data = entry["data"]
    assert (data["shift_key"], data["alt_key"], data["ctrl_key"], data["meta_key"]) == (
        True,
        False,
        False,
        False,
    )
    assert (data["node_width"], data["node_height"]) == (200, 100)
    assert (data["x"], data["y"]) == (150, 70)
    assert entry["tag_name"] == "DIV"
    assert entry["id_list"] == ["clickable"] and entry["class_list"] == ["box", "big"]
    assert entry["node_has_id_clickable"] and entry["node_has_class_big"]
    assert entry["nodes"][0] == "clickable" and entry["nodes"][-1] == "div"  # up to the root
    assert entry["event_id"] == 1 and entry["window_id"] == 1
    assert entry["connection"] and entry["document"] and entry["request_path"] == "/events"
    assert entry["payload"][0] == 1 and entry["payload"][1] == 301


def test_every_modifier_key_arrives(events_page):
    events_page.click("#modifiers", modifiers=["Alt", "Control", "Meta", "Shift"])
    data = _next_entry(events_page, 0)["data"]
    assert all(data[key] for key in ("alt_key", "ctrl_key", "meta_key", "shift_key"))


def test_target_node_is_what_was_clicked_and_node_what_has_the_event(events_page):
    page = events_page
    page.click("#inner-span")
    entry = _next_entry(page, 0)
    assert (entry["node"], entry["target"]) == ("clickable", "inner-span")
    page.click("#inner-clickable")  # has CLICK itself; the parent's handler gets it bubbling
    entry = _next_entry(page, 1)
    assert (entry["node"], entry["target"]) == ("inner-clickable", "inner-clickable")
    assert entry["nodes"][:2] == ["inner-clickable", "clickable"]


def test_ignored_nodes_send_no_events(events_page):
    events_page.click("#ignored")
    events_page.click("#modifiers")
    assert _next_entry(events_page, 0)["node"] == "modifiers"  # events arrive in order
    assert len(_entries(events_page)) == 1


def test_a_click_sends_the_typing_before_it_that_waits_for_its_input_delay(events_page):
    page = events_page
    page.fill("#slow-field", "typed before the click")
    page.click("#modifiers")
    page.wait_for_function("document.querySelectorAll('#log .entry').length >= 2")
    entries = _entries(page)
    first = entries[0]
    assert (first["name"], first["node"], first["data"]) == (
        "change",
        "slow-field",
        "typed before the click",
    )
    assert (entries[1]["name"], entries[1]["node"]) == ("click", "modifiers")


def test_a_custom_event_sends_the_typing_before_it_that_waits_for_its_input_delay(events_page):
    page = events_page
    page.fill("#slow-field", "typed before the widget fired")
    page.evaluate(
        "document.querySelector('#event-widget').lonaTestWidget.fire('picked', {item: 1})"
    )
    page.wait_for_function("document.querySelectorAll('#log .entry').length >= 2")
    entries = _entries(page)
    assert (entries[0]["name"], entries[0]["data"]) == ("change", "typed before the widget fired")
    assert (entries[1]["name"], entries[1]["node"]) == ("picked", "event-widget")


def test_a_click_outside_the_view_sends_the_typing_before_it(events_page):
    """A page's own navigation, bound with patch_input_events, is another listener
    than the view's: the typing waiting in the view still goes first."""
    page = events_page
    page.evaluate(
        "() => { const nav = document.createElement('div'); nav.id = 'page-nav';"
        ' nav.innerHTML = \'<span id="nav-click" data-lona-events="301">nav</span>\';'
        " document.body.prepend(nav); window.lona_context.patch_input_events('#page-nav'); }"
    )
    page.fill("#slow-field", "typed before the navigation click")
    page.click("#nav-click")
    page.wait_for_function("document.querySelectorAll('#log .entry').length >= 2")
    entries = _entries(page)
    assert (entries[0]["name"], entries[0]["data"]) == (
        "change",
        "typed before the navigation click",
    )
    assert (entries[1]["name"], entries[1]["id_list"]) == ("click", ["nav-click"])


def test_focus_change_and_blur_arrive_in_order(events_page):
    page = events_page
    page.focus("#field")
    page.fill("#field", "typed")
    page.focus("#modifiers")  # leaving the field: change, then blur
    page.wait_for_function("document.querySelectorAll('#log .entry').length >= 3")
    entries = _entries(page)
    assert [(e["name"], e["node"]) for e in entries] == [
        ("focus", "field"),
        ("change", "field"),
        ("blur", "field"),
    ]
    assert entries[0]["data"] == [] and entries[2]["data"] == []
    assert entries[1]["data"] == "typed" and entries[1]["type"] == 302


def test_events_of_raw_html_have_no_node_but_the_browser_facts(events_page):
    events_page.click("#raw-clickable")
    entry = _next_entry(events_page, 0)
    assert entry["node"] is None and entry["nodes"] == []
    assert entry["tag_name"] == "DIV"
    assert entry["id_list"] == ["raw-clickable"] and entry["class_list"] == ["raw", "c2"]


def test_widgets_fire_custom_events(events_page):
    events_page.evaluate(
        "document.querySelector('#event-widget').lonaTestWidget.fire('picked', {item: 3})"
    )
    entry = _next_entry(events_page, 0)
    assert (entry["name"], entry["type"], entry["node"]) == ("picked", 303, "event-widget")
    assert entry["data"] == {"item": 3}


def test_a_widget_class_registered_late_is_still_set_up(events_page):
    events_page.evaluate(
        "Lona.register_widget_class('LateWidget', class {"
        "  constructor(lonaWindow, root, widgetData) {"
        "    root.dataset.late = JSON.stringify(widgetData.data); } })"
    )
    events_page.wait_for_selector("#late-widget[data-late='{\"late\":true}']", state="attached")


def test_bad_events_get_an_error_and_the_view_keeps_running(events_page):
    page = events_page
    page.evaluate(  # a change whose value has the wrong type
        "const f = document.querySelector('#field');"
        "window.lona_context.windows.get(1).fireEvent(302, 42, f, f)"
    )
    page.evaluate(  # a click on a node the server removes first
        "const target = document.querySelector('#target');"
        "document.querySelector('#remove-target').click(); target.click();"
    )
    page.wait_for_selector("#target", state="detached")
    page.evaluate(  # a widget that is gone fires an event
        "window.oldWidget = document.querySelector('#event-widget').lonaTestWidget;"
        "document.querySelector('#remove-widget').click();"
    )
    page.wait_for_selector("#event-widget", state="detached")
    page.evaluate("window.oldWidget.fire('late', {})")
    _settled(page)
    errors = page.evaluate("window.lonaTest.errors")
    assert len(errors) == 3, errors
    assert "(12)" in errors[0] and "expects a string" in errors[0]
    assert "(7)" in errors[1] and "(7)" in errors[2]
    page.click("#modifiers")  # still running
    assert _next_entry(page, 0)["node"] == "modifiers"


def test_the_handler_chain_runs_in_the_documented_order(page, lona_server):
    page.goto(lona_server.url + "/chain")
    expectations = [
        ("#inner", "root inner outer await:inner"),  # any click is awaited first
        ("#inner", "root inner outer view"),  # now only #other is awaited
        ("#stopper", "root stopper"),  # returning None stops the chain
        ("#other", "root await:other"),
    ]
    for selector, calls in expectations:
        page.click(selector)
        page.wait_for_selector(f"#calls:text-is('{calls}')")


def test_await_focus_and_blur_filter_by_node(page, lona_server):
    page.goto(lona_server.url + "/await-focus")
    page.wait_for_selector("#status:text-is('waiting')")
    page.focus("#first")
    _settled(page)
    assert page.text_content("#status") == "waiting"  # #first is not awaited
    page.focus("#second")
    page.wait_for_selector("#status:text-is('second focused')")
    page.evaluate("document.activeElement.blur()")
    page.wait_for_selector("#status:text-is('second blurred')")
    page.focus("#second")
    page.wait_for_selector("#status:text-is('second focused again')")
