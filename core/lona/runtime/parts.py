"""What the parts of a ``ViewRuntime`` use of the runtime that owns them, as a type.

A runtime's parts (``windows``, ``running``, ``input_events``,
``subscriptions``) are made by their ``ViewRuntime`` and call back into it.
They know it only as a protocol: ``RuntimeCore`` here holds what several of
them use, and each part's module adds what only it uses.  So no part imports
``lona.runtime.view_runtime``; the runtime imports its parts, never the other
way (mypy checks ``ViewRuntime`` against each protocol where it makes a part).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from lona.html.document import Document
    from lona.request import Request
    from lona.responses import AnyRedirect
    from lona.runtime.attachments import Attachment
    from lona.runtime.host import RuntimeHost
    from lona.view import View

__all__ = ["RuntimeCore"]


class RuntimeCore(Protocol):
    """The runtime as its parts see it: its view, its document, its windows."""

    @property
    def id(self) -> str: ...

    @property
    def server(self) -> RuntimeHost[Self]: ...

    @property
    def request(self) -> Request: ...

    @property
    def view(self) -> View: ...

    @property
    def view_class(self) -> type[View]: ...

    @property
    def document(self) -> Document: ...

    @property
    def attachments(self) -> tuple[Attachment, ...]: ...

    @property
    def crashed(self) -> bool: ...

    @property
    def stop_reason(self) -> BaseException | None: ...

    def crash(self, error: BaseException, where: str = "view code") -> None: ...

    def flush(self) -> None: ...

    def send_redirect(self, response: AnyRedirect) -> None: ...
