"""Script URLs from variables in the URL attributes of templates.

Autoescaping makes a value text, but ``<a href="{{ q }}">`` with
``q = "javascript:..."`` is a link that runs the value as code when clicked:
escaping does not change a URL's scheme.  Where a template starts a URL
attribute (``href``, ``src``, ``action`` ...) with a variable, that variable
goes through ``lona_safe_url``, which replaces a script URL by
``about:blank#blocked`` as node attributes do (``lona.html.urls``).  A
variable later in the value (``href="/search?q={{ q }}"``) can not choose
the scheme and is left alone; a ``TrustedURL`` passes as it is.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import Markup

from lona.html.urls import URL_ATTRIBUTES, TrustedURL, safe_url

__all__ = ["UrlAttributeGuard", "lona_safe_url"]

_NAMES = "|".join(re.escape(name) for name in sorted(URL_ATTRIBUTES, key=len, reverse=True))
# name = ["']? {{ expression }}   (whitespace control marks kept where they were)
_VARIABLE_AT_START = re.compile(
    rf"(?P<head>(?<![\w:-])(?:{_NAMES})\s*=\s*[\"']?\s*)"
    r"\{\{(?P<left>[-+]?)(?P<expression>.*?)(?P<right>[-+]?)\}\}",
    re.IGNORECASE | re.DOTALL,
)


def lona_safe_url(value: Any) -> Any:
    """The filter: a script URL becomes ``about:blank#blocked``."""
    if isinstance(value, TrustedURL) or value is None:
        return value
    checked = safe_url("template URL", str(value))
    if checked == str(value):
        return value
    return Markup(checked) if isinstance(value, Markup) else checked


class UrlAttributeGuard(Extension):
    """Rewrites ``href="{{ x }}"`` to ``href="{{ (x) | lona_safe_url }}"`` before parsing."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["lona_safe_url"] = lona_safe_url

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _VARIABLE_AT_START.sub(_guarded, source)


def _guarded(match: re.Match[str]) -> str:
    left, right = match["left"], match["right"]
    return f"{match['head']}{{{{{left} ({match['expression']}) | lona_safe_url {right}}}}}"
