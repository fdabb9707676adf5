"""Processes of one app trust each other: they sign page tokens with one key.

Servers in this process stand for processes: each decides its key when it
starts, as a process would (``lona.security.trust``).
"""

from __future__ import annotations

import logging
import os
import sys
import types

import pytest

from lona import App
from lona.security.trust import ENVIRONMENT_VARIABLE
from lona_conformance.helpers import eventually
from tests.redis_server import RedisServer

SESSION = "a-session-key-of-some-visitor-0123456789"


@pytest.fixture
def start(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    started = []

    def start_server(**settings):
        app = App(__file__)
        app.settings.update(settings)
        server = app.create_server()
        server.start_in_thread()
        started.append(server)
        return server

    yield start_server
    for server in started:
        server.stop_in_thread()


def _accepts(server, other):
    """Whether ``server`` accepts a page that ``other`` served."""
    return server.page_tokens.valid(SESSION, other.page_tokens.issue(SESSION))


def test_without_anything_to_share_each_process_has_a_key_of_its_own(start):
    first, second = start(), start()
    assert not _accepts(first, second) and not _accepts(second, first)
    assert _accepts(first, first)


def test_an_explicit_secret_key_wins(start):
    with RedisServer() as redis:
        first = start(SECRET_KEY="chosen by the deployment", CHANNEL_BACKEND=redis.url)
        second = start(SECRET_KEY="chosen by the deployment")
        assert _accepts(first, second) and _accepts(second, first)
        assert first.trust.origin == "SECRET_KEY"


def test_processes_started_by_one_parent_share_its_key(start, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "drawn by the parent before forking")
    first, second = start(), start()
    assert _accepts(first, second) and _accepts(second, first)


def test_processes_sharing_a_redis_agree_on_a_key_without_any_setting(start):
    with RedisServer() as redis:
        first = start(CHANNEL_BACKEND=redis.url)
        second = start(CHANNEL_BACKEND=redis.url)
        assert _accepts(first, second) and _accepts(second, first)
        assert second.trust.origin == "CHANNEL_BACKEND"


def test_a_process_that_could_not_reach_redis_says_so_and_agrees_once_it_can(start, caplog):
    redis = RedisServer()  # its port is chosen; nothing listens there yet
    with caplog.at_level(logging.WARNING, logger="lona.server"):
        early = start(CHANNEL_BACKEND=redis.url)
    lines = [r.getMessage() for r in caplog.records if "can not agree" in r.getMessage()]
    assert len(lines) == 1, lines
    token_before = early.page_tokens.issue(SESSION)
    with redis:
        later = start(CHANNEL_BACKEND=redis.url)
        eventually(lambda: _accepts(later, early), timeout=30, what="the late agreement")
        assert _accepts(early, later)
        assert early.page_tokens.valid(SESSION, token_before)  # pages it served still work


def test_a_restarted_redis_gets_the_key_back_from_the_running_processes(start):
    redis = RedisServer()
    with redis:
        running = start(CHANNEL_BACKEND=redis.url)
        eventually(lambda: running.channels.backend.connected, what="the listener")
    redis.start()  # empty: the key is gone with the old redis-server
    try:
        eventually(lambda: running.channels.backend.connected, timeout=30, what="a reconnect")
        newcomer = start(CHANNEL_BACKEND=redis.url)
        assert _accepts(newcomer, running) and _accepts(running, newcomer)
    finally:
        redis.stop()


def test_gunicorn_workers_without_a_shared_key_get_one_clear_log_line(start, caplog, monkeypatch):
    monkeypatch.setitem(sys.modules, "gunicorn", types.ModuleType("gunicorn"))
    with caplog.at_level(logging.WARNING, logger="lona.server"):
        start()
    lines = [r.getMessage() for r in caplog.records if "can not agree" in r.getMessage()]
    assert len(lines) == 1 and "lona_flask.gunicorn" in lines[0]


def test_the_gunicorn_hooks_hand_one_key_to_every_worker(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.delitem(sys.modules, "lona_flask.gunicorn", raising=False)
    import lona_flask.gunicorn  # noqa: F401  (gunicorn's master reads the config that imports it)

    assert os.environ.get(ENVIRONMENT_VARIABLE)
