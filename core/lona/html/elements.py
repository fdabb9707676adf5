"""Standard HTML elements, part one: metadata, sectioning, text, inline (as on MDN).

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
    "Abbr",
    "Address",
    "Article",
    "Aside",
    "B",
    "Base",
    "Bdi",
    "Bdo",
    "BlockQuote",
    "Body",
    "Br",
    "Cite",
    "Code",
    "Data",
    "Dd",
    "Dfn",
    "Div",
    "Dl",
    "Dt",
    "Em",
    "FigCaption",
    "Figure",
    "Footer",
    "HGroup",
    "Head",
    "Header",
    "Hr",
    "Html",
    "I",
    "Kbd",
    "Li",
    "Link",
    "Main",
    "Mark",
    "Menu",
    "Meta",
    "Nav",
    "Ol",
    "P",
    "Pre",
    "Q",
    "Rp",
    "Rt",
    "Ruby",
    "S",
    "Samp",
    "Search",
    "Section",
    "Small",
    "Span",
    "Strong",
    "Style",
    "Sub",
    "Sup",
    "Time",
    "Title",
    "U",
    "Ul",
    "Var",
    "Wbr",
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


# Inline text semantics #######################################################


class Abbr(Node):
    TAG_NAME = "abbr"
    __slots__ = ()


class B(Node):
    TAG_NAME = "b"
    __slots__ = ()


class Bdi(Node):
    TAG_NAME = "bdi"
    __slots__ = ()


class Bdo(Node):
    TAG_NAME = "bdo"
    __slots__ = ()


class Br(Node):
    TAG_NAME = "br"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Cite(Node):
    TAG_NAME = "cite"
    __slots__ = ()


class Code(Node):
    TAG_NAME = "code"
    __slots__ = ()


class Data(Node):
    TAG_NAME = "data"
    __slots__ = ()


class Dfn(Node):
    TAG_NAME = "dfn"
    __slots__ = ()


class Em(Node):
    TAG_NAME = "em"
    __slots__ = ()


class I(Node):  # noqa: E742 (the <i> element)
    TAG_NAME = "i"
    __slots__ = ()


class Kbd(Node):
    TAG_NAME = "kbd"
    __slots__ = ()


class Mark(Node):
    TAG_NAME = "mark"
    __slots__ = ()


class Q(Node):
    TAG_NAME = "q"
    __slots__ = ()


class Rp(Node):
    TAG_NAME = "rp"
    __slots__ = ()


class Rt(Node):
    TAG_NAME = "rt"
    __slots__ = ()


class Ruby(Node):
    TAG_NAME = "ruby"
    __slots__ = ()


class S(Node):
    TAG_NAME = "s"
    __slots__ = ()


class Samp(Node):
    TAG_NAME = "samp"
    __slots__ = ()


class Small(Node):
    TAG_NAME = "small"
    __slots__ = ()


class Span(Node):
    TAG_NAME = "span"
    __slots__ = ()


class Strong(Node):
    TAG_NAME = "strong"
    __slots__ = ()


class Sub(Node):
    TAG_NAME = "sub"
    __slots__ = ()


class Sup(Node):
    TAG_NAME = "sup"
    __slots__ = ()


class Time(Node):
    TAG_NAME = "time"
    __slots__ = ()


class U(Node):
    TAG_NAME = "u"
    __slots__ = ()


class Var(Node):
    TAG_NAME = "var"
    __slots__ = ()


class Wbr(Node):
    TAG_NAME = "wbr"
    SELF_CLOSING_TAG = True
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
