"""Lona's module path; the classes live in ``lona.html.media_elements``."""

from lona.html.media_elements import Details, Dialog, Summary

__all__ = ["Details", "Dialog", "Summary"]
