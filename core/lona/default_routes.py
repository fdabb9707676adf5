"""Lona's ``lona.default_routes``: the empty routing table projects start with."""

from __future__ import annotations

from lona.routing import Route

routes: list[Route] = []
