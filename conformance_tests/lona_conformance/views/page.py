"""Views for page-level features: the title, custom messages, browser history,
and a tree rebuilt from scratch on every click."""

from __future__ import annotations

from typing import Any

from lona import App, View
from lona.html import H1, HTML, A, Button, Div, Li, P, Span, Ul
from lona.input_event import InputEvent
from lona.static_files import StyleSheet

__all__ = ["add_routes"]


class PageFeatures(View):
    STATIC_FILES = [StyleSheet("page-features-css", "static/view.css", url="conformance/view.css")]

    def handle_request(self, request: Any) -> Any:
        self.clicks = 0
        self.set_title("first title")
        return HTML(
            H1("Page features"),
            Button("set title", _id="set-title", handle_click=self.set_title_clicked),
            Button("send string", _id="send-string", handle_click=self.send_clicked),
            Button("show with title", _id="show-title", handle_click=self.show_with_title),
        )

    def set_title_clicked(self, input_event: InputEvent) -> None:
        self.clicks += 1
        self.set_title(f"title {self.clicks}")

    def send_clicked(self, input_event: InputEvent) -> None:
        self.send_str("custom: hello from the view")

    def show_with_title(self, input_event: InputEvent) -> None:
        self.show(HTML(H1("shown again"), Div("with a title", _id="shown")), title="shown title")


class History(View):
    """Pages linking to each other: /history/1 -> /history/2 -> /history/3."""

    def handle_request(self, request: Any) -> Any:
        number = int(request.match_info["number"])
        return HTML(
            H1(f"History page {number}", _id="heading"),
            P(A("next", href=f"/history/{number + 1}", _id="next")),
        )


class Rebuild(View):
    """Rebuilds a tree of about 10,000 nodes on every click and shows it."""

    def handle_request(self, request: Any) -> Any:
        self.version = 0
        return self.tree()

    def tree(self) -> Any:
        rows = [
            Li(Span(f"row {i}"), Span(str(self.version) if i == 1234 else "-"), _class="row")
            for i in range(2500)
        ]
        return HTML(
            H1("Rebuild"),
            Button("rebuild", _id="rebuild", handle_click=self.rebuild),
            Ul(*rows, _id="rows"),
        )

    def rebuild(self, input_event: InputEvent) -> None:
        self.version += 1
        self.show(self.tree())


def add_routes(app: App) -> None:
    app.route("/page-features")(PageFeatures)
    app.route("/history/<number:[0-9]+>")(History)
    app.route("/rebuild")(Rebuild)
