"""Time to visible content in Chromium: from navigation start to the counter on screen.

Headless Chromium (Playwright) opens each server's counter page.  A script
injected before the page's own polls on every animation frame until
``#count`` shows ``0`` and records ``performance.now()`` then: the time from
the start of the navigation to the frame that paints the content.  Cold: a
new browser context for every load (no cache, no cookies, no open
connections).  Warm: one context, the page loaded again and again (cached
scripts, a session cookie, a kept-alive connection).  A static HTML page with
the same markup is the baseline.
"""

from __future__ import annotations

import asyncio
import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from benchmarks.servers import Launcher, ServerSpec
from benchmarks.stats import percentile

__all__ = ["ContentResult", "ContentTarget", "ContentTiming", "run_first_content_scenario"]

PROBE = """
(() => {
  const look = () => {
    const count = document.querySelector('#count');
    if (count !== null && count.textContent === '0') {
      window.__lonaBenchmarkContent = performance.now();
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""
CONTENT_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class ContentTiming:
    loads: int  # per kind (cold, warm)


@dataclass(frozen=True)
class ContentTarget:
    spec: ServerSpec
    path: str
    role: str  # "ours", "lona", "reactpy" or "static"


@dataclass
class ContentResult:
    label: str
    role: str
    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    error: str | None = None

    @staticmethod
    def _median(values: list[float]) -> float:
        return statistics.median(values) if values else math.nan

    @property
    def cold_median(self) -> float:
        return self._median(self.cold_ms)

    @property
    def warm_median(self) -> float:
        return self._median(self.warm_ms)

    @property
    def cold_p90(self) -> float:
        return percentile(self.cold_ms, 0.9)

    @property
    def warm_p90(self) -> float:
        return percentile(self.warm_ms, 0.9)


async def _load(page: Any, url: str) -> float:
    await page.goto(url, wait_until="commit")
    await page.wait_for_function(
        "window.__lonaBenchmarkContent !== undefined", timeout=CONTENT_TIMEOUT_MS
    )
    value: float = await page.evaluate("window.__lonaBenchmarkContent")
    return value


async def _new_page(browser: Any) -> tuple[Any, Any]:
    context = await browser.new_context()
    await context.add_init_script(PROBE)
    return context, await context.new_page()


async def _measure(browser: Any, url: str, loads: int, result: ContentResult) -> None:
    for _ in range(loads):
        context, page = await _new_page(browser)
        try:
            result.cold_ms.append(await _load(page, url))
        finally:
            await context.close()
    context, page = await _new_page(browser)
    try:
        await _load(page, url)  # fills the cache and sets the session cookie
        for _ in range(loads):
            result.warm_ms.append(await _load(page, url))
    finally:
        await context.close()


async def _run(
    servers: list[tuple[ContentTarget, str]], timing: ContentTiming
) -> list[ContentResult]:
    from playwright.async_api import async_playwright

    from lona_conformance.browser import CHROMIUM_ARGS, chromium_path

    results = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            # the servers take turns, a few loads each, so that the machine's
            # background load falls on all of them alike
            for target, _ in servers:
                results.append(ContentResult(target.spec.label, target.role))
            rounds = 5
            for round_number in range(rounds):
                share = timing.loads // rounds + (round_number < timing.loads % rounds)
                for (target, url), result in zip(servers, results, strict=True):
                    if result.error is None:
                        try:
                            await _measure(browser, url + target.path, share, result)
                        except Exception as error:
                            result.error = f"{type(error).__name__}: {error}"[:300]
        finally:
            await browser.close()
    return results


def run_first_content_scenario(
    targets: list[ContentTarget], timing: ContentTiming, launcher: Launcher
) -> list[ContentResult]:
    from contextlib import ExitStack

    with ExitStack() as stack:
        servers = [(t, stack.enter_context(launcher.process(t.spec)).url) for t in targets]
        results = asyncio.run(_run(servers, timing))
    for result in results:
        if result.error:
            print(f"  {result.label}: failed: {result.error}", flush=True)
        else:
            print(
                f"  {result.label}: cold {result.cold_median:.0f} ms, "
                f"warm {result.warm_median:.0f} ms",
                flush=True,
            )
    return results
