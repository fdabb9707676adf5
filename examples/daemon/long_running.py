"""The seed's long-running daemon view: it counts to a limit on its own, shows
progress and a log, and a Stop button asks for confirmation in a dialog.
Close the tab and come back: it kept counting.

    python examples/daemon/long_running.py [--adapter aiohttp|tornado|flask]
"""

from lona import App, View
from lona.html import H1, H3, HTML, Button, Dialog, Div, Label, NumberInput, P, Pre, Progress, Style

app = App(__file__)
app.settings.CLIENT_TITLE = "Long-running view"

STYLE = Style("""
    body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; }
    button { padding: 0.3rem 1rem; }
    progress { width: 100%; height: 1.5rem; }
    pre { background: #f4f4f4; padding: 0.5rem; overflow: auto; }
    dialog { border: 1px solid #999; border-radius: 0.5rem; padding: 1rem 1.5rem; }
    .row { display: flex; gap: 1rem; align-items: center; }
""")


class Modal(Dialog):
    """A confirmation dialog shown and hidden from the server."""

    def open(self):
        self.attributes["open"] = True

    def close(self):
        if "open" in self.attributes:
            del self.attributes["open"]


@app.route("/")
class Index(View):
    def open_modal(self, input_event):
        with self.html.lock:
            self.modal.nodes = [
                H3("Stop Counter"),
                P("Are you sure you want to stop the counter?"),
                Div(
                    Button("Cancel", _id="cancel", handle_click=lambda i: self.modal.close()),
                    Button("Stop", _id="confirm-stop", handle_click=self.stop_counter),
                    _class="row",
                ),
            ]
            self.modal.open()

    def stop_counter(self, input_event):
        self.modal.close()
        self.running = False

    def handle_request(self, request):
        # daemonize view
        self.is_daemon = True

        # wait for start
        self.limit = NumberInput(value=10, min=1, _id="limit")

        self.html = HTML(
            STYLE,
            H1("Counter"),
            Div(Label("Limit ", self.limit), Button("Start", _id="start"), _class="row"),
        )

        self.await_click(html=self.html)

        # count to limit
        self.running = True
        self.modal = Modal(_id="modal")
        limit = max(1, int(self.limit.value or 10))

        progress = Progress(value=0, max=100, _id="progress")
        pre = Pre(_id="log", style={"height": f"{limit + 4}em"})

        self.html = HTML(
            STYLE,
            H1("Counter"),
            progress,
            pre,
            Button("Stop", _id="stop", handle_click=self.open_modal, style={"float": "right"}),
            self.modal,
        )

        for i in range(1, limit + 1):
            # check if view should stop
            if not self.running:
                pre.write_line("view stopped")
                self.show(self.html)

                return

            progress.attributes["value"] = round(100 / limit * i)
            pre.write_line(f"Counting to {i}")

            self.show(self.html)
            self.sleep(1)

        # finish
        pre.write_line("finish")

        return self.html


if __name__ == "__main__":
    app.run()
