"""Error pages and views over HTTP, and the core templates an app can override."""

from __future__ import annotations

from pathlib import Path

import pytest

import lona
from lona_conformance.helpers import eventually, http_get

CORE_TEMPLATES = Path(lona.__file__).parent / "templates" / "lona"


def test_errors_over_http_carry_their_status_codes(lona_server):
    forbidden = http_get(lona_server.url + "/http/forbidden")
    assert forbidden.status == 403 and "403 Forbidden" in forbidden.text
    missing = http_get(lona_server.url + "/http/not-found")
    assert missing.status == 404 and "404 Not Found" in missing.text
    crashed = http_get(lona_server.url + "/http/crash")
    assert crashed.status == 500 and "500 Internal Error" in crashed.text
    assert "crashes on purpose" not in crashed.text  # the log has it, the page does not
    assert "the HTTP view crashes on purpose" in lona_server.log_text()


@pytest.mark.parametrize(
    ("path", "status", "content"),
    [
        ("/crash", 500, "500 Internal Error"),
        ("/forbidden", 403, "403 Forbidden"),
        ("/not-found", 404, "404 Not Found"),
    ],
)
def test_interactive_pages_of_failing_views_carry_their_status_codes(
    lona_server, path, status, content
):
    page = http_get(lona_server.url + path)
    assert page.status == status and content in page.text  # the error view's content
    assert '"first_content"' in page.text  # still a live page: its websocket attaches


@pytest.mark.browser
def test_an_interactive_error_page_still_runs_in_the_browser(server_with, page):
    server = server_with(CONFORMANCE_ERROR_VIEWS=True)
    response = page.goto(server.url + "/forbidden")
    assert response is not None and response.status == 403
    page.wait_for_selector("#lona:has-text('by the decorated 403 view')")
    page.wait_for_function("document.documentElement.dataset.lonaState === 'connected'")


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/http/broken-template", "TemplateSyntaxError"),
        ("/http/missing-template", "conformance/no-such-template.html"),
    ],
)
def test_a_template_that_fails_to_render_gives_500_and_a_log_line(lona_server, path, logged):
    answer = http_get(lona_server.url + path)
    assert answer.status == 500 and "500 Internal Error" in answer.text
    assert logged in lona_server.log_text()
    assert http_get(lona_server.url + "/http/html").status == 200


def test_error_views_by_decorator_and_a_crashing_500_view(server_with, protocol):
    server = server_with(CONFORMANCE_ERROR_VIEWS=True)
    forbidden = http_get(server.url + "/http/forbidden")
    assert forbidden.status == 403 and "by the decorated 403 view" in forbidden.text
    missing = http_get(server.url + "/no/such/page")
    assert missing.status == 404 and "no /no/such/page here" in missing.text
    crashed = http_get(server.url + "/http/crash")
    assert crashed.status == 500 and "500 Internal Error" in crashed.text  # the template
    assert "the 500 error view crashed" in server.log_text()
    window = protocol(server).open(server.url + "/forbidden", wait_for="decorated 403")
    assert window.view_id
    window = protocol(server).open(server.url + "/crash", wait_for="500")
    assert "Internal Error" in window.text()


def test_error_views_by_setting(server_with):
    server = server_with(
        ERROR_404_VIEW="lona_conformance.views.http.MarkedNotFoundView",
        ERROR_500_VIEW="lona_conformance.views.http.CrashingErrorView",
    )
    missing = http_get(server.url + "/nowhere")
    assert missing.status == 404 and "no /nowhere here" in missing.text
    crashed = http_get(server.url + "/http/crash")
    assert crashed.status == 500 and "500 Internal Error" in crashed.text


@pytest.fixture
def overrides(tmp_path):
    """A template directory overriding core templates; the frontend page is
    the core's own with one more line, so it stays in step with the core."""
    directory = tmp_path / "lona"
    directory.mkdir()
    (directory / "404.html").write_text(
        "<h1>404 Not Found</h1><p id='override-404'>overridden for {{ request.url.path }}</p>"
    )
    (directory / "error-page.html").write_text(
        "<!DOCTYPE html><html><head><title>{{ title }}</title></head>"
        "<body><p>overridden error page</p>{{ body }}</body></html>"
    )
    frontend = (CORE_TEMPLATES / "frontend.html").read_text()
    marker = '<meta name="conformance" content="overridden frontend">'
    (directory / "frontend.html").write_text(frontend.replace("</head>", marker + "</head>", 1))
    (directory / "disconnect-message.html").write_text(
        "<strong>Overridden:</strong> the line is down"
        "<script>window.injected = 1</script><img src=x onerror='window.injected = 2'>"
    )
    (directory / "waiting-for-server-message.html").write_text("Still waiting &amp; waiting")
    return tmp_path


def test_core_templates_can_be_overridden(server_with, overrides, protocol):
    server = server_with(TEMPLATE_DIRS=[str(overrides)])
    missing = http_get(server.url + "/no/such/page")
    assert missing.status == 404
    assert "overridden for /no/such/page" in missing.text
    assert "overridden error page" in missing.text
    page = http_get(server.url + "/counter")
    assert 'content="overridden frontend"' in page.text
    window = protocol(server).open(server.url + "/nowhere", wait_for="overridden")
    assert "overridden for /nowhere" in window.text()


@pytest.mark.browser
def test_the_connection_messages_come_from_templates_and_stay_text(server_with, overrides, page):
    server = server_with(TEMPLATE_DIRS=[str(overrides)])
    page.goto(server.url + "/counter")
    # the page shows the view's first content before the client runs: wait for the client
    page.wait_for_function("window.lona_context && window.lona_context.windows.get(1).viewId")
    # the waiting message shows when a view is slow to start; its text is
    # what matters here, so the state is set directly
    page.evaluate("window.lona_context.setStatus('waiting')")
    assert page.inner_text("#lona-status") == "Still waiting & waiting"
    page.evaluate("window.lona_context.setStatus('connected')")
    server.stop()
    page.wait_for_selector("#lona-status:visible")
    eventually(lambda: page.inner_text("#lona-status") == "Overridden: the line is down")
    assert page.evaluate("document.querySelectorAll('#lona-status *').length") == 0
    assert page.evaluate("window.injected") is None
