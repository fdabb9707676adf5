"""The two daemon-view examples of the seed document, verbatim, on every adapter.

They are read from the document (``../shared/seeds/`` beside the repository)
when the tests run and saved as they are: nothing of them lives in this
repository.  They use lona-picocss, as a new user would after
``pip install lona-picocss``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from lona_conformance.server_process import ServerProcess
from tests.lona_packages.conftest import package_env

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
EXAMPLE = re.compile(
    r"^from lona_picocss\.html import .*?^if __name__ == '__main__':\n    app\.run\(\)$",
    re.MULTILINE | re.DOTALL,
)


def seed_examples() -> list[str]:
    """The code of the document's two examples: short running, long running."""
    documents = sorted(SEEDS.glob("000_*.txt"))
    assert documents, f"the seed document is missing: no {SEEDS}/000_*.txt"
    examples = EXAMPLE.findall(documents[0].read_text(encoding="utf-8"))
    assert len(examples) == 2, "the seed document should hold two examples"
    return examples


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("seed-examples")
    paths = {}
    for name, code in zip(("short_running", "long_running"), seed_examples(), strict=True):
        paths[name] = folder / name / "example.py"
        paths[name].parent.mkdir()
        paths[name].write_text(code, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def short_running(adapter_name, examples, lona_packages) -> Iterator[ServerProcess]:
    script = examples["short_running"]
    with ServerProcess(adapter_name, script=script, env=package_env(lona_packages)) as server:
        yield server


@pytest.fixture(scope="module")
def long_running(adapter_name, examples, lona_packages) -> Iterator[ServerProcess]:
    script = examples["long_running"]
    with ServerProcess(adapter_name, script=script, env=package_env(lona_packages)) as server:
        yield server


def test_the_examples_are_the_documents_own():
    short, long = seed_examples()
    assert "STOP_DAEMON_WHEN_VIEW_FINISHES = False" in short and "TextArea" in short
    assert "self.modal = Modal()" in long and "self.sleep(1)" in long


def test_short_running_syncs_two_tabs_of_one_user_and_survives_a_reload(browser, short_running):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    try:
        first, second = context.new_page(), context.new_page()
        first.goto(short_running.url)
        second.goto(short_running.url)
        first.wait_for_selector("h1:text-is('Daemonized View')")
        second.wait_for_selector("#counter:text-is('10')")
        first.click("text=Increment")
        second.wait_for_selector("#counter:text-is('11')")
        second.click("text=Increment")
        first.wait_for_selector("#counter:text-is('12')")
        second.fill("textarea", "typed in the second tab")  # sent after its input delay
        first.wait_for_function(
            "document.querySelector('textarea').value === 'typed in the second tab'"
        )
        first.reload()
        first.wait_for_selector("#counter:text-is('12')")
        first.wait_for_function(
            "document.querySelector('textarea').value === 'typed in the second tab'"
        )
        # the generated theme comes out as CSS, not escaped
        assert '[data-theme="generated"]' in first.inner_html("style")
    finally:
        context.close()


def test_long_running_counts_to_its_limit_with_a_progress_bar(page, long_running):
    page.goto(long_running.url)
    page.fill("input[type=number]", "3")
    page.click("text=Start")
    page.wait_for_selector("pre:has-text('finish')", timeout=20_000)
    assert page.inner_text("pre").split("\n")[:4] == [
        "Counting to 1",
        "Counting to 2",
        "Counting to 3",
        "finish",
    ]
    assert page.get_attribute("progress", "value") == "100"


def test_long_running_stops_through_the_modal(page, long_running):
    page.goto(long_running.url)
    page.click("text=Start")
    page.wait_for_selector("pre:has-text('Counting to 1')")
    page.click("a[role=button][style*=float]")  # Stop
    page.wait_for_selector("dialog[open] >> text=Are you sure you want to stop the counter?")
    page.click("dialog >> text=Cancel")
    page.wait_for_function("!document.querySelector('dialog').hasAttribute('open')")
    counted = page.inner_text("pre").count("Counting")
    page.wait_for_selector(f"pre:has-text('Counting to {counted + 1}')")
    assert "view stopped" not in page.inner_text("pre")
    page.click("a[role=button][style*=float]")
    page.wait_for_selector("dialog[open] footer")
    page.click("dialog footer >> text=Stop")
    page.wait_for_selector("pre:has-text('view stopped')")
    page.wait_for_function("!document.querySelector('dialog').hasAttribute('open')")
    assert "finish" not in page.inner_text("pre")
