"""Standard HTML elements, part two: media, embedded, SVG/MathML, scripting,
edits, tables, plain form elements, interactive elements, web components."""

from __future__ import annotations

from lona.html.node import DeprecatedNode, Node

__all__ = [
    "SVG",
    "Area",
    "Audio",
    "Canvas",
    "Caption",
    "Col",
    "ColGroup",
    "DataList",
    "Datalist",
    "Del",
    "Details",
    "Dialog",
    "Embed",
    "FieldSet",
    "Fieldset",
    "IFrame",
    "Img",
    "Input",
    "Ins",
    "Legend",
    "Map",
    "Math",
    "Meter",
    "NoScript",
    "Object",
    "OptGroup",
    "Option",
    "Output",
    "Picture",
    "Portal",
    "Progress",
    "Script",
    "Slot",
    "Source",
    "Summary",
    "Svg",
    "TBody",
    "TFoot",
    "THead",
    "Table",
    "Td",
    "Template",
    "Th",
    "Tr",
    "Track",
    "Video",
]

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


class Portal(Node):
    TAG_NAME = "portal"
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


SVG = Svg  # Lona's name


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


class Datalist(DeprecatedNode):
    """Lona's deprecated spelling of ``DataList``."""

    TAG_NAME = "datalist"
    __slots__ = ()


class Fieldset(DeprecatedNode):
    """Lona's deprecated spelling of ``FieldSet``."""

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
