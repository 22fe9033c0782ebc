"""Many callers, one limit: a rate-limited server, a total outage, thousands of callers.

    uv run python -m scripts.bench.bench_limits [--json] [--quick]

Three workloads, each on one client with every caller started at once:

- **429**: 200 concurrent ``assistants.get`` against the emulator on a loopback socket with
  ``rate_limit=20`` (a bucket of 20 requests refilled at 20 a second, so 200 calls need at
  least 9 s, ideally 10 s). Ours with the limiter on (defaults), ours with rate limit,
  concurrency cap and retry budget off, and the official SDK (``PineconeAsyncio``, its
  default retries) when installed. Reported: calls that succeeded, 429 answers as a share of
  all requests, wall time.
- **outage**: 300 concurrent GETs against a loopback server answering every request 503.
  Reported: requests sent per call.
- **crowd**: 2,000 and 10,000 concurrent ``operations.get`` against a loopback server
  answering after 50 ms, ours on httpx's pool and on aiohttp's (also in an application that
  froze its start-up heap with ``gc.freeze()``), raw httpx behind a
  semaphore, and two floors: tasks that only sleep until their slot, and tasks that also hold
  30 objects for 50 ms each. Reported: wall time, the time
  the concurrency cap allows (calls x 50 ms / cap), the longest event-loop stall (a task asks
  to sleep 10 ms again and again; the stall is how late it wakes), the garbage collector's
  longest pause and the objects each waiting call holds. Each crowd round runs in a process
  of its own (``_crowd``), holding nothing but its client.

Every server runs in its own process or thread.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from typing import Any

import httpx

from awaitops import ClientStats, ConcurrencyPolicy, RateLimitPolicy, RetryBudget
from awaitops.core._throttle import Lane
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

from ._common import API_KEY, ASSISTANT, OPERATION, cli, encode, official_sdk_version, spread
from ._crowd import SERVER_SECONDS
from ._loopback import child_server

RATE = 20.0
RATE_CALLS = 200
OUTAGE_CALLS = 300
CROWDS = (2_000, 10_000)
# Bounds each run if something goes wrong; a normal run ends far sooner.
TIMEOUT = 240.0
OFF: dict[str, Any] = {"rate_limit": None, "concurrency": None, "retry_budget": None}


# -- a loopback server with a fixed answer, in its own process -------------------------------


COUNT_PATH = b"/__requests"


def _serve(status: int, delay: float) -> None:
    """Answer every request ``status`` after ``delay`` seconds; print the port first.

    ``GET /__requests`` answers how many other requests were served, at once.
    """
    seen = 0
    ok = encode(OPERATION)
    down = encode({"error": {"code": "UNAVAILABLE", "message": "down"}, "status": status})

    def answer(code: int, body: bytes) -> bytes:
        head = f"HTTP/1.1 {code} X\r\ncontent-type: application/json\r\n"
        return (head + f"content-length: {len(body)}\r\n\r\n").encode() + body

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal seen
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                if head.split(b" ", 2)[1] == COUNT_PATH:
                    writer.write(answer(200, str(seen).encode()))
                    continue
                seen += 1
                if delay:
                    await asyncio.sleep(delay)
                writer.write(answer(status, ok if status == 200 else down))
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client went away, or the server is stopping
        writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
        print(server.sockets[0].getsockname()[1], flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)

    asyncio.run(main())


def _fixed_server(status: int, delay: float) -> AbstractContextManager[str]:
    return child_server("scripts.bench.bench_limits", "--serve", str(status), str(delay))


async def _served(url: str) -> int:
    async with httpx.AsyncClient() as http:
        return int((await http.get(url + COUNT_PATH.decode())).text)


async def _gather(calls: list[Callable[[], Awaitable[Any]]]) -> tuple[int, float]:
    """Run every call at once; (successes, seconds)."""

    async def one(call: Callable[[], Awaitable[Any]]) -> bool:
        try:
            await call()
        except Exception:
            return False
        return True

    start = time.perf_counter()
    async with asyncio.timeout(TIMEOUT):
        results = await asyncio.gather(*(one(call) for call in calls))
    return sum(results), time.perf_counter() - start


# -- 429 and outage: the same control-plane GET from every client ---------------------------


async def _ours(url: str, calls: int, options: dict[str, Any]) -> dict[str, Any]:
    async with Pinecone(api_key=API_KEY, control_url=url, **options) as pc:
        ok, seconds = await _gather([lambda: pc.assistants.get(ASSISTANT) for _ in range(calls)])
    return {"succeeded": ok, "seconds": round(seconds, 2)}


async def _official(url: str, calls: int) -> dict[str, Any]:
    from pinecone import PineconeAsyncio  # type: ignore[import-not-found, unused-ignore]

    async with PineconeAsyncio(api_key=API_KEY, host=url) as pc:
        assistants = pc.assistants
        ok, seconds = await _gather(
            [lambda: assistants.describe(name=ASSISTANT) for _ in range(calls)]
        )
    return {"succeeded": ok, "seconds": round(seconds, 2)}


async def _client(variant: str, url: str, calls: int) -> dict[str, Any]:
    if variant == "official":
        return await _official(url, calls)
    return await _ours(url, calls, OFF if variant == "off" else {})


async def _rate_round(variant: str, calls: int) -> dict[str, Any]:
    """One client against a fresh emulator (a full bucket of ``RATE``, refilled at ``RATE``/s)."""
    emulator = Emulator(EmulatorConfig(api_key=API_KEY, rate_limit=RATE))
    emulator.add_assistant(ASSISTANT)
    async with emulator.serve() as url:
        result = await _client(variant, url, calls)
    seen = [entry.status for entry in emulator.requests if entry.path.endswith(ASSISTANT)]
    result["requests"] = len(seen)
    result["throttled"] = seen.count(429)
    result["throttled_share"] = round(seen.count(429) / max(1, len(seen)), 3)
    return result


async def _outage_round(variant: str, calls: int) -> dict[str, Any]:
    with _fixed_server(503, 0.0) as url:
        result = await _client(variant, url, calls)
        result["requests"] = await _served(url)
    result["requests_per_call"] = round(result["requests"] / calls, 2)
    return result


# -- crowd -----------------------------------------------------------------------------------


def _crowd(url: str, calls: int, client: str) -> dict[str, Any]:
    """One crowd round in a fresh process (``_crowd``): a collection's pause grows with all
    the process holds, and this one has run the emulator and maybe the official SDK."""
    done = subprocess.run(
        [sys.executable, "-m", "scripts.bench._crowd", url, str(calls), client],
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT + 60,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


class _NoNetwork:
    """Stands in for the httpx pool: answers at once, so only the lane's own work is timed."""

    def __init__(self) -> None:
        self.response = httpx.Response(200)

    async def send(self, request: httpx.Request, **_: Any) -> httpx.Response:
        return self.response


async def _lane_cost(rounds: int, sends: int) -> dict[str, Any]:
    """Microseconds a free lane (default policies, nothing learned) adds to one attempt."""
    http = _NoNetwork()
    request = httpx.Request("GET", "https://api.example.test/")
    lane = Lane(RateLimitPolicy(), ConcurrencyPolicy(), RetryBudget(), ClientStats())

    def built() -> httpx.Request:
        return request

    added = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(sends):
            await http.send(request, auth=None, follow_redirects=False)
        direct = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(sends):
            await lane.send(http, built, 60.0, None)  # type: ignore[arg-type]
        added.append((time.perf_counter() - start - direct) / sends * 1e6)
    return {"rounds": rounds, "sends": sends, "added_us": spread(added)}


async def measure(quick: bool) -> dict[str, Any]:
    sdk = official_sdk_version()
    variants = ("ours", "off", *(("official",) if sdk else ()))
    rate_calls, outage_calls = (40, 30) if quick else (RATE_CALLS, OUTAGE_CALLS)
    rate = {variant: await _rate_round(variant, rate_calls) for variant in variants}
    outage = {variant: await _outage_round(variant, outage_calls) for variant in variants}
    crowd = []
    with _fixed_server(200, SERVER_SECONDS) as url:
        for calls in (200,) if quick else CROWDS:
            for client in (
                "ours",
                "ours_aiohttp",
                "ours_aiohttp_frozen",
                "raw",
                "tasks",
                "tasks_busy",
            ):
                crowd.append(await asyncio.to_thread(_crowd, url, calls, client))
    cost = await _lane_cost(3 if quick else 15, 2_000 if quick else 100_000)
    return {
        "official_sdk": sdk,
        "lane_cost": cost,
        "rate": {"limit": RATE, "calls": rate_calls, "clients": rate},
        "outage": {"calls": outage_calls, "clients": outage},
        "crowd": {"server_seconds": SERVER_SECONDS, "runs": crowd},
    }


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(measure(quick))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        _serve(int(sys.argv[2]), float(sys.argv[3]))
    else:
        cli(run, __doc__)
