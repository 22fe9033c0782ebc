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
An untimed first walk renders and caches every operation in the emulator. In each round the
three walkers without a consumer take turns page by page (each page timed on its own, so
they all see the same machine); the consumer walkers run whole walks one after the other
(order rotated per round), since prefetching works while the consumer waits.

Memory: ``tracemalloc`` peak above the level before the walk, for ours without and with
prefetch, over 10,000 and over 100,000 operations (page size 100 both times), and what is
still held after the walk: the emulator keeps a bounded log of recent requests, which grows
by one entry per page, so "peak - kept" is what the pager itself holds at its peak.
"""

from __future__ import annotations

import asyncio
import gc
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
from awaitops_generated.pinecone_assistant_data.models import OperationModel

from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

from ._common import (
    API_KEY,
    ASSISTANT,
    DATA_API_VERSION,
    DATA_BASE_PATH,
    DATA_VERSION_HEADER,
    Walker,
    cli,
    spread,
    walk_in_turns,
)

TOTAL = 100_000
PAGE_SIZE = 100
ROUNDS = 3
CONSUMER_SECONDS = 0.001
MEMORY_TOTALS = (10_000, 100_000)
URL = "http://127.0.0.1"

Walk = Callable[[], Awaitable[int]]
Pages = Walker
"""A walk page by page, yielding each page's item count."""


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
            base_url=URL + DATA_BASE_PATH,
            headers={"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION},
        )

    async def aclose(self) -> None:
        await self.pc.aclose()
        await self.http.aclose()
        await self.raw.aclose()

    def ours_pages(self, *, prefetch: int = 0) -> Pages:
        async def pages() -> AsyncIterator[int]:
            pager = self.docs.operations.list(page_size=PAGE_SIZE, prefetch=prefetch)
            async with pager:
                async for page in pager.pages():
                    yield len(page.items)

        return pages

    def raw_pages(self, *, models: bool = False) -> Pages:
        async def pages() -> AsyncIterator[int]:
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            while True:
                response = await self.raw.get(f"/operations/{ASSISTANT}", params=params)
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

        return pages


def _consumed(pages: Pages, consumer: float) -> Walk:
    """A whole walk whose consumer waits ``consumer`` seconds on every page."""

    async def walk() -> int:
        count = 0
        async for size in pages():
            count += size
            await asyncio.sleep(consumer)
        return count

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


async def _interleaved(walks: dict[str, Pages], expected: int) -> dict[str, float]:
    """Items per second of each walk, the walks taking turns page by page. Only for walks
    with no background work."""
    seconds = await walk_in_turns(walks, expected)
    return {name: expected / seconds[name] for name in walks}


async def _throughput(total: int, rounds: int) -> dict[str, Any]:
    setup = _Setup(total)
    interleaved: dict[str, Pages] = {
        "ours": setup.ours_pages(),
        "raw": setup.raw_pages(),
        "raw_models": setup.raw_pages(models=True),
    }
    # Prefetch works while the consumer waits, so these are timed as whole walks.
    whole: dict[str, Walk] = {
        "ours_consumer": _consumed(setup.ours_pages(), CONSUMER_SECONDS),
        "ours_consumer_prefetch1": _consumed(setup.ours_pages(prefetch=1), CONSUMER_SECONDS),
        "raw_consumer": _consumed(setup.raw_pages(), CONSUMER_SECONDS),
    }
    await _interleaved({"raw": setup.raw_pages()}, total)  # the emulator renders every item
    rates: dict[str, list[float]] = {name: [] for name in [*interleaved, *whole]}
    names = list(whole)
    for index in range(rounds):
        for name, rate in (await _interleaved(interleaved, total)).items():
            rates[name].append(rate)
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            rates[name].append(await _timed(whole[name], total))
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


async def _memory(total: int, prefetch: int) -> dict[str, float]:
    """KiB allocated at the walk's peak beyond what was live before it, and KiB still held
    after it (the emulator's bounded log of recent requests, which grows per page)."""
    setup = _Setup(total)
    walk = _consumed(setup.ours_pages(prefetch=prefetch), 0.0)
    await walk()  # emulator caches and first-use imports
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        await walk()
        _, peak = tracemalloc.get_traced_memory()
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    await setup.aclose()
    return {"peak": round((peak - before) / 1024, 1), "kept": round((after - before) / 1024, 1)}


async def measure(total: int, rounds: int, memory_totals: tuple[int, ...]) -> dict[str, Any]:
    result = await _throughput(total, rounds)
    result["memory_kib"] = {
        f"prefetch={prefetch}": {str(size): await _memory(size, prefetch) for size in memory_totals}
        for prefetch in (0, 1)
    }
    result.update(
        consumer_seconds=CONSUMER_SECONDS, total=total, page_size=PAGE_SIZE, rounds=rounds
    )
    return result


def run(quick: bool = False) -> dict[str, Any]:
    if quick:
        return asyncio.run(measure(300, 1, (200, 400)))
    return asyncio.run(measure(TOTAL, ROUNDS, MEMORY_TOTALS))


if __name__ == "__main__":
    cli(run, __doc__)
