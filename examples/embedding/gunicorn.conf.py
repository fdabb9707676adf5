"""Serving the Flask example in production with gunicorn's threaded workers.

gunicorn -c examples/embedding/gunicorn.conf.py [--bind 0.0.0.0:8000]

Thread sizing: every open live page holds one websocket, and flask-sock keeps
one request thread of its worker blocked for as long as the socket is open
(simple-websocket adds a reader thread of its own, outside the pool).  So a
worker serves at most ``threads`` requests at once, live pages included: set
``threads`` to the live pages you expect per worker plus headroom for plain
page loads, which otherwise wait for a free thread.  Idle threads cost memory
(about 8 MiB of virtual, far less resident stack each), not CPU.
"""

import os

# one signing key for every worker (drawn here, in the master, before the
# workers fork), and live views stopped (on_stop(ServerStop), sockets closed
# with 1001) when a worker stops, instead of waiting graceful_timeout for them
from lona_flask.gunicorn import post_worker_init, worker_int  # noqa: F401

chdir = os.path.dirname(os.path.abspath(__file__))
wsgi_app = "flask_app:app"
bind = os.environ.get("BIND", "127.0.0.1:8000")
worker_class = "gthread"
# Each worker has its own live views; a page served by one worker works with
# any other (no sticky routing needed: see docs/deployment.md).
workers = int(os.environ.get("WORKERS", "1"))
threads = int(os.environ.get("THREADS", "100"))
# connections a worker keeps open at once (live pages and kept-alive requests)
worker_connections = 1000
graceful_timeout = 10
# gunicorn 24+ opens a control socket in ~/.gunicorn by default; not needed here
control_socket_disable = True
