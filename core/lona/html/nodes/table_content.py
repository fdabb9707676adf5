"""Lona's module path; the classes live in ``lona.html.media_elements``."""

from lona.html.media_elements import Caption, Col, ColGroup, Table, TBody, Td, TFoot, Th, THead, Tr

__all__ = ["Caption", "Col", "ColGroup", "TBody", "TFoot", "THead", "Table", "Td", "Th", "Tr"]
