"""What another SDK builds its client with: ``default_headers`` through ``api_client`` and
``ClientOptions``, and ``VendorClient`` with no private names."""

from __future__ import annotations

import warnings
from typing import Unpack

import anyio
import httpx
import pytest

from awaitops import (
    AsyncApiClient,
    BearerAuth,
    ClientOptions,
    VendorClient,
    api_client,
)
from awaitops.chainloop import Chainloop

from ._support import BASE_URL, Script


class Batches(VendorClient):
    """A foreign client the documented way: the core client handed to the base."""

    def __init__(self, token: str, **options: Unpack[ClientOptions]) -> None:
        super().__init__(api_client(BASE_URL, BearerAuth(token), **options))

    async def ping(self) -> int:
        return (await self.api.request("GET", "/v1/ping")).status_code


class OldStyle(VendorClient):
    """A subclass written against the older docs, which set ``_client``."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._client = api_client(BASE_URL, BearerAuth("t"), http_client=http)


@pytest.mark.anyio
async def test_default_headers_reach_every_request_under_the_credential() -> None:
    script = Script(httpx.Response(200, json={}))
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(script)) as http,
        Batches(
            "s3cret",
            http_client=http,
            default_headers={"OpenAI-Beta": "batches=v1", "Authorization": "Bearer nope"},
        ) as client,
    ):
        with anyio.fail_after(5):
            assert await client.ping() == 200
            # A copy and its calls keep them.
            await client.api.with_options(timeout=3).request("GET", "/v1/ping")
    for request in script.requests:
        assert request.headers["OpenAI-Beta"] == "batches=v1"
        assert request.headers["Authorization"] == "Bearer s3cret"


@pytest.mark.anyio
async def test_a_vendor_client_takes_default_headers_as_an_option() -> None:
    script = Script(httpx.Response(200, json={"operations": []}))
    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(script)) as http,
        Chainloop(
            "token", base_url=BASE_URL, http_client=http, default_headers={"X-Team": "infra"}
        ) as client,
    ):
        with anyio.fail_after(5):
            await client.operations.list().collect()
    assert script.requests[0].headers["X-Team"] == "infra"


@pytest.mark.anyio
async def test_vendor_client_public_and_older_ways_both_work_without_warnings() -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(Script())) as http:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            client = Batches("t", http_client=http)
            old = OldStyle(http)
        assert isinstance(client.api, AsyncApiClient)
        assert old.api is old._client
        assert old.stats is old.api.stats
        with anyio.fail_after(5):
            await old.api.request("GET", "/v1/ping")
        assert old.stats.requests == 1
        await client.aclose()
        await old.aclose()
