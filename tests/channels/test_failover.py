"""Two processes of the conformance app (aiohttp and Flask) sharing a real
redis-server, behind nginx WITHOUT sticky routing (docs/deployment.md): no
setting beyond ``CHANNEL_BACKEND``, so the processes agree on their signing
key through Redis.  A page load and its websocket reach different processes;
every tab works all the same, and when the process holding a tab's view dies,
the tab comes back on the other one with what the user had typed."""

from __future__ import annotations

import json
import signal
import uuid

import pytest

from lona_conformance.helpers import eventually
from lona_conformance.server_process import ServerProcess
from tests.nginx_server import NginxServer
from tests.redis_server import RedisServer

ADAPTERS = ("aiohttp", "flask")
TABS = 20
CLICKS = 10

pytestmark = pytest.mark.browser


@pytest.fixture
def deployment():
    with RedisServer() as redis:
        settings = json.dumps({"CHANNEL_BACKEND": redis.url})
        processes = [
            ServerProcess(adapter, env={"LONA_CONFORMANCE_SETTINGS": settings})
            for adapter in ADAPTERS
        ]
        try:
            for process in processes:
                process.start()
            with NginxServer([process.port for process in processes], sticky=False) as nginx:
                yield nginx, processes
        finally:
            for process in processes:
                process.close()


def _mark_loaded(page):
    """A reload would lose this."""
    page.evaluate("window.loadedOnce = true")


def _not_reloaded(page):
    return page.evaluate("window.loadedOnce === true")


def test_round_robin_without_stickiness_every_tab_counts_right(browser, deployment):
    nginx, _ = deployment
    contexts = [browser.new_context() for _ in range(4)]  # four users, five tabs each
    try:
        pages = [context.new_page() for context in contexts for _ in range(TABS // 4)]
        for page in pages:
            page.goto(nginx.url + "/counter")
            _mark_loaded(page)
        for page in pages:  # a quick user: ten clicks in a row
            page.evaluate(
                "(clicks) => { for (let i = 0; i < clicks; i++) "
                "document.querySelector('#increment').click(); }",
                CLICKS,
            )
        for page in pages:
            page.wait_for_selector(f"#count:text-is('{CLICKS}')")
            assert _not_reloaded(page)
    finally:
        for context in contexts:
            context.close()


def test_a_killed_process_its_tab_comes_back_on_the_other_with_the_typing(page, deployment):
    nginx, processes = deployment
    name = f"failover-{uuid.uuid4().hex[:8]}"
    page.goto(f"{nginx.url}/resume?name={name}")
    _mark_loaded(page)
    page.fill("#field", "typed before the crash")
    page.select_option("#choice", "b")
    page.click("#plus")  # sends the typing first
    page.wait_for_selector("#state:text-is('1|typed before the crash|b')")

    def holder():
        for process in processes:
            if any(e.get("name") == name and e["event"] == "click" for e in process.events()):
                return process
        return None

    dead = eventually(holder, what="the process that holds the view")
    survivor = next(process for process in processes if process is not dead)
    dead.stop(signal.SIGKILL)  # no goodbye
    # the page reconnects through nginx; the new view gets the typed values as input
    page.wait_for_selector("#state:text-is('0|typed before the crash|b')", timeout=5000)
    assert _not_reloaded(page)
    events = [e for e in survivor.events() if e.get("name") == name]
    assert [e["value"] for e in events if e["event"] == "change"][-1] == "typed before the crash"
    assert [e["value"] for e in events if e["event"] == "choice"] == ["b"]
