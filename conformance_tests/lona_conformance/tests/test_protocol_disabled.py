"""A disabled or read-only control can not be used through forged events:
the server refuses what a browser would never send."""

from __future__ import annotations

from lona.protocol import ErrorCode


def _refused(window, event_id: int) -> bool:
    return any(
        code == ErrorCode.BAD_EVENT and event == event_id for code, _t, event in window.errors
    )


def test_forged_events_on_disabled_and_readonly_controls_are_refused(protocol, lona_server):
    window = protocol().open(lona_server.url + "/hardening/controls", wait_for="Controls")

    def element(html_id: str):
        return window.element(id=html_id)

    forged = {
        "change of a disabled text input": window.change(element("disabled-text"), "hacked"),
        "change of a read-only text input": window.change(element("readonly-text"), "hacked"),
        "change of a read-only text area": window.change(element("readonly-area"), "hacked"),
        "change of a disabled checkbox": window.change(element("disabled-check"), True),
        "change of a disabled radio button": window.change(element("disabled-radio"), True),
        "choice of a disabled option": window.change(element("role"), [1]),
        "click on a disabled button": window.click(element("disabled-button")),
        "click on a button in a disabled fieldset": window.click(element("fieldset-button")),
    }
    accepted = [what for what, event_id in forged.items() if not _refused(window, event_id)]
    assert accepted == []
    assert "changed" not in window.text() and "clicked" not in window.text()

    # what a browser does let the user do still works
    window.change(element("readonly-check"), True)  # readonly means nothing to a checkbox
    window.wait_for_text("changed readonly-check to True")
    window.change(element("role"), [0])
    window.wait_for_text("changed role to 'user'")
    window.click(element("enabled-button"))
    window.wait_for_text("clicked enabled-button")

    # the state when the event is handled counts: enabled, the same events go through
    window.click(element("enable"))
    window.wait_for_text("enabled")
    window.click(element("disabled-button"))
    window.wait_for_text("clicked disabled-button")
    window.change(element("disabled-text"), "now")
    window.wait_for_text("changed disabled-text to 'now'")
