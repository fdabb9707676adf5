"""scripts/lona-compat without the network: its arguments, its counts, its sdist checks."""

from __future__ import annotations

import importlib.util
import io
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "lona_compat.py"


@pytest.fixture(scope="module")
def compat() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lona_compat_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# arguments ###################################################################


def test_all_three_adapters_by_default(compat):
    arguments = compat.parse_arguments([])
    assert arguments.adapters == ["aiohttp", "tornado", "flask"]
    assert arguments.pytest_args == []


def test_adapters_first_then_pytest_arguments(compat):
    arguments = compat.parse_arguments(["tornado", "flask", "-k", "channels", "-x"])
    assert arguments.adapters == ["tornado", "flask"]
    assert arguments.pytest_args == ["-k", "channels", "-x"]


def test_double_dash_separates_a_test_path(compat):
    arguments = compat.parse_arguments(["flask", "--", "tests/test_channels.py"])
    assert arguments.adapters == ["flask"]
    assert arguments.pytest_args == ["tests/test_channels.py"]


def test_options_alone_run_every_adapter(compat):
    arguments = compat.parse_arguments(["-k", "buckets"])
    assert arguments.adapters == ["aiohttp", "tornado", "flask"]
    assert arguments.pytest_args == ["-k", "buckets"]


def test_help_prints_the_usage(compat):
    with pytest.raises(SystemExit) as raised:
        compat.parse_arguments(["--help"])
    assert "scripts/lona-compat [ADAPTER ...]" in str(raised.value.code)


def test_the_whole_suite_less_exactly_the_seven_left_out_files(compat, tmp_path):
    command = compat.pytest_command(Path("python"), "tornado", ["-k", "x"], tmp_path / "r.xml")
    assert command[command.index("--adapter") + 1] == "tornado"
    assert command[-8] == "tests"
    ignored = [arg.removeprefix("--ignore=") for arg in command if arg.startswith("--ignore=")]
    assert ignored == list(compat.LEFT_OUT)
    assert len(set(ignored)) == 7
    assert all(path.startswith("tests/test_") for path in ignored)


def test_a_named_test_file_replaces_the_default_selection(compat, tmp_path):
    command = compat.pytest_command(
        Path("python"), "flask", ["tests/test_channels.py"], tmp_path / "r.xml"
    )
    assert "tests" not in command
    assert not any(arg.startswith("--ignore=") for arg in command)
    assert command[-1] == "tests/test_channels.py"


# counts ######################################################################

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="7">
<testcase classname="" name="tests.test_b" file="tests/test_b.py">
  <error message="collection failure">ImportError</error></testcase>
<testcase classname="tests.test_a" name="test_ok" file="tests/test_a.py" />
<testcase classname="tests.test_a" name="test_fail" file="tests/test_a.py">
  <failure message="assert 0">assert 0</failure></testcase>
<testcase classname="tests.test_a" name="test_setup" file="tests/test_a.py">
  <error message="failed on setup">RuntimeError</error></testcase>
<testcase classname="tests.test_a" name="test_teardown" file="tests/test_a.py">
  <failure message="assert 0">assert 0</failure>
  <error message="failed on teardown">RuntimeError</error></testcase>
<testcase classname="tests.test_a" name="test_skip" file="tests/test_a.py">
  <skipped message="skip">skip</skipped></testcase>
<testcase classname="tests.test_c" name="test_ok" />
</testsuite></testsuites>
"""


def test_counts_per_file_from_junit_xml(compat):
    files = compat.counts_per_file(JUNIT)
    assert list(files) == ["tests/test_a.py", "tests/test_b.py", "tests/test_c.py"]
    a = files["tests/test_a.py"]
    assert (a.passed, a.failed, a.errors, a.skipped) == (1, 1, 2, 1)
    assert files["tests/test_b.py"].errors == 1  # a file that does not import
    assert files["tests/test_c.py"].passed == 1  # found by its class name


def test_report_ends_with_the_summary_line(compat):
    lines, total = compat.report("aiohttp", compat.counts_per_file(JUNIT))
    assert lines[-1] == "lona-compat aiohttp: 2 passed, 1 failed, 3 errors of 7"
    assert not total.ok
    marked = [line for line in lines if line.startswith("  ! ")]
    assert [line.split()[1] for line in marked] == ["tests/test_a.py", "tests/test_b.py"]


def test_only_a_run_with_tests_and_without_failures_is_ok(compat):
    assert compat.Counts(passed=3).ok
    assert not compat.Counts().ok  # nothing ran
    assert not compat.Counts(passed=3, errors=1).ok
    assert not compat.Counts(passed=3, failed=1).ok


# the sdist ###################################################################


def make_sdist(path: Path, files: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))


def test_only_the_tests_folder_is_extracted_byte_for_byte(compat, tmp_path):
    sdist = tmp_path / "lona.tar.gz"
    content = b"def test_x():\n    assert True\n"
    make_sdist(
        sdist,
        {
            "lona-1.16.2/tests/test_x.py": content,
            "lona-1.16.2/tests/sub/data.txt": b"data",
            "lona-1.16.2/lona/__init__.py": b"",
        },
    )
    destination = tmp_path / "suite"
    tests = compat.extract_tests(sdist, destination)
    assert (tests / "test_x.py").read_bytes() == content
    assert (tests / "sub" / "data.txt").read_bytes() == b"data"
    assert sorted(path.name for path in destination.iterdir()) == ["tests"]


def test_an_entry_leaving_the_folder_is_refused(compat, tmp_path):
    sdist = tmp_path / "lona.tar.gz"
    make_sdist(sdist, {"lona-1.16.2/tests/../../evil.py": b""})
    with pytest.raises(compat.CompatError, match="unexpected entry"):
        compat.extract_tests(sdist, tmp_path / "suite")
    assert not (tmp_path / "evil.py").exists()


def test_a_cached_sdist_with_another_hash_is_refused_and_removed(compat, tmp_path, monkeypatch):
    monkeypatch.setattr(compat, "CACHE", tmp_path)
    cached = tmp_path / compat.SDIST_NAME
    cached.write_bytes(b"not lona")
    with pytest.raises(compat.CompatError, match="expected 539a2a7e"):
        compat.fetch_sdist(Path("python-unused"))
    assert not cached.exists()  # the next run downloads it again
