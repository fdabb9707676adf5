"""The demo: a counter with a button, and a view that counts by itself.

python examples/demo/app.py        # then open http://localhost:8080
"""

from lona import App, View
from lona.html import H1, HTML, A, Button, Div, P, Span

app = App(__file__)
app.settings.CLIENT_TITLE = "lona-live demo"


@app.route("/")
class Index(View):
    def handle_request(self, request):
        return HTML(
            H1("lona-live demo"),
            P(A("A counter with a button", href="/counter")),
            P(A("A view that counts by itself", href="/count")),
        )


@app.route("/counter")
class Counter(View):
    """Callback style: handle_request returns, the button's handler does the rest."""

    def increment(self, input_event):
        self.count.set_text(int(self.count.get_text()) + 1)

    def handle_request(self, request):
        self.count = Span("0", _id="count")
        return HTML(
            H1("Counter"),
            Div("Count: ", self.count),
            Button("+1", _id="increment", handle_click=self.increment),
            P(A("Back", href="/")),
        )


@app.route("/count")
class LongRunning(View):
    """Long-running style: handle_request loops, sleeps, and shows each step."""

    def handle_request(self, request):
        self.running = True
        counter = Span("0", _id="count")
        status = Span("counting", _id="status")
        html = HTML(
            H1("Counting by itself"),
            Div("Count: ", counter, " (", status, ")"),
            Button("Stop", _id="stop", handle_click=self.stop),
            P(A("Back", href="/")),
        )
        count = 0
        while self.running:
            self.show(html)
            self.sleep(1)
            count += 1
            counter.set_text(count)
        status.set_text("stopped")
        return html

    def stop(self, input_event):
        self.running = False


if __name__ == "__main__":
    app.run()
