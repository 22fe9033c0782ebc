"""Loopback throughput: 64 tasks make 10,000 ``operations.get`` calls between them.

    uv run python -m scripts.bench.bench_throughput [--json] [--quick]

The server is :mod:`scripts.bench._loopback` (a minimal keep-alive HTTP/1.1 server in its own
process on 127.0.0.1, not the emulator), so the figures are the clients' own. Clients:

* ours: ``pc.assistant(name, host=url).operations.get(id)``, with an ``httpx.AsyncClient``
  allowed 64 connections, all kept alive;
* raw: the same ``httpx.AsyncClient`` settings, ``get`` + ``raise_for_status`` + ``json``;
* official SDK: ``PineconeAsyncio(host=url).assistants.describe_operation(...)`` over its own
  HTTP stack, with ``connection_pool_maxsize=128`` (it keeps half its pool alive, so this
  keeps 64 connections, the same as the others).

Each round runs every client once (order rotated per round), after one untimed warm-up run
each that opens the connections.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from awaitops.pinecone import Pinecone

from ._common import (
    API_KEY,
    ASSISTANT,
    DATA_API_VERSION,
    DATA_VERSION_HEADER,
    OPERATION_ID,
    cli,
    official_sdk_version,
    spread,
)
from ._loopback import loopback_server

TASKS = 64
CALLS = 10_000
ROUNDS = 3

Call = Callable[[], Awaitable[Any]]


def _limits() -> httpx.Limits:
    return httpx.Limits(max_connections=TASKS, max_keepalive_connections=TASKS)


async def _run(call: Call, calls: int) -> float:
    """Calls per second with ``TASKS`` tasks sharing ``calls`` calls."""
    share, extra = divmod(calls, TASKS)

    async def worker(count: int) -> None:
        for _ in range(count):
            await call()

    start = time.perf_counter()
    await asyncio.gather(*(worker(share + (i < extra)) for i in range(TASKS)))
    return calls / (time.perf_counter() - start)


async def measure(url: str, calls: int, rounds: int) -> dict[str, Any]:
    ours_http = httpx.AsyncClient(limits=_limits())
    pc = Pinecone(api_key=API_KEY, control_url=url, http_client=ours_http)
    docs = pc.assistant(ASSISTANT, host=url)
    raw = httpx.AsyncClient(
        base_url=url + "/assistant",
        headers={"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION},
        limits=_limits(),
    )

    async def raw_get() -> Any:
        response = await raw.get(f"/operations/{ASSISTANT}/{OPERATION_ID}")
        response.raise_for_status()
        return response.json()

    async def ours_get() -> Any:
        return await docs.operations.get(OPERATION_ID)

    clients: dict[str, Call] = {"ours": ours_get, "raw": raw_get}
    sdk_version = official_sdk_version()
    sdk = None
    if sdk_version is not None:
        from pinecone import PineconeAsyncio  # type: ignore[import-not-found, unused-ignore]

        sdk = PineconeAsyncio(api_key=API_KEY, host=url, connection_pool_maxsize=2 * TASKS)
        assistants = sdk.assistants

        async def official_get() -> Any:
            return await assistants.describe_operation(
                assistant_name=ASSISTANT, operation_id=OPERATION_ID
            )

        clients["official"] = official_get

    for call in clients.values():
        await _run(call, 2 * TASKS)  # opens the connections
    per_second: dict[str, list[float]] = {name: [] for name in clients}
    names = list(clients)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            per_second[name].append(await _run(clients[name], calls))

    await pc.aclose()
    await ours_http.aclose()
    await raw.aclose()
    if sdk is not None:
        await sdk.close()
    return {
        "tasks": TASKS,
        "calls": calls,
        "rounds": rounds,
        "official_sdk": sdk_version,
        "clients": {
            name: {
                "calls_per_second": spread(values),
                "ratio_to_raw": spread(
                    [v / r for v, r in zip(values, per_second["raw"], strict=True)]
                ),
            }
            for name, values in per_second.items()
        },
    }


def run(quick: bool = False) -> dict[str, Any]:
    with loopback_server() as url:
        return asyncio.run(measure(url, 200, 1) if quick else measure(url, CALLS, ROUNDS))


if __name__ == "__main__":
    cli(run, __doc__)
