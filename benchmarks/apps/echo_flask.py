"""A raw Flask websocket echo server: flask-sock on werkzeug's threaded server.

``python echo_flask.py --host H --port P``; GET / answers "ok", /ws echoes.
Werkzeug runs one thread per connection, as the Flask adapter does.
"""

import logging

from _echo_args import parse_address
from _rlimit import raise_nofile_limit
from flask import Flask
from flask_sock import Sock

app = Flask(__name__)
sock = Sock(app)


@app.get("/")
def index() -> str:
    return "ok"


@sock.route("/ws")
def echo(websocket) -> None:  # type: ignore[no-untyped-def]
    while True:
        websocket.send(websocket.receive())


if __name__ == "__main__":
    raise_nofile_limit()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    host, port = parse_address()
    app.run(host=host, port=port, threaded=True)
