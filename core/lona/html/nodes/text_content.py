"""Lona's module path; the classes live in ``lona.html.elements``."""

from lona.html.elements import (
    BlockQuote,
    Dd,
    Div,
    Dl,
    Dt,
    FigCaption,
    Figure,
    Hr,
    Li,
    Menu,
    Ol,
    P,
    Pre,
    Ul,
)

__all__ = [
    "BlockQuote",
    "Dd",
    "Div",
    "Dl",
    "Dt",
    "FigCaption",
    "Figure",
    "Hr",
    "Li",
    "Menu",
    "Ol",
    "P",
    "Pre",
    "Ul",
]
