"""Benchmark the operation watchers against a scripted operation source.

    uv run python -m scripts.bench.bench_watchers            # print, and update BENCHMARKS.md
    uv run python -m scripts.bench.bench_watchers --no-write [--quick]

Three workloads, each against operations that start together and run 2-20 s (uniform,
seeded) with linear ``percent_complete``; every request takes 20 ms:

* completions: 100 operations that all complete,
* mid-progress failures: the same 100, half of which fail part-way (at 5-95 % of their
  run, progress frozen where it stopped, as in the spec's failed example at 15 %),
* 1,000 ids: 1,000 operations that all complete, listed 100 per page.

Four ways to learn when each one ends:

* ``wait``: one :func:`awaitops.wait` per operation (backoff + completion estimate),
* ``wait_all``: one :func:`awaitops.wait_all` over all of them, reading the list endpoint,
* fixed 5 s: one poll per operation every 5 s (what the official ``pinecone`` SDK does),
* fixed 0.5 s: the same every 0.5 s.

Reported: total requests, and the detection lag (from an operation's end to the client
holding a response that shows it), over several seeded rounds. Time is virtual (trio's
``MockClock`` with autojump), so a round of 20 s takes a fraction of a second and the
numbers do not depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import platform
import random
import statistics
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import trio
import trio.testing

from awaitops import PollPolicy, wait, wait_all
from awaitops.errors import OperationFailedError

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "uv run python -m scripts.bench.bench_watchers"
OPERATIONS = 100
MANY = 1000
DURATIONS = (2.0, 20.0)
FAIL_POINTS = (0.05, 0.95)
LATENCY = 0.02
LIST_PAGE_SIZE = 100
SEEDS = (1, 2, 3, 4, 5)
QUICK_SEEDS = (1,)
HEADING = "## Watchers"


@dataclass(frozen=True)
class Snapshot:
    id: str
    status: str
    percent_complete: int


@dataclass(frozen=True)
class Workload:
    operations: int
    failing: bool
    durations: tuple[float, float] = DURATIONS


COMPLETIONS = Workload(OPERATIONS, failing=False)
FAILURES = Workload(OPERATIONS, failing=True)
THOUSAND = Workload(MANY, failing=False)
# Issue 26's small cases: a handful of uploads followed one by one, or together with half of
# them failing part-way. Few operations make each round noisy, so they get more rounds.
FEW = 10
FEW_FAILING = 12
FEW_DURATIONS = (2.0, 12.0)
FEW_WAITS = Workload(FEW, failing=False, durations=FEW_DURATIONS)
FEW_FAILURES = Workload(FEW_FAILING, failing=True, durations=FEW_DURATIONS)
FEW_SEEDS = tuple(range(1, 21))


class Source:
    """Operations with known end times, answering as a server would, counting requests."""

    def __init__(self, durations: Sequence[float], fail_points: Sequence[float | None]) -> None:
        self.start = trio.current_time()
        ids = [f"op-{index}" for index in range(len(durations))]
        self.durations = dict(zip(ids, durations, strict=True))
        self.fail_after = {
            op_id: None if point is None else point * duration
            for op_id, duration, point in zip(ids, durations, fail_points, strict=True)
        }
        self.ends = {
            op_id: self.start + (self.durations[op_id] if after is None else after)
            for op_id, after in self.fail_after.items()
        }
        self.requests = 0
        self.seen_done: dict[str, float] = {}

    def _state(self, op_id: str, now: float) -> Snapshot:
        elapsed = now - self.start
        duration = self.durations[op_id]
        fail_after = self.fail_after[op_id]
        if fail_after is not None and elapsed >= fail_after:
            return Snapshot(op_id, "Failed", int(100 * fail_after / duration))
        if elapsed >= duration:
            return Snapshot(op_id, "Completed", 100)
        return Snapshot(op_id, "Processing", int(100 * elapsed / duration))

    async def _answer(self, op_ids: Sequence[str]) -> list[Snapshot]:
        self.requests += 1
        await trio.sleep(LATENCY / 2)
        now = trio.current_time()
        snapshots = [self._state(op_id, now) for op_id in op_ids]
        await trio.sleep(LATENCY / 2)
        received = trio.current_time()
        for snapshot in snapshots:
            if snapshot.status != "Processing":
                self.seen_done.setdefault(snapshot.id, received)
        return snapshots

    async def get(self, op_id: str) -> Snapshot:
        return (await self._answer([op_id]))[0]

    async def pages(self) -> AsyncIterator[list[Snapshot]]:
        ids = list(self.ends)
        for offset in range(0, len(ids), LIST_PAGE_SIZE):
            yield await self._answer(ids[offset : offset + LIST_PAGE_SIZE])

    def lags(self, failed: bool) -> list[float]:
        return [
            self.seen_done[op_id] - end
            for op_id, end in self.ends.items()
            if (self.fail_after[op_id] is not None) is failed
        ]


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
        with contextlib.suppress(OperationFailedError):
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
        batch_poll=source.pages,
        get_one=source.get,
        key=lambda snapshot: snapshot.id,
        is_terminal=_done,
        is_failed=_failed,
        progress=_percent,
        policy=PollPolicy(),
        page_size=LIST_PAGE_SIZE,
    ):
        pass


def fixed(interval: float) -> Callable[[Source], Awaitable[None]]:
    async def run(source: Source) -> None:
        async def follow(op_id: str) -> None:
            while True:
                snapshot = await source.get(op_id)
                if _done(snapshot) or _failed(snapshot):
                    return
                await trio.sleep(interval)

        await _each(source, follow)

    return run


WAIT = "`wait` (one per operation)"
WAIT_ALL = "`wait_all` (list endpoint)"
FIXED_5 = "fixed 5 s polling"
STRATEGIES: dict[str, Callable[[Source], Awaitable[None]]] = {
    WAIT: run_wait,
    WAIT_ALL: run_wait_all,
    FIXED_5: fixed(5.0),
    "fixed 0.5 s polling": fixed(0.5),
}
# 1,000 separate 0.5 s pollers teach nothing new and cost the most to simulate.
MANY_STRATEGIES = (WAIT, WAIT_ALL, FIXED_5)


@dataclass(frozen=True)
class Round:
    requests: int
    p50: float
    p95: float
    failure_p50: float
    failure_p95: float
    failure_max: float


def _percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(strategy: Callable[[Source], Awaitable[None]], workload: Workload, seed: int) -> Round:
    rng = random.Random(seed)
    durations = [rng.uniform(*workload.durations) for _ in range(workload.operations)]
    fail_points = [
        rng.uniform(*FAIL_POINTS) if workload.failing and index % 2 else None
        for index in range(workload.operations)
    ]
    random.seed(seed)  # the watchers' jitter
    result: list[Round] = []

    async def main() -> None:
        source = Source(durations, fail_points)
        await strategy(source)
        done, failed = source.lags(failed=False), source.lags(failed=True)
        result.append(
            Round(
                source.requests,
                _percentile(done, 0.5),
                _percentile(done, 0.95),
                _percentile(failed, 0.5),
                _percentile(failed, 0.95),
                max(failed, default=math.nan),
            )
        )

    trio.run(main, clock=trio.testing.MockClock(autojump_threshold=0))
    return result[0]


def _spread(values: Sequence[float], digits: int) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})"


Results = dict[str, list[Round]]


def run_all(workload: Workload, names: Sequence[str], seeds: Sequence[int]) -> Results:
    return {name: [measure(STRATEGIES[name], workload, seed) for seed in seeds] for name in names}


def _ratios(results: Results, name: str) -> list[float]:
    """Requests over fixed 5 s polling's, round by round (the same operations in each)."""
    return [
        mine.requests / fixed.requests
        for mine, fixed in zip(results[name], results[FIXED_5], strict=True)
    ]


def completions_table(results: Results) -> str:
    lines = [
        "| strategy | requests | vs fixed 5 s | lag p50 (s) | lag p95 (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, rounds in results.items():
        lines.append(
            f"| {name} | {_spread([r.requests for r in rounds], 0)} "
            f"| {_spread(_ratios(results, name), 2)} "
            f"| {_spread([r.p50 for r in rounds], 2)} | {_spread([r.p95 for r in rounds], 2)} |"
        )
    return "\n".join(lines)


def failures_table(results: Results) -> str:
    lines = [
        "| strategy | requests | vs fixed 5 s | failure lag p50 (s) | failure lag p95 (s) "
        "| failure lag max (s) | completion lag p95 (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, rounds in results.items():
        lines.append(
            f"| {name} | {_spread([r.requests for r in rounds], 0)} "
            f"| {_spread(_ratios(results, name), 2)} "
            f"| {_spread([r.failure_p50 for r in rounds], 2)} "
            f"| {_spread([r.failure_p95 for r in rounds], 2)} "
            f"| {_spread([r.failure_max for r in rounds], 2)} "
            f"| {_spread([r.p95 for r in rounds], 2)} |"
        )
    return "\n".join(lines)


def many_table(results: Results) -> str:
    lines = [
        f"| strategy ({MANY:,} ids) | requests | requests vs {MANY:,} separate `wait`s "
        "| lag p50 (s) | lag p95 (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    alone = statistics.median(r.requests for r in results[WAIT])
    for name, rounds in results.items():
        ratio = statistics.median(r.requests for r in rounds) / alone
        lines.append(
            f"| {name} | {_spread([r.requests for r in rounds], 0)} | {ratio:.2f} "
            f"| {_spread([r.p50 for r in rounds], 2)} | {_spread([r.p95 for r in rounds], 2)} |"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Report:
    completions: Results
    failures: Results
    many: Results
    few_waits: Results
    few_failures: Results
    seeds: int
    many_seeds: int
    few_seeds: int

    def _median(self, results: Results, name: str, field: str) -> float:
        return statistics.median(getattr(r, field) for r in results[name])

    def _ratio(self, results: Results, name: str) -> float:
        return statistics.median(_ratios(results, name))

    def _wait_cheap(self, results: Results) -> bool:
        return self._ratio(results, WAIT) <= 1.15 and self._median(results, WAIT, "p95") < 1.0

    def _wait_all_sees(self, results: Results) -> bool:
        return (
            self._ratio(results, WAIT_ALL) <= 0.45
            and self._median(results, WAIT_ALL, "failure_p95") <= 1.0
            and self._median(results, WAIT_ALL, "p95") <= 1.0
        )

    def targets(self) -> list[tuple[str, bool]]:
        c, f, m = self.completions, self.failures, self.many
        fixed_requests = self._median(c, FIXED_5, "requests")
        return [
            (
                "`wait_all` at most a third of fixed-5 s requests, completion lag p95 <= 0.5 s",
                self._median(c, WAIT_ALL, "requests") <= fixed_requests / 3
                and self._median(c, WAIT_ALL, "p95") <= 0.5,
            ),
            (
                f"`wait` at most 1.15x fixed-5 s requests, completion lag p95 < 1 s "
                f"({OPERATIONS} operations, and {FEW} of {FEW_DURATIONS[0]:g}-"
                f"{FEW_DURATIONS[1]:g} s)",
                self._wait_cheap(c) and self._wait_cheap(self.few_waits),
            ),
            (
                "mid-progress failures: `wait` worst failure lag <= 5.5 s",
                max(r.failure_max for r in f[WAIT] + self.few_failures[WAIT]) <= 5.5,
            ),
            (
                "mid-progress failures: `wait_all` at most 0.45x fixed-5 s requests, p95 lag "
                f"<= 1 s for failures and completions ({OPERATIONS} operations, and "
                f"{FEW_FAILING} of {FEW_DURATIONS[0]:g}-{FEW_DURATIONS[1]:g} s)",
                self._wait_all_sees(f) and self._wait_all_sees(self.few_failures),
            ),
            (
                f"{MANY:,} ids: `wait_all` fewer requests than {MANY:,} separate `wait`s",
                max(r.requests for r in m[WAIT_ALL]) < min(r.requests for r in m[WAIT]),
            ),
        ]

    def met(self) -> bool:
        return all(met for _, met in self.targets())

    def render(self) -> str:
        machine = (
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}"
        )
        targets = "\n".join(
            f"- {name}: {'met' if met else '**missed**'}" for name, met in self.targets()
        )
        return f"""{HEADING}

Command: `{COMMAND}`

Workload: operations start together; durations uniform in {DURATIONS[0]:g}-{DURATIONS[1]:g} s;
`percent_complete` rises linearly; every request takes {LATENCY * 1000:g} ms; the list endpoint
returns {LIST_PAGE_SIZE} operations per page. Default `PollPolicy()` (0.5 s initial, 5 s max,
x1.5, full jitter). Virtual time (trio `MockClock`), {self.seeds} seeded rounds
({self.many_seeds} for {MANY:,} ids, {self.few_seeds} for the few-operation cases); each cell
is the median (min-max) over rounds, "vs fixed 5 s" the ratio of requests to fixed 5 s
polling's in the same round. Lag: from an operation's end (completion or failure) to the
client holding a response that shows it; p95 of a round (of a few operations, its worst).
Machine: {machine} (time is simulated, so the numbers do not depend on it).

### Completions ({OPERATIONS} operations)

{completions_table(self.completions)}

### Mid-progress failures ({OPERATIONS} operations, every other one fails at {FAIL_POINTS[0]:.0%}-{FAIL_POINTS[1]:.0%} of its run)

{failures_table(self.failures)}

### A few operations: {FEW} followed to the end, {FEW_FAILING} with every other one failing ({FEW_DURATIONS[0]:g}-{FEW_DURATIONS[1]:g} s)

{completions_table(self.few_waits)}

{failures_table(self.few_failures)}

### `wait_all` at {MANY:,} ids ({MANY // LIST_PAGE_SIZE} list pages)

{many_table(self.many)}

Targets:

{targets}
"""


def report(quick: bool) -> Report:
    seeds = QUICK_SEEDS if quick else SEEDS
    many_seeds = QUICK_SEEDS if quick else SEEDS[:3]
    few_seeds = QUICK_SEEDS if quick else FEW_SEEDS
    return Report(
        completions=run_all(COMPLETIONS, list(STRATEGIES), seeds),
        failures=run_all(FAILURES, list(STRATEGIES), seeds),
        many=run_all(THOUSAND, MANY_STRATEGIES, many_seeds),
        few_waits=run_all(FEW_WAITS, list(STRATEGIES), few_seeds),
        few_failures=run_all(FEW_FAILURES, list(STRATEGIES), few_seeds),
        seeds=len(seeds),
        many_seeds=len(many_seeds),
        few_seeds=len(few_seeds),
    )


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
    parser.add_argument("--quick", action="store_true", help="one seeded round (smoke run)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    result = report(args.quick)
    text = result.render()
    print(text)
    met = result.met()
    print("targets met" if met else "TARGETS MISSED")
    if not args.no_write:
        write(args.output, text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
