"""The benchmark app, one file for both servers.

It is written against Lona's API only, so the same views run on lona-live
(``python counter_app.py --adapter NAME --host H --port P``) and on the real
Lona 1.16 in its own virtual environment (``python counter_app.py --host H
--port P [-O MAX_RUNTIME_THREADS=N]``).  Routes:

* ``/counter`` and ``/idle-callback``: callback style, a click increments a Span;
* ``/idle-sync``: a sync long-running view blocked in ``self.await_click()``;
* ``/idle-async``: an async view parked in ``await self.await_click()``
  (lona-live only: Lona has no async views).
"""

import importlib.util

from _rlimit import raise_nofile_limit

from lona import App, View
from lona.html import H1, HTML, Button, Span

ASYNC_VIEWS = importlib.util.find_spec("lona.adapter") is not None  # lona-live's core

app = App(__file__)
# closed-loop load clicks far faster than a person: no input-event rate limit
# (an unknown setting to Lona, which ignores it)
app.settings.MAX_INPUT_EVENTS_PER_SECOND = 0
app.settings.MAX_VIEWS_PER_SESSION = 0


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

if __name__ == "__main__":
    raise_nofile_limit()
    app.run()
