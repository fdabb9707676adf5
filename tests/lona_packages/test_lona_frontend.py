"""Lona 1.16.2's own frontend template, unchanged, as a user's FRONTEND_TEMPLATE.

The template comes from Lona's wheel at test time (``lona_templates``):
either its ``lona/frontend.html`` alone (with our header, footer and script
tags) or all of Lona's templates (its script and style tags too).  The page
keeps what the project adds: the view's first content in the page load.
"""

from __future__ import annotations

import re
import shutil
import urllib.request

import pytest

from lona_conformance.server_process import ServerProcess
from tests.lona_packages.conftest import APPS

pytestmark = pytest.mark.browser

APP = APPS / "lona_frontend" / "app.py"


@pytest.fixture(scope="module", params=["frontend.html", "all-templates"])
def templates(request, lona_templates, tmp_path_factory):
    if request.param == "all-templates":
        return lona_templates
    folder = tmp_path_factory.mktemp("lona-frontend-only")
    (folder / "lona").mkdir()
    shutil.copy(lona_templates / "lona" / "frontend.html", folder / "lona" / "frontend.html")
    return folder


@pytest.fixture(scope="module")
def lona_frontend(adapter_name, templates):
    with ServerProcess(adapter_name, script=APP, env={"LONA_TEMPLATES": str(templates)}) as server:
        yield server


def test_the_page_load_shows_the_view_in_lonas_template(lona_frontend, templates):
    with urllib.request.urlopen(lona_frontend.url + "/") as response:
        page = response.read().decode()
    assert page.startswith("<!-- templates/lona/frontend.html -->")  # Lona's own
    target = page.index('<div id="lona">')
    assert page.index("Lona frontend", target) < page.index("</html>")
    assert "new Lona.LonaContext" in page
    if not (templates / "lona" / "script_tags.html").exists():
        # our script tags: the client from the URL that names its content, kept for good
        assert re.search(
            r'import \{ Lona \} from "/static/_lona/client/[0-9a-f]{12}/lona.js"', page
        )


def test_the_view_runs_in_lonas_template_with_its_hooks(page, lona_frontend):
    page.goto(lona_frontend.url)
    page.wait_for_function("window.hooks && window.hooks.includes('connect')")
    assert page.title() == "Lona"
    page.click("#increment")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('2')")
    page.click("#message")
    page.wait_for_function("window.hooks.includes('custom: hello')")
    assert page.evaluate("window.hooks") == ["connect", "custom: hello"]


def test_widgets_in_lonas_older_api_run(page, lona_frontend):
    page.goto(lona_frontend.url)
    page.wait_for_selector("#widget:text-is('setup:first:1')")
    page.click("#relabel")
    page.wait_for_selector("#widget:text-is('updated:second')")
    page.click("#widget")  # the widget fires a custom input event
    page.wait_for_selector("#log .entry:text-is(\"legacy-click:{'label': 'second'}\")")
    page.click("#remove")
    page.wait_for_function("window.legacyWidgetDeconstructed === true")


def test_lonas_disconnect_hooks_reconnect_and_reload_the_page(page, adapter_name, templates):
    # Lona's lona/disconnect-message.html, or ours where only its frontend.html is used
    lonas = (templates / "lona" / "disconnect-message.html").exists()
    message = "Server Disconnected" if lonas else "Connection lost"
    with ServerProcess(adapter_name, script=APP, env={"LONA_TEMPLATES": str(templates)}) as server:
        page.goto(server.url)
        page.click("#increment")
        page.wait_for_selector("#count:text-is('1')")
        page.evaluate("window.marker = 'before'")
        server.stop()
        page.wait_for_selector(f"#lona:has-text('{message}')")  # the disconnect hook's
        server.start()
        page.wait_for_function("window.marker === undefined")  # reloaded once connected
        page.wait_for_selector("#count:text-is('0')")
        page.click("#increment")
        page.wait_for_selector("#count:text-is('1')")
