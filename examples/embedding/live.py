"""What the three embedding examples share: the live views they mount under
/live, and the host's demo accounts and user class.

Each host (flask_app.py, tornado_app.py, aiohttp_app.py) has its own login;
it hands its logged-in User to Lona, so request.user in a view is the host's
user object, and a visitor the host does not know is anonymous.  Each renders
the live views' pages in its own layout (templates/ for Flask and aiohttp,
tornado_templates/ for Tornado), with the title the view sets.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from lona import App, View
from lona.html import H1, HTML, A, Button, Div, P, Span

# demo accounts: a real application checks a password hash in its database
ACCOUNTS = {"alice": "wonderland", "bob": "builder"}


def valid_login(name: str, password: str) -> bool:
    expected = ACCOUNTS.get(name)
    return expected is not None and hmac.compare_digest(expected, password)


@dataclass(frozen=True)
class User:
    """The host's user; it has what flask-login asks of a user class."""

    name: str
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return self.name


def user_named(name: str | None) -> User | None:
    return User(name) if name in ACCOUNTS else None


live = App(__file__)
live.settings.CLIENT_TITLE = "live views"


def greeting(user: Any) -> str:
    if isinstance(user, User):
        return f"Logged in as {user.name}"
    return "Not logged in"


@live.route("/")
class LiveCounter(View):
    def handle_request(self, request: Any) -> Any:
        self.set_title("A live counter")  # the page's title, also in the host's layout
        self.count = Span("0", _id="count")
        return HTML(
            H1("A live view"),
            P(greeting(request.user), _id="user"),
            Div("Count: ", self.count),
            Button("+1", _id="increment", handle_click=self.increment),
            Div(A("another live view", href="/live/second", _id="second-link")),
        )

    def increment(self, input_event: Any) -> None:
        self.count.set_text(int(self.count.get_text()) + 1)


@live.route("/second")
class Second(View):
    def handle_request(self, request: Any) -> Any:
        self.set_title("The second live view")
        return HTML(H1("The second live view"), A("back", href="/live/", _id="back"))


# the hosts' own pages: the same HTML in every framework ##################


def host_index(framework: str, user: User | None) -> str:
    status = f"Logged in as {user.name}" if user else "Not logged in"
    return (
        f"<h1>Hello from {framework}</h1><p id='status'>{status}</p>"
        "<p><a href='/live/' id='live-link'>the live views</a> · "
        "<a href='/account/'>your account</a> · "
        "<a href='/login'>log in</a> · <a href='/logout'>log out</a></p>"
    )


def host_login_form(error: str = "", hidden: str = "") -> str:
    """``hidden``: the framework's extra form fields (Tornado's XSRF token)."""
    message = f"<p id='error'>{error}</p>" if error else ""
    return (
        f"<h1>Log in</h1>{message}<form method='post' action='/login'>{hidden}"
        "<input name='name' id='name' placeholder='name'> "
        "<input name='password' id='password' type='password' placeholder='password'> "
        "<button id='login'>Log in</button></form>"
    )


def host_account(user: User) -> str:
    return f"<h1>Your account</h1><p id='account'>{user.name}</p>"
