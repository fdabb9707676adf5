"""Daemon views over the protocol: one user's windows share a view, others never do."""

from __future__ import annotations

from lona.protocol import ErrorCode
from lona_conformance.helpers import (
    events_named,
    session_cookie,
    wait_for_events,
)

COUNTER = "/daemon/counter"


def test_windows_of_one_user_share_the_daemon_and_stay_in_sync(protocol, lona_server):
    cookie = session_cookie(lona_server)
    first = protocol(headers=cookie).open(lona_server.url + COUNTER, wait_for="Counter: 10")
    second_client = protocol(headers=cookie)
    second = second_client.open(lona_server.url + COUNTER, wait_for="Counter: 10")
    assert first.view_id == second.view_id
    first.click(first.element(id="increment"))
    second.wait_for_text("Counter: 11")
    second.click(second.element(id="increment"))
    first.wait_for_text("Counter: 12")


def test_a_typed_value_reaches_the_other_windows_but_is_not_echoed(protocol, lona_server):
    cookie = session_cookie(lona_server)
    typer_client = protocol(headers=cookie)
    typer = typer_client.open(lona_server.url + COUNTER, wait_for="Counter")
    watcher = protocol(headers=cookie).open(lona_server.url + COUNTER, wait_for="Counter")
    before = len(typer_client.log)
    typer.change(typer.element(id="text"), "typed in one tab")
    watcher.wait_until(
        lambda: watcher.element(id="text").attributes.get("value") == "typed in one tab",
        what="the value in the other window",
    )
    echoed = [m for m in typer_client.log[before:] if m[0] == 4 and m[4]]
    assert echoed == [], f"the typing window got its own value back: {echoed}"


def test_another_user_gets_an_own_view_and_can_not_drive_the_daemon(protocol, lona_server):
    owner = protocol(headers=session_cookie(lona_server))
    owned = owner.open(lona_server.url + COUNTER, wait_for="Counter: 10")
    stranger = protocol(headers=session_cookie(lona_server))
    own = stranger.open(lona_server.url + COUNTER, wait_for="Counter: 10")
    assert own.view_id != owned.view_id
    own.click(own.element(id="increment"))
    assert "Counter: 11" in own.text() and "Counter: 10" in owned.text()
    # a forged event naming the owner's view from the stranger's window
    stranger.send([3, 1, owned.view_id, 900, 301, {}, owned.element(id="increment").id, None, None])
    stranger.wait(lambda: any(e[2] == 900 for e in own.errors), what="the refusal")
    assert [e[0] for e in own.errors if e[2] == 900] == [ErrorCode.STALE_VIEW]
    # and an attach request with the owner's token
    refused = stranger.open(lona_server.url + COUNTER, window_id=2, attach_token=owned.attach_token)
    assert refused.view_id is None and refused.errors[-1][0] == ErrorCode.FORBIDDEN
    owned.click(owned.element(id="increment"))
    assert "Counter: 11" in owned.text()


def test_reconnecting_reattaches_by_token_and_keeps_the_state(protocol, lona_server):
    cookie = session_cookie(lona_server)
    client = protocol(headers=cookie)
    window = client.open(lona_server.url + COUNTER, wait_for="Counter: 10")
    window.click(window.element(id="increment"))
    token, view_id = window.attach_token, window.view_id
    client.close()
    again = protocol(headers=cookie).open(
        lona_server.url + COUNTER, attach_token=token, wait_for="Counter: 11"
    )
    assert again.view_id == view_id


def test_attaching_to_a_view_that_no_longer_exists_is_refused(protocol, lona_server):
    client = protocol(headers=session_cookie(lona_server))
    window = client.open(lona_server.url + COUNTER, attach_token="no-such-view")
    assert window.view_id is None and window.errors[-1][0] == ErrorCode.NOT_FOUND
    window = client.open(lona_server.url + COUNTER, wait_for="Counter: 10")
    window.click(window.element(id="end"))  # is_daemon = False
    token = window.attach_token
    client.open(lona_server.url + "/", wait_for="Conformance app")  # the window leaves
    window = client.open(lona_server.url + COUNTER, window_id=2, attach_token=token)
    assert window.errors[-1][0] == ErrorCode.NOT_FOUND


def test_a_finished_daemon_stays_until_it_stops_being_one(protocol, lona_server):
    cookie = session_cookie(lona_server)
    client = protocol(headers=cookie)
    window = client.open(lona_server.url + COUNTER + "?name=kept", wait_for="Counter: 10")
    window.click(window.element(id="increment"))
    client.close()
    window = protocol(headers=cookie).open(
        lona_server.url + COUNTER + "?name=kept", wait_for="Counter: 11"
    )
    assert events_named(lona_server.events(), "kept") == [("on_stop", None)]
    window.click(window.element(id="end"))
    window.client.close()
    events = wait_for_events(
        lona_server,
        lambda e: ("on_cleanup", None) in events_named(e, "kept"),
        what="the daemon to go once no longer one",
    )
    assert events_named(events, "kept") == [("on_stop", None), ("on_cleanup", None)]


def test_a_legacy_daemon_goes_once_finished_and_unwatched(protocol, lona_server):
    cookie = session_cookie(lona_server)
    client = protocol(headers=cookie)
    window = client.open(lona_server.url + "/daemon/legacy?name=legacy", wait_for="0")
    window.click(window.element(id="increment"))
    client.close()
    wait_for_events(
        lona_server,
        lambda e: ("on_cleanup", None) in events_named(e, "legacy"),
        what="the legacy daemon to be dropped",
    )
    window = protocol(headers=cookie).open(lona_server.url + "/daemon/legacy", wait_for="0")
    assert "Legacy daemon0" in window.text()


def test_a_long_running_daemon_keeps_counting_without_a_window(protocol, lona_server):
    cookie = session_cookie(lona_server)
    client = protocol(headers=cookie)
    window = client.open(lona_server.url + "/daemon/long?delay=0.05", wait_for="Limit")
    window.click(window.element(id="start"))
    window.wait_for_text("Counting to 1")
    client.close()
    window = protocol(headers=cookie).open(
        lona_server.url + "/daemon/long?delay=0.05", wait_for="finish"
    )
    assert "Counting to 10" in window.text()


def test_server_state_is_shared_by_all_views(protocol, lona_server):
    first = protocol().open(lona_server.url + "/state", wait_for="Shared state")
    start = int(first.element(id="clicks").get_text())
    first.click(first.element(id="click"))
    second = protocol().open(lona_server.url + "/state", wait_for="Shared state")
    assert second.element(id="clicks").get_text() == str(start + 1)
