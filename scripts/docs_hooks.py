"""MkDocs hooks of the documentation site (mkdocs.yml): generated pages.

``docs/reference/settings.md`` holds the mark ``<!-- lona:settings -->``,
replaced at build time by the reference generated from the default settings
(``scripts/settings_reference.py``), so it is always the code's.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from settings_reference import markdown

SETTINGS_MARK = "<!-- lona:settings -->"


def on_page_markdown(text: str, page: Any, config: Any, files: Any) -> str:
    if SETTINGS_MARK in text:
        return text.replace(SETTINGS_MARK, markdown())
    return text
