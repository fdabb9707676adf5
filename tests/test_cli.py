"""The command line (docs/reference/cli.md) and the demo app, as users start them."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lona.adapter import AdapterNotFound, load_adapter
from lona.cli.main import resolve_run_options
from lona.testing.pages import connect
from lona_conformance.server_process import ServerProcess

DEMO = Path(__file__).parents[1] / "examples" / "demo" / "app.py"


def test_defaults_environment_arguments_and_command_line_in_that_order(monkeypatch):
    for name in ("LONA_DEFAULT_HOST", "LONA_DEFAULT_PORT", "LONA_DEFAULT_ADAPTER"):
        monkeypatch.delenv(name, raising=False)
    options = resolve_run_options([])
    assert (options.host, options.port, options.adapter) == ("localhost", 8080, "aiohttp")
    monkeypatch.setenv("LONA_DEFAULT_HOST", "0.0.0.0")
    monkeypatch.setenv("LONA_DEFAULT_PORT", "9000")
    monkeypatch.setenv("LONA_DEFAULT_ADAPTER", "tornado")
    options = resolve_run_options([])
    assert (options.host, options.port, options.adapter) == ("0.0.0.0", 9000, "tornado")
    options = resolve_run_options([], port=9100)
    assert options.port == 9100
    options = resolve_run_options(
        ["--port", "9200", "--adapter", "flask", "--host", "::1"], port=9100
    )
    assert (options.host, options.port, options.adapter) == ("::1", 9200, "flask")
    assert resolve_run_options(["-o", "CLIENT_DEBUG=True"]).settings_overrides == {
        "CLIENT_DEBUG": True
    }
    overrides = resolve_run_options(
        ["-O", "A=2", "-o", "A=1", "-o", "B=redis://x:1/0", "-o", "C=[1, 2]"]
    ).settings_overrides
    assert overrides == {"A": 2, "B": "redis://x:1/0", "C": [1, 2]}
    with pytest.raises(SystemExit):
        resolve_run_options(["-o", "missing-value"])


def test_an_unknown_adapter_gets_a_clear_error():
    with pytest.raises(AdapterNotFound, match="there is no adapter 'nope'"):
        load_adapter("nope")
    for name in ("aiohttp", "tornado", "flask"):  # the entry points pyproject.toml declares
        assert load_adapter(name).name == name
    assert load_adapter("lona_aiohttp:AiohttpAdapter").name == "aiohttp"


@pytest.fixture(scope="module")
def demo():
    with ServerProcess(None, script=DEMO) as server:
        yield server


@pytest.mark.browser
def test_the_demo_shows_a_counter_a_form_a_job_and_a_chat(browser, demo):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page, other = context.new_page(), context.new_page()
    page.goto(demo.url + "/")
    assert page.title() == "lona-live demo"
    page.click("#increment")
    page.click("#increment")
    page.click("#decrement")
    page.wait_for_selector("#count:text-is('1')")
    # the form checks as one types, and Save is busy while it saves
    page.fill("#name", "A")
    page.wait_for_selector("#name-error:text-is('at least 2 letters')")
    page.fill("#name", "Ada")
    page.fill("#email", "ada@example.org")
    page.wait_for_selector("#name-error:text-is('')")
    page.click("#save:not([disabled])")
    page.wait_for_selector("#save[aria-busy='true']:text-is('Saving…')")
    page.wait_for_selector("#form-result:text-is('Saved Ada <ada@example.org>')")
    # the job runs beside the page: the counter answers meanwhile; Stop stops it
    page.click("#start")
    page.wait_for_selector("#job-status:has-text('working')")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('2')")
    page.click("#stop:not([disabled])")
    page.wait_for_selector("#job-status:has-text('stopped at')")
    # a chat between two tabs
    other.goto(demo.url + "/")
    other.fill("#chat-name", "Grace")
    other.fill("#chat-text", "hello from the other tab")
    other.click("#send")
    page.wait_for_selector("#messages li:has-text('hello from the other tab')")
    context.close()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signals_stop_the_server_cleanly_with_a_view_running(sig):
    with ServerProcess(None, script=DEMO) as server:
        client = connect(server.url)
        window = client.open(server.url + "/", wait_for="A long job")
        window.click(window.element(id="start"))  # a job running beside the view
        assert server.stop(sig) == 0


def test_lonas_options_and_override_values(caplog):
    overrides = ["-o", "A=true", "B='text'", "C=[1, 'x']", "-O", "D={'k': 2}", "E=redis://x:1/0"]
    flags = ["--shutdown-timeout", "2.5", "-l", "warn", "--loggers", "+lona", "_lona.http"]
    options = resolve_run_options(
        [*overrides, *flags],
        shutdown_timeout=9,
        settings_pre_overrides={"A": False, "F": 1},
        settings_post_overrides=["G=none"],
    )
    assert options.settings_pre_overrides == {"A": True, "B": "text", "C": [1, "x"], "F": 1}
    assert options.settings_post_overrides == {"D": {"k": 2}, "E": "redis://x:1/0", "G": None}
    assert options.shutdown_timeout == 2.5  # the command line wins over the keyword
    assert options.log_level == "warn" and options.loggers == ["+lona", "_lona.http"]
    assert resolve_run_options([], shutdown_timeout=0).shutdown_timeout == 0
    with caplog.at_level("WARNING", "lona"):
        resolve_run_options([], shell=True, syslog_priorities="always", debug_mode="views", x=1)
    assert "shell=True has no meaning in lona-live" in caplog.text
    assert "syslog_priorities='always' has no meaning" in caplog.text
    assert "unknown run options ignored: x" in caplog.text


def test_the_lona_command_explains_itself(capsys):
    from lona.cli.main import main

    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "lona run-server [--project-root DIR]" in capsys.readouterr().err


# defaults and errors a new user meets (issue 17, point 1) ####################


def _only_installed(monkeypatch, *names):
    """The registered adapters as if only ``names`` had their frameworks installed."""
    from importlib.metadata import EntryPoint

    real = {
        "aiohttp": "lona_aiohttp:AiohttpAdapter",
        "tornado": "lona_tornado:TornadoAdapter",
        "flask": "lona_flask:FlaskAdapter",
    }
    points = [
        EntryPoint(name, real[name] if name in names else "lona_no_such_framework:A", "x")
        for name in real
    ]
    monkeypatch.setattr("lona.adapter.entry_points", lambda group: points)


@pytest.mark.parametrize("installed", ["flask", "tornado", "aiohttp"])
def test_with_one_adapter_installed_it_is_the_default(monkeypatch, installed):
    monkeypatch.delenv("LONA_DEFAULT_ADAPTER", raising=False)
    _only_installed(monkeypatch, installed)
    assert resolve_run_options([]).adapter == installed


def test_with_several_adapters_installed_aiohttp_is_the_default(monkeypatch):
    from lona.adapter import default_adapter

    _only_installed(monkeypatch, "tornado", "flask")
    assert default_adapter() == "tornado"
    _only_installed(monkeypatch, "flask", "aiohttp", "tornado")
    assert default_adapter() == "aiohttp"


def test_adapter_errors_name_only_adapters_that_can_run(monkeypatch):
    _only_installed(monkeypatch, "flask")
    with pytest.raises(AdapterNotFound) as typo:
        load_adapter("flsk")
    assert str(typo.value) == (
        "there is no adapter 'flsk' (did you mean 'flask'?); adapters that can run here: flask"
    )
    with pytest.raises(AdapterNotFound) as missing:
        load_adapter("aiohttp")
    assert "pip install 'lona-live[aiohttp]'" in str(missing.value)
    assert str(missing.value).endswith("adapters that can run here: flask")
    _only_installed(monkeypatch)
    with pytest.raises(AdapterNotFound, match="no adapter can run here: install one"):
        load_adapter("aiohttp")


def lona(*args, cwd, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "lona", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


def test_help_and_version_exit_zero(tmp_path):
    from lona import LONA_LIVE_VERSION

    for flag in ("--help", "-h"):
        result = lona(flag, cwd=tmp_path)
        assert result.returncode == 0 and "lona run SCRIPT" in result.stdout
    result = lona("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (
        0,
        f"lona-live {LONA_LIVE_VERSION} (the Lona 1.16.2 API)",
    )
    assert lona("run", "--help", cwd=tmp_path).returncode == 0
    assert "--project-root" in lona("run-server", "--help", cwd=tmp_path).stdout
    (tmp_path / "app.py").write_text(SERVING_SCRIPT)
    result = lona("run", "app.py", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--live-reload" in result.stdout and "--debug" in result.stdout
    script = [sys.executable, "app.py", "--version"]
    result = subprocess.run(script, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("lona-live ")


SERVING_SCRIPT = """
from lona import App

app = App(__file__)

if __name__ == "__main__":
    app.run()
"""


@pytest.mark.parametrize(
    ("args", "script", "code", "message"),
    [
        (["run", "missing.py"], None, 2, "lona run: no such file: missing.py"),
        (
            ["run", "app.py"],
            "from lona import App\napp = App(__file__)\n",
            1,
            "lona run: app.py ended without calling app.run() "
            "(end it with: if __name__ == '__main__': app.run())",
        ),
        (["run", "app.py"], "x = 1\n", 1, "lona run: app.py defines no lona App"),
        (["nonsense"], None, 2, "lona: no command 'nonsense'"),
        (
            ["run", "app.py", "--adapter", "flsk"],
            SERVING_SCRIPT,
            1,
            "lona: there is no adapter 'flsk' (did you mean 'flask'?); "
            "adapters that can run here: aiohttp, tornado, flask",
        ),
    ],
    ids=["missing-file", "no-app-run", "no-app", "unknown-command", "adapter-typo"],
)
def test_mistakes_get_one_clear_line_and_a_nonzero_exit(tmp_path, args, script, code, message):
    if script is not None:
        (tmp_path / "app.py").write_text(script)
    result = lona(*args, cwd=tmp_path)
    assert result.returncode == code
    assert result.stderr.splitlines()[0].startswith(message), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("adapter", ["aiohttp", "tornado", "flask"])
def test_a_port_in_use_is_one_line_before_serving(tmp_path, adapter):
    (tmp_path / "app.py").write_text(SERVING_SCRIPT)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = lona(
            "run",
            "app.py",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--adapter",
            adapter,
            cwd=tmp_path,
        )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"lona: port {port} on 127.0.0.1 is in use (another server runs there?); "
        "stop it or choose another port with --port"
    )


def test_standalone_servers_log_one_line_per_request(adapter_name, tmp_path):
    with ServerProcess(adapter_name, script=DEMO) as server:
        urllib.request.urlopen(server.url + "/?q=1").read()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(server.url + "/no/such/page")
        server.stop()
        log = server.log_text()
    assert re.search(r'lona\.access: 127\.0\.0\.1 "GET /\?q=1" 200 \d+ [\d.]+ms', log), log
    assert re.search(r'lona\.access: 127\.0\.0\.1 "GET /no/such/page" 404 \d+ [\d.]+ms', log)
    with ServerProcess(adapter_name, script=DEMO, args=["-o", "ACCESS_LOG=False"]) as server:
        urllib.request.urlopen(server.url + "/").read()
        server.stop()
        assert "lona.access" not in server.log_text()
