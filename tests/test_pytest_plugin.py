"""lona.pytest, used by a small example project's own tests, on every adapter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.child_process import run_child

PROJECT_TESTS = Path(__file__).parents[1] / "examples" / "project" / "tests"


@pytest.mark.browser
def test_the_example_projects_tests_pass_with_the_plugin(adapter_name):
    result = run_child(
        [
            sys.executable,
            "-m",
            "pytest",
            str(PROJECT_TESTS),
            "-q",
            "-p",
            "no:cacheprovider",
            "--adapter",
            adapter_name,
            "--rootdir",
            str(PROJECT_TESTS.parent),
        ],
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "3 passed" in result.stdout


CLIENT_TESTS = """
import asyncio
import os

import pytest

from lona import HttpRedirectResponse, JsonResponse, RedirectResponse, View
from lona.html import HTML, H1
from lona.pytest import LonaContext, eventually


def setup_app(app):
    app.settings.SESSIONS_KEY_NAME = "sessionid"

    @app.route("/json", interactive=False)
    class Json(View):
        def handle_request(self, request):
            return JsonResponse({
                "method": request.method,
                "GET": request.GET,
                "POST": dict(request.POST),
                "user": request.user.session_key,
            })

    @app.route("/redirect", interactive=False)
    class Redirect(View):
        def handle_request(self, request):
            return RedirectResponse("/json?from=redirect")

    @app.route("/teapot", interactive=False)
    class Teapot(View):
        def handle_request(self, request):
            return JsonResponse({"short": "stout"}, status=418, headers={"X-Tea": "1"})

    @app.route("/")
    class Live(View):
        def handle_request(self, request):
            return HTML(H1("live"))


async def test_the_client_is_aiohttps_test_client(lona_app_context):
    context = await lona_app_context(setup_app)
    assert isinstance(context, LonaContext)
    client = context.client
    response = await client.get("/json", params={"a": "1"})
    assert response.status == 200 and response.content_type == "application/json"
    assert (await response.json())["GET"] == {"a": "1"}
    posted = await (await client.post("/json", data={"x": "y"})).json()
    assert (posted["method"], posted["POST"]) == ("POST", {"x": "y"})
    redirect = await client.get("/redirect", allow_redirects=False)
    assert redirect.status == 302 and redirect.headers["Location"] == "/json?from=redirect"
    followed = await client.get("/redirect")
    assert (await followed.json())["GET"] == {"from": "redirect"} and followed.history
    async with client.get("/teapot") as teapot:
        assert teapot.status == 418 and teapot.headers.getone("x-tea") == "1"
        assert await teapot.read() == b'{"short": "stout"}'
        assert await teapot.content.read() == b'{"short": "stout"}'
    page = await client.get("/")
    assert page.status == 200 and "live" in await page.text()
    assert "sessionid" in page.cookies
    # the session cookie is kept, as by aiohttp's client: the same user, no new cookie
    again = await client.get("/")
    assert "Set-Cookie" not in again.headers
    users = {(await (await client.get("/json")).json())["user"] for _ in range(2)}
    assert users == {page.cookies["sessionid"].value}
    assert str(client.make_url("/json")) == context.make_url("/json")
    with pytest.raises(ValueError):
        await (await client.get("/")).json()


async def test_the_context_has_lonas_attributes(lona_app_context, pytestconfig):
    context = await lona_app_context(setup_app, project_root=__file__)
    assert context.app.project_root == os.path.dirname(__file__)
    assert context.server is context.app.server
    assert context.event_loop is asyncio.get_running_loop()
    assert context.pytestconfig is pytestconfig
    assert context.make_url("/x?y=1").endswith("/x?y=1")
    assert context.server.reverse is not None


def test_sync_tests_call_the_factories_without_await(lona_app_context):
    context = lona_app_context(setup_app)
    assert context.client.request_sync("GET", "/json").status == 200


async def test_projects_with_overrides(lona_project_context, tmp_path):
    (tmp_path / "settings.py").write_text("A = globals().get('A', 'file')\\nB = 'file'\\n")
    context = await lona_project_context(
        project_root=str(tmp_path),
        settings=["settings.py"],
        settings_pre_overrides={"A": "pre"},
        settings_post_overrides={"B": "post"},
    )
    assert (context.server.settings.A, context.server.settings.B) == ("pre", "post")
    assert context.app is not None


async def test_eventually_retries_until_the_block_passes(lona_app_context):
    tries = []
    for attempt in eventually(timeout=5, interval=0.01):
        async with attempt:
            tries.append(1)
            if len(tries) < 3:
                raise KeyError("not yet")  # any exception, as in Lona
    assert len(tries) == 3


def test_eventually_works_in_sync_tests_and_gives_up_in_time():
    with pytest.raises(AssertionError):
        for attempt in eventually(timeout=0.05, interval=0.01):
            with attempt:
                raise AssertionError("never")
    with pytest.raises(SyntaxError):
        for _attempt in eventually():
            pass
"""


def test_the_plugins_client_context_and_fixtures_as_lonas(adapter_name, tmp_path):
    (tmp_path / "test_client.py").write_text(CLIENT_TESTS)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    options = ["-q", "-p", "no:cacheprovider", "--adapter", adapter_name]
    result = run_child(
        [sys.executable, "-m", "pytest", str(tmp_path), *options],
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "6 passed" in result.stdout
