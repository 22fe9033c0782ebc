"""Glue between generated endpoint modules and the core: request descriptions, and pages
fetched through a client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import attrs
import httpx

from ._pagination import Fetch
from ._parse import parse_json


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


@attrs.frozen
class _Page:
    """A list request with a pager's page parameters added."""

    method: str
    path: str
    params: Mapping[str, Any]
    headers: Mapping[str, str]
    body_kind: str
    body: Any


def page_fetcher(send: Send, request: EndpointRequest) -> Fetch:
    """A pager's ``fetch``: the generated request, with the pager's page parameters added."""
    base_params = dict(request.params)

    async def fetch(params: dict[str, Any]) -> Any:
        page = _Page(
            request.method,
            request.path,
            {**base_params, **params},
            request.headers,
            request.body_kind,
            request.body,
        )
        return parse_json(await send(page))

    return fetch
