"""Lona's module path; the classes live in ``lona.html.media_elements``."""

from lona.html.media_elements import Embed, IFrame, Object, Picture, Portal, Source

__all__ = ["Embed", "IFrame", "Object", "Picture", "Portal", "Source"]
