"""Glue between generated endpoint modules and the core: how a generated endpoint
describes a request, and how one is sent (pages are fetched by ``_pagination``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import httpx


class EndpointRequest(Protocol):
    """One call described, as a generated endpoint module's ``request(...)`` returns it.

    ``path`` is relative to the client's base URL; ``body`` is JSON-ready data when
    ``body_kind`` is ``"json"``, httpx multipart ``files`` when ``"multipart"`` (the
    boundary is drawn by httpx), and ``None`` when ``"none"``.
    """

    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def params(self) -> Mapping[str, Any]: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def body_kind(self) -> str: ...
    @property
    def body(self) -> Any: ...


Send = Callable[[EndpointRequest], Awaitable[httpx.Response]]
"""Sends a generated endpoint's request, e.g. ``partial(client.send, timeout=5)``."""
