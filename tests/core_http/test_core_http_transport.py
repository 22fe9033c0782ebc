"""``transport="aiohttp"``: one argument puts a client, its copies and its data planes on one
aiohttp-backed pool whose failures are named as httpx's pool names them. The behaviour on
that pool (timeouts, deadlines, cancellation, retries, typed errors) is proven by the socket
tests of tests/core_http and tests/reliability, which run on both pools (``every_pool``)."""

from __future__ import annotations

import aiohttp
import anyio
import httpx
import pytest

from awaitops import AsyncApiClient
from awaitops.chainloop import Chainloop
from awaitops.core._aiohttp import AiohttpTransport, _as_httpx
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

pytestmark = pytest.mark.anyio

KEY = "pcsk_transport_key"
ASSISTANT = "docs"
ASYNCIO = pytest.mark.parametrize("anyio_backend", ["asyncio"])


def _pool(pc: Pinecone) -> httpx.AsyncClient:
    http: httpx.AsyncClient = pc._client._http
    return http


@ASYNCIO
async def test_one_argument_puts_every_api_copy_and_data_plane_on_one_aiohttp_pool() -> None:
    emulator = Emulator(EmulatorConfig(api_key=KEY))
    emulator.add_assistant(ASSISTANT)
    with anyio.fail_after(30):
        async with emulator.serve() as url:
            async with Pinecone(KEY, control_url=url, transport="aiohttp") as pc:
                http = _pool(pc)
                assert isinstance(http._transport, AiohttpTransport)
                copy = pc.with_options(timeout=5.0)
                docs = pc.assistant(ASSISTANT)
                assert (await pc.assistants.get(ASSISTANT)).name == ASSISTANT
                assert (await copy.assistants.get(ASSISTANT)).name == ASSISTANT
                assert await docs.files.list().collect() == []
                data = pc._data_client(url)
                for client in (copy._client, data, pc.backup_schedules._client):
                    assert client._http is http
            assert http.is_closed
    answered = [(r.method, r.path, r.status) for r in emulator.requests]
    assert ("GET", f"/assistant/files/{ASSISTANT}", 200) in answered
    assert pc.stats.requests == len(answered) == 4  # two gets, the host lookup, the list


@ASYNCIO
async def test_chainloop_and_the_core_take_the_same_argument() -> None:
    async with (
        Chainloop("cltok_x", base_url="http://127.0.0.1:9", transport="aiohttp") as cl,
        AsyncApiClient(base_url="http://127.0.0.1:9", transport="aiohttp") as core,
    ):
        for client in (cl._client, core):
            assert isinstance(client._http._transport, AiohttpTransport)


async def test_a_bad_transport_is_refused_before_anything_is_built() -> None:
    with pytest.raises(ValueError, match="transport must be"):
        AsyncApiClient(base_url="https://api.example.test", transport="requests")  # type: ignore[arg-type]
    async with httpx.AsyncClient() as http:
        with pytest.raises(ValueError, match="either http_client or transport"):
            Pinecone(KEY, http_client=http, transport="aiohttp")


@pytest.mark.parametrize("anyio_backend", ["trio"])
async def test_under_trio_the_aiohttp_pool_says_it_runs_on_asyncio_only() -> None:
    async with AsyncApiClient(base_url="http://127.0.0.1:9", transport="aiohttp") as client:
        with pytest.raises(RuntimeError, match="asyncio only"):
            await client.request("GET", "/a", max_retries=0)


_REQUEST = httpx.Request("GET", "http://127.0.0.1:9/a")
_CONNECTION = aiohttp.client_reqrep.ConnectionKey("127.0.0.1", 9, False, True, None, None, None)


@pytest.mark.parametrize(
    ("raised", "named"),
    [
        # httpx-aiohttp names a refused and a dropped connection ConnectTimeout: a dropped
        # one would then look unsent, and a POST be sent again.
        (aiohttp.ConnectionTimeoutError("connect"), httpx.ConnectTimeout),
        (aiohttp.SocketTimeoutError("read"), httpx.ReadTimeout),
        (aiohttp.ClientConnectorError(_CONNECTION, OSError(111, "refused")), httpx.ConnectError),
        (aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),
        (aiohttp.ClientPayloadError("cut short"), httpx.RemoteProtocolError),
        (aiohttp.ClientOSError(104, "reset by peer"), httpx.ReadError),
        (aiohttp.ClientError("other"), httpx.TransportError),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
@ASYNCIO
async def test_each_aiohttp_failure_is_named_as_httpx_names_it(
    raised: Exception, named: type[httpx.TransportError]
) -> None:
    error = _as_httpx(raised, _REQUEST)
    assert type(error) is named
    assert error.request is _REQUEST
    assert type(raised).__name__ in str(error)
