"""Lona's module path; the classes live in ``lona.html.attributes``."""

from lona.html.token_lists import ClassList, IDList
from lona.html.token_lists import TokenList as AttributeList

__all__ = ["AttributeList", "ClassList", "IDList"]
