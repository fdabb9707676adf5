"""STATIC_FILES as Lona declares them: inherited, sorted, linked or not."""

from __future__ import annotations

import gc

from lona import View
from lona.html import Div
from lona.static_files import Script
from tests.core.static_mixins.widgets import PackageWidget


def test_files_of_mixins_and_base_classes_are_served_and_linked_in_sort_order(app):
    assert PackageWidget  # declares its files through a mixin
    server = app.create_server()
    registry = server.http.static_files
    urls = [declared.url for declared in registry.files()]
    assert urls.index("framework.css") < urls.index("files/package.js")  # FRAMEWORK first
    assert server.http.find_static("files/package.js") is not None
    assert server.http.find_static("package.js.map") is not None  # served, not linked
    tags = registry.script_tags(server.http.client_settings())
    assert '<script src="/static/files/package.js" defer></script>' in tags
    assert "package.js.map" not in tags
    assert '<link href="/static/framework.css" rel="stylesheet">' in registry.stylesheet_tags()


def test_classes_defined_in_functions_keep_their_files(app):
    def define() -> None:
        class LocalNode(Div):
            STATIC_FILES = [Script(name="local-node", path=__file__, url="local-node.js")]

        @app.route("/")
        class LocalView(View):
            STATIC_FILES = [
                Script(name="local-view", path=__file__, url="local-view.js"),
                Script(name="off", path=__file__, url="off.js", enabled_by_default=False),
            ]

    define()
    gc.collect()  # nothing but the framework holds the node class now
    http = app.create_server().http
    assert http.find_static("local-node.js") is not None
    assert http.find_static("local-view.js") is not None
    assert http.find_static("off.js") is None
    app.settings.STATIC_FILES_ENABLED = ["off"]
    assert app.create_server().http.find_static("off.js") is not None
