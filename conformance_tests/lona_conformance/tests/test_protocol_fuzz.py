"""Protocol fuzzing: malformed, truncated, wrongly typed, out-of-order and
foreign-id messages over a real websocket.

For every generated message the server must answer it (an ERROR for
anything wrong) and stay alive: a PING after it gets its PONG on the same
connection, and a witness view on another connection keeps counting clicks.
Strings include lone surrogates (valid JSON escapes no UTF-8 encoder takes),
numbers include NaN and Infinity (which no browser sends).
``LONA_FUZZ_EXAMPLES`` sets the number of cases per adapter (10,000 by default).

The fuzzer sends as fast as the server answers, far beyond what a browser
sends, so its server runs without the per-connection message budget
(``MAX_MESSAGES_PER_SECOND``, tested on its own in ``test_protocol_floods``).
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lona.protocol import (
    PROTOCOL_VERSION,
    ClientMessage,
    CloseCode,
    ErrorCode,
    EventType,
    ServerMessage,
)
from lona.testing.client import Closed
from lona_conformance.server_process import ServerProcess

EXAMPLES = int(os.environ.get("LONA_FUZZ_EXAMPLES", "10000"))

# text of any code point, lone surrogates (category Cs) included, and often
lone_surrogates = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
any_text = st.text(st.characters(exclude_categories=()), max_size=20) | st.tuples(
    st.text(max_size=6), lone_surrogates, st.text(max_size=6)
).map("".join)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | any_text,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=8) | any_text, children, max_size=5)
    ),
    max_leaves=20,
)
anything = st.integers(-5, 2**54) | st.text(max_size=10) | any_text | st.none() | json_values


def _message(kind: int, *fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(*fields).map(lambda items: [kind, *items])


structured = st.one_of(
    _message(ClientMessage.VIEW, anything, st.text(max_size=40) | anything, anything, anything),
    _message(
        ClientMessage.VIEW,
        st.integers(0, 50),
        st.sampled_from(["http://x/counter", "http://x/no/such", "http://x/", "/", ""]),
        st.none(),
        st.none(),
    ),
    _message(  # a view runs, with whatever text in its URL
        ClientMessage.VIEW,
        st.integers(0, 50),
        st.tuples(st.sampled_from(["http://x/no/such/", "http://x/counter?q="]), any_text).map(
            "".join
        ),
        st.none(),
        st.none(),
    ),
    _message(
        ClientMessage.EVENT,
        st.integers(0, 60),
        st.text(max_size=5) | anything,
        anything,
        st.sampled_from([*map(int, EventType), "custom", 0, -1, "", None]),
        anything,
        st.integers(0, 10_000) | anything,
        anything,
        anything,
    ),
    _message(ClientMessage.CLIENT_ERROR, anything, anything, anything),
    _message(ClientMessage.HELLO, st.just(PROTOCOL_VERSION), json_values),
    _message(ClientMessage.HELLO, anything, json_values),
    st.lists(anything, max_size=3).map(lambda items: [ClientMessage.LEAVE, *items]),
    st.tuples(st.integers(-3, 20), st.lists(anything, max_size=9)).map(
        lambda kind_items: [kind_items[0], *kind_items[1]]
    ),
    st.lists(anything, min_size=1, max_size=10),
)


def _encoded(message: list[object]) -> str:
    return json.dumps(message)  # escapes lone surrogates, writes NaN and Infinity as such


raw = st.one_of(
    structured.map(_encoded),
    structured.map(_encoded).flatmap(  # truncated somewhere inside
        lambda text: st.integers(1, max(1, len(text) - 1)).map(lambda cut: text[:cut])
    ),
    json_values.map(json.dumps),
    st.text(max_size=60),
)


class Fuzzed:
    """The fuzzed connection (replaced when a message rightly closed it) and a witness."""

    def __init__(self, server) -> None:
        self.server = server
        self.client = self.connect()
        self.witness = self.connect()
        self.window = self.witness.open(server.url + "/counter", wait_for="Count: 0")
        self.cases = 0
        self.clicks = 0

    def check_witness(self) -> None:
        """The other connection's view still answers (and its socket stays read)."""
        self.clicks += 1
        self.window.click(self.window.element(id="increment"))
        assert f"Count: {self.clicks}" in self.window.text()

    def connect(self):
        from lona.testing.client import ProtocolClient
        from lona.testing.pages import page_session
        from lona.testing.websocket import WebSocketClient

        headers, token = page_session(self.server.url)  # a real page's session and token
        client = ProtocolClient(WebSocketClient(self.server.ws_url, headers=headers), token)
        client.hello()
        return client


@pytest.fixture(scope="module")
def fuzz_server(adapter_name):
    settings = {"MAX_MESSAGES_PER_SECOND": 0}
    server = ServerProcess(adapter_name, env={"LONA_CONFORMANCE_SETTINGS": json.dumps(settings)})
    server.start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def fuzzed(fuzz_server):
    state = Fuzzed(fuzz_server)
    yield state
    state.client.close()
    state.witness.close()


def _wrong_hello(text: str) -> bool:
    try:
        message = json.loads(text)
    except ValueError:
        return False
    return (
        isinstance(message, list)
        and message[:1] == [ClientMessage.HELLO]
        and (message[1:2] != [PROTOCOL_VERSION])
    )


def _replies_must_come(text: str) -> bool:
    """LEAVE is a valid message that needs no answer, and a PING's answer is its
    PONG (which ping() waits for); everything else gets an answer of its own."""
    try:
        message = json.loads(text)
    except ValueError:
        return True
    if message == [ClientMessage.PING]:
        return False
    return not (
        isinstance(message, list)
        and message[:1] == [ClientMessage.LEAVE]
        and len(message) == 2
        and type(message[1]) is int
        and message[1] >= 0
    )


# ten thousand round trips, some of which start views: on a busy machine this
# takes longer than the suite's default timeout, which is meant for one case
@pytest.mark.timeout(max(120, EXAMPLES // 20))
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
@given(text=raw)
def test_bad_messages_get_an_answer_and_harm_nothing(fuzzed, text):
    fuzzed.cases += 1
    if fuzzed.cases % 500 == 0:
        fuzzed.check_witness()
    client = fuzzed.client
    before = len(client.log)
    try:
        client.send(text)
        client.ping()  # the server is alive and this connection works
    except Closed as closed:
        # only a HELLO of another protocol version ends a connection, by design
        assert _wrong_hello(text) and closed.code == CloseCode.POLICY, (text, closed)
        assert client.errors[-1][0] == ErrorCode.PROTOCOL_VERSION
        fuzzed.client = fuzzed.connect()
        return
    answers = [m for m in client.log[before:] if m[0] != ServerMessage.PONG]
    if _replies_must_come(text):
        assert answers, f"no answer to {text!r}"


def test_the_witness_view_kept_working(fuzzed):
    fuzzed.check_witness()
