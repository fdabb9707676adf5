"""Standard HTML elements, part one: metadata, sectioning, text (as on MDN).

Lona's naming: one capitalised word per tag, compound words in camel case
(``ColGroup``, ``TBody``, ``FigCaption``).  Classes with behaviour (links,
``Pre``, form inputs) are defined after the plain ones.
"""

from __future__ import annotations

from typing import Any

from lona.html.node import Node

__all__ = [
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "A",
    "Address",
    "Article",
    "Aside",
    "Base",
    "BlockQuote",
    "Body",
    "Dd",
    "Div",
    "Dl",
    "Dt",
    "FigCaption",
    "Figure",
    "Footer",
    "HGroup",
    "Head",
    "Header",
    "Hr",
    "Html",
    "Li",
    "Link",
    "Main",
    "Menu",
    "Meta",
    "Nav",
    "Ol",
    "P",
    "Pre",
    "Search",
    "Section",
    "Style",
    "Title",
    "Ul",
]

# Main root and document metadata #############################################


class Html(Node):
    TAG_NAME = "html"
    __slots__ = ()


class Base(Node):
    TAG_NAME = "base"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Head(Node):
    TAG_NAME = "head"
    __slots__ = ()


class Link(Node):
    TAG_NAME = "link"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Meta(Node):
    TAG_NAME = "meta"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Style(Node):
    TAG_NAME = "style"
    __slots__ = ()


class Title(Node):
    TAG_NAME = "title"
    __slots__ = ()


class Body(Node):
    TAG_NAME = "body"
    __slots__ = ()


# Content sectioning ##########################################################


class Address(Node):
    TAG_NAME = "address"
    __slots__ = ()


class Article(Node):
    TAG_NAME = "article"
    __slots__ = ()


class Aside(Node):
    TAG_NAME = "aside"
    __slots__ = ()


class Footer(Node):
    TAG_NAME = "footer"
    __slots__ = ()


class Header(Node):
    TAG_NAME = "header"
    __slots__ = ()


class H1(Node):
    TAG_NAME = "h1"
    __slots__ = ()


class H2(Node):
    TAG_NAME = "h2"
    __slots__ = ()


class H3(Node):
    TAG_NAME = "h3"
    __slots__ = ()


class H4(Node):
    TAG_NAME = "h4"
    __slots__ = ()


class H5(Node):
    TAG_NAME = "h5"
    __slots__ = ()


class H6(Node):
    TAG_NAME = "h6"
    __slots__ = ()


class HGroup(Node):
    TAG_NAME = "hgroup"
    __slots__ = ()


class Main(Node):
    TAG_NAME = "main"
    __slots__ = ()


class Nav(Node):
    TAG_NAME = "nav"
    __slots__ = ()


class Section(Node):
    TAG_NAME = "section"
    __slots__ = ()


class Search(Node):
    TAG_NAME = "search"
    __slots__ = ()


# Text content ################################################################


class BlockQuote(Node):
    TAG_NAME = "blockquote"
    __slots__ = ()


class Dd(Node):
    TAG_NAME = "dd"
    __slots__ = ()


class Div(Node):
    TAG_NAME = "div"
    __slots__ = ()


class Dl(Node):
    TAG_NAME = "dl"
    __slots__ = ()


class Dt(Node):
    TAG_NAME = "dt"
    __slots__ = ()


class FigCaption(Node):
    TAG_NAME = "figcaption"
    __slots__ = ()


class Figure(Node):
    TAG_NAME = "figure"
    __slots__ = ()


class Hr(Node):
    TAG_NAME = "hr"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Li(Node):
    TAG_NAME = "li"
    __slots__ = ()


class Menu(Node):
    TAG_NAME = "menu"
    __slots__ = ()


class Ol(Node):
    TAG_NAME = "ol"
    __slots__ = ()


class P(Node):
    TAG_NAME = "p"
    __slots__ = ()


class Ul(Node):
    TAG_NAME = "ul"
    __slots__ = ()


# Elements with behaviour ####################################################


class A(Node):
    """A link.  Links navigate inside the app unless ``interactive=False``."""

    TAG_NAME = "a"
    __slots__ = ()

    def __init__(self, *args: Any, interactive: bool | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if interactive is not None:
            self.interactive = interactive

    @property
    def interactive(self) -> bool:
        return not self.ignore

    @interactive.setter
    def interactive(self, value: bool) -> None:
        self.ignore = not value

    def set_href(self, href: Any) -> None:
        self.attributes["href"] = str(href)

    def get_href(self) -> str:
        return str(self.attributes.get("href", ""))


class Pre(Node):
    """Preformatted text with helpers for log-like output."""

    TAG_NAME = "pre"
    __slots__ = ()

    def write(self, string: Any) -> None:
        from lona.html.node import TextNode

        with self.lock:
            nodes = self._nodes
            if nodes and type(nodes[-1]) is TextNode:
                last = nodes[-1]
                last.set_text(last.get_text() + str(string))
            else:
                self.append(str(string))

    def write_line(self, string: Any) -> None:
        self.write(f"{string}\n")
