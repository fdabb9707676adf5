"""What a page hands the browser client: where to load it from, and its settings.

The frontend page writes them into the page; a template a view answers with
gets them through ``Lona.load_scripts()``, with a page token for its
session.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Protocol

from lona.http import HttpRequest
from lona.http.static_files import versioned_client_prefix
from lona.protocol import PROTOCOL_VERSION
from lona.templating import status_texts

if TYPE_CHECKING:
    from lona.security.admission import PageTokens
    from lona.security.sessions import Sessions
    from lona.settings import Settings
    from lona.templating import Templating

__all__ = ["PageClient", "PageClientHost"]


class PageClientHost(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def templating(self) -> Templating: ...

    @property
    def sessions(self) -> Sessions: ...

    @property
    def page_tokens(self) -> PageTokens: ...

    @property
    def websocket_path(self) -> str: ...

    def static_url(self, path: str = "") -> str: ...


class PageClient:
    def __init__(self, host: PageClientHost) -> None:
        self._host = host
        self._status_texts: dict[str, str] | None = None

    def url(self) -> str:
        """Where pages load the client from: a URL that changes with its content."""
        return self._host.static_url(versioned_client_prefix())

    def settings(self, page_token: str = "") -> dict[str, Any]:
        settings = self._host.settings
        if self._status_texts is None:
            # rendered once: the templates have no request to depend on
            self._status_texts = status_texts(self._host.templating)
        return {
            "page_token": page_token,
            "protocol_version": PROTOCOL_VERSION,
            "ws_path": self._host.websocket_path,
            "debug": bool(settings.CLIENT_DEBUG),
            "view_start_timeout": settings.CLIENT_VIEW_START_TIMEOUT,
            "input_event_timeout": settings.CLIENT_INPUT_EVENT_TIMEOUT,
            # seconds until the progress indicator shows while events run (0: never)
            "progress_delay": settings.CLIENT_PROGRESS_DELAY,
            "ping_interval": settings.CLIENT_PING_INTERVAL,
            "auto_reconnect": bool(settings.CLIENT_AUTO_RECONNECT),
            "reconnect_delay": settings.CLIENT_AUTO_RECONNECT_TIMEOUT,
            "title": settings.CLIENT_TITLE,
            # set by --live-reload: a restarted server makes open pages reload
            "live_reload": os.environ.get("LONA_LIVE_RELOAD") == "1",
            # lona/disconnect-message.html and lona/waiting-for-server-message.html
            "status_texts": self._status_texts,
        }

    def settings_for(self, request: Any) -> dict[str, Any]:
        """The client settings of a page that is no frontend page (a template a
        view answers with loads the client): a page token for its session."""
        http_request = getattr(request, "http_request", None)
        if not isinstance(http_request, HttpRequest):
            return self.settings()
        _user, session_key, new = self._host.sessions.user(http_request)
        return self.settings("" if new else self._host.page_tokens.issue(session_key))
