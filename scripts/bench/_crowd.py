"""One crowd round of ``bench_limits``: thousands of concurrent calls on one client, in a
process of its own that imports only what the round needs.

    python -m scripts.bench._crowd URL CALLS CLIENT    # prints one JSON line

A garbage collection's pause grows with every object the process holds, so a round shares
its process with nothing else: not the emulator, the official SDK or the rounds before it.
``CLIENT`` is ``ours`` (httpx's pool), ``ours_aiohttp`` (``transport="aiohttp"``),
``ours_aiohttp_frozen`` (the same in an application that calls ``gc.freeze()`` once its
start-up is done, so that full collections skip what existed then), ``raw`` (plain httpx
behind a semaphore of the cap's size), or a floor any client starts from:
``tasks`` each sleep until the slot the cap would give them and send nothing;
``tasks_busy`` do the same, then hold ``BUSY_OBJECTS`` objects for the server's 50 ms, about
what a call in flight holds, so that full collections run as they do under a real client.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import time
from collections.abc import Coroutine
from typing import Any

import httpx

from awaitops import ConcurrencyPolicy, Transport
from awaitops.pinecone import Pinecone

from ._common import API_KEY, ASSISTANT

SERVER_SECONDS = 0.05
TICK = 0.01
BUSY_OBJECTS = 30
# Bounds each run if something goes wrong; a normal run ends far sooner.
TIMEOUT = 240.0


class _CollectorPauses:
    """The garbage collector's pauses while in use: with thousands of suspended calls alive,
    a full collection walks all of them, and the loop stalls for as long."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __enter__(self) -> _CollectorPauses:
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)


async def _watch_lag(lags: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        asked = time.perf_counter()
        await asyncio.sleep(TICK)
        lags.append(time.perf_counter() - asked - TICK)


def _full_collection_ms() -> float:
    """CPU milliseconds of one full collection of what the process holds now (best of 3)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        gc.collect()
        best = min(best, time.process_time() - start)
    return best * 1e3


async def crowd(url: str, calls: int, client: str) -> dict[str, Any]:
    cap = ConcurrencyPolicy().max_in_flight
    allowed = calls * SERVER_SECONDS / cap
    lags: list[float] = []
    stop = asyncio.Event()
    transport: Transport = "aiohttp" if client.startswith("ours_aiohttp") else "httpx"
    async with (
        Pinecone(api_key=API_KEY, control_url=url, transport=transport) as pc,
        httpx.AsyncClient() as raw,
    ):
        ops = pc.assistant(ASSISTANT, host=url).operations
        await ops.get("op-0001")  # connections and lazy imports warmed for every client
        await raw.get(f"{url}/assistant/operations/{ASSISTANT}/op-0001")
        gate = asyncio.Semaphore(cap)
        base_ms = _full_collection_ms()
        if client.endswith("_frozen"):
            gc.freeze()
        # Counted after a freeze, which takes what it froze out of ``gc.get_objects()``.
        base_objects = len(gc.get_objects())

        async def raw_get() -> Any:
            async with gate:
                response = await raw.get(f"{url}/assistant/operations/{ASSISTANT}/op-0001")
                return response.raise_for_status().json()

        async def slot(index: int) -> None:
            await asyncio.sleep((index // cap + 1) * SERVER_SECONDS)

        async def busy_slot(index: int) -> int:
            await asyncio.sleep(index // cap * SERVER_SECONDS)
            held = [[] for _ in range(BUSY_OBJECTS)]
            await asyncio.sleep(SERVER_SECONDS)
            return len(held)

        def call(index: int) -> Coroutine[Any, Any, Any]:
            if client == "raw":
                return raw_get()
            if client == "tasks":
                return slot(index)
            if client == "tasks_busy":
                return busy_slot(index)
            return ops.get("op-0001")

        start = time.perf_counter()
        tasks = [asyncio.create_task(call(index)) for index in range(calls)]
        # One loop turn runs every task's first step, up to its place in the queue: that
        # turn's length is the caller's cost of starting them all at once, reported apart.
        await asyncio.sleep(0)
        spawned = time.perf_counter() - start
        # Counted before the stall is watched: the count itself takes a while.
        per_caller = (len(gc.get_objects()) - base_objects) / calls
        monitor = asyncio.create_task(_watch_lag(lags, stop))
        with _CollectorPauses() as collector:
            async with asyncio.timeout(TIMEOUT):
                results = await asyncio.gather(*tasks, return_exceptions=True)
            seconds = time.perf_counter() - start
            stop.set()
            await monitor
    return {
        "client": client,
        "calls": calls,
        "succeeded": sum(not isinstance(r, BaseException) for r in results),
        "seconds": round(seconds, 2),
        "cap_allows_seconds": round(allowed, 2),
        "ratio_to_cap": round(seconds / allowed, 2),
        "start_all_ms": round(spawned * 1e3, 1),
        "max_stall_ms": round(max(lags, default=0.0) * 1e3, 1),
        "max_gc_pause_ms": round(max(collector.pauses, default=0.0) * 1e3, 1),
        "objects_per_waiting_call": round(per_caller, 1),
        "base_objects": base_objects,
        "base_full_collection_ms": round(base_ms, 1),
    }


if __name__ == "__main__":
    url, calls, client = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    print(json.dumps(asyncio.run(crowd(url, calls, client))))
