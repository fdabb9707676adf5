"""Lona's ``lona.default_views``: the views behind the frontend page and the error pages.

Each renders its template setting with the request (and the exception), which
is also what the core does when no custom view is set; they exist to be
named in settings or subclassed, as in Lona.
"""

from __future__ import annotations

from typing import Any

from lona.responses import TemplateResponse
from lona.view import View

__all__ = ["Error403View", "Error404View", "Error500View", "FallbackView", "FrontendView"]


class FallbackView(View):
    """Renders the template the setting ``TEMPLATE_SETTING`` names."""

    TEMPLATE_SETTING = ""

    def render_default_template(self, request: Any, **extra_context: Any) -> TemplateResponse:
        template = self.server.settings.get(self.TEMPLATE_SETTING)
        return TemplateResponse(template, {"request": request, **extra_context})

    def handle_request(self, request: Any, exception: BaseException | None = None) -> Any:
        extra = {} if exception is None else {"exception": exception}
        return self.render_default_template(request, **extra)


class FrontendView(FallbackView):
    TEMPLATE_SETTING = "FRONTEND_TEMPLATE"


class Error403View(FallbackView):
    TEMPLATE_SETTING = "ERROR_403_TEMPLATE"


class Error404View(FallbackView):
    TEMPLATE_SETTING = "ERROR_404_TEMPLATE"


class Error500View(FallbackView):
    TEMPLATE_SETTING = "ERROR_500_TEMPLATE"
