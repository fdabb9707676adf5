"""An ordinary Tornado application (pages, a login with a signed cookie and
get_current_user) with live views mounted under /live.

python examples/embedding/tornado_app.py --port 8080
# http://localhost:8080/ is Tornado's own page, /login logs in (alice/wonderland),
# /live/ is the live view, which greets the user Tornado knows
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal

from live import User, host_account, host_index, host_login_form, live, user_named, valid_login
from tornado.web import Application, RequestHandler, authenticated

from lona.layout import LAYOUT
from lona_tornado import lona_handlers


def user_of(handler: RequestHandler) -> User | None:
    """The one place that knows who is logged in: Tornado's handlers and Lona ask it."""
    name = handler.get_signed_cookie("user")
    return user_named(name.decode()) if name else None


class BaseHandler(RequestHandler):
    def get_current_user(self) -> User | None:
        return user_of(self)

    def page(self, content: str) -> None:
        """A page of the host, in its layout (tornado_templates/layout.html)."""
        self.render("layout.html", content=content)


class Index(BaseHandler):
    def get(self) -> None:
        self.page(host_index("Tornado", self.current_user))


class Login(BaseHandler):
    def get(self) -> None:
        self.page(host_login_form(hidden=self.xsrf_form_html()))

    def post(self) -> None:
        name = self.get_body_argument("name", "")
        if not valid_login(name, self.get_body_argument("password", "")):
            self.set_status(403)
            self.page(host_login_form("wrong name or password", self.xsrf_form_html()))
            return
        self.set_signed_cookie("user", name, httponly=True, samesite="Lax")
        self.redirect("/live/")


class Logout(BaseHandler):
    def get(self) -> None:
        self.clear_cookie("user")
        self.redirect("/")


class Account(BaseHandler):
    @authenticated
    def get(self) -> None:
        self.page(host_account(self.current_user))


# Lona's handlers are built on BaseHandler: request.user in a live view is the
# user its get_current_user sees, or anonymous.  layout renders a live view's
# page in the host's layout (tornado_templates/live.html extends layout.html)
live_handlers = lona_handlers(
    live,
    prefix="/live",
    base_handler=BaseHandler,
    layout=lambda handler: handler.render_string("live.html", lona=LAYOUT),
)


def make_app() -> Application:
    return Application(
        [
            (r"/", Index),
            (r"/login", Login),
            (r"/logout", Logout),
            (r"/account/", Account),
            *live_handlers,  # after the application's own handlers
        ],
        # set COOKIE_SECRET in production: a random one logs everyone out on restart
        cookie_secret=os.environ.get("COOKIE_SECRET") or secrets.token_hex(32),
        template_path=os.path.join(os.path.dirname(__file__), "tornado_templates"),
        login_url="/login",
        xsrf_cookies=True,
    )


async def main(host: str, port: int) -> None:
    http_server = make_app().listen(port, host)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        http_server.stop()  # stop accepting
        await live_handlers.stop()  # views get on_stop(ServerStop), sockets close with 1001
        await http_server.close_all_connections()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=8080)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.host, arguments.port))
