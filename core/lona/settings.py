"""``app.settings``: attribute-style settings pre-loaded with the defaults."""

from __future__ import annotations

import copy
from collections.abc import Iterator
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

    def copy(self) -> Settings:
        clone = Settings()
        clone._values.update(copy.deepcopy(self._values))
        return clone
