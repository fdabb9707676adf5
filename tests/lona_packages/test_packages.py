"""Lona's third-party packages from PyPI, their widgets in Chromium, on every adapter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lona_conformance.server_process import ServerProcess
from tests.lona_packages.conftest import APPS, package_env

pytestmark = pytest.mark.browser


def _server(adapter_name, lona_packages, app) -> Iterator[ServerProcess]:
    with ServerProcess(adapter_name, script=APPS / app, env=package_env(lona_packages)) as server:
        yield server


@pytest.fixture(scope="module")
def picocss(adapter_name, lona_packages):
    yield from _server(adapter_name, lona_packages, "picocss_components.py")


@pytest.fixture(scope="module")
def bootstrap(adapter_name, lona_packages):
    yield from _server(adapter_name, lona_packages, "bootstrap_modal.py")


@pytest.fixture(scope="module")
def chartjs(adapter_name, lona_packages):
    yield from _server(adapter_name, lona_packages, "chartjs_chart.py")


@pytest.fixture(scope="module")
def dropzone(adapter_name, lona_packages):
    yield from _server(adapter_name, lona_packages, "dropzone_upload.py")


def _dialog_open(page, is_open):
    state = "" if is_open else "!"
    page.wait_for_function(f"{state}document.querySelector('dialog').hasAttribute('open')")


def test_picocss_modal_opens_and_closes(page, picocss):
    page.goto(picocss.url)
    page.click("#open")
    _dialog_open(page, True)
    assert page.is_visible("#modal-text")
    page.click("dialog a.close")  # the close button
    _dialog_open(page, False)
    page.click("#open")
    _dialog_open(page, True)
    page.click("#done")  # a button of the footer
    _dialog_open(page, False)
    page.click("#open")
    _dialog_open(page, True)
    page.click("dialog", position={"x": 3, "y": 3})  # outside the article: closes it
    _dialog_open(page, False)


def test_picocss_inputs_reach_the_view(page, picocss):
    page.goto(picocss.url)
    page.fill("#name", "Ada")
    page.wait_for_selector("#values:has-text('name=Ada')")
    page.fill("#notes", "some notes")
    page.wait_for_selector("#values:has-text('notes=some notes')")
    page.click("#switch")
    page.wait_for_selector("#values:has-text('switch=True')")
    assert page.get_attribute("#switch", "role") == "switch"


def test_picocss_progress_follows_the_view(page, picocss):
    page.goto(picocss.url)
    assert page.get_attribute("progress", "value") == "0"
    page.click("#step")
    page.wait_for_function("document.querySelector('progress')?.value === 25")
    page.click("#step")
    page.wait_for_function("document.querySelector('progress')?.value === 50")
    # pico.css styles the page (its stylesheet is linked through STATIC_FILES)
    assert page.evaluate("getComputedStyle(document.querySelector('progress')).appearance") in (
        "none",
        "auto",
    )


def test_picocss_header_links_run_in_the_page(page, picocss):
    # its template patches the header's links (lona_context.patch_input_events)
    page.goto(picocss.url)
    page.click("#step")
    page.wait_for_function("document.querySelector('progress')?.value === 25")
    page.evaluate("window.marker = 'same page'")
    page.click("header#lona-header a#brand")
    page.wait_for_function("document.querySelector('progress')?.value === 0")  # the view again
    assert page.evaluate("window.marker") == "same page"


def test_bootstrap_modal_pops_up_and_closes(page, bootstrap):
    page.goto(bootstrap.url)
    page.wait_for_selector("#open")
    assert not page.is_visible(".modal")
    page.click("#open")
    page.wait_for_selector(".modal.show", state="visible")
    assert page.inner_text(".modal-title") == "Bootstrap modal"
    assert "Lorem Ipsum" in page.inner_text(".modal-body")
    page.click("#close")
    page.wait_for_selector(".modal", state="hidden")
    page.click("#open")
    page.wait_for_selector(".modal.show", state="visible")


def _chart_data(page):
    return page.evaluate(
        "() => { const chart = Chart.getChart(document.querySelector('canvas'));"
        " return chart && [chart.data.labels, chart.data.datasets[0].data]; }"
    )


def test_chartjs_chart_updates_with_the_view(page, chartjs):
    page.goto(chartjs.url)
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('canvas'))")
    assert _chart_data(page) == [["a", "b"], [1, 2]]
    page.click("#add")
    page.wait_for_function(
        "Chart.getChart(document.querySelector('canvas')).data.labels.length === 3"
    )
    assert _chart_data(page) == [["a", "b", "c"], [1, 2, 30]]
    page.click("#add")
    page.wait_for_function(
        "Chart.getChart(document.querySelector('canvas')).data.labels.length === 4"
    )
    assert _chart_data(page) == [["a", "b", "c", "d"], [1, 2, 30, 40]]


def test_a_file_dropped_into_the_dropzone_arrives_in_the_bucket(page, dropzone):
    page.goto(dropzone.url)
    page.wait_for_selector("form.dropzone.dz-clickable")  # Dropzone is set up
    files = page.evaluate_handle(
        "() => { const data = new DataTransfer();"
        " data.items.add(new File(['hello dropzone'], 'notes.txt', {type: 'text/plain'}));"
        " return data; }"
    )
    page.dispatch_event("form.dropzone", "drop", {"dataTransfer": files})
    page.wait_for_selector("#files li:text-is('notes.txt: hello dropzone')")
    page.wait_for_selector(".dz-preview.dz-success")
