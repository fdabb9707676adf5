"""Everything answered over plain HTTP, and the shapes that cross the adapter boundary.

``lona.http`` itself is what adapters build and read: ``HttpRequest``,
``HttpResponse``, ``Headers``, ``BodyReader`` (defined in ``messages``).
The modules beside it answer requests: ``handler`` (checks, routing, the
answer), ``input`` and ``multipart`` (reading what a client sends),
``responses`` (a view's response as an HTTP answer), ``error_pages``,
``frontend_views`` and ``frontend_page`` (the page interactive views start
in), ``first_content`` (a page load shows its view), ``buckets`` (uploads
and files), ``pass_through`` and ``foreign_responses`` (the framework's own
request and response), ``access_log``.  The parts import ``host`` (what they
need of the server and of the handler, as protocols, and what they share),
never the handler or the server.
"""

from lona.http_messages import URL, BodyReader, Headers, HttpRequest, HttpResponse, request_url

__all__ = ["URL", "BodyReader", "Headers", "HttpRequest", "HttpResponse", "request_url"]
