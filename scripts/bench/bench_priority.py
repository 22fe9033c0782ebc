"""Uploads beside watched operations: do a watcher's polls delay the calls that change state?

    uv run python -m scripts.bench.bench_priority [--json] [--quick]

One client (default limits: 32 requests in flight per host) against a loopback server in its
own process that answers every request after 250 ms (the service's answers take that long
under load). Uploads (a POST each) arrive at a steady 20 a second, and their latency (from the
call to its answer) is measured in three runs, the runs taking turns round after round:

- **alone**: nothing else on the client;
- **beside 200 watched operations**: 200 ``watch`` loops on the same client, each polling an
  operation that never ends every 0.25-0.5 s (several times what the host's 32 slots can
  answer, so requests queue), their polls marked as polls, as every watcher's are;
- **beside 200 watched, polls as ordinary calls**: the same watchers with the mark removed,
  as before polls had a lane of their own: every request waits in one line.

Reported: upload latency median and 95th percentile, and polls answered per second.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from contextlib import suppress
from typing import Any

from awaitops import AsyncApiClient, BearerAuth, PollPolicy, watch
from awaitops.core._priority import _POLLING

from ._common import cli, spread
from ._loopback import child_server

SERVER_SECONDS = 0.25
WATCHED = 200
UPLOADS_PER_SECOND = 20.0
POLL = PollPolicy(initial_interval=0.25, max_interval=0.5)
# Bounds each run if something goes wrong; a normal run ends far sooner.
TIMEOUT = 120.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _watcher(client: AsyncApiClient, n: int, marked: bool, answered: list[int]) -> None:
    async def poll() -> int:
        if not marked:
            _POLLING.set(False)  # this task's context only: the poll as an ordinary call
        await client.request("GET", f"/operations/op-{n}")
        answered[0] += 1
        return answered[0]  # always a new snapshot, never a terminal one

    async for _ in watch(poll, is_terminal=lambda _: False, is_failed=lambda _: False, policy=POLL):
        pass


async def _uploads(client: AsyncApiClient, count: int) -> list[float]:
    latencies: list[float] = []

    async def upload(n: int) -> None:
        start = time.perf_counter()
        # No body: the fixed-answer server reads request heads only.
        await client.request("POST", f"/files/file-{n}")
        latencies.append(time.perf_counter() - start)

    async with asyncio.TaskGroup() as group:
        for n in range(count):
            group.create_task(upload(n))
            await asyncio.sleep(1 / UPLOADS_PER_SECOND)
    return latencies


async def _run(url: str, watched: int, marked: bool, uploads: int) -> dict[str, Any]:
    async with AsyncApiClient(base_url=url, auth=BearerAuth("bench-token")) as client:
        answered = [0]
        watchers: list[asyncio.Task[None]] = [
            asyncio.create_task(_watcher(client, n, marked, answered)) for n in range(watched)
        ]
        try:
            await asyncio.sleep(1.0 if watched else 0.0)  # the watchers settle into their pace
            polled_before, start = answered[0], time.perf_counter()
            async with asyncio.timeout(TIMEOUT):
                latencies = await _uploads(client, uploads)
            seconds = time.perf_counter() - start
        finally:
            for task in watchers:
                task.cancel()
            for task in watchers:
                with suppress(asyncio.CancelledError):
                    await task
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": _percentile(latencies, 0.95) * 1000,
        "polls_per_second": (answered[0] - polled_before) / seconds,
    }


RUNS: dict[str, tuple[int, bool]] = {
    "alone": (0, True),
    "watched": (WATCHED, True),
    "watched_unmarked": (WATCHED, False),
}


async def measure(quick: bool) -> dict[str, Any]:
    rounds, uploads = (1, 20) if quick else (3, 100)
    figures: dict[str, dict[str, list[float]]] = {
        name: {"median_ms": [], "p95_ms": [], "polls_per_second": []} for name in RUNS
    }
    with child_server("scripts.bench.bench_limits", "--serve", "200", str(SERVER_SECONDS)) as url:
        for turn in range(rounds):
            names = list(RUNS)
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                watched, marked = RUNS[name]
                result = await _run(url, watched, marked, uploads)
                for key, value in result.items():
                    figures[name][key].append(value)
    return {
        "server_seconds": SERVER_SECONDS,
        "watched": WATCHED,
        "uploads": uploads,
        "uploads_per_second": UPLOADS_PER_SECOND,
        "rounds": rounds,
        "runs": {
            name: {key: spread(values) for key, values in run.items()}
            for name, run in figures.items()
        },
    }


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(measure(quick))


if __name__ == "__main__":
    cli(run, __doc__)
