"""An ordinary Flask application (pages, a Blueprint, a flask-login login)
with live views mounted under /live.

python examples/embedding/flask_app.py --port 8080
# http://localhost:8080/ is Flask's own page, /login logs in (alice/wonderland),
# /live/ is the live view, which greets the user flask-login knows

In production, serve it with gunicorn (threaded workers; see gunicorn.conf.py):
gunicorn -c examples/embedding/gunicorn.conf.py
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
from typing import Any

import flask
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from live import User, host_account, host_index, host_login_form, live, user_named, valid_login
from markupsafe import Markup

import lona_flask
from lona.layout import LAYOUT
from lona_flask import LonaFlask

# Flask's sessions (the login) need one key in every process: SECRET_KEY, else
# the key gunicorn's master hands its workers for the live views (imported by
# gunicorn.conf.py), else a random one (a restart then logs everyone out)
app = flask.Flask(__name__)
app.secret_key = (
    os.environ.get("SECRET_KEY") or os.environ.get("LONA_SECRET_KEY") or secrets.token_hex(32)
)
login_manager = LoginManager(app)
login_manager.login_view = "login"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return user_named(user_id)


def logged_in_user() -> User | None:
    user: Any = current_user
    return user if user.is_authenticated else None


def page(content: str) -> str:
    """A page of the host, in its layout (templates/layout.html)."""
    return flask.render_template(
        "layout.html", framework="Flask", user=logged_in_user(), content=Markup(content)
    )


@app.get("/")
def index() -> str:
    return page(host_index("Flask", logged_in_user()))


@app.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if flask.request.method == "GET":
        return page(host_login_form())
    name = flask.request.form.get("name", "")
    if not valid_login(name, flask.request.form.get("password", "")):
        return page(host_login_form("wrong name or password")), 403
    login_user(User(name))
    return flask.redirect("/live/")


@app.get("/logout")
def logout() -> Any:
    logout_user()
    return flask.redirect("/")


# live views live beside Blueprints like this one
account = flask.Blueprint("account", __name__, url_prefix="/account")


@account.get("/")
@login_required
def account_page() -> str:
    user = logged_in_user()
    assert user is not None
    return page(host_account(user))


app.register_blueprint(account)

# get_user runs in Flask's request context of each page load and websocket
# handshake: request.user in a live view is flask-login's user, or anonymous.
# layout renders a live view's page in the host's layout: templates/live.html
# extends layout.html and puts the marks of LAYOUT where the view goes
LonaFlask(
    live,
    app,
    url_prefix="/live",
    get_user=lambda request: logged_in_user(),
    layout=lambda request: flask.render_template(
        "live.html", lona=LAYOUT, framework="Flask", user=logged_in_user()
    ),
)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=8080)
    arguments = parser.parse_args()
    # stop on SIGTERM as on Ctrl-C: Werkzeug's server returns, then the live
    # views get on_stop(ServerStop) and their sockets close with 1001
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        app.run(host=arguments.host, port=arguments.port, threaded=True)
    finally:
        lona_flask.shutdown(app)
