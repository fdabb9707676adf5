"""Which distribution this ``lona`` is: ``lona-live`` (never Lona's ``lona``).

Both distributions install the import package ``lona``.  Installed side by
side, their files would mix in one ``lona/`` folder (or one would shadow the
other, depending on the order of installation), which fails in confusing
ways; so importing ``lona`` refuses to work while the ``lona`` distribution is
installed too, and says what to do.
"""

from __future__ import annotations

from importlib import metadata

__all__ = [
    "DISTRIBUTION",
    "LONA_LIVE_VERSION",
    "VERSION",
    "VERSION_STRING",
    "refuse_mixed_install",
]

DISTRIBUTION = "lona-live"
VERSION = (1, 16, 2)  # the Lona API this project implements
VERSION_STRING = ".".join(str(part) for part in VERSION)


def _version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree, not installed
        return "0+unknown"


LONA_LIVE_VERSION = _version()


def refuse_mixed_install() -> None:
    try:
        lona = metadata.distribution("lona")
    except metadata.PackageNotFoundError:
        return
    raise ImportError(
        f"both lona-live {LONA_LIVE_VERSION} and Lona {lona.version} (the 'lona' "
        "distribution) are installed in this environment; both provide the package "
        "'lona', so their files mix. Uninstall one: 'pip uninstall lona' keeps "
        "lona-live (which runs code written for Lona unchanged), then reinstall "
        "lona-live ('pip install --force-reinstall lona-live') to restore any files "
        "Lona's uninstall removed."
    )
