"""A small CSS selector engine for ``query_selector``, ``query_selector_all``
and ``closest`` (the walks are the nodes' own, in ``lona.html.base``).

Supported: a tag name, ``#id``, ``.class``, ``[attr]``, ``[attr=value]`` and
any combination of them in one compound (``div.a#b[c=d]``), and groups
separated by commas.  Combinators (descendant space, ``>``, ``+``, ``~``) and
pseudo classes raise a ``ValueError`` that says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from lona.html.attributes import attribute_value
from lona.html.element_fields import ElementFields

__all__ = ["Predicate", "compile_selector"]

_TOKEN = re.compile(
    r"""(?P<tag>[A-Za-z][A-Za-z0-9-]*|\*)
      | \#(?P<id>[A-Za-z0-9_-]+)
      | \.(?P<cls>[A-Za-z0-9_-]+)
      | \[\s*(?P<attr>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*
           (?:=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\]\s]+))\s*)?\]
    """,
    re.VERBOSE,
)

Predicate = Callable[[ElementFields], bool]


def _tag_is(tag: str) -> Predicate:
    return lambda node: node._tag.lower() == tag


def _has_id(name: str) -> Predicate:
    return lambda node: node.has_id(name)


def _has_class(name: str) -> Predicate:
    return lambda node: node.has_class(name)


def _attribute_is(name: str, expected: str | None) -> Predicate:
    if expected is None:
        return lambda node: attribute_value(node, name) is not None
    return lambda node: attribute_value(node, name) == expected


def _compile_compound(text: str, whole: str) -> Predicate:
    checks: list[Predicate] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"unsupported selector: {whole!r} (at {text[position:]!r})")
        if match["tag"] and match["tag"] != "*":
            checks.append(_tag_is(match["tag"].lower()))
        elif match["id"]:
            checks.append(_has_id(match["id"]))
        elif match["cls"]:
            checks.append(_has_class(match["cls"]))
        elif match["attr"]:
            values = (match["dq"], match["sq"], match["bare"])
            checks.append(
                _attribute_is(
                    match["attr"], next((value for value in values if value is not None), None)
                )
            )
        position = match.end()
    return lambda node: all(check(node) for check in checks)


@lru_cache(maxsize=512)
def compile_selector(selector: str) -> Predicate:
    if not isinstance(selector, str) or not selector.strip():
        raise ValueError(f"empty selector: {selector!r}")
    groups = []
    for part in selector.split(","):
        part = part.strip()
        if not part:
            raise ValueError(f"unsupported selector: {selector!r} (empty group)")
        if re.search(r"[\s>+~:$|!]", re.sub(r"\[[^\]]*\]", "", part)):
            raise ValueError(
                f"unsupported selector feature: {selector!r} (combinators and pseudo "
                "classes are not supported; use one compound of tag, #id, .class and "
                "[attr=value])"
            )
        groups.append(_compile_compound(part, selector))
    return lambda node: any(group(node) for group in groups)
