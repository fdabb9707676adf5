"""Lona's two feature flags: ``CLIENT_VERSION`` and ``USE_FUTURE_NODE_CLASSES``.

* ``CLIENT_VERSION`` (1 or 2) decides what ``lona.html.HTML(...)`` returns:
  with 1 (Lona's default) a legacy widget (``HTML1``) around its arguments,
  with 2 the node itself, or a ``Div`` around several (``HTML2``).  Both
  render in this project's one client.
* ``USE_FUTURE_NODE_CLASSES`` makes the HTML parser build ``Select2``,
  ``Option2``, ``DataList``, ``FieldSet`` (and ``RadioButton`` for
  ``<input type="radio">``) instead of Lona's legacy ``Select``, ``Option``,
  ``Datalist``, ``Fieldset`` (and a plain ``Node``).

Lona keeps both process-wide, in the environment variables
``LONA_CLIENT_VERSION`` and ``LONA_USE_FUTURE_NODE_CLASSES``, and so does
``set_client_version`` / ``set_use_future_node_classes`` here.  Improving on
Lona without breaking it, the getters first ask the server whose view code
is running (``lona.current.current_server``, set in its threads and tasks):
there its settings decide, so two apps in one process with different
settings each get their own behaviour.  Outside any server the
process-wide value applies.
"""

from __future__ import annotations

import logging
import os
from typing import Any

__all__ = [
    "CLIENT_VERSION_ENV_VAR_NAME",
    "CLIENT_VERSION_ENV_VAR_VALUES",
    "USE_FUTURE_NODE_CLASSES_ENV_VAR_NAME",
    "USE_FUTURE_NODE_CLASSES_ENV_VAR_VALUES",
    "get_client_version",
    "get_use_future_node_classes",
    "set_client_version",
    "set_use_future_node_classes",
]

logger = logging.getLogger("lona")

CLIENT_VERSION_ENV_VAR_NAME = "LONA_CLIENT_VERSION"
CLIENT_VERSION_ENV_VAR_VALUES = (1, 2)

USE_FUTURE_NODE_CLASSES_ENV_VAR_NAME = "LONA_USE_FUTURE_NODE_CLASSES"
USE_FUTURE_NODE_CLASSES_ENV_VAR_VALUES = (True, False)

_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _server_setting(name: str) -> Any:
    """The setting of the server whose view code runs here, or None outside one."""
    from lona.current import current_server

    server = current_server.get()
    if server is None:
        return None
    return server.settings.get(name)


# client version #############################################################


def get_client_version() -> int:
    """1 or 2: the running server's ``CLIENT_VERSION``, else the process-wide one."""
    version = _server_setting("CLIENT_VERSION")
    if version is not None:
        if version in CLIENT_VERSION_ENV_VAR_VALUES:
            return int(version)
        logger.error("invalid setting: CLIENT_VERSION=%r (1 is used)", version)
        return 1
    raw = os.environ.get(CLIENT_VERSION_ENV_VAR_NAME, "1").strip()
    if raw not in ("1", "2"):
        logger.error("invalid env variable: %s=%s", CLIENT_VERSION_ENV_VAR_NAME, raw)
        return 1
    return int(raw)


def set_client_version(version: int) -> None:
    """Set the process-wide client version (1 or 2), as Lona does."""
    if version not in CLIENT_VERSION_ENV_VAR_VALUES or isinstance(version, bool):
        raise RuntimeError(f"invalid client version number: {version}")
    os.environ[CLIENT_VERSION_ENV_VAR_NAME] = str(version)
    logger.debug("client version is set to %s", version)


# future node classes ########################################################


def get_use_future_node_classes() -> bool:
    """The running server's ``USE_FUTURE_NODE_CLASSES``, else the process-wide one."""
    enabled = _server_setting("USE_FUTURE_NODE_CLASSES")
    if enabled is not None:
        return bool(enabled)
    raw = os.environ.get(USE_FUTURE_NODE_CLASSES_ENV_VAR_NAME, "false")
    value = _BOOLEANS.get(raw.strip().lower())
    if value is None:
        logger.error("invalid env variable: %s=%s", USE_FUTURE_NODE_CLASSES_ENV_VAR_NAME, raw)
        return False
    return value


def set_use_future_node_classes(enabled: bool) -> None:
    """Set the process-wide flag (True or False), as Lona does."""
    if not isinstance(enabled, bool):
        raise RuntimeError(f"invalid value for {USE_FUTURE_NODE_CLASSES_ENV_VAR_NAME}: {enabled}")
    os.environ[USE_FUTURE_NODE_CLASSES_ENV_VAR_NAME] = str(enabled)
    logger.debug("%s set to %s", USE_FUTURE_NODE_CLASSES_ENV_VAR_NAME, enabled)
