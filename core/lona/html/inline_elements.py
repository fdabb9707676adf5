"""Standard HTML elements: inline text semantics (as on MDN), ``Abbr`` to ``Wbr``.

The links (``A``) have behaviour and live with ``Pre`` in ``lona.html.elements``.
"""

from __future__ import annotations

from lona.html.node import Node

__all__ = [
    "Abbr",
    "B",
    "Bdi",
    "Bdo",
    "Br",
    "Cite",
    "Code",
    "Data",
    "Dfn",
    "Em",
    "I",
    "Kbd",
    "Mark",
    "Q",
    "Rp",
    "Rt",
    "Ruby",
    "S",
    "Samp",
    "Small",
    "Span",
    "Strong",
    "Sub",
    "Sup",
    "Time",
    "U",
    "Var",
    "Wbr",
]


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
