"""Lona's module path; the classes live in ``lona.html.elements``."""

from lona.html.elements import (
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Address,
    Article,
    Aside,
    Footer,
    Header,
    HGroup,
    Main,
    Nav,
    Section,
)

__all__ = [
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "Address",
    "Article",
    "Aside",
    "Footer",
    "HGroup",
    "Header",
    "Main",
    "Nav",
    "Section",
]
