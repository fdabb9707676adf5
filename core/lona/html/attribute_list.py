"""Lona's module path; the classes live in ``lona.html.attributes``."""

from lona.html.attributes import ClassList, IDList
from lona.html.attributes import TokenList as AttributeList

__all__ = ["AttributeList", "ClassList", "IDList"]
