"""Glue between generated endpoint modules and the core: request descriptions, and pages
fetched through a client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from ._parse import parse_json

if TYPE_CHECKING:
    from ._pagination import Fetch


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


class _Page:
    """A list request with a pager's page parameters added (a plain class: an attrs one
    would cost the import of the core more than this whole module)."""

    __slots__ = ("body", "body_kind", "headers", "method", "params", "path")

    def __init__(self, request: EndpointRequest, params: Mapping[str, Any]) -> None:
        self.method = request.method
        self.path = request.path
        self.params = params
        self.headers = request.headers
        self.body_kind = request.body_kind
        self.body = request.body


def page_fetcher(send: Send, request: EndpointRequest) -> Fetch:
    """A pager's ``fetch``: the generated request, with the pager's page parameters added."""
    base_params = dict(request.params)

    async def fetch(params: dict[str, Any]) -> Any:
        return parse_json(await send(_Page(request, {**base_params, **params})))

    return fetch
