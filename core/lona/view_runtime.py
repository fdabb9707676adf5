"""Lona's ``lona.view_runtime``: ``ViewRuntime`` (it lives in ``lona.runtime.view_runtime``)."""

from lona.runtime.view_runtime import ViewRuntime

__all__ = ["ViewRuntime"]
