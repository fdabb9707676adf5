"""Lona's module path; the classes live in ``lona.html.base``."""

from lona.html.base import NO_LOCK, AbstractNode

DummyLock = type(NO_LOCK)  # the lock of a tree that is not shown

__all__ = ["AbstractNode", "DummyLock"]
