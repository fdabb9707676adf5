"""What open pages see while a live-reloaded server does not start.

When the server process of ``--live-reload`` exits with an error (a syntax
error after a change, an import that fails), the watching process answers on
its address until the next change restarts it:

* ``.../_lona/reload-error`` answers ``{"error": TEXT}`` (JSON): open pages
  poll it while their websocket is down and show TEXT over the page
  (``client/debug.js``);
* every other URL answers 503 with a page that shows TEXT and reloads itself
  once the server answers again.

It is a plain ``http.server`` in a thread: it needs no framework, and it only
ever serves this one text, to the address the app was meant to serve on.
"""

from __future__ import annotations

import html
import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["ERROR_PATH", "ReloadErrorServer", "error_text"]

logger = logging.getLogger("lona.live_reload")

ERROR_PATH = "/_lona/reload-error"
TAIL_LINES = 40

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The server did not start</title>
<style>
  body {{ margin: 0; font: 15px/1.5 system-ui, sans-serif; background: #fff5f5; color: #2b1a1a; }}
  main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
  h1 {{ font-size: 1.3rem; color: #a11; }}
  pre {{ background: #2b1a1a; color: #fde; padding: 1rem; border-radius: 6px;
         overflow: auto; font: 13px/1.45 ui-monospace, monospace; white-space: pre-wrap; }}
</style>
</head>
<body>
<main id="lona-reload-error">
  <h1>The server did not start after your change</h1>
  <p>Fix the error below and save: this page reloads once the server runs again.</p>
  <pre>{error}</pre>
</main>
<script>
  // the server is back when this URL answers with anything but our error
  setInterval(async () => {{
    try {{
      const answer = await fetch({error_url}, {{ cache: 'no-store' }});
      const body = answer.headers.get('content-type') === 'application/json'
        ? await answer.json() : null;
      if (!body || !body.error) {{
        window.location.reload();
      }}
    }} catch (error) {{
      // restarting: not listening yet
    }}
  }}, 500);
</script>
</body>
</html>
"""


def error_text(output: str) -> str:
    """The error in a dead server's output: its last traceback, else its last lines."""
    lines = output.rstrip().splitlines()
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].startswith("Traceback (most recent call last):"):
            return "\n".join(lines[index:])
    return "\n".join(lines[-TAIL_LINES:]) or "the server exited without saying why"


def _handler(error: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path.endswith(ERROR_PATH):
                self._answer(200, "application/json", json.dumps({"error": error}))
                return
            error_url = json.dumps(ERROR_PATH).replace("<", "\\u003c")
            page = PAGE.format(error=html.escape(error), error_url=error_url)
            self._answer(503, "text/html; charset=utf-8", page)

        def do_HEAD(self) -> None:
            self.do_GET()

        def _answer(self, status: int, content_type: str, text: str) -> None:
            body = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the page polls twice a second: nothing worth a log line

    return Handler


class ReloadErrorServer:
    """Answers on ``host:port`` with ``error`` until ``stop()``."""

    def __init__(self, host: str, port: int, error: str) -> None:
        family = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)[0][0]

        class Server(ThreadingHTTPServer):
            address_family = family
            daemon_threads = True

        self._server = Server((host, port), _handler(error))
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="lona-reload-error", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
