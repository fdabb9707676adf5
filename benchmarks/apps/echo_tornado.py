"""A raw Tornado websocket echo server (tornado.websocket).

``python echo_tornado.py --host H --port P``; GET / answers "ok", /ws echoes.
"""

import asyncio

import tornado.web
import tornado.websocket
from _echo_args import parse_address
from _rlimit import raise_nofile_limit


class Index(tornado.web.RequestHandler):
    def get(self) -> None:
        self.write("ok")


class Echo(tornado.websocket.WebSocketHandler):
    async def on_message(self, message: str | bytes) -> None:
        await self.write_message(message, binary=isinstance(message, bytes))


async def serve(host: str, port: int) -> None:
    app = tornado.web.Application([("/", Index), ("/ws", Echo)])
    app.listen(port, address=host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    raise_nofile_limit()
    asyncio.run(serve(*parse_address()))
