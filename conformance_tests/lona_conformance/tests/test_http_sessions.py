"""Session keys come from the server only: a key a client made up or planted,
a doubled cookie, or a plain-HTTP cookie behind HTTPS is no session."""

from __future__ import annotations

from lona.protocol import ErrorCode
from lona_conformance.helpers import http_get

PLANTED = {"Cookie": "lona_session=" + "a" * 20}


def _session_cookie(url: str, headers: dict[str, str] | None = None) -> str:
    """The ``name=value`` of the session cookie a page load sets ("" if none)."""
    set_cookie = http_get(url, headers=headers).headers.get("set-cookie", "")
    return set_cookie.split(";", 1)[0]


def test_a_session_key_the_client_made_up_is_replaced(lona_server):
    cookie = _session_cookie(lona_server.url + "/", PLANTED)
    assert cookie.startswith("lona_session=") and "a" * 20 not in cookie
    assert _session_cookie(lona_server.url + "/", {"Cookie": cookie}) == ""  # a real one stays


def test_a_planted_key_does_not_let_an_attacker_drive_the_victims_daemon(protocol, lona_server):
    url = lona_server.url + "/daemon/counter"
    victim = protocol(headers=PLANTED).open(url, wait_for="Counter: 10")
    victim.click(victim.element(id="increment"))
    victim.wait_for_text("Counter: 11")
    attacker = protocol(headers=PLANTED).open(url, wait_for="Counter: 10")
    assert attacker.view_id != victim.view_id  # a daemon of its own, not the victim's


def test_two_session_cookies_make_a_new_session(lona_server):
    first = _session_cookie(lona_server.url + "/")
    second = _session_cookie(lona_server.url + "/")
    both = _session_cookie(lona_server.url + "/", {"Cookie": f"{first}; {second}"})
    assert both and both not in (first, second)


def test_behind_https_the_cookie_is_secure_and_bound_to_this_host(lona_server):
    https = {"X-Forwarded-Proto": "https"}  # from a TLS proxy on this machine (trusted)
    answer = http_get(lona_server.url + "/", headers=https)
    set_cookie = answer.headers["set-cookie"]
    assert set_cookie.startswith("__Host-lona_session=")
    assert "; Secure" in set_cookie and "; Path=/;" in set_cookie
    cookie = set_cookie.split(";", 1)[0]
    assert _session_cookie(lona_server.url + "/", {**https, "Cookie": cookie}) == ""
    # a plain cookie, which any plain-HTTP page of the host could have planted, is none
    plain = _session_cookie(lona_server.url + "/")
    assert _session_cookie(lona_server.url + "/", {**https, "Cookie": plain}) != ""


def test_without_sessions_one_visitor_can_not_lock_out_the_others(server_with, protocol):
    """SESSIONS = False makes every visitor the same user: the views limit then
    holds per socket, so one visitor's views leave room for everyone else's."""
    server = server_with(SESSIONS=False, MAX_VIEWS_PER_SESSION=3)
    greedy = protocol(server)
    for window_id in (1, 2, 3):
        greedy.open(server.url + "/counter", window_id=window_id, wait_for="Count: 0")
    fourth = greedy.open(server.url + "/counter", window_id=4)
    assert fourth.view_id is None and fourth.errors[-1][0] == ErrorCode.TOO_MANY_VIEWS
    protocol(server).open(server.url + "/counter", wait_for="Count: 0")
