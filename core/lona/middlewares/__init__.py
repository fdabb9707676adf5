"""Lona's ``lona.middlewares`` package.

The middleware machinery is ``lona.middleware_controller`` (Lona's path for
it too); its names stay importable from here, where this project always had
them.  ``lona.middlewares.sessions`` has Lona's session names.
"""

from lona.middleware_controller import HOOKS, MiddlewareController, MiddlewareData, Outcome

__all__ = ["HOOKS", "MiddlewareController", "MiddlewareData", "Outcome"]
