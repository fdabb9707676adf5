"""The example project's own tests, written as Lona users write them."""

from pathlib import Path

from playwright.async_api import async_playwright

from lona import View
from lona.html import H1, HTML, Button, Span
from lona.pytest import eventually
from lona_conformance.browser import CHROMIUM_ARGS, chromium_path

PROJECT = Path(__file__).parents[1]


def setup_app(app):
    @app.route("/")
    class Counter(View):
        def handle_request(self, request):
            self.count = Span("0", _id="count")
            return HTML(
                H1("Counter"),
                self.count,
                Button("+1", _id="increment", handle_click=self.increment),
            )

        def increment(self, input_event):
            self.count.set_text(int(self.count.get_text()) + 1)


async def test_a_view_in_the_browser(lona_app_context):
    context = await lona_app_context(setup_app)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        page = await browser.new_page()
        await page.goto(context.make_url("/"))
        await page.wait_for_selector("#lona h1:has-text('Counter')")
        await page.click("#increment")
        for attempt in eventually(timeout=10, interval=0.05):
            async with attempt:
                assert await page.inner_text("#count") == "1"
        view = context.server.get_views(url="/")[0]
        assert view.count.get_text() == "1"
        await browser.close()


async def test_the_project_over_http(lona_project_context):
    context = await lona_project_context(project_root=str(PROJECT), settings=["settings.py"])
    response = await context.client.get("/api/status")
    assert response.status == 200
    assert await response.json() == {"status": "ok"}
    page = await context.client.get("/")
    assert "Example project" in await page.text()


def test_sync_tests_work_too(lona_project_context):
    context = lona_project_context(project_root=str(PROJECT), settings=["settings.py"])
    assert context.client.request_sync("GET", "/api/status").status == 200
    assert context.server.reverse("status") == "/api/status"
