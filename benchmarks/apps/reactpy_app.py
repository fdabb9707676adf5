"""The benchmark's counter as a ReactPy 1.1 app on Tornado (ReactPy's own Tornado backend).

``python reactpy_app.py --host H --port P`` in ReactPy's virtual environment.
Every path serves the same page (ReactPy 1.1 serves one root component); its
websocket is ``/_reactpy/stream/<path>``.  The markup matches the other
servers' counter: ``#count`` and the ``#increment`` button.
"""

import asyncio

import tornado.web
from _echo_args import parse_address
from _rlimit import raise_nofile_limit
from reactpy import component, hooks, html
from reactpy.backend import tornado as reactpy_tornado
from tornado.httpserver import HTTPServer


@component
def Counter():  # type: ignore[no-untyped-def]
    count, set_count = hooks.use_state(0)
    return html.div(
        html.h1("Counter"),
        html.span({"id": "count"}, str(count)),
        html.button(
            {"id": "increment", "on_click": lambda event: set_count(lambda n: n + 1)}, "+1"
        ),
    )


async def serve(host: str, port: int) -> None:
    app = tornado.web.Application()
    reactpy_tornado.configure(app, Counter)
    server = HTTPServer(app)
    server.listen(port, address=host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    raise_nofile_limit()
    asyncio.run(serve(*parse_address()))
