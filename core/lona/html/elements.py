"""Every standard HTML element as a node class, grouped as on MDN.

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
    "Area",
    "Article",
    "Aside",
    "Audio",
    "B",
    "Base",
    "Bdi",
    "Bdo",
    "BlockQuote",
    "Body",
    "Br",
    "Canvas",
    "Caption",
    "Cite",
    "Code",
    "Col",
    "ColGroup",
    "Data",
    "DataList",
    "Dd",
    "Del",
    "Details",
    "Dfn",
    "Dialog",
    "Div",
    "Dl",
    "Dt",
    "Em",
    "Embed",
    "FieldSet",
    "FigCaption",
    "Figure",
    "Footer",
    "HGroup",
    "Head",
    "Header",
    "Hr",
    "Html",
    "I",
    "IFrame",
    "Img",
    "Input",
    "Ins",
    "Kbd",
    "Legend",
    "Li",
    "Link",
    "Main",
    "Map",
    "Mark",
    "Math",
    "Menu",
    "Meta",
    "Meter",
    "Nav",
    "NoScript",
    "Object",
    "Ol",
    "OptGroup",
    "Option",
    "Output",
    "P",
    "Picture",
    "Pre",
    "Progress",
    "Q",
    "Rp",
    "Rt",
    "Ruby",
    "S",
    "Samp",
    "Script",
    "Search",
    "Section",
    "Slot",
    "Small",
    "Source",
    "Span",
    "Strong",
    "Style",
    "Sub",
    "Summary",
    "Sup",
    "Svg",
    "TBody",
    "TFoot",
    "THead",
    "Table",
    "Td",
    "Template",
    "Th",
    "Time",
    "Title",
    "Tr",
    "Track",
    "U",
    "Ul",
    "Var",
    "Video",
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


# Image and multimedia ########################################################


class Area(Node):
    TAG_NAME = "area"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Audio(Node):
    TAG_NAME = "audio"
    __slots__ = ()


class Img(Node):
    TAG_NAME = "img"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Map(Node):
    TAG_NAME = "map"
    __slots__ = ()


class Track(Node):
    TAG_NAME = "track"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Video(Node):
    TAG_NAME = "video"
    __slots__ = ()


# Embedded content ############################################################


class Embed(Node):
    TAG_NAME = "embed"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class IFrame(Node):
    TAG_NAME = "iframe"
    __slots__ = ()


class Object(Node):
    TAG_NAME = "object"
    __slots__ = ()


class Picture(Node):
    TAG_NAME = "picture"
    __slots__ = ()


class Source(Node):
    TAG_NAME = "source"
    SELF_CLOSING_TAG = True
    __slots__ = ()


# SVG and MathML ##############################################################


class Svg(Node):
    TAG_NAME = "svg"
    NAMESPACE = "http://www.w3.org/2000/svg"
    __slots__ = ()


class Math(Node):
    TAG_NAME = "math"
    NAMESPACE = "http://www.w3.org/1998/Math/MathML"
    __slots__ = ()


# Scripting ###################################################################


class Canvas(Node):
    TAG_NAME = "canvas"
    __slots__ = ()


class NoScript(Node):
    TAG_NAME = "noscript"
    __slots__ = ()


class Script(Node):
    TAG_NAME = "script"
    __slots__ = ()


# Demarcating edits ###########################################################


class Del(Node):
    TAG_NAME = "del"
    __slots__ = ()


class Ins(Node):
    TAG_NAME = "ins"
    __slots__ = ()


# Table content ###############################################################


class Caption(Node):
    TAG_NAME = "caption"
    __slots__ = ()


class Col(Node):
    TAG_NAME = "col"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class ColGroup(Node):
    TAG_NAME = "colgroup"
    __slots__ = ()


class Table(Node):
    TAG_NAME = "table"
    __slots__ = ()


class TBody(Node):
    TAG_NAME = "tbody"
    __slots__ = ()


class Td(Node):
    TAG_NAME = "td"
    __slots__ = ()


class TFoot(Node):
    TAG_NAME = "tfoot"
    __slots__ = ()


class Th(Node):
    TAG_NAME = "th"
    __slots__ = ()


class THead(Node):
    TAG_NAME = "thead"
    __slots__ = ()


class Tr(Node):
    TAG_NAME = "tr"
    __slots__ = ()


# Forms (plain; the value-syncing inputs are in lona.html.forms) ##############


class DataList(Node):
    TAG_NAME = "datalist"
    __slots__ = ()


class FieldSet(Node):
    TAG_NAME = "fieldset"
    __slots__ = ()


class Input(Node):
    TAG_NAME = "input"
    SELF_CLOSING_TAG = True
    __slots__ = ()


class Legend(Node):
    TAG_NAME = "legend"
    __slots__ = ()


class Meter(Node):
    TAG_NAME = "meter"
    __slots__ = ()


class OptGroup(Node):
    TAG_NAME = "optgroup"
    __slots__ = ()


class Option(Node):
    TAG_NAME = "option"
    __slots__ = ()


class Output(Node):
    TAG_NAME = "output"
    __slots__ = ()


class Progress(Node):
    TAG_NAME = "progress"
    __slots__ = ()


# Interactive elements ########################################################


class Details(Node):
    TAG_NAME = "details"
    __slots__ = ()


class Dialog(Node):
    TAG_NAME = "dialog"
    __slots__ = ()


class Summary(Node):
    TAG_NAME = "summary"
    __slots__ = ()


# Web components ##############################################################


class Slot(Node):
    TAG_NAME = "slot"
    __slots__ = ()


class Template(Node):
    TAG_NAME = "template"
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
