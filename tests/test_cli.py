"""The command line of CONTRACT.md and the demo app, as users start them."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from lona.adapter import AdapterNotFound, load_adapter
from lona.cli import resolve_run_options
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
    with pytest.raises(AdapterNotFound, match="no adapter named 'nope' is installed"):
        load_adapter("nope")
    for name in ("aiohttp", "tornado", "flask"):  # the entry points CONTRACT.md names
        assert load_adapter(name).name == name
    assert load_adapter("lona_aiohttp:AiohttpAdapter").name == "aiohttp"


@pytest.fixture(scope="module")
def demo():
    with ServerProcess(None, script=DEMO) as server:
        yield server


@pytest.mark.browser
def test_the_demo_counter_and_the_view_that_counts_by_itself(page, demo):
    page.goto(demo.url + "/")
    page.click("text=A counter with a button")
    page.click("#increment")
    page.click("#increment")
    page.wait_for_selector("#count:text-is('2')")
    page.goto(demo.url + "/count")
    page.wait_for_function(
        "Number(document.querySelector('#count')?.textContent) >= 1", timeout=5000
    )
    page.click("#stop")
    page.wait_for_selector("#status:text-is('stopped')")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signals_stop_the_server_cleanly_with_a_view_running(sig):
    with ServerProcess(None, script=DEMO) as server:
        client = connect(server.url)
        client.open(server.url + "/count", wait_for="Count: 0")
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
    from lona.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["nonsense"])
    assert exit_info.value.code == 2
    assert "lona run-server [--project-root DIR]" in capsys.readouterr().err
