"""Lona's project mode: ``lona run-server --project-root DIR -s settings.py``, as users start it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from lona.cli.project import load_project
from lona_conformance.helpers import http_get
from lona_conformance.server_process import ServerProcess

SETTINGS = """
import os  # modules never become settings

ROUTING_TABLE = 'routes.py::routes'
STATIC_DIRS = ['static']
TEMPLATE_DIRS = ['templates']
ERROR_404_VIEW = 'views/errors.py::NotFound'
# a pre-override (-o) reaches the settings files; a default replaces one of the same name
GREETING = GREETING if 'GREETING' in globals() else 'hello'
_PRIVATE = 'never a setting'
"""

LOCAL_SETTINGS = """
GREETING = GREETING + ' from local settings'
"""

ROUTES = """
from lona import Route

routes = [
    Route('/', 'views/home.py::Home', name='home'),
    Route('/api(/)', 'views.api.Api', name='api', interactive=False),
]
"""

HOME = """
from lona import View
from lona.html import HTML, H1, P
from lona.static_files import StyleSheet


class Home(View):
    STATIC_FILES = [StyleSheet('home-css', 'home.css', url='home/home.css')]

    def handle_request(self, request):
        settings = self.server.settings
        return HTML(H1(settings.GREETING, _id='greeting'), P(settings.get('FAREWELL', '-')))
"""

API = """
from lona import JsonResponse, View


class Api(View):
    def handle_request(self, request):
        settings = self.server.settings
        return JsonResponse({
            'greeting': settings.GREETING,
            'farewell': settings.get('FAREWELL'),
            'private': settings.get('_PRIVATE'),
            'os': settings.get('os'),
            'home': self.server.reverse('home'),
            'shutdown_timeout': settings.SHUTDOWN_TIMEOUT,
        })
"""

ERRORS = """
from lona import TemplateResponse, View


class NotFound(View):
    def handle_request(self, request):
        return TemplateResponse('not-found.html', {'path': request.url.path})
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    files = {
        "settings.py": SETTINGS,
        "local.py": LOCAL_SETTINGS,
        "routes.py": ROUTES,
        "views/__init__.py": "",
        "views/home.py": HOME,
        "views/home.css": "h1 { color: green; }",
        "views/api.py": API,
        "views/errors.py": ERRORS,
        "templates/not-found.html": "<p id='missing'>nothing at {{ path }}</p>",
        "static/robots.txt": "User-agent: *",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


class ProjectServer(ServerProcess):
    """``python -m lona run-server`` on a free port."""

    def __init__(self, adapter: str, *args: str) -> None:
        super().__init__(adapter, module="lona", args=list(args))

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "lona",
            "run-server",
            "--adapter",
            str(self.adapter),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            *self.args,
        ]


@pytest.fixture(scope="module")
def served(project, adapter_name):
    args = [
        "--project-root",
        str(project),
        "-s",
        "settings.py",
        "local.py",
        "-o",
        "GREETING='hi'",
        "UNUSED=1",
        "-O",
        "FAREWELL=bye",
        "--shutdown-timeout",
        "2.5",
    ]
    with ProjectServer(adapter_name, *args) as server:
        yield server


def test_settings_routes_and_views_come_from_the_project(served):
    answer = http_get(served.url + "/api")
    assert answer.status == 200, served.log_text()
    assert json.loads(answer.body) == {
        "greeting": "hi from local settings",
        "farewell": "bye",
        "private": None,
        "os": None,
        "home": "/",
        "shutdown_timeout": 2.5,
    }
    assert http_get(served.url + "/api/").status == 200  # the optional trailing slash


def test_views_loaded_by_path_keep_their_static_files(served):
    page = http_get(served.url + "/")
    assert page.status == 200
    assert "hi from local settings" in page.text
    assert "home/home.css" in page.text  # linked by the page
    css = http_get(served.url + "/static/home/home.css")
    assert css.status == 200 and css.text == "h1 { color: green; }"
    assert http_get(served.url + "/static/robots.txt").text == "User-agent: *"


def test_error_views_named_by_path_render_project_templates(served):
    missing = http_get(served.url + "/nowhere")
    assert missing.status == 404
    assert "nothing at /nowhere" in missing.text


def test_sigterm_stops_the_project_server_cleanly(project, adapter_name):
    with ProjectServer(adapter_name, "--project-root", str(project), "-s", "settings.py") as server:
        assert http_get(server.url + "/api").status == 200
        assert server.stop(signal.SIGTERM) == 0


def lona(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m lona ARGS``."""
    command = [sys.executable, "-m", "lona", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_a_broken_project_is_a_clear_error(tmp_path):
    (tmp_path / "settings.py").write_text("ROUTING_TABLE = 1 / 0\n")
    result = lona("run-server", "--project-root", str(tmp_path), "-s", "settings.py")
    assert result.returncode != 0
    assert "settings file" in result.stderr and "ZeroDivisionError" in result.stderr
    missing = lona("run-server", "--project-root", str(tmp_path / "no"))
    assert missing.returncode != 0 and "is no directory" in missing.stderr


def test_settings_come_in_lonas_order(project):
    app = load_project(
        project,
        ["settings.py", "local.py"],
        settings_pre_overrides={"GREETING": "pre", "CLIENT_DEBUG": "pre"},
        settings_post_overrides={"FAREWELL": "post", "GREETING": "post"},
    )
    settings = app.settings
    assert settings.GREETING == "post"
    assert settings.CLIENT_DEBUG is False  # the default replaced the pre-override
    assert settings.FAREWELL == "post"
    assert "_PRIVATE" not in settings and "os" not in settings
    assert [route.name for route in app.routes] == ["home", "api"]
    app = load_project(project, ["settings.py"], {"GREETING": "pre"})
    assert app.settings.GREETING == "pre"  # no default of that name: the file sees it


def test_collect_static_of_a_project(project, tmp_path):
    destination = tmp_path / "collected"
    destination.mkdir()
    result = lona(
        "collect-static", str(destination), "--project-root", str(project), "-s", "settings.py"
    )
    assert result.returncode == 0, result.stderr
    assert (destination / "home" / "home.css").read_text() == "h1 { color: green; }"
    assert (destination / "robots.txt").exists()


def test_lonas_collect_static_function(project, tmp_path, capsys):
    from lona.command_line.collect_static import collect_static

    arguments = Namespace(
        project_root=str(project),
        settings=["settings.py"],
        settings_pre_overrides={},
        settings_post_overrides={"STATIC_DIRS": []},
        destination=str(tmp_path),
        clean=False,
        silent=True,
        dry_run=False,
    )
    collect_static(arguments)
    assert (tmp_path / "home" / "home.css").exists()
    assert not (tmp_path / "robots.txt").exists()  # STATIC_DIRS overridden
    assert capsys.readouterr().out == ""
    arguments.destination = str(tmp_path / "missing")
    with pytest.raises(SystemExit, match="does not exist"):
        collect_static(arguments)
