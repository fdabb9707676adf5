"""The aiohttp adapter.

Standalone: ``python app.py --adapter aiohttp`` (the default).
Embedded in an existing aiohttp application::

    from lona_aiohttp import setup
    setup(lona_app, aiohttp_app, prefix="/live")

The core shares aiohttp's event loop, so websocket writes need no hop.
Request bodies reach the core unread (``AiohttpBody``); pass-through views
get the ``web.Request`` and return a ``web.StreamResponse`` (docs/http.md).
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import WSMsgType, web

from lona.adapter import (
    HEAD_LIMIT,
    Adapter,
    GetUser,
    Headers,
    HostLayout,
    HttpRequest,
    HttpResponse,
    MountedServer,
    Server,
    Transport,
    deliver,
    header_timeout,
    http_body_limit,
    message_size_limit,
    mount_prefix,
    refused_native,
    user_of,
)
from lona.adapter.loops import serve_until_stop_requested

__all__ = ["AiohttpAdapter", "AiohttpBody", "setup"]

SERVER_KEY: web.AppKey[Server] = web.AppKey("lona_server")


class AiohttpTransport(Transport):
    def __init__(self, websocket: web.WebSocketResponse) -> None:
        self.websocket = websocket

    async def send(self, text: str) -> None:
        await self.websocket.send_str(text)

    async def close(self, code: int = 1000, reason: str = "") -> None:
        if not self.websocket.closed:
            await self.websocket.close(code=code, message=reason.encode("utf-8"))


class AiohttpBody:
    """The request body, unread until the core reads it (aiohttp buffers little)."""

    def __init__(self, request: web.Request) -> None:
        self.content = request.content

    async def read(self, size: int) -> bytes:
        return await self.content.read(size)


async def _core_request(request: web.Request, get_user: GetUser | None) -> HttpRequest:
    return HttpRequest(
        method=request.method,
        path=request.path,
        # the raw one: aiohttp's query_string is already percent-decoded
        query_string=request.rel_url.raw_query_string,
        headers=Headers(request.headers.items()),
        scheme=request.scheme,
        host=request.host,
        remote=request.remote or "",
        native=request,
        user=await user_of(get_user, request),
        body_reader=AiohttpBody(request) if request.body_exists else None,
    )


def _native_response(response: HttpResponse) -> web.StreamResponse:
    if response.native is not None:
        if isinstance(response.native, web.StreamResponse):
            return response.native
        response = refused_native(response.native, "an aiohttp response")
    if response.file_path is not None:
        return web.FileResponse(
            response.file_path, status=response.status, headers=response.headers
        )
    return web.Response(status=response.status, headers=response.headers, body=response.body)


def _mount(
    server: Server,
    app: web.Application,
    get_user: GetUser | None,
    layout: HostLayout | None = None,
) -> None:
    mount = MountedServer(server, get_user, layout)

    async def handle_http(request: web.Request) -> web.StreamResponse:
        core_request = await _core_request(request, get_user)
        return _native_response(await mount.answer(core_request))

    async def handle_websocket(request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() != "websocket":
            return await handle_http(request)
        core_request = await _core_request(request, get_user)
        websocket = web.WebSocketResponse(max_msg_size=message_size_limit(server) or 0)
        await websocket.prepare(request)
        connection = server.open_websocket(core_request, AiohttpTransport(websocket))
        try:
            async for message in websocket:
                if message.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    deliver(connection, message.data)
                elif message.type == WSMsgType.ERROR:
                    break
        finally:
            connection.closed()
        return websocket

    async def on_startup(app: web.Application) -> None:
        await server.start()

    async def on_shutdown(app: web.Application) -> None:
        await server.stop()

    prefix = server.url_prefix
    app.router.add_route("GET", server.websocket_path, handle_websocket)
    if prefix:
        app.router.add_route("*", prefix, handle_http)
    app.router.add_route("*", prefix + "/{tail:.*}", handle_http)
    app.on_startup.append(on_startup)
    app.on_shutdown.append(on_shutdown)
    app[SERVER_KEY] = server


def setup(
    lona_app: Any,
    aiohttp_app: web.Application,
    prefix: str = "",
    get_user: GetUser | None = None,
    layout: HostLayout | None = None,
) -> Server:
    """Serve ``lona_app`` under ``prefix`` inside an existing aiohttp application.

    The core starts and stops with the application (``on_startup`` and
    ``on_shutdown``).  ``get_user(request)`` (sync or async) gets the
    ``web.Request`` of each page load and websocket handshake and returns the
    host's user, e.g. from aiohttp-session; without it users are anonymous
    per session cookie.  ``layout(request)`` (sync or async) renders the
    host's own page around a live view, with the marks of
    ``lona.layout.LAYOUT`` (e.g. with aiohttp-jinja2's ``render_string``).
    """
    server: Server = lona_app.create_server(url_prefix=mount_prefix(prefix))
    _mount(server, aiohttp_app, get_user, layout)
    return server


class AiohttpAdapter(Adapter):
    name = "aiohttp"

    def serve(self, server: Server, host: str, port: int) -> None:
        asyncio.run(self._serve(server, host, port))

    async def _serve(self, server: Server, host: str, port: int) -> None:
        # the body limit applies to pass-through views reading bodies through
        # aiohttp; the core reads every other body itself, within its limits
        app = web.Application(client_max_size=http_body_limit(server))
        _mount(server, app, None)
        runner = web.AppRunner(
            app,
            handle_signals=False,
            access_log=None,
            # long URLs and headers reach the core, which refuses them alike on
            # every adapter (MAX_URL_LENGTH, MAX_HEADER_SIZE)
            max_line_size=HEAD_LIMIT,
            max_field_size=HEAD_LIMIT,
            # a request's head must be in this long after the connection opened
            # (or the last answer): aiohttp closes a connection that waits longer
            keepalive_timeout=header_timeout(server),
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port, reuse_address=True)
        await site.start()
        await serve_until_stop_requested(server, site.stop, runner.cleanup)
