"""The benchmark app, one file for both servers.

It is written against Lona's API only, so the same views run on lona-live
(``python counter_app.py --adapter NAME --host H --port P``) and on the real
Lona 1.16 in its own virtual environment (``python counter_app.py --host H
--port P [-O MAX_RUNTIME_THREADS=N]``).  Routes:

* ``/counter`` and ``/idle-callback``: callback style, a click increments a Span;
* ``/idle-sync``: a sync long-running view blocked in ``self.await_click()``;
* ``/idle-async``: an async view parked in ``await self.await_click()``
  (lona-live only: Lona has no async views);
* ``/tree?rows=N``: a report of 3N + 7 nodes; ``#increment`` changes one text,
  ``#many`` changes one text 1,000 times, ``#rebuild`` shows a freshly built
  tree that differs in one text;
* ``/subscriber``: shows the last channel message of the ``fanout`` topic;
  ``/publisher?count=N&start=S``: each click sends N messages to it,
  numbered on from S.
"""

import importlib.util

from _rlimit import raise_nofile_limit

from lona import App, View
from lona.channels import Channel
from lona.html import H1, HTML, Button, Div, Li, Span, Ul

ASYNC_VIEWS = importlib.util.find_spec("lona.adapter") is not None  # lona-live's core

app = App(__file__)
# closed-loop load clicks far faster than a person: no input-event rate limit
# (an unknown setting to Lona, which ignores it)
app.settings.MAX_INPUT_EVENTS_PER_SECOND = 0
app.settings.MAX_MESSAGES_PER_SECOND = 0
app.settings.MAX_VIEWS_PER_SESSION = 0
# the idle scenario parks 10,000 sync views, each in a thread
app.settings.MAX_SYNC_VIEWS = 0


def counter_page(count: Span, button: Button) -> HTML:
    return HTML(H1("Counter"), count, button)


def increment(count: Span) -> None:
    count.set_text(int(count.get_text()) + 1)


@app.route("/counter")
class Counter(View):
    def handle_request(self, request):
        self.count = Span("0", _id="count")
        button = Button("+1", _id="increment", handle_click=lambda event: increment(self.count))
        return counter_page(self.count, button)


app.route("/idle-callback")(Counter)


@app.route("/idle-sync")
class IdleSync(View):
    def handle_request(self, request):
        count, button = Span("0", _id="count"), Button("+1", _id="increment")
        html = counter_page(count, button)
        while True:
            self.await_click(button, html=html)
            increment(count)


class IdleAsync(View):
    async def handle_request(self, request):
        count, button = Span("0", _id="count"), Button("+1", _id="increment")
        html = counter_page(count, button)
        while True:
            await self.await_click(button, html=html)
            increment(count)


if ASYNC_VIEWS:
    app.route("/idle-async")(IdleAsync)

TREE_ROWS = 3333  # 3 nodes a row: with the frame, a tree of 10,006 nodes
CHANGES = 1000  # changes of one node before the flush


@app.route("/tree")
class Tree(View):
    def handle_request(self, request):
        self.rows = int(request.GET.get("rows", TREE_ROWS))
        self.clicks = 0
        return self.build()

    def build(self, changed=None):
        rows = [Li(Span(f"row {i}"), _class="row") for i in range(self.rows)]
        if changed is not None:
            rows[self.rows // 2] = Li(Span(changed), _class="row")
        self.text = Span("0", _id="text")
        return HTML(
            H1("Report"),
            Div(self.text),
            Button("one", _id="increment", handle_click=self.one),
            Button("many", _id="many", handle_click=self.many),
            Button("rebuild", _id="rebuild", handle_click=self.rebuild),
            Ul(*rows),
        )

    def one(self, input_event):
        self.clicks += 1
        self.text.set_text(str(self.clicks))

    def many(self, input_event):
        self.clicks += 1
        for number in range(CHANGES):
            self.text.set_text(f"{self.clicks}.{number}")
        self.text.set_text(str(self.clicks))

    def rebuild(self, input_event):
        self.clicks += 1
        html = self.build(changed=f"changed {self.clicks}")
        self.text.set_text(str(self.clicks))
        self.show(html)


TOPIC = "fanout"


@app.route("/subscriber")
class Subscriber(View):
    def handle_request(self, request):
        self.last = Span("0", _id="count")
        self.subscribe(TOPIC, self.received)
        return HTML(Div("last message: ", self.last), Button("-", _id="increment"))

    def received(self, message):
        self.last.set_text(str(message.data["n"]))


@app.route("/publisher")
class Publisher(View):
    def handle_request(self, request):
        self.count = int(request.GET.get("count", "20"))
        self.next = int(request.GET.get("start", "1"))
        self.sent = Span("0", _id="count")
        button = Button("send", _id="increment", handle_click=self.send)
        return HTML(Div("last sent: ", self.sent), button)

    def send(self, input_event):
        for number in range(self.next, self.next + self.count):
            Channel(TOPIC).send({"n": number})
        self.next += self.count
        self.sent.set_text(str(self.next - 1))


if __name__ == "__main__":
    raise_nofile_limit()
    app.run()
