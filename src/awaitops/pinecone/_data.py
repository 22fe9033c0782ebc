"""Where one assistant's data plane lives, and how calls reach it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias, Unpack

import httpx

from awaitops.core import AsyncApiClient, ClientHooks, RequestOptions
from awaitops.errors import NotFoundError

if TYPE_CHECKING:
    from awaitops.core import EndpointRequest

    from ._client import Pinecone

RequestBuilder: TypeAlias = "Callable[[], EndpointRequest]"
"""Builds a generated endpoint's request; called again if the request is re-sent
to a re-resolved host, so a file body is rewound rather than sent half-read."""


class DataPlane:
    """The data plane of one assistant: ``host + "/assistant"``.

    The host comes from the control plane (cached per :class:`Pinecone` client) unless it
    was given. A cached host that answers 404 is looked up once more, since an assistant
    that was re-created may live elsewhere; a given host is trusted as is.
    """

    def __init__(self, owner: Pinecone, assistant_name: str, host: str | None) -> None:
        self._owner = owner
        self.assistant_name = assistant_name
        self._host = host

    @property
    def hooks(self) -> ClientHooks:
        return self._owner.hooks

    async def client(self, *, refresh: bool = False) -> AsyncApiClient:
        host = self._host or await self._owner._resolve_host(self.assistant_name, refresh=refresh)
        return self._owner._data_client(host)

    async def send(
        self, request: EndpointRequest | RequestBuilder, **options: Unpack[RequestOptions]
    ) -> httpx.Response:
        build = request if callable(request) else lambda: request
        client = await self.client()
        try:
            return await client.send(build(), **options)
        except NotFoundError:
            if self._host is not None:
                raise
            moved = await self.client(refresh=True)
            if moved.base_url == client.base_url:
                raise
        return await moved.send(build(), **options)
