"""The client's connection messages: rendered from templates, handed on as plain text."""

from __future__ import annotations

from lona.templating import html_to_text, status_texts


def test_only_the_text_of_markup_is_kept():
    html = "<p>Lost <b>connection</b>&amp; more</p><script>alert(1)</script><style>p{}</style>"
    assert html_to_text(html) == "Lost connection& more"
    assert html_to_text("<img src=x onerror=alert(1)>  spaced\n\n out ") == "spaced out"
    assert html_to_text("&lt;script&gt;") == "<script>"  # text: shown, never run


def test_the_default_and_overridden_texts(app, tmp_path):
    server = app.create_server()
    assert status_texts(server.templating) == {
        "disconnected": "Connection lost. Reconnecting…",
        "waiting": "Waiting for the server…",
    }
    app.add_template("lona/disconnect-message.html", "{{ Lona.settings.CLIENT_TITLE }} is away")
    app.settings.CLIENT_TITLE = "Shop"
    assert status_texts(app.create_server().templating)["disconnected"] == "Shop is away"
    page = app.create_server().http.client_settings()
    assert page["status_texts"]["disconnected"] == "Shop is away"
