"""The documentation site: its code runs, its settings reference is complete,
and it builds strictly (what CI runs through scripts/test)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "scripts"))

from settings_reference import sections  # noqa: E402


def python_blocks(page: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(), re.DOTALL)


def test_the_tutorials_app_and_test_run_as_written(tmp_path):
    blocks = python_blocks("getting-started.md")
    app = next(block for block in blocks if "handle_click=self.add" in block)
    test = next(block for block in blocks if block.startswith("# test_app.py"))
    (tmp_path / "app.py").write_text(app)
    (tmp_path / "test_app.py").write_text(test)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_every_setting_has_a_meaning_in_the_reference():
    from lona import default_settings

    documented = {s.name: s for section in sections() for s in section.settings}
    names = {name for name in vars(default_settings) if name.isupper()}
    assert set(documented) == names
    assert [name for name, setting in documented.items() if not setting.meaning] == []
    assert documented["DEBUG"].meaning.startswith("debug mode:")
    assert documented["CORE_STATIC_DIRS"].meaning.startswith("searched after TEMPLATE_DIRS")


def test_the_site_builds_strictly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    settings = (tmp_path / "reference" / "settings" / "index.html").read_text()
    assert "SLOW_HANDLER_WARNING" in settings and "lona:settings" not in settings
    api = (tmp_path / "reference" / "api" / "index.html").read_text()
    assert "await_click" in api
