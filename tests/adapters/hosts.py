"""Driving the embedding examples as a visitor would: a cookie-keeping HTTP
client that logs in through the host's own form, and live clients that carry
its cookies."""

from __future__ import annotations

import re
import signal
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

from lona.testing.client import Closed, ProtocolClient
from lona.testing.pages import connect
from lona_conformance.helpers import HttpResult
from lona_conformance.server_process import ServerProcess

EXAMPLES = Path(__file__).parents[2] / "examples" / "embedding"
HOSTS = {
    "aiohttp": EXAMPLES / "aiohttp_app.py",
    "tornado": EXAMPLES / "tornado_app.py",
    "flask": EXAMPLES / "flask_app.py",
}
TITLES = {"aiohttp": "aiohttp", "tornado": "Tornado", "flask": "Flask"}
_HIDDEN = re.compile(r"<input[^>]*type=[\"']hidden[\"'][^>]*>")
_ATTRIBUTE = re.compile(r"(name|value)=[\"']([^\"']*)[\"']")


def host_process(framework: str) -> ServerProcess:
    return ServerProcess(None, script=HOSTS[framework])


class Visitor:
    """One visitor's HTTP session: cookies kept, redirects followed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path: str, form: dict[str, str] | None = None) -> HttpResult:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base_url + path, data, timeout=10) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                return HttpResult(response.status, headers, response.read())
        except urllib.error.HTTPError as error:
            headers = {k.lower(): v for k, v in error.headers.items()}
            return HttpResult(error.code, headers, error.read())

    def log_in(self, name: str, password: str) -> HttpResult:
        """Through the host's login form, with whatever hidden fields it has (XSRF)."""
        form_page = self.request("/login")
        fields = {}
        for tag in _HIDDEN.findall(form_page.text):
            attributes = dict(_ATTRIBUTE.findall(tag))
            fields[attributes["name"]] = attributes.get("value", "")
        return self.request("/login", {**fields, "name": name, "password": password})

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)

    def live_client(self) -> ProtocolClient:
        """A live client on /live with this visitor's cookies."""
        return connect(self.base_url, "/live", {"Cookie": self.cookie_header()})

    def live_greeting(self) -> str:
        """What the live view at /live/ shows this visitor, read over a fresh socket."""
        client = self.live_client()
        try:
            window = client.open(self.base_url + "/live/", wait_for="Count: 0")
            return window.element(id="user").get_text()
        finally:
            client.close()


class GunicornProcess(ServerProcess):
    """The Flask example under gunicorn's threaded workers, as its config file says."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(None, env=env)

    def command(self) -> list[str]:
        return [
            sys.executable,
            *("-m", "gunicorn", "-c", str(EXAMPLES / "gunicorn.conf.py")),
            *("--bind", f"127.0.0.1:{self.port}"),
        ]


def browser_log_in(page: Any, base_url: str, name: str, password: str) -> None:
    """Log in through the host's form in Chromium; the host lands on /live/."""
    page.goto(base_url + "/login")
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("#login")
    page.wait_for_selector(f"#user:text-is('Logged in as {name}')")


def stop_with_a_live_view_open(
    server: ServerProcess, sig: int = signal.SIGTERM
) -> tuple[int | None, int | None]:
    """A stop signal while a live view is open: (the close code the live
    client got, the exit code of the process)."""
    client = Visitor(server.url).live_client()
    client.open(server.url + "/live/", wait_for="Count: 0")
    exit_code: list[int | None] = []
    stopping = threading.Thread(target=lambda: exit_code.append(server.stop(sig)))
    stopping.start()
    try:
        client.wait(lambda: False, timeout=10, what="the close")
    except Closed as closed:
        return closed.code, _joined(stopping, exit_code)
    raise AssertionError("the live socket stayed open")


def _joined(thread: threading.Thread, result: list[int | None]) -> int | None:
    thread.join()
    return result[0]
