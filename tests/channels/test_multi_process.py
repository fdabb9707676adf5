"""Two server processes behind nginx, with Redis for channels, as docs/deployment.md
shows it: a chat message crosses processes, and when one process dies its
browsers reconnect through nginx and get a working view on the other."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from lona_conformance.server_process import ServerProcess
from tests.nginx_server import NginxServer
from tests.redis_server import RedisServer

CHAT = Path(__file__).parents[2] / "examples" / "chat" / "app.py"
ADAPTERS = ("aiohttp", "flask")  # different adapters behind one nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def deployment():
    with RedisServer() as redis:
        processes = [
            ServerProcess(
                adapter,
                script=CHAT,
                args=[
                    "-o",
                    f"CHANNEL_BACKEND={redis.url}",
                    "-o",
                    "SECRET_KEY=shared-by-every-process-of-the-deployment",
                ],
            )
            for adapter in ADAPTERS
        ]
        for process in processes:
            process.start()
        try:
            with NginxServer([process.port for process in processes]) as nginx:
                yield nginx, processes
        finally:
            for process in processes:
                process.close()


def _page_on(browser, nginx, process):
    """A new user whose session nginx routes to ``process``."""
    for _ in range(30):
        context = browser.new_context()
        page = context.new_page()
        page.goto(nginx.url + "/")  # sets the session cookie
        response = page.goto(nginx.url + "/")  # routed by that cookie from now on
        if response.headers["x-upstream"].endswith(f":{process.port}"):
            return context, page
        context.close()
    raise AssertionError(f"nginx never routed a new session to port {process.port}")


def _say(page, name, text):
    page.fill("#name", name)
    page.dispatch_event("#name", "change")
    page.fill("#text", text)
    page.dispatch_event("#text", "change")
    page.click("#send")


def test_messages_cross_processes_and_browsers_survive_a_dead_process(browser, deployment):
    nginx, (first, second) = deployment
    alice_context, alice = _page_on(browser, nginx, first)
    bob_context, bob = _page_on(browser, nginx, second)
    try:
        _say(alice, "alice", "hello from the first process")
        bob.wait_for_selector("#messages li:has-text('alice: hello from the first process')")
        _say(bob, "bob", "hello from the second process")
        alice.wait_for_selector("#messages li:has-text('bob: hello from the second process')")

        first.stop(signal.SIGKILL)  # the process dies without a goodbye
        alice.wait_for_selector("#lona-status:visible")
        alice.wait_for_selector("#lona-status", state="hidden")  # back, through nginx
        _say(alice, "alice", "still here after the failover")
        bob.wait_for_selector("#messages li:has-text('alice: still here after the failover')")
        alice.wait_for_selector("#messages li:has-text('alice: still here after the failover')")
    finally:
        alice_context.close()
        bob_context.close()
