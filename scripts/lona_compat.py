"""``scripts/lona-compat``: run Lona 1.16.2's own test suite, unmodified, against this project.

    scripts/lona-compat [ADAPTER ...] [PYTEST ARGS ...]
    scripts/lona-compat tornado -k channels
    scripts/lona-compat aiohttp -- tests/test_channels.py -x

Adapters come first (default: aiohttp tornado flask); the first argument that
starts with "-" and everything after it go to pytest ("--" only separates).
Pytest arguments that name tests/... replace the default selection (all of
tests/ less the files in LEFT_OUT).

Lona's tests are never part of this repository: they are fetched from PyPI
(the sdist, pinned by its sha256) and extracted into a temporary folder for
each run.  They run in a virtual environment of their own, .venv-lona-compat/
(git ignores it; it is rebuilt when pyproject.toml or the pins change), with
this project installed editable plus the versions that suite was written for,
and with the system's Chromium as the project's own browser tests find it.

Prints each file's counts and then, per adapter, a line
``lona-compat ADAPTER: P passed, F failed, E errors of N``; exits non-zero
when any test failed or errored (or nothing ran).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the sdist, the virtual environment (venv/) and the browser link (browsers/)
CACHE = Path(os.environ.get("LONA_COMPAT_CACHE", ROOT / ".venv-lona-compat"))
VENV = CACHE / "venv"

LONA_VERSION = "1.16.2"
SDIST_NAME = f"lona-{LONA_VERSION}.tar.gz"
SDIST_SHA256 = "539a2a7edc0738c7f5578826182e28e9c58598bd2e0232833ff843b37f8b1640"

DEFAULT_ADAPTERS = ("aiohttp", "tornado", "flask")
EXTRAS = "aiohttp,tornado,flask"
# The versions Lona 1.16.2's suite was written against.
SUITE_PINS = (
    "pytest==8.1.1",
    "pytest-aiohttp==1.0.5",
    "pytest-asyncio==0.23.8",
    "pytest-mock==3.14.0",
    "pytest-timeout==2.3.1",
    "playwright==1.40.0",
)

# These import Lona's test_project/ folder (a demo project in Lona's git
# repository), which the sdist does not ship; they can not even be collected.
LEFT_OUT_REASON = "imports Lona's test_project/, which the sdist does not ship"
LEFT_OUT = (
    "tests/test_0302_responses.py",
    "tests/test_0304_rendering.py",
    "tests/test_0305_events.py",
    "tests/test_collect_static.py",
    "tests/test_redirects.py",
    "tests/test_test_project.py",
    "tests/test_view_sleep.py",
)

# Only a guard against a hung test keeping CI waiting; no Lona test comes near it.
TEST_TIMEOUT = 300

PYTEST_INI = f"""\
[pytest]
asyncio_mode = auto
timeout = {TEST_TIMEOUT}
junit_family = xunit1
addopts = -p no:cacheprovider --continue-on-collection-errors
"""


class CompatError(Exception):
    """A setup step failed: the message says which and why."""


# arguments ###################################################################


@dataclasses.dataclass
class Arguments:
    adapters: list[str]
    pytest_args: list[str]


def parse_arguments(argv: Sequence[str]) -> Arguments:
    if argv[:1] in (["-h"], ["--help"]):
        raise SystemExit(__doc__)
    adapters: list[str] = []
    rest = list(argv)
    while rest and not rest[0].startswith("-"):
        adapters.append(rest.pop(0))
    if rest[:1] == ["--"]:
        rest.pop(0)
    return Arguments(adapters or list(DEFAULT_ADAPTERS), rest)


def pytest_command(
    python: Path, adapter: str, pytest_args: Sequence[str], junit: Path
) -> list[str]:
    names_tests = any(arg == "tests" or arg.startswith("tests/") for arg in pytest_args)
    selection = [] if names_tests else ["tests", *(f"--ignore={path}" for path in LEFT_OUT)]
    return [
        str(python),
        "-m",
        "pytest",
        "--adapter",
        adapter,
        f"--junitxml={junit}",
        "-q",
        "-rfE",
        *pytest_args,
        *selection,
    ]


# results #####################################################################


@dataclasses.dataclass
class Counts:
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.errors + self.skipped

    def add(self, other: Counts) -> None:
        self.passed += other.passed
        self.failed += other.failed
        self.errors += other.errors
        self.skipped += other.skipped

    def describe(self) -> str:
        text = f"{self.passed} passed, {self.failed} failed, {self.errors} errors"
        return text + (f", {self.skipped} skipped" if self.skipped else "")

    @property
    def ok(self) -> bool:
        return self.total > 0 and not self.failed and not self.errors


def outcome(testcase: ElementTree.Element) -> str:
    """One outcome per test: an error (setup, teardown, collection) wins over a failure."""
    tags = {child.tag for child in testcase}
    if "error" in tags:
        return "errors"
    if "failure" in tags:
        return "failed"
    if "skipped" in tags:
        return "skipped"
    return "passed"


def counts_per_file(junit_xml: str) -> dict[str, Counts]:
    """Each test file's counts from pytest's junit XML (xunit1, which names the file)."""
    files: dict[str, Counts] = {}
    for testcase in ElementTree.fromstring(junit_xml).iter("testcase"):
        path = testcase.get("file") or testcase.get("classname", "").replace(".", "/") + ".py"
        counts = files.setdefault(path, Counts())
        kind = outcome(testcase)
        setattr(counts, kind, getattr(counts, kind) + 1)
    return dict(sorted(files.items()))


def report(adapter: str, files: dict[str, Counts]) -> tuple[list[str], Counts]:
    total = Counts()
    width = max((len(path) for path in files), default=0)
    lines = [f"lona-compat {adapter}, per file:"]
    for path, counts in files.items():
        total.add(counts)
        mark = "  " if counts.ok else "! "
        lines.append(f"  {mark}{path.ljust(width)}  {counts.describe()}")
    lines.append(
        f"lona-compat {adapter}: {total.passed} passed, {total.failed} failed, "
        f"{total.errors} errors of {total.total}"
    )
    return lines, total


# the sdist ###################################################################


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_sdist(python: Path) -> Path:
    """Lona's sdist, downloaded once by pip (hash-checked) and checked again on every run."""
    sdist = CACHE / SDIST_NAME
    if not sdist.exists():
        with tempfile.TemporaryDirectory() as folder:
            requirement = Path(folder) / "requirements.txt"
            requirement.write_text(f"lona=={LONA_VERSION} --hash=sha256:{SDIST_SHA256}\n")
            run(
                [
                    python,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--require-hashes",
                    "--no-binary",
                    ":all:",
                    "-d",
                    folder,
                    "-r",
                    requirement,
                ],
                what=f"downloading lona=={LONA_VERSION} from PyPI",
            )
            shutil.move(Path(folder) / SDIST_NAME, sdist)
    found = sha256_of(sdist)
    if found != SDIST_SHA256:
        sdist.unlink()
        raise CompatError(f"{SDIST_NAME} has sha256 {found}, expected {SDIST_SHA256}")
    return sdist


def extract_tests(sdist: Path, destination: Path) -> Path:
    """``tests/`` of the sdist, byte for byte, into ``destination``."""
    prefix = f"lona-{LONA_VERSION}/tests/"
    with tarfile.open(sdist) as archive:
        members = []
        for member in archive.getmembers():
            if not member.name.startswith(prefix):
                continue
            if not (member.isfile() or member.isdir()) or ".." in Path(member.name).parts:
                raise CompatError(f"unexpected entry in {SDIST_NAME}: {member.name}")
            member.name = member.name.removeprefix(f"lona-{LONA_VERSION}/")
            members.append(member)
        if not members:
            raise CompatError(f"{SDIST_NAME} has no {prefix}")
        archive.extractall(destination, members=members)
    return destination / "tests"


# the environment #############################################################


def run(command: Iterable[object], what: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(part) for part in command], env=env, check=False)
    if result.returncode != 0:
        raise CompatError(f"{what} failed (exit code {result.returncode})")


def environment_key() -> str:
    """What the environment was built from: rebuilt when any of it changes."""
    content = (ROOT / "pyproject.toml").read_bytes() + "\n".join(SUITE_PINS).encode()
    return hashlib.sha256(content + sys.version.encode()).hexdigest()


def ensure_environment() -> Path:
    python = VENV / "bin" / "python"
    stamp = VENV / ".built-from"
    key = environment_key()
    if python.exists() and stamp.exists() and stamp.read_text() == key:
        return python
    if VENV.exists():
        print(f"lona-compat: rebuilding {VENV} (pyproject.toml or the pins changed)")
        shutil.rmtree(VENV)
    print(f"lona-compat: setting up {VENV}")
    CACHE.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "venv", VENV], what="creating the virtual environment")
    run(
        [python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
        what="upgrading pip",
    )
    run(
        [python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{EXTRAS}]", *SUITE_PINS],
        what="installing the project and the suite's pins",
    )
    stamp.write_text(key)
    return python


def system_browser() -> str | None:
    """LONA_TEST_BROWSER, else /usr/bin/chromium: as the project's own browser tests."""
    configured = os.environ.get("LONA_TEST_BROWSER")
    if configured:
        return configured
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def chromium_revision(python: Path) -> str:
    code = (
        "import json, pathlib, playwright; "
        "path = pathlib.Path(playwright.__file__).parent / 'driver/package/browsers.json'; "
        "print(next(b['revision'] for b in json.loads(path.read_text())['browsers'] "
        "if b['name'] == 'chromium'))"
    )
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CompatError(f"can not read Playwright's Chromium revision: {result.stderr}")
    return result.stdout.strip()


def browsers_path(python: Path) -> Path:
    """A PLAYWRIGHT_BROWSERS_PATH under which Playwright finds the system's Chromium
    (Lona's tests launch Playwright's own browser and take no path)."""
    browser = system_browser()
    browsers = CACHE / "browsers"
    if browser is None:
        run(
            [python, "-m", "playwright", "install", "chromium"],
            what="installing Playwright's Chromium",
            env={**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(browsers)},
        )
        return browsers
    executable = browsers / f"chromium-{chromium_revision(python)}" / "chrome-linux" / "chrome"
    if executable.is_symlink() and os.readlink(executable) == browser:
        return browsers
    executable.parent.mkdir(parents=True, exist_ok=True)
    if executable.is_symlink() or executable.exists():
        executable.unlink()
    executable.symlink_to(browser)
    return browsers


# running #####################################################################


def run_adapter(
    python: Path, adapter: str, suite: Path, pytest_args: Sequence[str], browsers: Path
) -> tuple[list[str], Counts]:
    junit = suite / f"results-{adapter}.xml"
    command = pytest_command(python, adapter, pytest_args, junit)
    print(f"\nlona-compat {adapter}: {' '.join(command[1:])}", flush=True)
    environment = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(browsers)}
    environment.pop("PYTEST_ADDOPTS", None)  # the project's own options are not the suite's
    code = subprocess.run(command, cwd=suite, env=environment, check=False).returncode
    if not junit.exists():
        return [f"lona-compat {adapter}: pytest produced no results (exit code {code})"], Counts(
            errors=1
        )
    lines, total = report(adapter, counts_per_file(junit.read_text()))
    if code not in (0, 1) and total.ok:  # usage error, interrupted, internal error
        total.errors += 1
        lines.insert(-1, f"  pytest exited with code {code}")
    return lines, total


def main(argv: Sequence[str]) -> int:
    arguments = parse_arguments(argv)
    try:
        python = ensure_environment()
        sdist = fetch_sdist(python)
        browsers = browsers_path(python)
    except CompatError as error:
        print(f"lona-compat: {error}", file=sys.stderr)
        return 2
    print("lona-compat: left out (" + LEFT_OUT_REASON + "): " + ", ".join(LEFT_OUT))
    summaries: list[str] = []
    ok = True
    with tempfile.TemporaryDirectory(prefix="lona-compat-") as folder:
        suite = Path(folder)
        extract_tests(sdist, suite)
        (suite / "pytest.ini").write_text(PYTEST_INI)
        for adapter in arguments.adapters:
            lines, total = run_adapter(python, adapter, suite, arguments.pytest_args, browsers)
            print("\n".join(lines), flush=True)
            summaries.append(lines[-1])
            ok = ok and total.ok
    if len(summaries) > 1:
        print("\n" + "\n".join(summaries))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
