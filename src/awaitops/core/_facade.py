"""What every vendor client shares: settings from the environment, the options passed on to
its :class:`AsyncApiClient`, and ``stats``, ``hooks`` and closing over that client."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ._hooks import ClientHooks
from ._lifecycle import AsyncResource
from ._options import _PoolOptions
from ._policies import RetryPolicy
from ._stats import ClientStats

if TYPE_CHECKING:
    from ._client import AsyncApiClient


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


class VendorClient(AsyncResource):
    """Base of a vendor's client over one :class:`AsyncApiClient`: it gives ``stats``,
    ``hooks`` and ``aclose`` (and with them ``async with``).

    A subclass hands that client over with ``super().__init__(client)`` and reads it back as
    :attr:`api` (setting ``self._client`` instead, as older subclasses do, works too).
    """

    if TYPE_CHECKING:
        # Declared for the type checker only: a private attribute, and its class loads
        # with the first client, not with the facade (get_type_hints stays resolvable).
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
