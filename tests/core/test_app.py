"""``App`` as Lona's: decorators, files, ``setup_server``."""

from __future__ import annotations

import os

import pytest

from lona import App, View


def test_frontend_view_with_and_without_call(tmp_path) -> None:
    app = App(str(tmp_path / "app.py"))

    @app.frontend_view
    class First(View):
        pass

    assert app.settings.FRONTEND_VIEW is First

    @app.frontend_view()
    class Second(View):
        pass

    assert app.settings.FRONTEND_VIEW is Second and Second.__name__ == "Second"


def test_setup_server_applies_overrides_to_a_copy_of_the_settings(tmp_path) -> None:
    app = App(str(tmp_path / "app.py"))
    app.settings.MARK = "app"
    server = app.setup_server(
        loop=object(),  # accepted, and ignored: the adapter runs the loop
        settings_pre_overrides={"MARK": "pre", "PRE": 1},
        settings_post_overrides={"POST": 2},
    )
    assert app.server is server
    assert (server.settings.MARK, server.settings.PRE, server.settings.POST) == ("pre", 1, 2)
    assert app.settings.MARK == "app" and "POST" not in app.settings


def test_files_and_paths(tmp_path) -> None:
    app = App(str(tmp_path / "app.py"))
    (tmp_path / "page.html").write_text("<p>page</p>")
    app.add_template("/nested/page.html", path="page.html")
    app.add_static_file("style.css", "p {}")
    server = app.setup_server()
    assert server.render_template("nested/page.html") == "<p>page</p>"
    assert app.resolve_path("static") == os.path.join(str(tmp_path), "static")
    with pytest.raises(ValueError, match="either string or path have to be set"):
        app.add_template("empty.html")
    with pytest.raises(FileNotFoundError):
        app.add_static_file("missing.css", path="missing.css")
