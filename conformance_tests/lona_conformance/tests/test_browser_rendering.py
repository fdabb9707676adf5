"""The browser's DOM equals the server's tree after every one of many mutations."""

from __future__ import annotations

import json

import pytest

from lona_conformance.dom import install, run_step
from lona_conformance.views.rendering import STEPS

pytestmark = pytest.mark.browser


def test_the_dom_follows_every_mutation_of_the_tree(page, lona_server):
    page.goto(lona_server.url + "/rendering")
    page.wait_for_selector("#next")
    install(page)
    for number in range(1, len(STEPS) + 1):
        result = run_step(page, number)
        if not result["ok"]:
            expected, actual = result["expected"], result["actual"]
            assert expected is not None, f"step {number}: the server sent no expected state"
            assert json.loads(actual) == json.loads(expected), f"step {number} differs"
    page.wait_for_selector(f"#step:text-is('{len(STEPS)}')")


def test_widgets_see_construction_updates_and_destruction_in_order(page, lona_server):
    page.goto(lona_server.url + "/rendering")
    page.wait_for_selector("#next")
    install(page)
    first = next(i for i, step in enumerate(STEPS, 1) if "ConformanceWidget(" in _source(step))
    for number in range(1, first + 12):  # add the widget, change its data, remove it
        assert run_step(page, number)["ok"], f"step {number}"
    log = page.evaluate("window.lonaWidgetLog.filter(([, id]) => id === 'widget')")
    hooks = [hook for hook, _id in log]
    assert hooks[0] == "constructor" and hooks[-1] == "destroy"
    assert hooks[1:-1] == ["onDataUpdated"] * 10  # one per message, none for the removal


def test_stylesheets_and_scripts_of_node_classes_are_linked(page, lona_server):
    page.goto(lona_server.url + "/rendering")
    page.wait_for_selector("#next")
    install(page)
    number = next(i for i, step in enumerate(STEPS, 1) if "conformance-styled" in _source(step))
    for step in range(1, number + 1):
        assert run_step(page, step)["ok"], f"step {step}"
    outline = page.eval_on_selector(".conformance-styled", "e => getComputedStyle(e).outlineColor")
    assert outline == "rgb(1, 2, 3)"
    assert page.evaluate("window.lonaDisabledScriptRan") is None


def _source(step):
    import inspect

    return inspect.getsource(step)
