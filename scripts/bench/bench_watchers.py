"""Benchmark the operation watchers against a scripted operation source.

    uv run python -m scripts.bench.bench_watchers            # print, and update BENCHMARKS.md
    uv run python -m scripts.bench.bench_watchers --no-write

100 operations start together and run 2-20 s (uniform, seeded) with linear
``percent_complete``; every request takes 20 ms. Four ways to learn when each one ends:

* ``wait``: one :func:`awaitops.wait` per operation (backoff + completion estimate),
* ``wait_all``: one :func:`awaitops.wait_all` over all 100, polling the list endpoint,
* fixed 5 s: one poll per operation every 5 s (what the official ``pinecone`` SDK does),
* fixed 0.5 s: the same every 0.5 s.

Reported: total requests, and the detection lag (from an operation's completion to the
client holding a response that shows it), p50 and p95, over several seeded rounds. Time is
virtual (trio's ``MockClock`` with autojump), so a round of 20 s takes a fraction of a second
and the numbers do not depend on the machine.
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import statistics
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import trio
import trio.testing

from awaitops import PollPolicy, wait, wait_all

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "uv run python -m scripts.bench.bench_watchers"
OPERATIONS = 100
DURATIONS = (2.0, 20.0)
LATENCY = 0.02
LIST_PAGE_SIZE = 100
SEEDS = (1, 2, 3, 4, 5)
HEADING = "## Watchers"


@dataclass(frozen=True)
class Snapshot:
    id: str
    status: str
    percent_complete: int


class Source:
    """Operations with known end times, answering as a server would, counting requests."""

    def __init__(self, durations: Sequence[float]) -> None:
        self.start = trio.current_time()
        self.ends = {f"op-{index}": self.start + d for index, d in enumerate(durations)}
        self.durations = dict(zip(self.ends, durations, strict=True))
        self.requests = 0
        self.seen_done: dict[str, float] = {}

    def _state(self, op_id: str, now: float) -> Snapshot:
        elapsed = now - self.start
        if now >= self.ends[op_id]:
            return Snapshot(op_id, "Completed", 100)
        return Snapshot(op_id, "Processing", int(100 * elapsed / self.durations[op_id]))

    async def _answer(self, op_ids: Sequence[str]) -> list[Snapshot]:
        self.requests += 1
        await trio.sleep(LATENCY / 2)
        now = trio.current_time()
        snapshots = [self._state(op_id, now) for op_id in op_ids]
        await trio.sleep(LATENCY / 2)
        received = trio.current_time()
        for snapshot in snapshots:
            if snapshot.status == "Completed":
                self.seen_done.setdefault(snapshot.id, received)
        return snapshots

    async def get(self, op_id: str) -> Snapshot:
        return (await self._answer([op_id]))[0]

    async def list_all(self) -> list[Snapshot]:
        ids = list(self.ends)
        snapshots: list[Snapshot] = []
        for offset in range(0, len(ids), LIST_PAGE_SIZE):
            snapshots += await self._answer(ids[offset : offset + LIST_PAGE_SIZE])
        return snapshots

    def lags(self) -> list[float]:
        return [self.seen_done[op_id] - end for op_id, end in self.ends.items()]


def _done(snapshot: Snapshot) -> bool:
    return snapshot.status == "Completed"


def _failed(snapshot: Snapshot) -> bool:
    return snapshot.status == "Failed"


def _percent(snapshot: Snapshot) -> float:
    return snapshot.percent_complete


async def _each(source: Source, follow: Callable[[str], Awaitable[None]]) -> None:
    async with trio.open_nursery() as nursery:
        for op_id in source.ends:
            nursery.start_soon(follow, op_id)


async def run_wait(source: Source) -> None:
    async def follow(op_id: str) -> None:
        await wait(
            lambda: source.get(op_id),
            is_terminal=_done,
            is_failed=_failed,
            progress=_percent,
            policy=PollPolicy(),
        )

    await _each(source, follow)


async def run_wait_all(source: Source) -> None:
    async for _ in wait_all(
        list(source.ends),
        batch_poll=source.list_all,
        get_one=source.get,
        key=lambda snapshot: snapshot.id,
        is_terminal=_done,
        is_failed=_failed,
        progress=_percent,
        policy=PollPolicy(),
    ):
        pass


def fixed(interval: float) -> Callable[[Source], Awaitable[None]]:
    async def run(source: Source) -> None:
        async def follow(op_id: str) -> None:
            while True:
                if _done(await source.get(op_id)):
                    return
                await trio.sleep(interval)

        await _each(source, follow)

    return run


STRATEGIES: dict[str, Callable[[Source], Awaitable[None]]] = {
    "`wait` (one per operation)": run_wait,
    "`wait_all` (list endpoint)": run_wait_all,
    "fixed 5 s polling": fixed(5.0),
    "fixed 0.5 s polling": fixed(0.5),
}


@dataclass(frozen=True)
class Round:
    requests: int
    p50: float
    p95: float


def _percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(strategy: Callable[[Source], Awaitable[None]], seed: int) -> Round:
    rng = random.Random(seed)
    durations = [rng.uniform(*DURATIONS) for _ in range(OPERATIONS)]
    random.seed(seed)  # the watchers' jitter
    result: list[Round] = []

    async def main() -> None:
        source = Source(durations)
        await strategy(source)
        lags = source.lags()
        result.append(Round(source.requests, _percentile(lags, 0.5), _percentile(lags, 0.95)))

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))
    return result[0]


def _spread(values: Sequence[float], digits: int) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})"


def table() -> tuple[str, dict[str, list[Round]]]:
    results = {name: [measure(run, seed) for seed in SEEDS] for name, run in STRATEGIES.items()}
    lines = [
        "| strategy | requests | lag p50 (s) | lag p95 (s) |",
        "|---|---:|---:|---:|",
    ]
    for name, rounds in results.items():
        lines.append(
            f"| {name} | {_spread([r.requests for r in rounds], 0)} "
            f"| {_spread([r.p50 for r in rounds], 2)} | {_spread([r.p95 for r in rounds], 2)} |"
        )
    return "\n".join(lines), results


def section(rendered: str) -> str:
    machine = f"{platform.python_implementation()} {platform.python_version()}, {platform.system()} {platform.machine()}"
    return f"""{HEADING}

Command: `{COMMAND}`

Workload: {OPERATIONS} operations start together; durations uniform in {DURATIONS[0]:g}-{DURATIONS[1]:g} s;
`percent_complete` rises linearly; every request takes {LATENCY * 1000:g} ms; the list endpoint
returns {LIST_PAGE_SIZE} operations per page. Default `PollPolicy()` (0.5 s initial, 10 s max,
x1.5, full jitter). Virtual time (trio `MockClock`), {len(SEEDS)} seeded rounds; each cell is
the median (min-max) over rounds. Lag: from an operation's completion to the client holding a
response that shows it. Machine: {machine} (time is simulated, so the numbers do not depend
on it).

{rendered}

Targets: `wait_all` at most a third of fixed-5 s requests with p95 lag at most 0.5 s;
`wait` fewer requests than fixed 5 s with p95 lag under 1 s.
"""


def write(path: Path, text: str) -> None:
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    lines = current.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == HEADING), None)
    if start is None:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        tail = "".join(lines[end:])
        updated = "".join(lines[:start]) + text + ("\n" + tail if tail else "")
    path.write_text(updated)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    rendered, results = table()
    text = section(rendered)
    print(text)
    medians = {
        name: (
            statistics.median(r.requests for r in rounds),
            statistics.median(r.p95 for r in rounds),
        )
        for name, rounds in results.items()
    }
    fixed_requests = medians["fixed 5 s polling"][0]
    all_requests, all_p95 = medians["`wait_all` (list endpoint)"]
    one_requests, one_p95 = medians["`wait` (one per operation)"]
    met = (
        all_requests <= fixed_requests / 3
        and all_p95 <= 0.5
        and one_requests < fixed_requests
        and one_p95 < 1.0
    )
    print("targets met" if met else "TARGETS MISSED")
    if not args.no_write:
        write(args.output, text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
