"""A raw aiohttp websocket echo server: the ceiling of the aiohttp transport.

``python echo_aiohttp.py --host H --port P``; GET / answers "ok", /ws echoes,
and /static-counter is the counter page as plain HTML: the baseline of the
first-content scenario.
"""

from _echo_args import parse_address
from _rlimit import raise_nofile_limit
from aiohttp import WSMsgType, web


async def index(request: web.Request) -> web.Response:
    return web.Response(text="ok")


STATIC_COUNTER = """<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Counter</title></head>
  <body>
    <div><h1>Counter</h1><span id="count">0</span><button id="increment">+1</button></div>
  </body>
</html>
"""


async def static_counter(request: web.Request) -> web.Response:
    return web.Response(text=STATIC_COUNTER, content_type="text/html")


async def echo(request: web.Request) -> web.WebSocketResponse:
    websocket = web.WebSocketResponse()
    await websocket.prepare(request)
    async for message in websocket:
        if message.type == WSMsgType.TEXT:
            await websocket.send_str(message.data)
    return websocket


if __name__ == "__main__":
    raise_nofile_limit()
    host, port = parse_address()
    app = web.Application()
    app.router.add_get("/", index)
    app.router.add_get("/ws", echo)
    app.router.add_get("/static-counter", static_counter)
    web.run_app(app, host=host, port=port, access_log=None, print=None)
