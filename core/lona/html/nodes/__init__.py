"""Lona's node library by MDN's groups (``lona.html.nodes.forms``, ...).

The modules re-export the classes, which live in ``lona.html.elements``,
``lona.html.inline_elements``, ``lona.html.media_elements`` and the form modules.
"""
