"""What a run measures: the servers of each scenario, built from the options.

* Lona 1.16.2 (aiohttp is its only server), from its own virtual environment;
* ReactPy 1.1 on Tornado, the leanest Python peer, from its own one (when it installs);
* lona-live on every adapter named by ``--adapters`` whose package imports;
* each named framework's raw websocket echo server, the transport's ceiling.

An adapter whose package does not import in our environment is skipped with
a note that the run prints and records, never silently.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.echo_client import ECHO_PATH, EchoClient
from benchmarks.environments import LONA_REQUIREMENT, REACTPY_REQUIREMENTS, ROOT, missing_module
from benchmarks.lona_client import LonaClient
from benchmarks.our_client import OurClient
from benchmarks.reactpy_client import ReactPyClient
from benchmarks.scenarios.click import ClickTarget
from benchmarks.scenarios.fanout import FanoutTarget
from benchmarks.scenarios.first_content import ContentTarget
from benchmarks.scenarios.idle import IdleVariant
from benchmarks.scenarios.tree import TreeTarget
from benchmarks.servers import ServerSpec

__all__ = ["FRAMEWORKS", "Framework", "Targets", "build_targets", "fanout_targets"]

APPS = ROOT / "benchmarks" / "apps"
APP = APPS / "counter_app.py"
LONA_LABEL = "Lona " + LONA_REQUIREMENT.split("==")[1]
REACTPY_LABEL = "ReactPy " + REACTPY_REQUIREMENTS[0].split("==")[1] + " (Tornado)"


@dataclass(frozen=True)
class Framework:
    adapter_module: str  # our adapter's package
    echo_script: str  # in benchmarks/apps
    echo_module: str  # what the echo server imports
    max_idle_views: int | None = None  # sockets the machine can hold for it


FRAMEWORKS = {
    "aiohttp": Framework("lona_aiohttp", "echo_aiohttp.py", "aiohttp"),
    "tornado": Framework("lona_tornado", "echo_tornado.py", "tornado"),
    # flask-sock holds two threads per open websocket (its handler's and
    # simple-websocket's reader), so 10,000 views would need more than 20,000
    # threads: more than a machine with the usual pid_max of 32,768 allows
    "flask": Framework("lona_flask", "echo_flask.py", "flask_sock", max_idle_views=2000),
}


@dataclass
class Targets:
    click: list[ClickTarget] = field(default_factory=list)
    idle: list[IdleVariant] = field(default_factory=list)
    tree: list[TreeTarget] = field(default_factory=list)
    content: list[ContentTarget] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def lona_spec(python: Path, max_runtime_threads: int | None = None) -> ServerSpec:
    args: tuple[str, ...] = ("--log-level", "warn")
    label = LONA_LABEL
    if max_runtime_threads is not None:
        args += ("-O", f"MAX_RUNTIME_THREADS={max_runtime_threads}")
        label += f" (MAX_RUNTIME_THREADS={max_runtime_threads})"
    return ServerSpec(label, python, APP, args)


def our_spec(python: Path, adapter: str) -> ServerSpec:
    args = ("--adapter", adapter, "--log-level", "warning")
    return ServerSpec(f"lona-live {adapter}", python, APP, args, ready_path="/counter")


def echo_spec(python: Path, adapter: str) -> ServerSpec:
    return ServerSpec(f"echo {adapter}", python, APPS / FRAMEWORKS[adapter].echo_script)


def reactpy_spec(python: Path) -> ServerSpec:
    return ServerSpec(REACTPY_LABEL, python, APPS / "reactpy_app.py", ready_path="/counter")


def build_targets(
    adapters: list[str],
    our_python: Path,
    lona_python: Path,
    reactpy_python: Path | None,
    idle_views: int,
) -> Targets:
    targets = Targets()
    lona = lona_spec(lona_python)
    targets.click.append(ClickTarget(lona, LonaClient, "lona", "aiohttp"))
    targets.tree.append(TreeTarget(lona, LonaClient, "lona"))
    targets.content.append(ContentTarget(lona, "/counter", "lona"))
    _add_reactpy(targets, reactpy_python)
    for adapter in adapters:
        framework = FRAMEWORKS[adapter]
        missing = missing_module(our_python, framework.adapter_module)
        if missing is None:
            ours = our_spec(our_python, adapter)
            targets.click.append(ClickTarget(ours, OurClient, "ours", adapter))
            targets.idle += _our_idle_variants(ours, framework.max_idle_views)
            targets.content.append(ContentTarget(ours, "/counter", "ours"))
            # the tree costs are the core's: the first adapter measures them
            if all(target.role != "ours" for target in targets.tree):
                targets.tree.insert(0, TreeTarget(ours, OurClient, "ours"))
        else:
            targets.notes.append(
                f"lona-live on {adapter} skipped: `import {framework.adapter_module}` "
                f"fails in our environment ({missing})"
            )
        missing = missing_module(our_python, framework.echo_module)
        if missing is None:
            echo = echo_spec(our_python, adapter)
            targets.click.append(ClickTarget(echo, EchoClient, "echo", adapter))
            label = f"raw {adapter} echo, idle websocket"
            targets.idle.append(
                IdleVariant(label, echo, EchoClient, ECHO_PATH, "echo", framework.max_idle_views)
            )
            if adapter == "aiohttp":
                static = dataclasses.replace(echo, label="static HTML page (raw aiohttp)")
                targets.content.append(ContentTarget(static, "/static-counter", "static"))
        else:
            targets.notes.append(f"raw {adapter} echo skipped: {missing}")
    # room for the extra client's counter and the new tab beside the N parked views
    raised = lona_spec(lona_python, idle_views + 16)
    targets.idle += [
        IdleVariant(f"{lona.label}, sync await_click", lona, LonaClient, "/idle-sync", "lona"),
        IdleVariant(
            f"{raised.label}, sync await_click", raised, LonaClient, "/idle-sync", "lona-raised"
        ),
    ]
    return targets


def _add_reactpy(targets: Targets, python: Path | None) -> None:
    if python is None:
        targets.notes.append("ReactPy not measured: its virtual environment could not be set up")
        return
    spec = reactpy_spec(python)
    targets.notes.append(
        "ReactPy 1.1 on Tornado hangs when two pages connect at the same moment (neither gets "
        "its first render), so its pages are opened one after another"
    )
    targets.click.append(ClickTarget(spec, ReactPyClient, "reactpy", "tornado"))
    label = f"{spec.label}, counter page"
    targets.idle.append(IdleVariant(label, spec, ReactPyClient, "/counter", "reactpy"))
    targets.content.append(ContentTarget(spec, "/counter", "reactpy"))


def fanout_targets(
    our_python: Path, lona_python: Path, redis_url: str | None
) -> list[FanoutTarget]:
    """Channels: lona-live in one process and through Redis, Lona in one process."""
    ours = our_spec(our_python, "aiohttp")
    targets = [FanoutTarget(f"{ours.label}, one process", ours, None, OurClient, "ours")]
    if redis_url is not None:
        redis = dataclasses.replace(
            ours,
            label=f"{ours.label} + Redis",
            args=(*ours.args, "-O", f"CHANNEL_BACKEND={redis_url}"),
        )
        label = f"{ours.label}, two processes through Redis"
        targets.append(FanoutTarget(label, redis, redis, OurClient, "ours-redis"))
    lona = lona_spec(lona_python)
    targets.append(FanoutTarget(f"{lona.label}, one process", lona, None, LonaClient, "lona"))
    return targets


def _our_idle_variants(spec: ServerSpec, max_views: int | None) -> list[IdleVariant]:
    return [
        IdleVariant(f"{spec.label}, {kind}", spec, OurClient, path, "ours", max_views)
        for kind, path in (
            ("sync await_click", "/idle-sync"),
            ("async await_click", "/idle-async"),
            ("callback", "/idle-callback"),
        )
    ]
