"""LonaFlask as a Flask extension: state in flask_app.extensions, beside the
host's routes and Blueprints, with clear errors for mounts that can not work."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import flask
import pytest
from werkzeug.serving import make_server

import lona_flask
from lona import App, View
from lona.html import H1, HTML, P
from lona.testing.client import ProtocolClient
from lona.testing.pages import connect
from lona.testing.websocket import WebSocketClient
from lona_conformance.helpers import eventually, http_get
from lona_flask import LonaFlask


def who_app() -> App:
    app = App(__file__)

    @app.route("/")
    class Who(View):
        def handle_request(self, request):
            user = request.user
            return HTML(H1("who"), P(getattr(user, "name", type(user).__name__), _id="who"))

    return app


@contextmanager
def serving(flask_app: flask.Flask) -> Iterator[str]:
    """``flask_app`` on a free loopback port (Werkzeug, threaded); its URL."""
    server = make_server("127.0.0.1", 0, flask_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        lona_flask.shutdown(flask_app)
        server.server_close()


def live_text(url: str, prefix: str, cookie: str = "") -> str:
    client = connect(url, prefix, {"Cookie": cookie} if cookie else None)
    window = client.open(url + prefix + "/", wait_for="who")
    client.close()
    return window.text()


def test_one_extension_serves_two_applications_and_keeps_no_app():
    extension = LonaFlask(who_app())
    first, second = flask.Flask("first"), flask.Flask("second")
    extension.init_app(first, url_prefix="/live")
    extension.init_app(second, url_prefix="/other")
    assert not any(isinstance(value, flask.Flask) for value in vars(extension).values())
    assert [s.url_prefix for s in first.extensions["lona"].servers] == ["/live"]
    assert [s.url_prefix for s in LonaFlask.servers(second)] == ["/other"]
    with serving(first) as first_url, serving(second) as second_url:
        assert "who" in live_text(first_url, "/live")
        assert "who" in live_text(second_url, "/other")
        assert http_get(first_url + "/other/").status == 404  # each app has its own mount


def test_live_views_beside_routes_and_blueprints_even_at_the_root():
    host = flask.Flask("host", static_folder=None)
    admin = flask.Blueprint("admin", "admin", url_prefix="/admin")
    admin.add_url_rule("/", "index", lambda: "the admin blueprint")
    host.register_blueprint(admin)
    host.add_url_rule("/hello", "hello", lambda: "hello from the host")
    LonaFlask(who_app(), host)  # no prefix: Lona answers whatever the host does not
    with serving(host) as url:
        assert http_get(url + "/hello").text == "hello from the host"
        assert http_get(url + "/admin/").text == "the admin blueprint"
        assert "AnonymousUser" in live_text(url, "")
        assert http_get(url + "/no/such/page").status == 404  # Lona's 404 now


def test_get_user_sees_the_request_and_none_means_anonymous():
    host = flask.Flask("host")

    class Member:
        def __init__(self, name):
            self.name = name

    def get_user(request):
        name = request.cookies.get("member")
        return Member(name) if name else None

    LonaFlask(who_app(), host, url_prefix="/live", get_user=get_user)
    with serving(host) as url:
        assert "carol" in live_text(url, "/live", cookie="member=carol")
        assert "AnonymousUser" in live_text(url, "/live")


def test_an_async_get_user_is_refused_with_a_clear_error(caplog):
    host = flask.Flask("host")

    async def get_user(request):
        return None

    LonaFlask(who_app(), host, url_prefix="/live", get_user=get_user)
    with serving(host) as url:
        assert http_get(url + "/live/").status == 500
    assert "Flask's must be sync" in caplog.text


def test_a_static_folder_that_hides_lonas_static_files_is_refused():
    with pytest.raises(ValueError, match="hides Lona's static files"):
        LonaFlask(who_app(), flask.Flask("host"))  # Flask's /static/ and Lona's at the root
    LonaFlask(who_app(), flask.Flask("host"), url_prefix="/live")  # fine under a prefix


def test_after_shutdown_pages_say_so_and_sockets_close():
    host = flask.Flask("host")
    LonaFlask(who_app(), host, url_prefix="/live")
    with serving(host) as url:
        assert "who" in live_text(url, "/live")
        lona_flask.shutdown(host)
        assert http_get(url + "/live/").status == 503


def test_a_client_that_never_answers_the_close_frame_keeps_no_thread(monkeypatch):
    monkeypatch.setattr("lona_flask.mount.CLOSE_TIMEOUT", 0.5)
    host = flask.Flask("host")
    LonaFlask(who_app(), host, url_prefix="/live")

    def socket_readers():
        return {t for t in threading.enumerate() if "simple_websocket" in t.name}

    with serving(host) as url:
        before = socket_readers()
        silent = WebSocketClient(url.replace("http", "ws") + "/live/_lona/ws")
        ProtocolClient(silent).hello()
        (reader,) = socket_readers() - before
        lona_flask.shutdown(host)  # sends 1001, which this client never reads nor answers
        eventually(lambda: not reader.is_alive(), timeout=5, what="the reader thread to end")
        silent.sock.close()
