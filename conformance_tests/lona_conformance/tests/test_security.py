"""Admission and limits, the same on every adapter."""

from __future__ import annotations

import http.server
import threading

import pytest

from lona.protocol import CloseCode, ErrorCode
from lona.testing.client import Closed
from lona_conformance.helpers import http_get, session_cookie

EVIL_PAGE = """<!DOCTYPE html>
<html><body><pre id="result">pending</pre><script>
const socket = new WebSocket("%s");
const result = document.getElementById("result");
socket.onopen = () => {
  socket.send(JSON.stringify([1, 1, {}]));
  socket.send(JSON.stringify([2, 1, "%s", null, null]));
};
socket.onmessage = (event) => {
  if (event.data.startsWith("[2,")) result.textContent = "view started";
};
socket.onclose = (event) => {
  if (result.textContent === "pending") result.textContent = "closed " + event.code;
};
</script></body></html>"""


@pytest.fixture
def evil_site(lona_server):
    """A page on another origin (another port) that tries to drive the user's views."""
    body = (EVIL_PAGE % (lona_server.ws_url, lona_server.url + "/counter")).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_a_page_on_another_origin_can_not_open_a_view(page, lona_server, evil_site):
    page.goto(lona_server.url + "/counter")  # the victim has a session cookie
    page.wait_for_selector("#increment")
    page.goto(evil_site)
    page.wait_for_function("document.getElementById('result').textContent !== 'pending'")
    assert page.text_content("#result") == f"closed {CloseCode.POLICY}"


def test_origins_are_checked_on_the_handshake(protocol, lona_server):
    own = protocol(headers={"Origin": lona_server.url})
    own.open(lona_server.url + "/counter", wait_for="Count: 0")
    without = protocol()  # no Origin header: not a browser, no victim's cookies
    without.open(lona_server.url + "/counter", wait_for="Count: 0")
    foreign = protocol(headers={"Origin": "http://evil.example"}, hello=False)
    with pytest.raises(Closed) as closed:
        foreign.hello()
    assert closed.value.code == CloseCode.POLICY
    assert foreign.errors[0][0] == ErrorCode.ORIGIN
    opaque = protocol(headers={"Origin": "null"}, hello=False)
    with pytest.raises(Closed):
        opaque.hello()


def test_allowed_origins_let_other_sites_in(server_with, protocol):
    server = server_with(ALLOWED_ORIGINS=["https://partner.example"])
    partner = protocol(server, headers={"Origin": "https://partner.example"})
    partner.open(server.url + "/counter", wait_for="Count: 0")
    stranger = protocol(server, headers={"Origin": "https://stranger.example"}, hello=False)
    with pytest.raises(Closed):
        stranger.hello()


def test_too_many_input_events_are_refused_one_by_one(server_with, protocol):
    server = server_with(MAX_INPUT_EVENTS_PER_SECOND=20)
    client = protocol(server)
    window = client.open(server.url + "/counter", wait_for="Count: 0")
    button = window.element(id="increment")
    sent = [window.click(button, wait=False) for _ in range(200)]
    client.wait(
        lambda: all(i in window.acked or window._error_for(i) for i in sent),
        what="an answer to every event",
    )
    refused = [e for e in window.errors if e[0] == ErrorCode.RATE_LIMITED]
    assert refused and len(window.acked) + len(refused) == 200
    count = int(window.element(id="count").get_text())
    assert count == len(window.acked)  # every accepted click counted, no refused one


def test_a_session_can_not_run_more_views_than_allowed(server_with, protocol):
    server = server_with(MAX_VIEWS_PER_SESSION=3)
    client = protocol(server, headers=session_cookie(server))
    for window_id in (1, 2, 3):
        client.open(server.url + "/counter", window_id=window_id, wait_for="Count: 0")
    fourth = client.open(server.url + "/counter", window_id=4)
    assert fourth.view_id is None and fourth.errors[-1][0] == ErrorCode.TOO_MANY_VIEWS
    client.open(server.url + "/", window_id=1, wait_for="Conformance app")  # one view ends
    other = protocol(server, headers=session_cookie(server))  # another session is not limited
    other.open(server.url + "/counter", wait_for="Count: 0")


def test_a_client_too_slow_to_read_is_disconnected(server_with, protocol):
    server = server_with(MAX_PENDING_MESSAGES=100)
    client = protocol(server)
    client.send([2, 1, server.url + "/flood?count=200000", None, None])
    with pytest.raises(Closed) as closed:  # reading only now, long after the flood began
        client.wait(lambda: False, timeout=60, what="the disconnect")
    assert closed.value.code == CloseCode.POLICY
    healthy = protocol(server)
    healthy.open(server.url + "/counter", wait_for="Count: 0")


def test_views_start_only_with_the_token_of_the_clients_own_page(protocol, lona_server):
    from lona.testing.pages import page_session

    forged = protocol(page=False)  # no page loaded: no token
    window = forged.open(lona_server.url + "/counter")
    assert window.view_id is None and window.errors[-1][0] == ErrorCode.PAGE_TOKEN
    _victim_headers, victim_token = page_session(lona_server.url)
    own_headers, _own_token = page_session(lona_server.url)
    # a token stolen from another session does not fit this session's cookie
    thief = protocol(headers=own_headers, page=False, hello=False)
    thief.page_token = victim_token
    thief.hello()
    window = thief.open(lona_server.url + "/counter")
    assert window.view_id is None and window.errors[-1][0] == ErrorCode.PAGE_TOKEN
    honest = protocol()
    honest.open(lona_server.url + "/counter", wait_for="Count: 0")


def test_a_page_of_the_same_host_without_tls_can_not_drive_an_https_app(protocol, lona_server):
    # behind a TLS proxy on this machine (a trusted one), which says the client used https
    behind_tls = {"X-Forwarded-Proto": "https"}
    plain = lona_server.url  # http://127.0.0.1:port: a page anyone on the network can change
    insecure = protocol(headers={**behind_tls, "Origin": plain}, hello=False)
    with pytest.raises(Closed) as closed:
        insecure.hello()
    assert closed.value.code == CloseCode.POLICY
    secure_origin = plain.replace("http://", "https://")
    secure = protocol(headers={**behind_tls, "Origin": secure_origin})
    secure.open(lona_server.url + "/counter", wait_for="Count: 0")


def test_a_forwarded_host_counts_only_from_a_trusted_proxy(server_with, protocol, lona_server):
    forged = {"Origin": "http://evil.example", "X-Forwarded-Host": "evil.example"}
    server = server_with(TRUSTED_PROXIES=[])  # the test client is no proxy of this server
    client = protocol(server, headers=forged, hello=False)
    with pytest.raises(Closed) as closed:
        client.hello()
    assert closed.value.code == CloseCode.POLICY
    # from a proxy on this machine (trusted by default) it names the page's host
    proxied = {"Origin": "http://public.example", "X-Forwarded-Host": "public.example"}
    protocol(headers=proxied).open(lona_server.url + "/counter", wait_for="Count: 0")


def test_allowed_hosts_keep_out_pages_of_a_dns_rebinding_name(server_with, protocol):
    """evil.example resolves to this server: the victim's browser sends
    evil.example as Host and Origin, which match each other."""
    server = server_with(ALLOWED_HOSTS=["127.0.0.1"])
    rebound = f"evil.example:{server.port}"
    page = http_get(server.url + "/counter", headers={"Host": rebound})
    assert page.status == 400
    headers = {"Host": rebound, "Origin": f"http://{rebound}"}
    client = protocol(server, headers=headers, page=False, hello=False)
    with pytest.raises(Closed) as closed:
        client.hello()
    assert closed.value.code == CloseCode.POLICY
    own = protocol(server)  # the allowed host works as ever
    own.open(server.url + "/counter", wait_for="Count: 0")


def test_sync_views_in_threads_are_bounded_across_all_sessions(server_with, protocol):
    """Sessions are free, so MAX_VIEWS_PER_SESSION bounds no attacker: sync
    views parked in their threads have a bound of their own, for everyone."""
    server = server_with(MAX_SYNC_VIEWS=4, FIRST_CONTENT_TIMEOUT=0)
    for _ in range(4):  # four sessions, a thread each
        protocol(server).open(server.url + "/await-click", wait_for="waiting")
    late = protocol(server)
    refused = late.open(server.url + "/await-click")
    assert refused.view_id is None and refused.errors[-1][0] == ErrorCode.TOO_MANY_VIEWS
    # async views wait without a thread: the bound is not theirs
    late.open(server.url + "/async-await-click", window_id=2, wait_for="waiting")
