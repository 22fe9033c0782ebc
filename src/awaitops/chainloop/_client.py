"""The Chainloop client, built only on the public awaitops core."""

from __future__ import annotations

import os
from typing import Final

import httpx

from awaitops import (
    DEFAULT_TIMEOUT,
    AsyncApiClient,
    AsyncResource,
    BearerAuth,
    ClientHooks,
    ClientStats,
    ConcurrencyPolicy,
    RateLimitPolicy,
    RetryBudget,
    RetryPolicy,
    Transport,
)

DEFAULT_BASE_URL: Final = "https://api.app.chainloop.dev"
TOKEN_ENV: Final = "CHAINLOOP_TOKEN"
BASE_URL_ENV: Final = "CHAINLOOP_BASE_URL"


class Chainloop(AsyncResource):
    """Async client for Chainloop's async operations.

    ``token`` defaults to the ``CHAINLOOP_TOKEN`` environment variable, ``base_url`` to
    ``CHAINLOOP_BASE_URL`` (an emulator's or a proxy's root), then to
    ``https://api.app.chainloop.dev``. Chainloop sends no version header.
    ``transport="aiohttp"``: an aiohttp-backed pool (asyncio only), as for ``Pinecone``.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        deadline: float | None = None,
        rate_limit: RateLimitPolicy | None = RateLimitPolicy(),
        concurrency: ConcurrencyPolicy | None = ConcurrencyPolicy(),
        retry_budget: RetryBudget | None = RetryBudget(),
        transport: Transport = "httpx",
    ) -> None:
        token = token if token is not None else os.environ.get(TOKEN_ENV)
        if not token:
            raise ValueError(f"token is required: pass token= or set {TOKEN_ENV}")
        if base_url is None:
            base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
        self._client = AsyncApiClient(
            base_url=base_url,
            auth=BearerAuth(token),
            http_client=http_client,
            retry=retry or RetryPolicy(),
            timeout=timeout,
            deadline=deadline,
            rate_limit=rate_limit,
            concurrency=concurrency,
            retry_budget=retry_budget,
            transport=transport,
        )
        # Imported here, not with this module: importing awaitops.chainloop stays cheap, and
        # the first call does not stall the event loop importing generated code.
        from ._operations import Operations

        self.operations = Operations(self._client)

    @property
    def stats(self) -> ClientStats:
        return self._client.stats

    @property
    def hooks(self) -> ClientHooks:
        """Callbacks for request, retry and wait events."""
        return self._client.hooks

    def __repr__(self) -> str:
        return f"Chainloop(base_url={self._client.base_url!r})"

    async def aclose(self) -> None:
        await self._client.aclose()
