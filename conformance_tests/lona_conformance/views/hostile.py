"""Hostile strings rendered every way a view can render data, for the escaping test."""

from __future__ import annotations

from typing import Any

from lona import App, View
from lona.html import H1, HTML, A, Button, Div, Span, TextArea, TextInput

__all__ = ["CORPUS", "add_routes"]

# Each would set window.pwned (or open a dialog) if it ever became markup or code.
CORPUS = [
    "<script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 1">',
    '"><svg onload="window.pwned = 1">',
    '\'><iframe src="javascript:parent.pwned = 1"></iframe>',
    "</textarea><script>window.pwned = 1</script>",
    "</title><script>window.pwned = 1</script>",
    "javascript:window.pwned = 1",
    " JaVaScRiPt:window.pwned = 1",
    "data:text/html,<script>parent.pwned = 1</script>",
    "<a href=javascript:alert(1)>click</a>",
    "{{ 7 * 7 }} {% raw %} ${7*7}",
    "&lt;b&gt;entities&amp;stay&quot;text",
    "\u202eright-to-left <b>override</b>",
    "<!-- comment -->",
    "<style>body { display: none }</style>",
]


class Hostile(View):
    def handle_request(self, request: Any) -> Any:
        self.rows = Div(_id="rows")
        self.fill("initial")
        self.set_title(CORPUS[5])
        return HTML(
            H1("Hostile strings"), self.rows, Button("again", _id="again", handle_click=self.again)
        )

    def fill(self, phase: str) -> None:
        self.rows.nodes = [
            Div(
                Span(text, _class="text"),
                Span("t", title=text, data_value=text, _class="attribute"),
                TextInput(value=text, _class="input"),
                TextArea(value=text, _class="textarea"),
                A("link", href=text, _class="link"),
                _class="row",
                data_phase=phase,
            )
            for text in CORPUS
        ]

    def again(self, input_event: Any) -> None:
        self.fill("patched")  # the same strings again, through patches this time


def add_routes(app: App) -> None:
    app.route("/hostile")(Hostile)
