"""An ordinary aiohttp application with live views mounted under /live.

python examples/embedding/aiohttp_app.py --port 8080
# http://localhost:8080/ is aiohttp's own page, /live/ is the live counter
"""

import argparse

from aiohttp import web

from lona import App, View
from lona.html import H1, HTML, A, Button, Div, Span
from lona_aiohttp import setup

live = App(__file__)


@live.route("/")
class LiveCounter(View):
    def handle_request(self, request):
        self.count = Span("0", _id="count")
        return HTML(
            H1("A live view inside aiohttp"),
            Div("Count: ", self.count),
            Button("+1", _id="increment", handle_click=self.increment),
            Div(A("another live view", href="/live/second", _id="second-link")),
        )

    def increment(self, input_event):
        self.count.set_text(int(self.count.get_text()) + 1)


@live.route("/second")
class Second(View):
    def handle_request(self, request):
        return HTML(H1("The second live view"), A("back", href="/live/", _id="back"))


async def host_index(request):
    return web.Response(
        text="<h1>Hello from aiohttp</h1><a href='/live/'>live</a>", content_type="text/html"
    )


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/", host_index)
    setup(live, app, prefix="/live")
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=8080)
    arguments = parser.parse_args()
    web.run_app(create_app(), host=arguments.host, port=arguments.port)
