"""Lona's module path; the classes live in ``lona.html.media_elements``."""

from lona.html.media_elements import Area, Audio, Img, Map, Track, Video

__all__ = ["Area", "Audio", "Img", "Map", "Track", "Video"]
