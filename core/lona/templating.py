"""Jinja2 templates: ``TEMPLATE_DIRS`` first, then the core's own templates.

Autoescaping is on: a value from a view is text, never markup, unless it is
marked safe.  Templates reach framework helpers through the ``Lona``
namespace (``Lona.reverse``, ``Lona.settings``, ``Lona.state``,
``Lona.load_static_file``, ``Lona.load_stylesheets``, ``Lona.load_scripts``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

if TYPE_CHECKING:
    from lona.request import Request
    from lona.responses import TemplateResponse, TemplateStringResponse
    from lona.server import Server

__all__ = ["Templating", "json_for_script"]

CORE_TEMPLATES = Path(__file__).parent / "templates"


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


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


class Templating:
    def __init__(self, server: Server) -> None:
        settings = server.settings
        directories = [str(Path(server.project_root, d)) for d in settings.TEMPLATE_DIRS]
        directories += [str(d) for d in server.extra_template_dirs]
        directories.append(str(CORE_TEMPLATES))
        self.environment = Environment(
            loader=FileSystemLoader(directories, followlinks=True),
            autoescape=select_autoescape(default=True, default_for_string=True),
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

    def render_response(
        self, response: TemplateResponse | TemplateStringResponse, request: Request
    ) -> str:
        from lona.responses import TemplateStringResponse

        context = {"request": request, **response.context}
        if isinstance(response, TemplateStringResponse):
            return self.render(None, response.template_string, context)
        return self.render(response.template_name, None, context)
