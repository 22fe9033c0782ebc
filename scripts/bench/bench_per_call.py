"""Client cost per call, no sockets: ours vs raw httpx vs the official SDK on one MockTransport.

    uv run python -m scripts.bench.bench_per_call [--json] [--quick]

Three workloads: ``operations.get`` (one operation), the first page of ``assistants.list``
(10 assistants), and a walk through 20,000 operations in pages of 100 (``operations.list``).
Every client sends through the same ``httpx.MockTransport``, whose handler returns
pre-encoded bodies, so what differs is only what each client does around httpx:

* ours: ``pc.assistant(...).operations.get(id)`` / ``pc.assistants.list(page_size=10)
  .first_page()`` / ``async for op in ...operations.list(page_size=100)``, typed results,
  decoded by msgspec when the ``msgspec`` extra is installed;
* ours, stdlib json: the same client with the decoder forced to ``json.loads`` around each
  of its calls or pages (measured only where msgspec is installed), i.e. the default install;
* raw: ``httpx.AsyncClient.get(...)`` + ``raise_for_status()`` + ``json()``, items kept as
  dicts (the walk: a hand-written ``pagination_token`` loop);
* raw + models: the same, then the generated models (``OperationModel`` /
  ``Assistant.from_dict``), to tell the client core's own cost from typed parsing;
* ours, page by page (the walk only): ``async for page in ...operations.list(page_size=100)
  .pages()``, the same work in the official SDK's shape (a loop over pages); reported beside
  the item-by-item walk, which stays the measured one;
* official SDK: ``describe_operation`` / ``list_page`` / a ``list_operations_page`` loop of
  ``PineconeAsyncio().assistants``.
  It builds its own ``httpx.AsyncClient`` around a retrying transport; only the innermost
  ``httpx.AsyncHTTPTransport`` is swapped for the same MockTransport, so its own client,
  retry wrapper and decoding are all measured.

A round makes ``CALLS`` calls with each client, the clients taking turns call by call (order
rotated every turn; the garbage collector run before each round), and the ratio is taken
within the round: on a shared virtual machine the speed drifts, and interleaving makes every
client see the same drift. In the walk, a round is one whole walk per client, the walkers
taking turns page by page (each page timed on its own; ours hands out every item, as
``async for op in pager`` does, and the raw loop keeps each page's list of dicts).
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from functools import partial
from typing import Any

import httpx
from awaitops_generated.pinecone_assistant_control.models import Assistant
from awaitops_generated.pinecone_assistant_data.models import OperationModel

from awaitops.core import _parse
from awaitops.pinecone import Pinecone

from ._common import (
    API_KEY,
    ASSISTANT,
    DATA_API_VERSION,
    DATA_BASE_PATH,
    DATA_VERSION_HEADER,
    MOCK_URL,
    OPERATION,
    OPERATION_ID,
    Walker,
    assistant_body,
    assistants_page,
    cli,
    encode,
    official_sdk_version,
    spread,
    walk_in_turns,
)

CALLS = 1000
ROUNDS = 9
LIST_PAGE_SIZE = 10
WALK_TOTAL = 20_000
WALK_PAGE_SIZE = 100

Call = Callable[[], Awaitable[Any]]

_JSON = [(b"content-type", b"application/json")]


def _operation_pages(total: int, size: int) -> dict[str, bytes]:
    """Pre-encoded pages of the walk, keyed by the token that asks for them ("" first)."""
    pages: dict[str, bytes] = {}
    count = -(-total // size)
    for index in range(count):
        items = [
            {**OPERATION, "id": f"op-{index * size + i:06d}", "status": "Completed"}
            for i in range(min(size, total - index * size))
        ]
        token = f"page-{index + 1}" if index + 1 < count else None
        pages["" if index == 0 else f"page-{index}"] = encode(
            {"operations": items, "pagination": {"next": token} if token else None}
        )
    return pages


def mock_transport(walk_total: int = WALK_TOTAL) -> httpx.MockTransport:
    operation = encode(OPERATION)
    assistant = encode(assistant_body(ASSISTANT, MOCK_URL))
    listing = encode(assistants_page(MOCK_URL, LIST_PAGE_SIZE))
    walk = _operation_pages(walk_total, WALK_PAGE_SIZE)

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/assistants"):
            body = listing
        elif "/assistants/" in path:
            body = assistant
        elif path.endswith(f"/operations/{ASSISTANT}"):
            body = walk[request.url.params.get("pagination_token", "")]
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


def _stdlib_call(call: Call) -> Call:
    """``call`` with the default install's decoder (``json.loads``) forced while it runs."""

    async def stdlib() -> Any:
        installed, _parse.decode_json = _parse.decode_json, json.loads
        try:
            return await call()
        finally:
            _parse.decode_json = installed

    return stdlib


def _stdlib_walk(walk: Walker) -> Walker:
    """``walk`` with ``json.loads`` forced for each of its steps."""

    async def stdlib() -> AsyncIterator[int]:
        steps = walk()
        while True:
            installed, _parse.decode_json = _parse.decode_json, json.loads
            try:
                size = await anext(steps)
            except StopAsyncIteration:
                return
            finally:
                _parse.decode_json = installed
            yield size

    return stdlib


async def _official_sdk(transport: httpx.MockTransport) -> tuple[Any, Call, Call, Walker]:
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

    async def walk() -> AsyncIterator[int]:
        token = None
        while True:
            page = await assistants.list_operations_page(
                assistant_name=ASSISTANT, page_size=WALK_PAGE_SIZE, pagination_token=token
            )
            yield len(page.operations)
            token = page.next
            if not token:
                return

    return sdk, get, first_page, walk


async def measure(calls: int, rounds: int, walk_total: int) -> dict[str, Any]:
    transport = mock_transport(walk_total)
    ours_http = httpx.AsyncClient(transport=transport)
    pc = Pinecone(api_key=API_KEY, control_url=MOCK_URL, http_client=ours_http)
    docs = pc.assistant(ASSISTANT, host=MOCK_URL)
    raw = httpx.AsyncClient(
        transport=transport,
        base_url=MOCK_URL + DATA_BASE_PATH,
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

    async def raw_walk(models: bool = False) -> AsyncIterator[int]:
        params: dict[str, Any] = {"limit": WALK_PAGE_SIZE}
        while True:
            response = await raw.get(f"/operations/{ASSISTANT}", params=params)
            response.raise_for_status()
            body = response.json()
            items = body["operations"]
            if models:
                items = [OperationModel.from_dict(item) for item in items]
            yield len(items)
            token = (body.get("pagination") or {}).get("next")
            if not token:
                return
            params["pagination_token"] = token

    async def raw_models_get() -> Any:
        return OperationModel.from_dict(await raw_get())

    async def raw_models_first_page() -> Any:
        return [Assistant.from_dict(item) for item in (await raw_first_page())["assistants"]]

    async def ours_get() -> Any:
        return await docs.operations.get(OPERATION_ID)

    async def ours_first_page() -> Any:
        return await pc.assistants.list(page_size=LIST_PAGE_SIZE).first_page()

    async def ours_walk() -> AsyncIterator[int]:
        count = 0
        async for _ in docs.operations.list(page_size=WALK_PAGE_SIZE):
            count += 1
            if count == WALK_PAGE_SIZE:
                yield count
                count = 0
        if count:
            yield count

    async def ours_pages() -> AsyncIterator[int]:
        async for page in docs.operations.list(page_size=WALK_PAGE_SIZE).pages():
            yield len(page.items)

    workloads: dict[str, dict[str, Call]] = {
        "operations.get": {"ours": ours_get, "raw": raw_get, "raw_models": raw_models_get},
        "assistants.list first page": {
            "ours": ours_first_page,
            "raw": raw_first_page,
            "raw_models": raw_models_first_page,
        },
    }
    walkers: dict[str, Walker] = {
        "ours": ours_walk,
        "ours_pages": ours_pages,
        "raw": raw_walk,
        "raw_models": partial(raw_walk, models=True),
    }
    if _parse.decode_json is not json.loads:  # the msgspec extra is installed
        for clients in workloads.values():
            clients["ours_stdlib"] = _stdlib_call(clients["ours"])
        walkers["ours_stdlib"] = _stdlib_walk(ours_walk)
    sdk_version = official_sdk_version()
    sdk = None
    if sdk_version is not None:
        sdk, sdk_get, sdk_first_page, sdk_walk = await _official_sdk(transport)
        workloads["operations.get"]["official"] = sdk_get
        workloads["assistants.list first page"]["official"] = sdk_first_page
        walkers["official"] = sdk_walk

    results: dict[str, Any] = {}
    for name, clients in workloads.items():
        await _round(clients, max(10, calls // 10))  # warm-up: first-call imports and caches
        rounds_seen = [await _round(clients, calls) for _ in range(rounds)]
        results[name] = _figures({client: [r[client] for r in rounds_seen] for client in clients})
    await walk_in_turns(walkers, walk_total)  # warm-up
    walks = [await walk_in_turns(walkers, walk_total) for _ in range(rounds)]
    results["operations walk"] = _figures({name: [w[name] for w in walks] for name in walkers})

    await pc.aclose()
    await ours_http.aclose()
    await raw.aclose()
    if sdk is not None:
        await sdk.close()
    return {
        "calls_per_round": calls,
        "walk_total": walk_total,
        "walk_page_size": WALK_PAGE_SIZE,
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
    if "official" in seconds:
        for client in ("ours", "ours_stdlib", "ours_pages"):
            if client in seconds:
                pairs = zip(seconds[client], seconds["official"], strict=True)
                figures[client]["ratio_to_official"] = spread([o / sdk for o, sdk in pairs])
    return figures


def run(quick: bool = False) -> dict[str, Any]:
    if quick:
        return asyncio.run(measure(20, 2, 2_000))
    return asyncio.run(measure(CALLS, ROUNDS, WALK_TOTAL))


if __name__ == "__main__":
    cli(run, __doc__)
