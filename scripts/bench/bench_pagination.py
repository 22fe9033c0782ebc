"""Pagination: 100,000 operations in 1,000 pages of 100 from the in-process emulator.

    uv run python -m scripts.bench.bench_pagination [--json] [--quick]

Walkers, each reading every operation once:

* ours: ``async for op in pc.assistant(name, host=...).operations.list(page_size=100)``,
  typed ``Operation`` items;
* raw: a hand-written loop over the same endpoint with ``httpx.AsyncClient`` (``limit``,
  ``pagination_token``, ``pagination.next``), items left as dicts;
* raw + models: the same loop building the generated ``OperationModel`` for each item,
  which is what ours does inside ``Operation``, to tell the pager's cost from typed parsing.

With a consumer that spends 1 ms per page (``asyncio.sleep(0.001)``, standing for I/O it
waits on), ours with ``prefetch=1`` and without is compared with the raw loop doing the same.
An untimed first walk renders and caches every operation in the emulator. Each round runs
every walker once, order rotated per round.

Memory: ``tracemalloc`` peak above the level before the walk, for ours without and with
prefetch, over 10,000 and over 100,000 operations (page size 100 both times): a pager that
holds only the pages in flight grows by the same amount whatever the total.
"""

from __future__ import annotations

import asyncio
import gc
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from pinecone_assistant_data.models import OperationModel

from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

from ._common import API_KEY, ASSISTANT, DATA_API_VERSION, DATA_VERSION_HEADER, cli, spread

TOTAL = 100_000
PAGE_SIZE = 100
ROUNDS = 3
CONSUMER_SECONDS = 0.001
MEMORY_TOTALS = (10_000, 100_000)
URL = "http://127.0.0.1"

Walk = Callable[[], Awaitable[int]]


class _Setup:
    """One emulator holding ``total`` operations, and the clients that read them."""

    def __init__(self, total: int) -> None:
        self.emulator = Emulator(EmulatorConfig(api_key=API_KEY))
        self.emulator.add_assistant(ASSISTANT)
        self.emulator.add_operations(ASSISTANT, total)
        self.http = httpx.AsyncClient(transport=self.emulator.transport())
        self.pc = Pinecone(api_key=API_KEY, control_url=URL, http_client=self.http)
        self.docs = self.pc.assistant(ASSISTANT, host=URL)
        self.raw = httpx.AsyncClient(
            transport=self.emulator.transport(),
            base_url=URL + "/assistant",
            headers={"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION},
        )

    async def aclose(self) -> None:
        await self.pc.aclose()
        await self.http.aclose()
        await self.raw.aclose()

    def ours(self, *, prefetch: int = 0, consumer: float = 0.0) -> Walk:
        async def walk() -> int:
            count = 0
            pager = self.docs.operations.list(page_size=PAGE_SIZE, prefetch=prefetch)
            async with pager:
                async for page in pager.pages():
                    count += len(page.items)
                    if consumer:
                        await asyncio.sleep(consumer)
            return count

        return walk

    def raw_loop(self, *, models: bool = False, consumer: float = 0.0) -> Walk:
        async def walk() -> int:
            count = 0
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            while True:
                response = await self.raw.get(f"/operations/{ASSISTANT}", params=params)
                response.raise_for_status()
                body = response.json()
                items = body["operations"]
                if models:
                    items = [OperationModel.from_dict(item) for item in items]
                count += len(items)
                if consumer:
                    await asyncio.sleep(consumer)
                token = (body.get("pagination") or {}).get("next")
                if not token:
                    return count
                params["pagination_token"] = token

        return walk


async def _timed(walk: Walk, expected: int) -> float:
    """Items per second of one full walk."""
    gc.collect()
    start = time.perf_counter()
    count = await walk()
    elapsed = time.perf_counter() - start
    if count != expected:
        raise RuntimeError(f"walked {count} items, expected {expected}")
    return count / elapsed


async def _throughput(total: int, rounds: int) -> dict[str, Any]:
    setup = _Setup(total)
    walkers: dict[str, Walk] = {
        "ours": setup.ours(),
        "raw": setup.raw_loop(),
        "raw_models": setup.raw_loop(models=True),
        "ours_consumer": setup.ours(consumer=CONSUMER_SECONDS),
        "ours_consumer_prefetch1": setup.ours(prefetch=1, consumer=CONSUMER_SECONDS),
        "raw_consumer": setup.raw_loop(consumer=CONSUMER_SECONDS),
    }
    await _timed(walkers["raw"], total)  # renders and caches every operation once
    rates: dict[str, list[float]] = {name: [] for name in walkers}
    names = list(walkers)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            rates[name].append(await _timed(walkers[name], total))
    await setup.aclose()

    def ratios(name: str, base: str) -> dict[str, float]:
        return spread([a / b for a, b in zip(rates[name], rates[base], strict=True)])

    return {
        "items_per_second": {name: spread(values) for name, values in rates.items()},
        "ratios": {
            "ours / raw": ratios("ours", "raw"),
            "ours / raw + models": ratios("ours", "raw_models"),
            "raw + models / raw": ratios("raw_models", "raw"),
            "ours prefetch=1 / raw (1 ms consumer)": ratios(
                "ours_consumer_prefetch1", "raw_consumer"
            ),
            "ours no prefetch / raw (1 ms consumer)": ratios("ours_consumer", "raw_consumer"),
        },
    }


async def _peak_growth(total: int, prefetch: int) -> int:
    """Bytes allocated at the walk's peak beyond what was live before it."""
    setup = _Setup(total)
    await setup.ours(prefetch=prefetch)()  # emulator caches and first-use imports
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        await setup.ours(prefetch=prefetch)()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    await setup.aclose()
    return peak - before


async def measure(total: int, rounds: int, memory_totals: tuple[int, ...]) -> dict[str, Any]:
    result = await _throughput(total, rounds)
    result["memory_peak_growth_kib"] = {
        f"prefetch={prefetch}": {
            str(size): round(await _peak_growth(size, prefetch) / 1024, 1)
            for size in memory_totals
        }
        for prefetch in (0, 1)
    }
    result.update(total=total, page_size=PAGE_SIZE, rounds=rounds)
    return result


def run(quick: bool = False) -> dict[str, Any]:
    if quick:
        return asyncio.run(measure(300, 1, (200, 400)))
    return asyncio.run(measure(TOTAL, ROUNDS, MEMORY_TOTALS))


if __name__ == "__main__":
    cli(run, __doc__)
