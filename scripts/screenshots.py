"""Take the README's screenshots of the examples (run on demand, not in CI).

.venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "conformance_tests"))

from lona_conformance.browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from lona_conformance.server_process import ServerProcess  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
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
