"""The demo: what lona-live does, on one page.

    scripts/demo                       # or: python examples/demo/app.py
    # then open http://localhost:8080 (and a second tab, for the chat)

Four cards, each a few lines of Python in one view:

* a counter: a click, a handler, a changed number;
* a form that checks what you type as you type it, and saves slowly (the
  Save button reads "Saving…" and ignores clicks meanwhile);
* a job that runs beside the page with a progress bar and a Stop button
  (``@background``: the page keeps answering while it runs);
* a chat between every tab that has the demo open (a channel).

Run it with ``--debug`` and click "Break it" to see an error in the page.
"""

import re
import threading
import time

from lona import App, Channel, View, background
from lona.html import (
    H1,
    H2,
    HTML,
    Button,
    Div,
    Footer,
    Form,
    Header,
    Label,
    Li,
    Main,
    P,
    Section,
    Span,
    Strong,
    TextInput,
    Ul,
)

app = App(__file__)
app.settings.CLIENT_TITLE = "lona-live demo"
app.settings.TEMPLATE_DIRS = ["templates"]
app.settings.STATIC_DIRS = ["static"]
app.settings.FRONTEND_TEMPLATE = "demo.html"

CHAT = "demo.chat"
HISTORY = 12
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def card(title, *content, _id):
    return Section(H2(title), *content, _class="card", _id=_id)


def chat_history(server):
    """The last messages, kept by one subscriber per server for tabs that open later."""
    state = server.state

    def remember(message):
        with state.lock:
            state["history"] = [*state.get("history", []), message.data][-HISTORY:]

    with state.lock:
        if "history_channel" not in state:
            state["history_channel"] = Channel(CHAT, remember, server=server)
        return list(state.get("history", []))


@app.route("/")
class Demo(View):
    def handle_request(self, request):
        self.set_title("lona-live demo")
        return HTML(
            Header(
                H1("lona-live"),
                P("Interactive pages in pure Python: every card below is server-side code."),
                _class="hero",
            ),
            Main(self.counter(), self.form(), self.job(), self.chat(), _class="grid"),
            Footer(
                "Built with lona-live. ",
                Button("Break it", _id="break", _class="ghost", handle_click=self.break_it),
                " shows an error (in the page with --debug).",
            ),
        )

    # a counter ##############################################################

    def counter(self):
        self.count = Span("0", _id="count", _class="big")
        return card(
            "Counter",
            P("A click runs a Python method; only the changed number travels."),
            Div(
                Button("\u2212", _id="decrement", handle_click=lambda event: self.add(-1)),
                self.count,
                Button("+", _id="increment", handle_click=lambda event: self.add(1)),
                _class="counter",
            ),
            _id="counter-card",
        )

    def add(self, step):
        self.count.set_text(int(self.count.get_text()) + step)

    # a form with live validation ############################################

    def form(self):
        self.name = TextInput(_id="name", placeholder="Ada Lovelace", handle_change=self.check)
        self.email = TextInput(_id="email", placeholder="ada@example.org", handle_change=self.check)
        self.name_error = Span("", _id="name-error", _class="error")
        self.email_error = Span("", _id="email-error", _class="error")
        self.save_button = Button(
            "Save",
            _id="save",
            disabled=True,
            handle_click=self.save,
            data_lona_disable_with="Saving…",
        )
        self.form_result = P("", _id="form-result", _class="result")
        return card(
            "Live validation",
            P("Checked on the server as you type."),
            Form(
                Label("Name", self.name, self.name_error),
                Label("Email", self.email, self.email_error),
                self.save_button,
            ),
            self.form_result,
            _id="form-card",
        )

    def check(self, input_event=None):
        name, email = self.name.value.strip(), self.email.value.strip()
        self.name_error.set_text("" if len(name) >= 2 or not name else "at least 2 letters")
        self.email_error.set_text("" if EMAIL.match(email) or not email else "not an email yet")
        valid = len(name) >= 2 and bool(EMAIL.match(email))
        self.save_button.disabled = not valid
        return valid

    def save(self, input_event):
        if not self.check():
            return
        time.sleep(1.2)  # a slow database: the button shows it is busy meanwhile
        self.form_result.set_text(f"Saved {self.name.value.strip()} <{self.email.value.strip()}>")

    # a long-running job #####################################################

    def job(self):
        self.stop_job = threading.Event()
        self.bar = Div(_class="bar-fill", style={"width": "0%"})
        self.job_status = Span("idle", _id="job-status")
        self.start_button = Button("Start", _id="start", handle_click=self.run_job)
        self.stop_button = Button(
            "Stop", _id="stop", disabled=True, _class="ghost", handle_click=self.stop
        )
        return card(
            "A long job",
            P("Runs beside the page: the other cards stay usable."),
            Div(self.bar, _class="bar", _id="progress"),
            P(self.job_status),
            Div(self.start_button, self.stop_button, _class="row"),
            _id="job-card",
        )

    @background
    def run_job(self, input_event):
        self.stop_job.clear()
        self.start_button.disabled = True
        self.stop_button.disabled = False
        for percent in range(0, 101, 2):
            if self.stop_job.is_set():
                self.job_status.set_text(f"stopped at {percent}%")
                break
            self.bar.style["width"] = f"{percent}%"
            self.job_status.set_text(f"working… {percent}%")
            self.show()
            self.stop_job.wait(0.2)  # a step of real work
        else:
            self.job_status.set_text("done")
        self.start_button.disabled = False
        self.stop_button.disabled = True

    def stop(self, input_event):
        self.stop_job.set()

    # a chat between tabs ####################################################

    def chat(self):
        self.messages = Ul(_id="messages")
        for data in chat_history(self.server):
            self.messages.append(self.message(data))
        self.subscribe(CHAT, self.received)
        self.chat_name = TextInput(_id="chat-name", placeholder="your name", input_delay=0)
        self.chat_text = TextInput(_id="chat-text", placeholder="say hello", input_delay=0)
        return card(
            "Chat",
            P("Open a second tab: every tab gets each message at once."),
            self.messages,
            Form(
                self.chat_name,
                self.chat_text,
                Button("Send", _id="send", handle_click=self.send),
                _class="row",
            ),
            _id="chat-card",
        )

    def message(self, data):
        return Li(Strong(data["name"]), " ", data["text"])

    def received(self, message):
        self.messages.append(self.message(message.data))
        while len(self.messages.nodes) > HISTORY:
            self.messages.nodes[0].remove()

    def send(self, input_event):
        text = self.chat_text.value.strip()
        if text:
            name = self.chat_name.value.strip() or "someone"
            Channel(CHAT).send({"name": name, "text": text})
            self.chat_text.value = ""

    # an error ###############################################################

    def break_it(self, input_event):
        return 1 / 0


if __name__ == "__main__":
    app.run()
