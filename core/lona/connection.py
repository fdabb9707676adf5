"""Lona's ``lona.connection``: one websocket's ``Connection`` (``lona.ws.connection``)."""

from lona.ws.connection import Connection

__all__ = ["Connection"]
