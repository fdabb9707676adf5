"""Jinja2 templates: ``TEMPLATE_DIRS`` first, then the core's own templates.

Autoescaping is on: a value from a view is text, never markup, unless it is
marked safe, and a variable that starts a URL attribute can not make it a
script URL (``lona.template_urls``).  Templates reach framework helpers through the ``Lona``
namespace (``Lona.reverse``, ``Lona.settings``, ``Lona.state``,
``Lona.load_static_file``, ``Lona.load_stylesheets``, ``Lona.load_scripts``,
``Lona.import``).

Every core template (``lona/frontend.html``, ``lona/404.html`` ...) can be
overridden by a template of the same name in ``TEMPLATE_DIRS`` or added with
``app.add_template``.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from lona.template_urls import UrlAttributeGuard

if TYPE_CHECKING:
    from lona.server import Server

__all__ = ["Templating", "html_to_text", "json_for_script", "status_texts"]

CORE_TEMPLATES = Path(__file__).parent / "templates"
# what the client shows while it is not connected, by state
STATUS_TEMPLATES = {
    "disconnected": "lona/disconnect-message.html",
    "waiting": "lona/waiting-for-server-message.html",
}


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


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

    Only their text reaches the page, and the client shows it as text: an
    overriding template can change the words, never run code in the client.
    """
    return {
        state: html_to_text(templating.render(name)) for state, name in STATUS_TEMPLATES.items()
    }


class _LonaNamespace:
    def __init__(self, server: Server) -> None:
        self._server = server

    @property
    def settings(self) -> Any:
        return self._server.settings

    @property
    def state(self) -> Any:
        return self._server.state

    def reverse(self, route_name: str, /, *args: Any, **kwargs: Any) -> str:
        return self._server.reverse(route_name, *args, **kwargs)

    def load_static_file(self, path: str) -> str:
        return self._server.static_url(path)

    def load_stylesheets(self) -> Markup:
        """Links to the stylesheets node and view classes declare (``STATIC_FILES``)."""
        return self._server.http.static_files.stylesheet_tags()

    def load_scripts(self) -> Markup:
        """Script tags of the scripts node and view classes declare (``STATIC_FILES``)."""
        return self._server.http.static_files.script_tags()

    def import_(self, import_string: str) -> Any:
        """``Lona.import('package.module.name')`` (or ``'file.py::name'``): that object."""
        return self._server.acquire(import_string)


# ``import`` is a keyword in Python, not in Jinja: templates write ``Lona.import(...)``
setattr(_LonaNamespace, "import", _LonaNamespace.import_)


class Templating:
    def __init__(self, server: Server) -> None:
        settings = server.settings
        directories = [str(Path(server.project_root, d)) for d in settings.TEMPLATE_DIRS]
        directories += [str(d) for d in server.extra_template_dirs]
        directories.append(str(CORE_TEMPLATES))
        self.environment = Environment(
            loader=FileSystemLoader(directories, followlinks=True),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=[UrlAttributeGuard],
        )
        self.environment.filters.update(settings.TEMPLATE_EXTRA_FILTERS)
        self.environment.globals.update(
            {"Lona": _LonaNamespace(server), "json_for_script": json_for_script}
        )
        self.environment.globals.update(settings.TEMPLATE_EXTRA_CONTEXT)

    def render(
        self,
        template: str | None,
        template_string: str | None = None,
        context: dict[str, Any] | None = None,
    ) -> str:
        context = dict(context or {})
        if template_string is not None:
            return self.environment.from_string(template_string).render(context)
        assert template is not None
        return self.environment.get_template(template).render(context)
