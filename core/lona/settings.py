"""``app.settings``: attribute-style settings pre-loaded with the defaults.

Settings files (``lona run-server -s settings.py``, ``settings.add(path)``)
are Python scripts, run as Lona runs them: with every setting so far as their
globals; afterwards all their globals but modules and names starting with
``_`` are the settings.
"""

from __future__ import annotations

import copy
import runpy
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from lona import default_settings

__all__ = ["Settings"]


def _public_values(module: ModuleType) -> dict[str, Any]:
    return {
        name: copy.deepcopy(value)
        for name, value in vars(module).items()
        if name.isupper() and not name.startswith("_")
    }


class Settings:
    """Each app gets its own copy of every default, so apps never share state."""

    def __init__(self) -> None:
        object.__setattr__(self, "_values", _public_values(default_settings))

    def __getattr__(self, name: str) -> Any:
        values: dict[str, Any] = object.__getattribute__(self, "_values")
        try:
            return values[name]
        except KeyError:
            raise AttributeError(f"no setting named {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        self._values[name] = value

    def __delattr__(self, name: str) -> None:
        self._values.pop(name, None)

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def update(self, values: dict[str, Any]) -> None:
        self._values.update(values)

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._values))

    def add(self, path: str | Path) -> None:
        """Run the settings file ``path``; what it defines (or keeps) becomes the settings."""
        path = str(path)
        if not path.endswith(".py"):
            raise ValueError(f"settings file '{path}' is no Python script (*.py)")
        try:
            values = runpy.run_path(path, init_globals=dict(self._values), run_name=path)
        except Exception as error:
            raise RuntimeError(f"settings file '{path}' failed: {error!r}") from error
        self._values.clear()
        for name, value in values.items():
            if not name.startswith("_") and not isinstance(value, ModuleType):
                self._values[name] = _copied(value)

    def copy(self, deep: bool = True) -> Settings:
        """Another Settings with the same values (deep copies of them with ``deep``)."""
        clone = Settings()
        clone._values.update(copy.deepcopy(self._values) if deep else self._values)
        return clone


def _copied(value: Any) -> Any:
    """A deep copy (each server owns its lists and dicts), or the value itself
    when it can not be copied (a lock, a connection)."""
    try:
        return copy.deepcopy(value)
    except Exception:
        return value
