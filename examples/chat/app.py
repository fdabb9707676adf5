"""A multi-user chat: every user sees everyone's messages live, through channels.

    python examples/chat/app.py [--adapter aiohttp|tornado|flask]

With ``-o CHANNEL_BACKEND=redis://127.0.0.1:6379/0`` several server
processes share one chat (see docs/deployment.md).
"""

import time

from lona import App, Channel, View
from lona.html import H1, HTML, Button, Form, Li, Span, Strong, Style, TextInput, Ul

app = App(__file__)
app.settings.CLIENT_TITLE = "Chat"

TOPIC = "chat.messages"
HISTORY = 50

STYLE = Style("""
    body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; }
    #messages { list-style: none; padding: 0; min-height: 10rem; }
    #messages li { padding: 0.2rem 0; }
    .time { color: #888; font-size: 0.8em; margin-right: 0.5rem; }
    input { padding: 0.3rem; width: 60%; }
""")


def keep_history(server):
    """Keep the last messages of this process for users who join later: one
    subscriber per server process, made by the first view."""
    state = server.state

    def remember(message):
        with state.lock:
            state["history"] = [*state.get("history", []), message.data][-HISTORY:]

    with state.lock:
        if "history_channel" not in state:
            state["history_channel"] = Channel(TOPIC, remember, server=server)


@app.route("/")
class Chat(View):
    def handle_request(self, request):
        self.name = TextInput(placeholder="your name", _id="name", input_delay=0)
        self.text = TextInput(placeholder="a message", _id="text", input_delay=0)
        self.messages = Ul(_id="messages")
        keep_history(self.server)
        with self.server.state.lock:
            for data in self.server.state.get("history", []):
                self.messages.append(self.render(data))
        self.subscribe(TOPIC, self.received)
        return HTML(
            STYLE,
            H1("Chat"),
            self.messages,
            Form(
                self.name, " ", self.text, " ", Button("Send", _id="send", handle_click=self.send)
            ),
        )

    def render(self, data):
        clock = time.strftime("%H:%M:%S", time.localtime(data["time"]))
        return Li(Span(clock, _class="time"), Strong(data["name"]), ": ", data["text"])

    def received(self, message):
        self.messages.append(self.render(message.data))

    def send(self, input_event):
        text = self.text.value.strip()
        if not text:
            return
        name = self.name.value.strip() or "anonymous"
        Channel(TOPIC).send({"name": name, "text": text, "time": time.time()})
        self.text.value = ""


@app.route("/health", interactive=False)
class Health(View):
    def handle_request(self, request):
        return "ok"


if __name__ == "__main__":
    app.run()
