"""Take the documentation's screenshots from the real examples (run on demand, not in CI).

.venv/bin/python scripts/screenshots.py

Each picture is a real page in headless Chromium, driven as a user would:
the daemon examples, the demo, the debug overlay, the busy Save button with
the progress bar, a failed live reload, and the Flask embedding example.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "conformance_tests"))

from lona_conformance.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from lona_conformance.server_process import ServerProcess  # noqa: E402

IMAGES = ROOT / "docs" / "images"
DEMO = ROOT / "examples" / "demo" / "app.py"


def demo(page: Page, second: Page) -> None:
    """The demo with every card in use; then Save while it saves; then an error."""
    with ServerProcess(None, script=DEMO, args=["--debug"]) as server:
        page.goto(server.url)
        for _ in range(3):
            page.click("#increment")
        page.fill("#name", "Ada Lovelace")
        page.fill("#email", "ada@example")
        page.wait_for_selector("#email-error:text-is('not an email yet')")
        second.goto(server.url)
        second.fill("#chat-name", "Grace")
        second.fill("#chat-text", "Hello from the other tab!")
        second.click("#send")
        page.fill("#chat-name", "Ada")
        page.fill("#chat-text", "Hi Grace")
        page.click("#send")
        page.click("#start")
        page.wait_for_function(
            "parseInt(document.querySelector('#job-status').textContent.split(' ')[1]) >= 40"
        )
        page.screenshot(path=IMAGES / "demo.png", full_page=True)
        page.fill("#email", "ada@example.org")
        page.wait_for_selector("#save:not([disabled])")
        page.evaluate("window.scrollTo(0, 0)")
        page.click("#save", no_wait_after=True)
        page.wait_for_selector("#save[aria-busy='true']")
        page.wait_for_selector("#lona-progress:not([hidden])")
        page.screenshot(path=IMAGES / "busy.png")
        page.wait_for_selector("#form-result:has-text('Saved')")
        page.click("#break")
        page.wait_for_selector("#lona-debug")
        page.screenshot(path=IMAGES / "debug-overlay.png")


def reload_error(page: Page) -> None:
    """A syntax error after a change, over the page that was open."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder, "app.py")
        shutil.copytree(DEMO.parent, folder, dirs_exist_ok=True)
        source = copy.read_text()
        with ServerProcess(None, script=copy, args=["--live-reload"]) as server:
            page.goto(server.url)
            page.wait_for_selector("#increment")
            copy.write_text(source.replace("def add(self, step):", "def add(self, step)"))
            page.wait_for_selector("#lona-debug[data-kind='reload']", timeout=30_000)
            page.screenshot(path=IMAGES / "reload-error.png")
            copy.write_text(source)


def embedding(page: Page) -> None:
    """The Flask example's live view in the host's layout, logged in."""
    script = ROOT / "examples" / "embedding" / "flask_app.py"
    with ServerProcess(None, script=script) as server:
        page.goto(server.url + "/login")
        page.fill("#name", "alice")
        page.fill("#password", "wonderland")
        page.click("#login")
        page.wait_for_selector("#increment")
        page.click("#increment")
        page.wait_for_selector("#count:text-is('1')")
        page.screenshot(path=IMAGES / "embedding-flask.png")
        urllib.request.urlopen(server.url + "/logout").read()


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        wide = browser.new_context(viewport={"width": 1100, "height": 720})
        demo(wide.new_page(), wide.new_page())
        reload_error(browser.new_page(viewport={"width": 1000, "height": 600}))
        embedding(browser.new_page(viewport={"width": 900, "height": 420}))
        page = browser.new_page(viewport={"width": 800, "height": 520})
        with ServerProcess(None, script=ROOT / "examples/daemon/short_running.py") as server:
            page.goto(server.url)
            for _ in range(3):
                page.click("#increment")
            page.fill("#text", "Typed here, visible in every tab of this user.")
            page.dispatch_event("#text", "change")
            page.wait_for_selector("#counter:text-is('13')")
            page.screenshot(path=IMAGES / "daemon-short-running.png")
        with ServerProcess(None, script=ROOT / "examples/daemon/long_running.py") as server:
            page.goto(server.url)
            page.fill("#limit", "8")
            page.dispatch_event("#limit", "change")
            page.click("#start")
            page.wait_for_selector("text=Counting to 3")
            page.click("#stop")
            page.wait_for_selector("#modal[open]")
            page.screenshot(path=IMAGES / "daemon-long-running.png")
        browser.close()


if __name__ == "__main__":
    main()
