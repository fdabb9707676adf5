"""An ordinary aiohttp application (pages, a login kept in aiohttp-session)
with live views mounted under /live.

python examples/embedding/aiohttp_app.py --port 8080
# http://localhost:8080/ is aiohttp's own page, /login logs in (alice/wonderland),
# /live/ is the live view, which greets the user the session knows
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import jinja2
from aiohttp import web
from aiohttp_session import get_session, new_session
from aiohttp_session import setup as setup_session
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet
from live import User, host_account, host_index, host_login_form, live, user_named, valid_login
from markupsafe import Markup

from lona.layout import LAYOUT
from lona_aiohttp import setup

# the host's templates (templates/): aiohttp has no engine of its own, Jinja2 it is
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
)


async def user_of(request: web.Request) -> User | None:
    """The one place that knows who is logged in: aiohttp's handlers and Lona ask it."""
    session = await get_session(request)
    return user_named(session.get("user"))


async def render(request: web.Request, template: str, **context: object) -> str:
    user = await user_of(request)
    return TEMPLATES.get_template(template).render(framework="aiohttp", user=user, **context)


async def page(request: web.Request, content: str, status: int = 200) -> web.Response:
    """A page of the host, in its layout (templates/layout.html)."""
    text = await render(request, "layout.html", content=Markup(content))
    return web.Response(text=text, status=status, content_type="text/html")


async def live_layout(request: web.Request) -> str:
    """A live view's page in the host's layout: live.html puts the marks of LAYOUT."""
    return await render(request, "live.html", lona=LAYOUT)


async def index(request: web.Request) -> web.Response:
    return await page(request, host_index("aiohttp", await user_of(request)))


async def login_form(request: web.Request) -> web.Response:
    return await page(request, host_login_form())


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    if not valid_login(name, password):
        return await page(request, host_login_form("wrong name or password"), 403)
    session = await new_session(request)  # a fresh session id on login
    session["user"] = name
    raise web.HTTPFound("/live/")


async def logout(request: web.Request) -> web.Response:
    session = await get_session(request)
    session.invalidate()
    raise web.HTTPFound("/")


async def account(request: web.Request) -> web.Response:
    user = await user_of(request)
    if user is None:
        raise web.HTTPFound("/login")
    return await page(request, host_account(user))


def create_app() -> web.Application:
    app = web.Application()
    # set SESSION_KEY (Fernet.generate_key()) in production: a random key logs
    # everyone out on restart
    key = os.environ.get("SESSION_KEY", "").encode() or Fernet.generate_key()
    setup_session(app, EncryptedCookieStorage(Fernet(key), samesite="Lax"))
    app.router.add_get("/", index)
    app.router.add_get("/login", login_form)
    app.router.add_post("/login", login)
    app.router.add_get("/logout", logout)
    app.router.add_get("/account/", account)
    # request.user in a live view is the session's user, or anonymous; layout
    # renders a live view's page in the host's layout
    setup(live, app, prefix="/live", get_user=user_of, layout=live_layout)
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=8080)
    arguments = parser.parse_args()
    # web.run_app stops on SIGINT/SIGTERM; on_shutdown stops the live views
    web.run_app(create_app(), host=arguments.host, port=arguments.port)
