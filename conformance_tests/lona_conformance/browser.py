"""Finding and launching Chromium (README.md says where it is looked for)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "chromium_path"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """LONA_TEST_BROWSER, else /usr/bin/chromium, else Playwright's own (None)."""
    configured = os.environ.get("LONA_TEST_BROWSER")
    if configured:
        return configured
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return None
