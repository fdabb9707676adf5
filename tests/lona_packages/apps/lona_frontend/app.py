"""An app whose frontend is Lona's own ``lona/frontend.html`` (Lona 1.16.2's default).

``LONA_TEMPLATES`` names a folder of templates fetched from Lona's wheel at
test time: only its frontend template, or all of Lona's templates (its
script and style tags too).  Our ``templates/lona/frontend.js`` adds hooks,
as Lona's documentation tells users to; ``legacy-widget.js`` is a widget
written for Lona's older widget API.
"""

import os

from lona import App, View
from lona.html import H1, HTML, Button, Div, Node, Span
from lona.static_files import Script

app = App(__file__)
app.settings.TEMPLATE_DIRS = ["templates", os.environ["LONA_TEMPLATES"]]


class LegacyWidget(Node):
    WIDGET = "LegacyWidget"
    STATIC_FILES = [Script(name="legacy-widget", path="legacy-widget.js")]


@app.route("/")
class Index(View):
    def handle_request(self, request):
        self.count = Span("0", _id="count")
        self.widget = LegacyWidget(_id="widget", widget_data={"label": "first"})
        self.log = Div(_id="log")
        return HTML(
            H1("Lona frontend"),
            self.count,
            Button("+1", _id="increment", handle_click=self.increment),
            Button("relabel", _id="relabel", handle_click=self.relabel),
            Button("message", _id="message", handle_click=self.message),
            Button("remove", _id="remove", handle_click=self.remove),
            self.widget,
            self.log,
        )

    def increment(self, input_event):
        self.count.set_text(int(self.count.get_text()) + 1)

    def relabel(self, input_event):
        self.widget.widget_data["label"] = "second"

    def message(self, input_event):
        self.send_str("custom: hello")

    def remove(self, input_event):
        self.widget.remove()

    def handle_input_event(self, input_event):
        self.log.append(Div(f"{input_event.name}:{input_event.data}", _class="entry"))


if __name__ == "__main__":
    app.run()
