"""What a run measures: the servers of each scenario, built from the options.

* Lona 1.16.2 (aiohttp is its only server), from its own virtual environment;
* lona-live on every adapter named by ``--adapters`` whose package imports;
* each named framework's raw websocket echo server, the transport's ceiling.

An adapter whose package does not import in our environment is skipped with
a note that the run prints and records, never silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.echo_client import ECHO_PATH, EchoClient
from benchmarks.environments import LONA_REQUIREMENT, ROOT, missing_module
from benchmarks.lona_client import LonaClient
from benchmarks.our_client import OurClient
from benchmarks.scenarios.click import ClickTarget
from benchmarks.scenarios.idle import IdleVariant
from benchmarks.servers import ServerSpec

__all__ = ["FRAMEWORKS", "Framework", "Targets", "build_targets"]

APPS = ROOT / "benchmarks" / "apps"
APP = APPS / "counter_app.py"
LONA_LABEL = "Lona " + LONA_REQUIREMENT.split("==")[1]


@dataclass(frozen=True)
class Framework:
    adapter_module: str  # our adapter's package
    echo_script: str  # in benchmarks/apps
    echo_module: str  # what the echo server imports


FRAMEWORKS = {
    "aiohttp": Framework("lona_aiohttp", "echo_aiohttp.py", "aiohttp"),
    "tornado": Framework("lona_tornado", "echo_tornado.py", "tornado"),
    "flask": Framework("lona_flask", "echo_flask.py", "flask_sock"),
}


@dataclass
class Targets:
    click: list[ClickTarget] = field(default_factory=list)
    idle: list[IdleVariant] = field(default_factory=list)
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


def build_targets(
    adapters: list[str], our_python: Path, lona_python: Path, idle_views: int
) -> Targets:
    targets = Targets()
    lona = lona_spec(lona_python)
    targets.click.append(ClickTarget(lona, LonaClient, "lona", "aiohttp"))
    for adapter in adapters:
        framework = FRAMEWORKS[adapter]
        missing = missing_module(our_python, framework.adapter_module)
        if missing is None:
            ours = our_spec(our_python, adapter)
            targets.click.append(ClickTarget(ours, OurClient, "ours", adapter))
            targets.idle += _our_idle_variants(ours)
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
            targets.idle.append(IdleVariant(label, echo, EchoClient, ECHO_PATH, "echo"))
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


def _our_idle_variants(spec: ServerSpec) -> list[IdleVariant]:
    return [
        IdleVariant(f"{spec.label}, sync await_click", spec, OurClient, "/idle-sync"),
        IdleVariant(f"{spec.label}, async await_click", spec, OurClient, "/idle-async"),
        IdleVariant(f"{spec.label}, callback", spec, OurClient, "/idle-callback"),
    ]
