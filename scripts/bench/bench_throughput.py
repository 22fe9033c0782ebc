"""Loopback throughput: 64 tasks make ``operations.get`` calls for a fixed time, per client.

    uv run python -m scripts.bench.bench_throughput [--json] [--quick]

The server is :mod:`scripts.bench._loopback` (a minimal keep-alive HTTP/1.1 server in its own
process on 127.0.0.1, not the emulator), so the figures are the clients' own. Clients:

* ours: ``pc.assistant(name, host=url).operations.get(id)`` with an ``httpx.AsyncClient``
  allowed 64 connections, all kept alive (httpx's own pool);
* raw: the same ``httpx.AsyncClient`` settings, ``get`` + ``raise_for_status`` + ``json``;
* ours on aiohttp: the same call on ``Pinecone(transport="aiohttp")``, its own pool;
* raw on aiohttp: raw's calls on an ``httpx.AsyncClient`` over httpx-aiohttp's
  ``AiohttpTransport`` (64 connections), the transport ours wraps;
* raw aiohttp: ``aiohttp.ClientSession`` (64 connections), ``get`` + ``raise_for_status`` +
  ``json``: the practical limit of a Python client here;
* official SDK (when installed): ``PineconeAsyncio(host=url).assistants.describe_operation``
  over its own HTTP stack, with ``connection_pool_maxsize=128`` (it keeps half its pool
  alive, so 64 connections).

Ours keeps its default concurrency cap (32 in flight per host). Every run lasts ``WINDOW``
seconds (the calls done in it are counted), so the whole workload is bounded in time
however slow a client is on a loaded machine. Each round runs every client once (order
rotated per round), after one untimed warm-up run each that opens the connections; ratios
are taken within a round.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

from awaitops.pinecone import Pinecone

from ._common import (
    API_KEY,
    ASSISTANT,
    DATA_API_VERSION,
    DATA_BASE_PATH,
    DATA_VERSION_HEADER,
    OPERATION_ID,
    cli,
    official_sdk_version,
    spread,
)
from ._loopback import loopback_server

TASKS = 64
WINDOW = 3.0
ROUNDS = 3
WARM_UP = 0.5
# Bounds the whole workload if something hangs; a normal run ends far sooner.
TIMEOUT = 300.0

Call = Callable[[], Awaitable[Any]]


def _limits() -> httpx.Limits:
    return httpx.Limits(max_connections=TASKS, max_keepalive_connections=TASKS)


async def _run(call: Call, seconds: float) -> float:
    """Calls per second that ``TASKS`` tasks complete in ``seconds``."""
    done = 0
    end = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < end:
            await call()
            done += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(TASKS)))
    return done / (time.perf_counter() - start)


async def _clients(url: str, stack: AsyncExitStack) -> dict[str, Call]:
    path = f"/operations/{ASSISTANT}/{OPERATION_ID}"
    headers = {"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION}

    def raw_on(http: httpx.AsyncClient) -> Call:
        async def get() -> Any:
            response = await http.get(path)
            response.raise_for_status()
            return response.json()

        return get

    def ours_on(pc: Pinecone) -> Call:
        get = pc.assistant(ASSISTANT, host=url).operations.get
        return lambda: get(OPERATION_ID)

    base = url + DATA_BASE_PATH
    ours_http = await stack.enter_async_context(httpx.AsyncClient(limits=_limits()))
    raw = await stack.enter_async_context(
        httpx.AsyncClient(base_url=base, headers=headers, limits=_limits())
    )
    raw_aio = await stack.enter_async_context(
        httpx.AsyncClient(
            base_url=base, headers=headers, transport=AiohttpTransport(limits=_limits())
        )
    )
    ours = await stack.enter_async_context(
        Pinecone(api_key=API_KEY, control_url=url, http_client=ours_http)
    )
    ours_aio = await stack.enter_async_context(
        Pinecone(api_key=API_KEY, control_url=url, transport="aiohttp")
    )
    session = await stack.enter_async_context(
        aiohttp.ClientSession(
            base_url=base + "/", headers=headers, connector=aiohttp.TCPConnector(limit=TASKS)
        )
    )

    async def aiohttp_get() -> Any:
        async with session.get(path.lstrip("/")) as response:
            response.raise_for_status()
            return await response.json()

    clients: dict[str, Call] = {
        "ours": ours_on(ours),
        "raw": raw_on(raw),
        "ours_aiohttp": ours_on(ours_aio),
        "raw_aiohttp_transport": raw_on(raw_aio),
        "aiohttp": aiohttp_get,
    }
    if official_sdk_version() is not None:
        from pinecone import PineconeAsyncio  # type: ignore[import-not-found, unused-ignore]

        sdk = PineconeAsyncio(api_key=API_KEY, host=url, connection_pool_maxsize=2 * TASKS)
        stack.push_async_callback(sdk.close)
        assistants = sdk.assistants

        async def official_get() -> Any:
            return await assistants.describe_operation(
                assistant_name=ASSISTANT, operation_id=OPERATION_ID
            )

        clients["official"] = official_get
    return clients


def _ratios(values: list[float], to: list[float]) -> dict[str, float]:
    return spread([v / r for v, r in zip(values, to, strict=True)])


async def measure(url: str, seconds: float, rounds: int) -> dict[str, Any]:
    async with AsyncExitStack() as stack, asyncio.timeout(TIMEOUT):
        clients = await _clients(url, stack)
        for call in clients.values():
            await _run(call, WARM_UP)  # opens the connections
        per_second: dict[str, list[float]] = {name: [] for name in clients}
        names = list(clients)
        for index in range(rounds):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                per_second[name].append(await _run(clients[name], seconds))
    raw, ours = per_second["raw"], per_second["ours"]
    return {
        "tasks": TASKS,
        "seconds": seconds,
        "rounds": rounds,
        "official_sdk": official_sdk_version(),
        "clients": {
            name: {
                "calls_per_second": spread(values),
                "ratio_to_raw": _ratios(values, raw),
            }
            for name, values in per_second.items()
        },
        "targets": {
            "ours_aiohttp_to_raw_aiohttp_transport": _ratios(
                per_second["ours_aiohttp"], per_second["raw_aiohttp_transport"]
            ),
            "ours_aiohttp_to_ours": _ratios(per_second["ours_aiohttp"], ours),
            "ours_to_raw": _ratios(ours, raw),
        },
    }


def run(quick: bool = False) -> dict[str, Any]:
    with loopback_server() as url:
        return asyncio.run(measure(url, 0.3, 1) if quick else measure(url, WINDOW, ROUNDS))


if __name__ == "__main__":
    cli(run, __doc__)
