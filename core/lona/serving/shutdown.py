"""Stopping the running views when the server stops.

Every view gets ``ServerStop`` and runs its cleanup hooks; the server waits
up to ``SHUTDOWN_TIMEOUT`` for all of them before it closes the sockets.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from lona.exceptions import ServerStop

if TYPE_CHECKING:
    from lona.runtime.registry import RuntimeRegistry

__all__ = ["stop_views"]

logger = logging.getLogger("lona.server")


async def stop_views(registry: RuntimeRegistry, timeout: float) -> None:
    for runtime in registry:
        runtime.stop(ServerStop())
        runtime.request_cleanup()
    if len(registry) and registry.emptied is not None:
        try:
            await asyncio.wait_for(registry.emptied.wait(), timeout)
        except TimeoutError:
            logger.warning("%d views did not stop within %ss", len(registry), timeout)
