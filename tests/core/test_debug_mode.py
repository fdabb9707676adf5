"""Debug mode is never on unnoticed: however the server is started."""

from __future__ import annotations

import logging

import pytest


@pytest.mark.parametrize("debug", [True, False])
def test_a_server_started_with_debug_mode_says_so_in_the_log(app, served, caplog, debug):
    # as an embedding host starts it: no app.run(), only the setting
    app.settings.DEBUG = debug
    with caplog.at_level(logging.WARNING, "lona"):
        served()
    warned = [r for r in caplog.records if "debug mode is on" in r.getMessage()]
    assert len(warned) == (1 if debug else 0)
    if debug:
        assert warned[0].levelno == logging.WARNING
        assert "Never use it in production" in warned[0].getMessage()
