"""What every vendor client shares: settings from the environment, the options passed on to
its :class:`AsyncApiClient`, and ``stats``, ``hooks`` and closing over that client."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypedDict, Unpack

from ._lifecycle import AsyncResource

if TYPE_CHECKING:
    import httpx

    from ._auth import ApiVersion, Auth
    from ._client import AsyncApiClient, TimeoutTypes, Transport
    from ._hooks import ClientHooks
    from ._policies import ConcurrencyPolicy, RateLimitPolicy, RetryBudget, RetryPolicy
    from ._stats import ClientStats


class _PoolOptions(TypedDict, total=False):
    http_client: httpx.AsyncClient | None
    timeout: TimeoutTypes
    deadline: float | None
    rate_limit: RateLimitPolicy | None
    concurrency: ConcurrencyPolicy | None
    retry_budget: RetryBudget | None
    transport: Transport
    default_headers: Mapping[str, str] | None


class ClientOptions(_PoolOptions, total=False):
    """What a vendor client takes besides its credential and root URL (see
    :class:`AsyncApiClient`). ``http_client`` shares a pool, which is then left open on
    close; ``transport="aiohttp"`` makes the client's own pool aiohttp-backed (asyncio
    only), for every API, data plane and copy of the client; ``retry=None`` means the
    default policy; ``None`` switches a limit off. ``default_headers`` go with every
    request of the client (its copies and data planes too), under the credential and the
    version header, which win a clash."""

    retry: RetryPolicy | None


def setting(value: str | None, env: str, default: str) -> str:
    """``value``, else the environment variable ``env`` (when set and not empty), else
    ``default``."""
    return value if value is not None else (os.environ.get(env) or default)


def credential(value: str | None, name: str, env: str) -> str:
    """``value``, else the environment variable ``env``; ValueError naming both when neither
    is given."""
    found = value if value is not None else os.environ.get(env)
    if not found:
        raise ValueError(f"{name} is required: pass {name}= or set {env}")
    return found


def api_client(
    base_url: str,
    auth: Auth,
    *,
    api_version: ApiVersion | None = None,
    request_id_header: str | None = None,
    retry: RetryPolicy | None = None,
    **options: Unpack[_PoolOptions],
) -> AsyncApiClient:
    """The :class:`AsyncApiClient` a vendor client is built on."""
    # Imported as the first client is built, not with the facade that defines its class.
    from ._client import AsyncApiClient
    from ._policies import RetryPolicy

    return AsyncApiClient(
        base_url=base_url,
        auth=auth,
        api_version=api_version,
        request_id_header=request_id_header,
        retry=retry or RetryPolicy(),
        **options,
    )


class VendorClient(AsyncResource):
    """Base of a vendor's client over one :class:`AsyncApiClient`: it gives ``stats``,
    ``hooks`` and ``aclose`` (and with them ``async with``).

    A subclass hands that client over with ``super().__init__(client)`` and reads it back as
    :attr:`api` (setting ``self._client`` instead, as older subclasses do, works too).
    """

    _client: AsyncApiClient

    def __init__(self, client: AsyncApiClient) -> None:
        self._client = client

    @property
    def api(self) -> AsyncApiClient:
        """The :class:`AsyncApiClient` this client is built on (its resources send through
        it); closed with this client."""
        return self._client

    @property
    def stats(self) -> ClientStats:
        """Requests, retries and rate limits absorbed, across every API of this client."""
        return self._client.stats

    @property
    def hooks(self) -> ClientHooks:
        """Callbacks for request, retry and wait events, across every API of this client
        and its copies."""
        return self._client.hooks

    async def aclose(self) -> None:
        await self._client.aclose()
