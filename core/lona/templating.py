"""Jinja2 templates: ``TEMPLATE_DIRS`` first, then the core's own templates.

Templates see what Lona's see: the ``Lona`` namespace (``Lona.reverse``,
``Lona.settings``, ``Lona.state``, ``Lona.server``, ``Lona.load_static_file``,
``Lona.load_stylesheets``, ``Lona.load_scripts``, ``Lona.import``,
``Lona.client_version``, ``Lona.get_protocol_as_json``,
``Lona.get_settings_as_json``), Python's builtins (``str``, ``repr`` ...),
``TEMPLATE_EXTRA_CONTEXT``, the caller's context, and ``_variables`` (all of
it as one dict).

Escaping.  Lona's templates escape nothing; here a value a view hands to a
template is escaped (it may hold what a user typed), but nothing is escaped
twice and code the template trusts comes out as it is:

* a rendered template (``render_template``, ``render_string``, and every
  ``render`` here) is :class:`Rendered`: a plain ``str`` that Jinja takes as
  markup, so a package that renders CSS or HTML and puts it into another
  template gets it out unchanged;
* a node renders as its HTML;
* what ``Lona.import(...)`` brings in is the template author's own code: the
  strings it returns (or is) go in as they are, as in Lona;
* a variable that starts a URL attribute can not make it a script URL
  (``lona.template_urls``).

Every core template (``lona/frontend.html``, ``lona/404.html`` ...) can be
overridden by a template of the same name in ``TEMPLATE_DIRS`` or added with
``app.add_template``.
"""

from __future__ import annotations

import builtins
import json
import logging
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jinja2 import Environment, FileSystemLoader, Template, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from lona.template_urls import UrlAttributeGuard

if TYPE_CHECKING:
    from lona.settings import Settings
    from lona.state import State

__all__ = [
    "LONA_PROTOCOL",
    "PAGE_CLIENT",
    "Rendered",
    "Templating",
    "TemplatingHost",
    "html_to_text",
    "json_for_js_string",
    "json_for_script",
    "status_texts",
]

logger = logging.getLogger("lona.templating")

CORE_TEMPLATES = Path(__file__).parent / "templates"
# what the client shows while it is not connected, by state
STATUS_TEMPLATES = {
    "disconnected": "lona/disconnect-message.html",
    "waiting": "lona/waiting-for-server-message.html",
}
# the context entry through which the frontend page hands its client settings
# to ``Lona.load_scripts()`` (and ``Lona.get_settings_as_json()``)
PAGE_CLIENT = "_lona_page_client"

# Lona 1.16's protocol table, as its client's ``Lona.protocol`` holds it: widget
# code reads names from it (``Lona.protocol.INPUT_EVENT_TYPE.CLICK``).  Our wire
# protocol is another one (docs/protocol.md); only the event types are shared.
LONA_PROTOCOL: dict[str, dict[str, Any]] = {
    "PROTOCOL": {"MESSAGE_PREFIX": "lona:"},
    "EXIT_CODE": {"SUCCESS": 0, "INVALID_MESSAGE": 1, "INVALID_METHOD": 2},
    "METHOD": {
        "VIEW": 101,
        "INPUT_EVENT": 102,
        "INPUT_EVENT_ACK": 103,
        "CLIENT_ERROR": 104,
        "PING": 105,
        "REDIRECT": 201,
        "HTTP_REDIRECT": 202,
        "DATA": 203,
        "VIEW_START": 204,
        "VIEW_STOP": 205,
        "PONG": 206,
    },
    "INPUT_EVENT_TYPE": {"CLICK": 301, "CHANGE": 302, "CUSTOM": 303, "FOCUS": 304, "BLUR": 305},
    "NODE_TYPE": {"NODE": 401, "TEXT_NODE": 402, "WIDGET": 403},
    "DATA_TYPE": {"HTML": 501, "HTML_TREE": 502, "HTML_UPDATE": 503},
    "PATCH_TYPE": {
        "ID_LIST": 601,
        "CLASS_LIST": 602,
        "STYLE": 603,
        "ATTRIBUTES": 604,
        "NODES": 605,
        "WIDGET_DATA": 606,
    },
    "OPERATION": {"SET": 701, "RESET": 702, "ADD": 703, "CLEAR": 704, "INSERT": 705, "REMOVE": 706},
}

BUILTINS = {name: getattr(builtins, name) for name in dir(builtins) if not name.startswith("_")}


class Rendered(str):
    """A rendered template: a plain ``str`` that templates insert unescaped.

    Not :class:`markupsafe.Markup`, whose ``+`` and ``%`` escape the other
    operand: code written for Lona concatenates rendered templates with
    strings and expects plain string behaviour.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, separators=(",", ":"))
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escaped)
    return Markup(text)


def json_for_js_string(value: Any) -> Markup:
    """JSON as the content of a '...' JavaScript string in a <script> element,
    for ``JSON.parse('...')`` (as Lona's script tags use ``get_settings_as_json``)."""
    text = json.dumps(value, separators=(",", ":")).replace("\\", "\\\\")
    for character, escaped in (("'", "\\'"), ("<", "\\x3c"), (">", "\\x3e"), ("&", "\\x26")):
        text = text.replace(character, escaped)
    return Markup(text)


def _finalize(value: Any) -> Any:
    """What ``{{ value }}`` inserts: a node as its HTML, anything else as it is
    (and then escaped, unless it is markup)."""
    from lona.html.base import AbstractNode

    if isinstance(value, AbstractNode):
        return Rendered(str(value))
    return value


class _Trusted:
    """A callable brought in by ``Lona.import``: the strings it returns are markup."""

    __slots__ = ("_function",)

    def __init__(self, function: Any) -> None:
        self._function = function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _trust(self._function(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._function, name)


def _trust(value: Any) -> Any:
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Rendered(value)
    if callable(value) and not isinstance(value, type):
        return _Trusted(value)
    return value


class _TextCollector(HTMLParser):
    _SKIPPED = ("script", "style", "template")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text a browser would show for ``html``: no tags, no scripts, one line."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.parts).split())


def status_texts(templating: Templating) -> dict[str, str]:
    """The client's connection messages, from their (overridable) templates.

    Only their text reaches our own notices, and the client shows it as text:
    an overriding template can change the words, never run code in the client.
    """
    return {
        state: html_to_text(templating.render(name)) for state, name in STATUS_TEMPLATES.items()
    }


class DeclaredStaticFiles(Protocol):
    """The tags of the static files node and view classes declare."""

    def stylesheet_tags(self) -> Rendered: ...

    def script_tags(self, page_client: dict[str, Any]) -> Rendered: ...


class StaticFilesHost(Protocol):
    """The HTTP side templates link to (``lona.http.handler.HttpHandler``)."""

    @property
    def static_files(self) -> DeclaredStaticFiles: ...

    def static_file_exists(self, relative: str) -> bool: ...

    def client_settings_for(self, request: Any) -> dict[str, Any]: ...


class TemplatingHost(Protocol):
    """What templates use of their server (``Lona.server`` is the server itself)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def state(self) -> State: ...

    @property
    def project_root(self) -> str: ...

    @property
    def extra_template_dirs(self) -> Sequence[str | Path]: ...

    @property
    def http(self) -> StaticFilesHost: ...

    def reverse(self, route_name: str, *args: Any, **kwargs: Any) -> str: ...

    def static_url(self, path: str = "") -> str: ...

    def acquire(self, import_string: str, ignore_import_cache: bool = False) -> Any: ...


class _LonaNamespace:
    """``Lona`` in templates."""

    def __init__(self, server: TemplatingHost) -> None:
        self._server = server

    @property
    def server(self) -> TemplatingHost:
        return self._server

    @property
    def settings(self) -> Any:
        return self._server.settings

    @property
    def state(self) -> Any:
        return self._server.state

    @property
    def client_version(self) -> int:
        """Lona's ``CLIENT_VERSION`` (1 or 2); both widget APIs work under either."""
        return int(self._server.settings.get("CLIENT_VERSION", 1) or 1)

    def reverse(self, route_name: str, /, *args: Any, **kwargs: Any) -> str:
        return self._server.reverse(route_name, *args, **kwargs)

    def load_static_file(self, path: str) -> str:
        """The URL of a static file; ``''`` (and an error in the log) if there is none."""
        if not self._server.http.static_file_exists(path.lstrip("/")):
            logger.error("static file '%s' was not found", path)
            return ""
        return self._server.static_url(path)

    def load_stylesheets(self) -> Rendered:
        """Links to the stylesheets node and view classes declare (``STATIC_FILES``)."""
        return self._server.http.static_files.stylesheet_tags()

    @pass_context
    def load_scripts(self, context: Context) -> Rendered:
        """The browser client (``window.Lona``), then the scripts node and view
        classes declare (``STATIC_FILES``)."""
        return self._server.http.static_files.script_tags(self._page_client(context))

    def get_protocol_as_json(self) -> Markup:
        return json_for_js_string(LONA_PROTOCOL)

    @pass_context
    def get_settings_as_json(self, context: Context) -> Markup:
        """Lona's client settings, and ours: what the page's client needs."""
        settings = self._server.settings
        return json_for_js_string(
            {
                "DEBUG": bool(settings.CLIENT_DEBUG),
                "VIEW_START_TIMEOUT": settings.CLIENT_VIEW_START_TIMEOUT,
                "INPUT_EVENT_TIMEOUT": settings.CLIENT_INPUT_EVENT_TIMEOUT,
                "PING_INTERVAL": settings.CLIENT_PING_INTERVAL,
                **self._page_client(context),
            }
        )

    def import_(self, import_string: str) -> Any:
        """``Lona.import('package.module.name')`` (or ``'file.py::name'``): that object."""
        return _trust(self._server.acquire(import_string))

    def _page_client(self, context: Context) -> dict[str, Any]:
        """The client settings of the page being rendered (a frontend page hands
        them in; any other page that loads the client gets them for its request)."""
        page = context.get(PAGE_CLIENT)
        if page is None:
            page = self._server.http.client_settings_for(context.get("request"))
        return dict(page)


# ``import`` is a keyword in Python, not in Jinja: templates write ``Lona.import(...)``
setattr(_LonaNamespace, "import", _LonaNamespace.import_)


class Templating:
    def __init__(self, server: TemplatingHost) -> None:
        settings = server.settings
        directories = [str(Path(server.project_root, d)) for d in settings.TEMPLATE_DIRS]
        directories += [str(d) for d in server.extra_template_dirs]
        directories += [str(Path(server.project_root, d)) for d in settings.CORE_TEMPLATE_DIRS]
        directories.append(str(CORE_TEMPLATES))
        self.environment = Environment(
            loader=FileSystemLoader(directories, followlinks=True),
            autoescape=select_autoescape(default=True, default_for_string=True),
            finalize=_finalize,
            extensions=[UrlAttributeGuard],
        )
        self.environment.filters.update(settings.TEMPLATE_EXTRA_FILTERS)
        self.environment.globals.update(BUILTINS)
        self.environment.globals.update(
            {"Lona": _LonaNamespace(server), "json_for_script": json_for_script}
        )
        self.environment.globals.update(settings.TEMPLATE_EXTRA_CONTEXT)

    # Lona's API (``server.get_template``, ``render_template``, ``render_string``)

    def get_template(self, template_name: str) -> Template:
        return self.environment.get_template(template_name)

    def render_template(
        self, template_name: str, template_context: dict[str, Any] | None = None
    ) -> Rendered:
        return self._render(self.get_template(template_name), template_context)

    def render_string(
        self, template_string: str, template_context: dict[str, Any] | None = None
    ) -> Rendered:
        return self._render(self.environment.from_string(template_string), template_context)

    # the framework's own uses ###############################################

    def render(
        self,
        template: str | None,
        template_string: str | None = None,
        context: dict[str, Any] | None = None,
    ) -> Rendered:
        if template_string is not None:
            return self.render_string(template_string, context)
        assert template is not None
        return self.render_template(template, context)

    def _render(self, template: Template, context: dict[str, Any] | None) -> Rendered:
        variables = {**self.environment.globals, **(context or {})}
        variables["_variables"] = variables
        return Rendered(template.render(variables))
