"""The seed's short-running daemon view: a counter and a text area that stay in
sync in every tab of the same user, and survive reloads.

    python examples/daemon/short_running.py [--adapter aiohttp|tornado|flask]
"""

from lona import App, View
from lona.html import H1, HTML, Br, Button, Div, Span, Style, TextArea

app = App(__file__)
app.settings.CLIENT_TITLE = "Daemonized view"

STYLE = Style("""
    body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; }
    button { padding: 0.3rem 1rem; }
    textarea { width: 100%; height: 6rem; margin-top: 1rem; }
""")


@app.route("/")
class Index(View):
    STOP_DAEMON_WHEN_VIEW_FINISHES = False

    def handle_button_click(self, input_event):
        with self.html.lock:
            span = self.html.query_selector("span#counter")
            span.set_text(int(span.get_text()) + 1)

    def handle_request(self, request):
        # daemonize view: every tab of this user shows this one view
        self.is_daemon = True

        self.html = HTML(
            STYLE,
            H1("Daemonized View"),
            Div(
                "Counter: ",
                Span("10", _id="counter"),
                " ",
                Button("Increment", _id="increment", handle_click=self.handle_button_click),
                Br(),
                Br(),
            ),
            TextArea(placeholder="TextArea", _id="text"),
        )

        return self.html


if __name__ == "__main__":
    app.run()
