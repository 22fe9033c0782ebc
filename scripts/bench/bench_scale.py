"""Scale: 10,000 concurrent ``operations.wait`` on the in-process emulator.

    uv run python -m scripts.bench.bench_scale [--json] [--quick]

10,000 uploads are made first (untimed) while the emulator's clock is held, so that every
operation starts at the same moment and then stays Processing for 2-6 s. Then one task per
operation awaits ``pc.assistant(name, host=...).operations.wait(id)`` with the default
``PollPolicy()``, all at once, under asyncio.

Reported: wall time until all are done, requests sent (the client's own counter), peak
resident memory growth (``ru_maxrss`` after minus before the waits, in a fresh process), and
event-loop lag: a task asks to sleep 10 ms again and again, and the lag is how late it wakes.
No target yet; one round.
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import time
from typing import Any

import httpx

from awaitops import PollPolicy
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

from ._common import API_KEY, ASSISTANT, DATA_API_VERSION, DATA_BASE_PATH, DATA_VERSION_HEADER, cli

WAITS = 10_000
OP_SECONDS = (2.0, 6.0)
TICK = 0.01
URL = "http://127.0.0.1"
# Bounds the run if something goes wrong; a normal run ends far sooner.
TIMEOUT = 240.0


class HeldClock:
    """Stands still at its start until :meth:`release`, then runs with the monotonic clock."""

    def __init__(self) -> None:
        self._start = time.time()
        self._released: float | None = None

    def release(self) -> None:
        self._released = time.monotonic()

    def now(self) -> float:
        if self._released is None:
            return self._start
        return self._start + (time.monotonic() - self._released)


async def _watch_lag(lags: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        asked = time.perf_counter()
        await asyncio.sleep(TICK)
        lags.append(time.perf_counter() - asked - TICK)


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def measure(waits: int) -> dict[str, Any]:
    clock = HeldClock()
    emulator = Emulator(EmulatorConfig(api_key=API_KEY, op_seconds=OP_SECONDS), clock=clock)
    emulator.add_assistant(ASSISTANT)
    http = httpx.AsyncClient(transport=emulator.transport())
    raw = httpx.AsyncClient(
        transport=emulator.transport(),
        base_url=URL + DATA_BASE_PATH,
        headers={"Api-Key": API_KEY, DATA_VERSION_HEADER: DATA_API_VERSION},
    )
    ids = []
    for index in range(waits):
        response = await raw.post(
            f"/files/{ASSISTANT}", files={"file": (f"report-{index}.txt", b"quarterly numbers")}
        )
        response.raise_for_status()
        ids.append(response.json()["id"])
    await raw.aclose()

    pc = Pinecone(api_key=API_KEY, control_url=URL, http_client=http)
    operations = pc.assistant(ASSISTANT, host=URL).operations
    poll = PollPolicy(timeout=TIMEOUT / 2)
    lags: list[float] = []
    stop = asyncio.Event()
    rss_before = _max_rss_mib()
    requests_before = pc.stats.requests
    monitor = asyncio.create_task(_watch_lag(lags, stop))
    clock.release()
    start = time.perf_counter()
    async with asyncio.timeout(TIMEOUT):
        done = await asyncio.gather(*(operations.wait(op_id, poll=poll) for op_id in ids))
    elapsed = time.perf_counter() - start
    stop.set()
    await monitor
    rss_after = _max_rss_mib()
    await pc.aclose()
    await http.aclose()
    if sum(op.status == "Completed" for op in done) != waits:
        raise RuntimeError("not every operation completed")
    ordered = sorted(lags)
    return {
        "waits": waits,
        "op_seconds": list(OP_SECONDS),
        "seconds": round(elapsed, 2),
        "requests": pc.stats.requests - requests_before,
        "peak_rss_growth_mib": round(rss_after - rss_before, 1),
        "peak_rss_mib": round(rss_after, 1),
        "lag_ms": {
            "p50": round(statistics.median(ordered) * 1e3, 1),
            "p99": round(ordered[int(0.99 * (len(ordered) - 1))] * 1e3, 1),
            "max": round(ordered[-1] * 1e3, 1),
        },
    }


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(measure(20 if quick else WAITS))


if __name__ == "__main__":
    cli(run, __doc__)
