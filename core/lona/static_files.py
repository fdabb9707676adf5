"""Lona's ``lona.static_files``: the files node and view classes declare.

``STATIC_FILES = [StyleSheet(...), Script(...)]`` on a class names what its
pages need; ``lona.http.static_file_registry`` collects the declarations and
``lona.http.static_files`` serves the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["SORT_ORDER", "Script", "StaticFile", "StyleSheet", "sort_key"]


class SORT_ORDER(Enum):
    """Where a file goes among the linked ones: frameworks first, then libraries."""

    FRAMEWORK = 100
    LIBRARY = 200
    APPLICATION = 300


def sort_key(sort_order: SORT_ORDER | int) -> int:
    """A ``SORT_ORDER`` (or a plain number, which works too) as a number."""
    return sort_order.value if isinstance(sort_order, SORT_ORDER) else int(sort_order)


@dataclass
class StaticFile:
    """A file a node or view class needs (``STATIC_FILES``).

    ``path`` is relative to the source file of the class that declares it;
    ``url`` (below ``STATIC_URL_PREFIX``) defaults to ``path``.  ``link=False``
    serves without linking (source maps); a file not ``enabled_by_default`` is
    neither, unless named in ``STATIC_FILES_ENABLED``.
    """

    name: str
    path: str
    url: str = ""
    sort_order: SORT_ORDER | int = SORT_ORDER.APPLICATION
    link: bool = True
    enabled_by_default: bool = True
    # Lona's: set on the copies the server works with, not by users
    enabled: bool = True
    static_url_prefix: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"a static file needs a name, not {self.name!r}")
        if not isinstance(self.path, str) or not self.path:
            raise ValueError(f"static file {self.name!r} needs a path, not {self.path!r}")


class StyleSheet(StaticFile):
    pass


class Script(StaticFile):
    pass
