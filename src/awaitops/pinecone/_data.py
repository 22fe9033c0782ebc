"""Where one assistant's data plane lives, and how calls reach it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeAlias, Unpack

import httpx

from awaitops.core import check_options
from awaitops.errors import NotFoundError

if TYPE_CHECKING:
    from awaitops.core import AsyncApiClient, ClientHooks, EndpointRequest, RequestOptions

RequestBuilder: TypeAlias = "Callable[[], EndpointRequest]"
"""Builds a generated endpoint's request; called again if the request is re-sent
to a re-resolved host, so a file body is rewound rather than sent half-read."""

ResolveHost = Callable[..., Awaitable[str]]
"""``resolve(name, refresh=False)``: the data plane host of assistant ``name``."""


class DataPlane:
    """The data plane of one assistant: ``host + "/assistant"``.

    The host comes from ``resolve`` (the control plane, cached per :class:`Pinecone`
    client) unless it was given; ``client_for(host)`` is the client that sends there. A
    cached host that answers 404 is looked up once more, since an assistant that was
    re-created may live elsewhere; a given host is trusted as is.
    """

    def __init__(
        self,
        assistant_name: str,
        host: str | None,
        *,
        resolve: ResolveHost,
        client_for: Callable[[str], AsyncApiClient],
        hooks: ClientHooks,
    ) -> None:
        self.assistant_name = assistant_name
        self._host = host
        self._resolve = resolve
        self._client_for = client_for
        self.hooks = hooks

    async def client(self, *, refresh: bool = False) -> AsyncApiClient:
        host = self._host or await self._resolve(self.assistant_name, refresh=refresh)
        return self._client_for(host)

    def send(
        self, request: EndpointRequest | RequestBuilder, **options: Unpack[RequestOptions]
    ) -> Coroutine[Any, Any, httpx.Response]:
        if self._host is not None:
            # A given host is trusted as is: the call is the client's own, one frame less
            # for each of thousands of callers waiting at a busy host.
            return self._client_for(self._host).send(_built(request), **options)
        check_options(options)  # before the host lookup sends anything
        return self._send_resolved(request, options)

    async def _send_resolved(
        self, request: EndpointRequest | RequestBuilder, options: RequestOptions
    ) -> httpx.Response:
        client = await self.client()
        try:
            return await client.send(_built(request), **options)
        except NotFoundError:
            moved = await self.client(refresh=True)
            if moved.base_url == client.base_url:
                raise
        return await moved.send(_built(request), **options)


def _built(request: EndpointRequest | RequestBuilder) -> EndpointRequest:
    return request() if callable(request) else request
