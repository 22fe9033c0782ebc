"""A fleet sharing one rate limit: N processes, each with its own client, M callers each.

    uv run python -m scripts.bench.bench_fleet [--json] [--quick] [--limiter NAME,...]
        [--workload PxCxR,...] [--rounds N]

``--workload 8x50x40``: 8 processes of 50 callers into 40 requests a second (default: the
three of ``WORKLOADS``). With ``BENCH_FLEET_TRACE=1`` in the environment each round also
says when the 429s came: per process, how many in its first second, in between and in its
last second, and over all processes per half second since the start signal.

The emulator runs in a process of its own on a loopback socket with ``rate_limit=R`` (a
bucket of R requests refilled at R a second, kept per API key: every connection of every
process draws from it, as the service's per-project limit does). N member processes (this
module with ``--member``) each build one ``Pinecone`` client, warm its connection, then wait
for the parent's signal (once all are ready) and start M concurrent ``assistants.get`` calls at once; each
times itself from that moment to its own last answer and counts its requests and 429s
(``ClientStats``). Nothing coordinates the members: they share only the server's limit.

Reported per workload and limiter: calls that succeeded, 429 answers as a share of all
requests, each process's finish time, Jain's fairness index over the processes' throughputs
(1.0: all equal; 1/N: one process got everything), and the slowest finish against the ideal
(all N x M calls at exactly R a second: N x M / R seconds).

Limiters (``--limiter``), each the lane's rate control in every member:

- ``shipped``: what ``RateLimitPolicy`` does in this tree.
- ``shared``: the same lane with ``RateLimitPolicy(shared=RedisRateStore(...))``: the
  members share one learned rate through a ``redis-server`` this benchmark starts on a
  loopback port (a fresh key each round); skipped, and said so, without ``redis-server``.
- candidates kept here while they are measured, see ``_candidates``.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ._common import API_KEY, ASSISTANT, cli, spread

# (processes, callers each, limit in requests a second)
WORKLOADS = ((4, 100, 20.0), (8, 50, 40.0), (1, 200, 20.0))
QUICK_WORKLOADS = ((2, 20, 20.0),)
ROUNDS = 3
# What ``nox -s bench`` compares: the shipped lane and the same without its slow start.
DEFAULT_LIMITERS = ("shipped", "no_slow_start", "shared")
# Bounds each member if something goes wrong; a normal run ends far sooner.
TIMEOUT = 180.0


# -- the emulator, in its own process -------------------------------------------------------


def _serve(rate: float) -> None:
    from awaitops.emulator import Emulator, EmulatorConfig

    emulator = Emulator(EmulatorConfig(api_key=API_KEY, rate_limit=rate))
    emulator.add_assistant(ASSISTANT)
    with emulator.serving() as url:
        print(url, flush=True)
        sys.stdin.read()


@contextmanager
def _emulator(rate: float) -> Iterator[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "scripts.bench.bench_fleet", "--serve", str(rate)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdin is not None
        url = child.stdout.readline().strip()
        if not url:
            raise RuntimeError("the emulator process printed no URL")
        yield url
    finally:
        if child.stdin is not None:
            child.stdin.close()
        child.wait(timeout=30)


# -- one member -------------------------------------------------------------------------------


async def _member(url: str, calls: int, limiter: str) -> dict[str, Any]:
    from awaitops.pinecone import Pinecone

    from ._candidates import install

    options: dict[str, Any] = {}
    if limiter == "shared":
        from awaitops import RateLimitPolicy, RedisRateStore

        store = RedisRateStore(os.environ["BENCH_FLEET_REDIS"], key=os.environ["BENCH_FLEET_KEY"])
        options["rate_limit"] = RateLimitPolicy(shared=store)
        limiter = "shipped"
    install(limiter)
    trace: list[float] | None = [] if os.environ.get("BENCH_FLEET_TRACE") else None
    if trace is not None:
        from awaitops.core import _client

        lane_type = _client.Lane
        throttled = lane_type.throttled

        def traced(self: Any, epoch: int, retry_after: float | None) -> None:
            trace.append(round(time.time() - started, 3))
            throttled(self, epoch, retry_after)

        lane_type.throttled = traced  # type: ignore[method-assign]
    started = time.time()
    async with Pinecone(api_key=API_KEY, control_url=url, **options) as pc:
        # Warm the connection outside the timed part; a limit's burst covers it.
        await pc.assistants.get(ASSISTANT)
        before_requests, before_limited = pc.stats.requests, pc.stats.rate_limited
        # Ready: the parent starts every member at once by writing a line to its stdin.
        print("ready", flush=True)
        start_at = float(await asyncio.to_thread(sys.stdin.readline))
        started = time.time()

        async def one() -> bool:
            try:
                await pc.assistants.get(ASSISTANT)
            except Exception:
                return False
            return True

        async with asyncio.timeout(TIMEOUT):
            results = await asyncio.gather(*(one() for _ in range(calls)))
        seconds = time.time() - started
        member: dict[str, Any] = {
            "succeeded": sum(results),
            "requests": pc.stats.requests - before_requests,
            "throttled": pc.stats.rate_limited - before_limited,
            "seconds": round(seconds, 2),
            "late_start": round(started - start_at, 3),
        }
        if trace is not None:
            member["throttle_times"] = trace
        return member


def _fleet(url: str, processes: int, calls: int, limiter: str) -> list[dict[str, Any]]:
    env = dict(os.environ, PYTHONHASHSEED="0", BENCH_FLEET_KEY=f"fleet-{time.time_ns()}")
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scripts.bench.bench_fleet",
                "--member",
                url,
                str(calls),
                limiter,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(processes)
    ]
    for child in children:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            _, err = child.communicate(timeout=30)
            raise RuntimeError(f"a member failed to start:\n{err}")
    start_at = time.time()
    for child in children:
        assert child.stdin is not None
        child.stdin.write(f"{start_at!r}\n")
        child.stdin.flush()
    members = []
    for child in children:
        out, err = child.communicate(timeout=TIMEOUT + 60)
        if child.returncode != 0:
            raise RuntimeError(f"a member failed ({child.returncode}):\n{err}")
        members.append(json.loads(out.strip().splitlines()[-1]))
    return members


def jain(values: Sequence[float]) -> float:
    """Jain's fairness index: (sum x)^2 / (n * sum x^2); 1.0 when all are equal."""
    total = sum(values)
    squares = sum(value * value for value in values)
    return total * total / (len(values) * squares) if squares else math.nan


def _round(processes: int, calls: int, rate: float, limiter: str) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    with _emulator(rate) as url:
        members = _fleet(url, processes, calls, limiter)
    requests = sum(m["requests"] for m in members)
    throttled = sum(m["throttled"] for m in members)
    ideal = processes * calls / rate
    finishes = [m["seconds"] for m in members]
    return {
        "succeeded": sum(m["succeeded"] for m in members),
        "calls": processes * calls,
        "requests": requests,
        "throttled": throttled,
        "throttled_share": round(throttled / max(1, requests), 3),
        "finishes": sorted(finishes),
        "slowest_over_ideal": round(max(finishes) / ideal, 2),
        "jain": round(jain([calls / s for s in finishes]), 3),
        "late_start_max": max(m["late_start"] for m in members),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        **_where(members, ideal),
    }


def _where(members: list[dict[str, Any]], ideal: float) -> dict[str, Any]:
    """With ``BENCH_FLEET_TRACE``: when the 429s came, per process, in three phases (the
    first second, the steady state, the last second of each process), and per half second."""
    if "throttle_times" not in members[0]:
        return {}
    phases = []
    histogram: dict[float, int] = {}
    for member in members:
        times, end = member["throttle_times"], member["seconds"]
        first = sum(t < 1.0 for t in times)
        tail = sum(t >= end - 1.0 and t >= 1.0 for t in times)
        phases.append([first, len(times) - first - tail, tail])
        for t in times:
            histogram[math.floor(t * 2) / 2] = histogram.get(math.floor(t * 2) / 2, 0) + 1
    return {"phases_first_steady_tail": phases, "per_half_second": dict(sorted(histogram.items()))}


@contextmanager
def _redis() -> Iterator[str | None]:
    """A ``redis-server`` on a free loopback port for the ``shared`` limiter, or None."""
    server = shutil.which("redis-server")
    if server is None:
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    child = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        child.terminate()
        child.wait(timeout=10)


def measure(quick: bool, limiters: Sequence[str]) -> dict[str, Any]:
    with _redis() as redis_url:
        if "shared" in limiters:
            if redis_url is None:
                print(
                    "bench_fleet: no redis-server on PATH, the shared row is skipped",
                    file=sys.stderr,
                )
                limiters = [name for name in limiters if name != "shared"]
            else:
                os.environ["BENCH_FLEET_REDIS"] = redis_url
        return _measure(quick, limiters)


def _measure(quick: bool, limiters: Sequence[str]) -> dict[str, Any]:
    workloads = QUICK_WORKLOADS if quick else WORKLOADS
    rounds = 1 if quick else ROUNDS
    results: list[dict[str, Any]] = []
    for processes, calls, rate in workloads:
        for limiter in limiters:
            runs = [_round(processes, calls, rate, limiter) for _ in range(rounds)]
            results.append(
                {
                    "processes": processes,
                    "calls_each": calls,
                    "rate": rate,
                    "ideal_seconds": processes * calls / rate,
                    "limiter": limiter,
                    "runs": runs,
                    "throttled_share": spread([r["throttled_share"] for r in runs]),
                    "slowest_over_ideal": spread([r["slowest_over_ideal"] for r in runs]),
                    "jain": spread([r["jain"] for r in runs]),
                    "all_succeeded": all(r["succeeded"] == r["calls"] for r in runs),
                }
            )
    return {"rounds": rounds, "workloads": results}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        _serve(float(sys.argv[2]))
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--member":
        url, calls, limiter = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        print(json.dumps(asyncio.run(_member(url, calls, limiter))))
        return
    limiters = list(DEFAULT_LIMITERS)
    argv = list(sys.argv[1:])
    if "--limiter" in argv:
        at = argv.index("--limiter")
        limiters = argv[at + 1].split(",")
        del argv[at : at + 2]
    global WORKLOADS, ROUNDS
    if "--workload" in argv:
        at = argv.index("--workload")
        WORKLOADS = tuple(
            (int(p), int(c), float(r))
            for p, c, r in (w.split("x") for w in argv[at + 1].split(","))
        )
        del argv[at : at + 2]
    if "--rounds" in argv:
        at = argv.index("--rounds")
        ROUNDS = int(argv[at + 1])
        del argv[at : at + 2]
    sys.argv[1:] = argv
    cli(lambda quick=False: measure(quick, limiters), __doc__)


if __name__ == "__main__":
    main()
