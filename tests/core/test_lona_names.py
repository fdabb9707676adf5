"""Lona's names at Lona's import paths, the version numbers, and the refusal to mix with Lona."""

from __future__ import annotations

import importlib
import subprocess
import sys
from importlib import metadata

import pytest

import lona

# modules and names that Lona's users, its test suite and the packages built
# for it (lona-picocss, lona-bootstrap-5, lona-chartjs, lona-dropzone) import
LONA_NAMES = {
    "lona": [
        "App", "View", "Route", "MATCH_ALL", "Request", "Bucket", "Channel", "LonaApp",
        "LonaView", "ForbiddenError", "NotFoundError", "ClientError", "UserAbort", "ServerStop",
        "StopReason", "AbstractResponse", "Response", "HtmlResponse", "TemplateResponse",
        "TemplateStringResponse", "RedirectResponse", "HttpRedirectResponse", "JsonResponse",
        "FileResponse", "VERSION", "VERSION_STRING",
    ],
    "lona.routing": ["Router", "Route", "MATCH_ALL"],
    "lona.responses": ["AbstractResponse", "Response", "JsonResponse"],
    "lona.events": ["CLICK", "CHANGE", "FOCUS", "BLUR", "EventType", "ChangeEventType"],
    "lona.events.event_types": ["CLICK", "CHANGE"],
    "lona.events.input_event": ["InputEvent"],
    "lona.events.view_event": ["ViewEvent"],
    "lona.middlewares.sessions": ["AnonymousUser", "generate_session_key"],
    "lona.middleware_controller": ["MiddlewareController"],
    "lona.command_line.collect_static": ["collect_static"],
    "lona.command_line.handle_command_line": ["handle_command_line", "parse_overrides"],
    "lona.command_line.run_server": ["run_server"],
    "lona.default_views": ["FrontendView", "Error403View", "Error404View", "Error500View"],
    "lona.default_routes": ["routes"],
    "lona._json": ["dumps"],
    "lona.view_runtime": ["ViewRuntime"],
    "lona.unique_ids": ["generate_unique_id", "generate_unique_id2"],
    "lona.static_files": ["StaticFile", "StyleSheet", "Script", "SORT_ORDER"],
    "lona.imports": ["acquire"],
    "lona.settings": ["Settings"],
    "lona.server": ["Server"],
    "lona.pytest": ["LonaContext", "eventually"],
}  # fmt: skip


@pytest.mark.parametrize("module", sorted(LONA_NAMES))
def test_lonas_names_import_from_lonas_paths(module) -> None:
    imported = importlib.import_module(module)
    missing = [name for name in LONA_NAMES[module] if not hasattr(imported, name)]
    assert missing == []


def test_versions() -> None:
    assert lona.VERSION == (1, 16, 2)  # the Lona API implemented: packages compare it
    assert lona.VERSION_STRING == "1.16.2"
    assert metadata.version("lona-live") == lona.LONA_LIVE_VERSION


def test_small_lona_helpers_behave_as_lonas() -> None:
    from lona._json import dumps
    from lona.events import CHANGE, CLICK
    from lona.middlewares.sessions import AnonymousUser
    from lona.protocol import EventType
    from lona.unique_ids import generate_unique_id, generate_unique_id2

    assert dumps({"a": [1, EventType.CLICK]}) == '{"a":[1,301]}'
    assert CHANGE(input_delay=300).serialize() == "302:300" and CLICK.serialize() == "301"
    assert AnonymousUser() == AnonymousUser("") != AnonymousUser("other")
    first, second = generate_unique_id("test"), generate_unique_id("test")
    assert int(second) == int(first) + 1
    assert generate_unique_id2() != generate_unique_id2()


def test_importing_lona_beside_real_lona_fails_with_a_clear_message(tmp_path) -> None:
    # a second distribution that installs the package 'lona': Lona itself
    info = tmp_path / "lona-1.16.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: lona\nVersion: 1.16.2\n")
    result = subprocess.run(
        [sys.executable, "-c", "import lona"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path)},
        check=False,
    )
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert "Lona 1.16.2 (the 'lona' distribution) are installed" in result.stderr
    assert "pip uninstall lona" in result.stderr
    alone = subprocess.run([sys.executable, "-c", "import lona"], check=False)
    assert alone.returncode == 0
