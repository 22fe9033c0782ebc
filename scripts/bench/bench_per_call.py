"""Client cost per call, no sockets: ours vs raw httpx vs the official SDK on one MockTransport.

    uv run python -m scripts.bench.bench_per_call [--json] [--quick]

Two calls: ``operations.get`` (one operation) and the first page of ``assistants.list``
(10 assistants). Every client sends through the same ``httpx.MockTransport``, whose handler
returns pre-encoded bodies, so what differs is only what each client does around httpx:

* ours: ``pc.assistant(...).operations.get(id)`` / ``pc.assistants.list(page_size=10)
  .first_page()``, typed models included;
* raw: ``httpx.AsyncClient.get(...)`` + ``raise_for_status()`` + ``json()``;
* raw + models: the same, then the generated models ours returns (``OperationModel`` /
  ``Assistant.from_dict``), to tell the client core's own cost from typed parsing;
* official SDK: ``describe_operation`` / ``list_page`` of ``PineconeAsyncio().assistants``.
  It builds its own ``httpx.AsyncClient`` around a retrying transport; only the innermost
  ``httpx.AsyncHTTPTransport`` is swapped for the same MockTransport, so its own client,
  retry wrapper and decoding are all measured.

A round makes ``CALLS`` calls with each client, the clients taking turns call by call (order
rotated every turn; the garbage collector run before each round), and the ratio is taken
within the round: on a shared virtual machine the speed drifts, and interleaving makes every
client see the same drift.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx
from awaitops_generated.pinecone_assistant_control.models import Assistant
from awaitops_generated.pinecone_assistant_data.models import OperationModel

from awaitops.pinecone import Pinecone

from ._common import (
    API_KEY,
    ASSISTANT,
    DATA_API_VERSION,
    DATA_VERSION_HEADER,
    MOCK_URL,
    OPERATION,
    OPERATION_ID,
    assistant_body,
    assistants_page,
    cli,
    encode,
    official_sdk_version,
    spread,
)

CALLS = 1000
ROUNDS = 9
LIST_PAGE_SIZE = 10

Call = Callable[[], Awaitable[Any]]

_JSON = [(b"content-type", b"application/json")]


def mock_transport() -> httpx.MockTransport:
    operation = encode(OPERATION)
    assistant = encode(assistant_body(ASSISTANT, MOCK_URL))
    listing = encode(assistants_page(MOCK_URL, LIST_PAGE_SIZE))

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/assistants"):
            body = listing
        elif "/assistants/" in path:
            body = assistant
        else:
            body = operation
        return httpx.Response(200, headers=_JSON, content=body)

    return httpx.MockTransport(handle)


async def _round(
    clients: Mapping[str, Call], count: int, clock: Callable[[], float] = time.perf_counter
) -> dict[str, float]:
    """Seconds per call of each client over ``count`` calls, the clients taking turns call by
    call (order rotated each turn) so that a drift in machine speed hits them all alike."""
    names = list(clients)
    totals = dict.fromkeys(names, 0.0)
    gc.collect()
    for index in range(count):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            call = clients[name]
            start = clock()
            await call()
            totals[name] += clock() - start
    return {name: total / count for name, total in totals.items()}


async def _official_sdk(transport: httpx.MockTransport) -> tuple[Any, Call, Call]:
    from pinecone import PineconeAsyncio  # type: ignore[import-not-found, unused-ignore]

    sdk = PineconeAsyncio(api_key=API_KEY, host=MOCK_URL)
    assistants = sdk.assistants
    # Private attributes of the SDK: the one place its HTTP stack can take another transport.
    assistants._http._ensure_client()._transport._transport = transport
    data = await assistants._data_plane_http(ASSISTANT)
    data._ensure_client()._transport._transport = transport

    async def get() -> Any:
        return await assistants.describe_operation(
            assistant_name=ASSISTANT, operation_id=OPERATION_ID
        )

    async def first_page() -> Any:
        return await assistants.list_page(page_size=LIST_PAGE_SIZE)

    return sdk, get, first_page


async def measure(calls: int, rounds: int) -> dict[str, Any]:
    transport = mock_transport()
    ours_http = httpx.AsyncClient(transport=transport)
    pc = Pinecone(api_key=API_KEY, control_url=MOCK_URL, http_client=ours_http)
    docs = pc.assistant(ASSISTANT, host=MOCK_URL)
    raw = httpx.AsyncClient(
        transport=transport,
        base_url=MOCK_URL + "/assistant",
        headers={"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION},
    )

    async def raw_get() -> Any:
        response = await raw.get(f"/operations/{ASSISTANT}/{OPERATION_ID}")
        response.raise_for_status()
        return response.json()

    async def raw_first_page() -> Any:
        response = await raw.get("/assistants", params={"limit": LIST_PAGE_SIZE})
        response.raise_for_status()
        return response.json()

    async def raw_models_get() -> Any:
        return OperationModel.from_dict(await raw_get())

    async def raw_models_first_page() -> Any:
        return [Assistant.from_dict(item) for item in (await raw_first_page())["assistants"]]

    async def ours_get() -> Any:
        return await docs.operations.get(OPERATION_ID)

    async def ours_first_page() -> Any:
        return await pc.assistants.list(page_size=LIST_PAGE_SIZE).first_page()

    workloads: dict[str, dict[str, Call]] = {
        "operations.get": {"ours": ours_get, "raw": raw_get, "raw_models": raw_models_get},
        "assistants.list first page": {
            "ours": ours_first_page,
            "raw": raw_first_page,
            "raw_models": raw_models_first_page,
        },
    }
    sdk_version = official_sdk_version()
    sdk = None
    if sdk_version is not None:
        sdk, sdk_get, sdk_first_page = await _official_sdk(transport)
        workloads["operations.get"]["official"] = sdk_get
        workloads["assistants.list first page"]["official"] = sdk_first_page

    results: dict[str, Any] = {}
    for name, clients in workloads.items():
        await _round(clients, max(10, calls // 10))  # warm-up: first-call imports and caches
        rounds_seen = [await _round(clients, calls) for _ in range(rounds)]
        results[name] = _figures({client: [r[client] for r in rounds_seen] for client in clients})

    await pc.aclose()
    await ours_http.aclose()
    await raw.aclose()
    if sdk is not None:
        await sdk.close()
    return {
        "calls_per_round": calls,
        "rounds": rounds,
        "official_sdk": sdk_version,
        "workloads": results,
    }


def _figures(seconds: Mapping[str, list[float]]) -> dict[str, Any]:
    raw = seconds["raw"]
    figures: dict[str, Any] = {}
    for client, values in seconds.items():
        figures[client] = {
            "us_per_call": spread([v * 1e6 for v in values]),
            "ratio_to_raw": spread([v / r for v, r in zip(values, raw, strict=True)]),
        }
    return figures


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(measure(20, 2) if quick else measure(CALLS, ROUNDS))


if __name__ == "__main__":
    cli(run, __doc__)
