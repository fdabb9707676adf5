"""``lona collect-static``: every static file the server serves, at its URL."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lona.http.static_files import client_version
from lona_conformance.helpers import http_get
from lona_conformance.server_process import ServerProcess

APP = """
from lona import App, View
from lona.static_files import Script, StyleSheet

app = App(__file__)
app.settings.STATIC_DIRS = ["first", "second"]
app.add_static_file("added.txt", "added by the app")


@app.route("/")
class Index(View):
    STATIC_FILES = [
        StyleSheet("index-css", "assets/index.css", url="declared/index.css"),
        Script("index-map", "assets/index.js.map", url="declared/index.js.map", link=False),
        Script("off", "assets/off.js", url="declared/off.js", enabled_by_default=False),
    ]

    def handle_request(self, request):
        return "<h1>collect me</h1>"


if __name__ == "__main__":
    app.run()
"""


@pytest.fixture
def project(tmp_path):
    files = {
        "app.py": APP,
        "first/shared.txt": "from the first directory",
        "first/deep/nested.txt": "nested",
        "second/shared.txt": "from the second directory",
        "second/only-second.txt": "only here",
        "assets/index.css": "h1 { color: red; }",
        "assets/index.js.map": "{}",
        "assets/off.js": "disabled",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def collect(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "lona", "collect-static", str(project / "app.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def collected(directory):
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file())


def test_the_copies_are_what_the_server_serves_at_those_urls(project, tmp_path, adapter_name):
    destination = tmp_path / "collected"
    result = collect(project, str(destination))
    assert result.returncode == 0, result.stderr
    files = collected(destination)
    assert {
        "added.txt",
        "shared.txt",
        "deep/nested.txt",
        "only-second.txt",
        "declared/index.css",
        "declared/index.js.map",
        "_lona/client/lona.js",
        "_lona/client/lona.css",
        f"_lona/client/{client_version()}/lona.js",  # where pages load it from
        f"_lona/client/{client_version()}/lona.css",
    } <= set(files)
    assert "declared/off.js" not in files
    assert (destination / "shared.txt").read_text() == "from the first directory"
    with ServerProcess(adapter_name, script=project / "app.py") as server:
        for url in files:
            served = http_get(f"{server.url}/static/{url}")
            assert served.status == 200, url
            assert served.body == (destination / url).read_bytes(), url


def test_a_dry_run_lists_and_copies_nothing(project, tmp_path):
    destination = tmp_path / "collected"
    result = collect(project, str(destination), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "_lona/client/lona.js <- " in result.stdout
    assert "would copy" in result.stdout
    assert not destination.exists()


def test_clean_removes_stale_files_and_refuses_the_project(project, tmp_path):
    destination = tmp_path / "collected"
    (destination / "old").mkdir(parents=True)
    (destination / "old" / "stale.txt").write_text("stale")
    assert collect(project, str(destination)).returncode == 0
    assert (destination / "old" / "stale.txt").exists()
    assert collect(project, str(destination), "--clean", "--silent").returncode == 0
    assert not (destination / "old").exists()
    assert (destination / "added.txt").exists()
    refused = collect(project, str(project), "--clean")
    assert refused.returncode != 0 and "refusing to clean" in refused.stderr
    assert (project / "app.py").exists()


def test_a_url_that_would_leave_the_destination_is_refused(project, tmp_path):
    app = (project / "app.py").read_text()
    (project / "app.py").write_text(app.replace('url="declared/index.css"', 'url="../out.css"'))
    destination = tmp_path / "collected"
    result = collect(project, str(destination))
    assert result.returncode != 0 and "would leave" in result.stderr
    assert not (tmp_path / "out.css").exists()
