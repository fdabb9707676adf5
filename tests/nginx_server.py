"""nginx on a free loopback port in front of several server processes, for tests.

The configuration is the one docs/deployment.md shows: websocket upgrades
passed through, and sticky routing by the session cookie, so all of a
user's tabs reach the process that runs their daemon views; with
``sticky=False`` plain round robin, which docs/deployment.md says works too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from lona_conformance.server_process import free_port

CONFIG = """
{user}
daemon off;
master_process on;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;

events {{ worker_connections 1024; }}

http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}

    upstream lona {{
{routing}
{servers}
    }}

    server {{
        listen 127.0.0.1:{port};

        location / {{
            proxy_pass http://lona;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;  # with the port: the origin check compares it
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_next_upstream error timeout;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""

STICKY = """        # sticky: one user's requests and websockets reach one process
        hash $cookie_lona_session consistent;"""


class NginxServer:
    def __init__(self, backend_ports: list[int], sticky: bool = True) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        self.binary = binary
        self.port = free_port()
        self.directory = tempfile.TemporaryDirectory(prefix="lona-nginx-")
        prefix = self.directory.name
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
            for port in backend_ports
        )
        self.config = Path(prefix, "nginx.conf")
        self.config.write_text(
            CONFIG.format(
                user="user root;" if os.geteuid() == 0 else "",
                prefix=prefix,
                servers=servers,
                routing=STICKY if sticky else "        # round robin: any request, any process",
                port=self.port,
            )
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "-c", str(self.config), "-p", self.directory.name],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/health", timeout=1).close()
                return
            except urllib.error.HTTPError:
                return  # an answer from behind nginx (an app without /health)
            except (urllib.error.URLError, OSError):
                if self.process.poll() is not None:
                    log = Path(self.directory.name, "error.log").read_text()
                    raise RuntimeError(f"nginx exited:\n{log}") from None
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None
        self.directory.cleanup()

    def __enter__(self) -> NginxServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
