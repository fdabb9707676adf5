"""What a server sets up from its settings when it is made and when it starts:
its thread pool, and the warnings about settings whoever starts it must see."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lona.concurrency.threads import ElasticThreadPool

if TYPE_CHECKING:
    from lona.settings import Settings

__all__ = ["DEBUG_MODE_WARNING", "warn_about_settings", "worker_pool"]

logger = logging.getLogger("lona.server")

DEBUG_MODE_WARNING = (
    "debug mode is on: errors show in the page with their traceback. Never use it in production."
)


def worker_pool(
    settings: Settings,
    initializer: Callable[[], None],
    scheduler: Callable[[float, Callable[[], Any]], None],
) -> ElasticThreadPool:
    """The pool that runs sync view code and everything else that may block."""
    return ElasticThreadPool(
        idle_timeout=settings.THREAD_IDLE_TIMEOUT,
        initializer=initializer,
        concurrency=settings.WORKER_THREADS,
        stall_timeout=settings.WORKER_STALL_TIMEOUT,
        scheduler=scheduler,
        stack_size=settings.VIEW_THREAD_STACK_SIZE or None,
    )


def warn_about_settings(settings: Settings) -> None:
    """Logged by every server that starts, embedded or standalone alike."""
    if settings.BUCKETS_SAME_USER_ONLY and not settings.SESSIONS:
        logger.warning(
            "BUCKETS_SAME_USER_ONLY can not tell visitors apart with SESSIONS = False: "
            "every anonymous visitor is the same user, and a bucket's URL its only guard"
        )
    if settings.get("DEBUG"):
        logger.warning(DEBUG_MODE_WARNING)
