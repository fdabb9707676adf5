"""The three embedding APIs take the same options and refuse the same bad ones."""

from __future__ import annotations

import inspect

import flask
import pytest
from aiohttp import web

from lona import App
from lona_aiohttp import setup
from lona_flask import LonaFlask
from lona_tornado import lona_handlers

# each mounts a Lona app under a prefix and returns its core server
MOUNTS = {
    "aiohttp": lambda app, prefix: setup(app, web.Application(), prefix=prefix),
    "tornado": lambda app, prefix: lona_handlers(app, prefix=prefix).server,
    "flask": lambda app, prefix: LonaFlask(app).init_app(flask.Flask("host"), url_prefix=prefix),
}


def test_every_embedding_takes_a_prefix_and_get_user():
    for function, prefix_name in (
        (setup, "prefix"),
        (lona_handlers, "prefix"),
        (LonaFlask, "url_prefix"),
        (LonaFlask.init_app, "url_prefix"),
    ):
        parameters = inspect.signature(function).parameters
        assert {prefix_name, "get_user"} <= set(parameters), function


@pytest.mark.parametrize("framework", sorted(MOUNTS))
@pytest.mark.parametrize("prefix", ["live", "/live?x=1", "/li ve", 5])
def test_a_prefix_a_browser_can_not_use_is_refused(framework, prefix):
    with pytest.raises((ValueError, TypeError), match="prefix"):
        MOUNTS[framework](App(__file__), prefix)


@pytest.mark.parametrize("framework", sorted(MOUNTS))
def test_a_trailing_slash_is_dropped(framework):
    server = MOUNTS[framework](App(__file__), "/live/")
    assert server.websocket_path == "/live/_lona/ws"
