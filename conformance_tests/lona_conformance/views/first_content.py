"""Views for first content: the page load shows the view, the websocket adopts it.

Each records ``handle_request`` (under ``?name=``), so tests can count its runs.

* ``/first-content``: markup that has to survive the trip through HTML and
  back: adjacent and empty text nodes, raw HTML, a textarea, a widget, and
  with ``?table=1`` a table with bare rows (the parser adds a ``<tbody>``:
  the client must notice and take the tree instead).  "change" changes every
  text node.
* ``/late-content``: shows nothing until ``?delay=`` seconds have passed,
  longer than the page load waits.
* ``/page-load-redirect``: redirects before it shows anything.
* ``/early-messages``: sends custom messages (``send_str``) before and after
  it shows its content, all before any websocket can have attached.
"""

from __future__ import annotations

import time
from typing import Any

from lona import App, RedirectResponse
from lona.html import HTML, Button, Div, RawHTML, Span, Table, Td, TextArea, TextNode, Tr
from lona.input_event import InputEvent
from lona_conformance.recording import RecordingView, record
from lona_conformance.views.rendering import ConformanceWidget

__all__ = ["add_routes"]


class _Recorded(RecordingView):
    def handle_request(self, request: Any) -> Any:
        record("handle_request", name=self.name)
        return self.content(request)

    def content(self, request: Any) -> Any:
        raise NotImplementedError


class FirstContent(_Recorded):
    def content(self, request: Any) -> Any:
        self.first, self.second = Span("one", _id="first"), Span(_id="second")
        self.second.append("a")
        self.second.append("")  # an empty text node between two others
        self.second.append("b")
        self.count = Span("0", _id="count")
        parts: list[Any] = [
            Div(self.first, self.second, _id="texts"),
            RawHTML("<b id='raw'>raw <i>html</i></b>"),
            TextArea(value="line 1\nline 2", _id="area"),
            ConformanceWidget(_id="first-widget"),
            Div("Count: ", self.count),
            Button("change", _id="change", handle_click=self.change),
        ]
        if request.GET.get("table"):
            parts.append(Table(Tr(Td("cell", _id="cell")), _id="table"))
        return HTML(*parts)

    def change(self, input_event: InputEvent) -> None:
        self.first.set_text("ONE")
        for node, text in zip(self.second.nodes, ("A", "-", "B"), strict=True):
            assert isinstance(node, TextNode)
            node.set_text(text)
        self.count.set_text(int(self.count.get_text()) + 1)


class LateContent(_Recorded):
    def content(self, request: Any) -> Any:
        self.sleep(float(request.GET.get("delay", "1")))
        self.count = Span("0", _id="count")
        return HTML(Div("late: ", self.count), Button("+1", _id="increment", handle_click=self.add))

    def add(self, input_event: InputEvent) -> None:
        self.count.set_text(int(self.count.get_text()) + 1)


class PageLoadRedirect(_Recorded):
    def content(self, request: Any) -> Any:
        time.sleep(0.01)
        return RedirectResponse("/counter")


class EarlyMessages(_Recorded):
    def content(self, request: Any) -> Any:
        self.send_str("before the content")
        html = HTML(Div("early messages", _id="early"))
        self.show(html)
        self.send_str("after the content")
        self.send_str("when handle_request returns")
        return html


def add_routes(app: App) -> None:
    app.route("/first-content")(FirstContent)
    app.route("/late-content")(LateContent)
    app.route("/page-load-redirect")(PageLoadRedirect)
    app.route("/early-messages")(EarlyMessages)
