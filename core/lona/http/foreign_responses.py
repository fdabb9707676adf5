"""aiohttp responses from views written for Lona, served by another framework.

Lona runs on aiohttp, so its pass-through views return (or raise) aiohttp
responses: ``web.Response(text=...)``, ``raise web.HTTPFound(url)``.  Served
by aiohttp they pass through untouched.  Served by Tornado or Flask, a plain
aiohttp ``Response`` (status, headers, cookies and a body in memory) is
turned into the core's ``HttpResponse``, so the same view works there too.
Streaming aiohttp responses (``StreamResponse``, ``FileResponse``) have no
body to copy and are left to the adapter, which refuses them.

Recognised by duck typing: the core never imports aiohttp.
"""

from __future__ import annotations

from typing import Any

from lona.http import HttpResponse

__all__ = ["translated_aiohttp_response"]


def _framework(value: Any) -> str:
    return type(value).__module__.partition(".")[0]


def translated_aiohttp_response(value: Any, native_request: Any) -> HttpResponse | None:
    """``value`` as an HttpResponse when it is an aiohttp response in memory and
    the serving framework is not aiohttp; else None."""
    if _framework(value) != "aiohttp" or _framework(native_request) == "aiohttp":
        return None
    status = getattr(value, "status", None)
    headers = getattr(value, "headers", None)
    body = getattr(value, "body", None)
    if not isinstance(status, int) or headers is None or not hasattr(value, "body"):
        return None
    if body is not None and not isinstance(body, (bytes, bytearray)):
        return None  # a payload object that streams: nothing to copy
    items = [
        (str(name), str(header))
        for name, header in headers.items()
        # framing is the serving adapter's to set
        if str(name).lower() not in ("content-length", "transfer-encoding")
    ]
    items += [("Set-Cookie", morsel.OutputString()) for morsel in value.cookies.values()]
    return HttpResponse(status, items, bytes(body or b""))
