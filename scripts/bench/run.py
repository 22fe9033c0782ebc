"""Run every benchmark and rewrite BENCHMARKS.md.

    uv run nox -s bench                          # what to run (installs the official SDK)
    python -m scripts.bench.run [--quick] [--output PATH]

Each workload runs in its own fresh interpreter (``python -m scripts.bench.bench_x --json``),
so imports, garbage and memory high-water marks never leak from one into the next. The
watchers benchmark keeps its own logic and section: its output is taken as it prints it.
These are benchmarks, not tests: a missed target is reported, never a failure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ._common import machine, run_checked

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "uv run nox -s bench"
WORKLOADS = (
    "per_call",
    "throughput",
    "import",
    "pagination",
    "scale",
    "emulator",
    "limits",
    "priority",
    "fleet",
    "late_faults",
)
CHANGE_CHECKS = "## Change checks"
# Ours over raw httpx, per workload of bench_per_call (the walk: over a raw loop keeping dicts).
PER_CALL_TARGETS = {
    "operations.get": 1.05,
    "assistants.list first page": 1.10,
    "operations walk": 1.35,
}
# Every workload is bounded on its own; this only stops a hung child.
CHILD_TIMEOUT = 600


def _run_workload(name: str, quick: bool) -> dict[str, Any]:
    args = [sys.executable, "-m", f"scripts.bench.bench_{name}", "--json"]
    if quick:
        args.append("--quick")
    print(f"bench: {name} ...", file=sys.stderr, flush=True)
    out = run_checked(args, timeout=CHILD_TIMEOUT, cwd=ROOT)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _watchers(quick: bool) -> tuple[str, bool]:
    """The watchers section exactly as ``bench_watchers`` renders it, and whether it met its
    targets (its exit status)."""
    print("bench: watchers ...", file=sys.stderr, flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "scripts.bench.bench_watchers", "--no-write"]
        + (["--quick"] if quick else []),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        cwd=ROOT,
    )
    lines = done.stdout.rstrip().splitlines()
    if done.returncode not in (0, 1) or not lines:
        raise RuntimeError(f"bench_watchers failed:\n{done.stderr}")
    return "\n".join(lines[:-1]).strip() + "\n", done.returncode == 0


def _f(figure: Mapping[str, float], digits: int = 2) -> str:
    """``median (min-max)``."""
    return f"{figure['median']:.{digits}f} ({figure['min']:.{digits}f}-{figure['max']:.{digits}f})"


def _verdict(met: bool) -> str:
    return "met" if met else "**missed**"


class Report:
    def __init__(self, results: Mapping[str, Any], watchers: tuple[str, bool]) -> None:
        self.results = results
        self.watchers = watchers
        self.targets: list[tuple[str, str, str, bool]] = []

    def target(self, name: str, wanted: str, figure: str, met: bool) -> None:
        self.targets.append((name, wanted, figure, met))

    def per_call(self) -> str:
        result = self.results["per_call"]
        rows = []
        labels = {
            "ours": "ours"
            + (
                " (`msgspec` extra)"
                if "ours_stdlib" in result["workloads"]["operations.get"]
                else ""
            ),
            "ours_stdlib": "ours, stdlib `json` (default install)",
            "ours_pages": "ours, page by page (`.pages()`, the official loop's shape)",
            "raw": "raw httpx + `json()`",
            "raw_models": "raw httpx + `json()` + generated models",
            "official": f"official SDK {result['official_sdk']}",
        }
        for workload, clients in result["workloads"].items():
            for client, figures in clients.items():
                versus_sdk = figures.get("ratio_to_official")
                rows.append(
                    f"| `{workload}` | {labels[client]} | {_f(figures['us_per_call'], 1)} "
                    f"| {_f(figures['ratio_to_raw'])} | {_f(versus_sdk) if versus_sdk else ''} |"
                )
            ours = clients["ours"]["ratio_to_raw"]
            official = clients["ours"].get("ratio_to_official")
            versus = f"; vs official SDK {_f(official)}x" if official else ""
            self.target(
                f"1. per call, `{workload}`",
                f"ours <= {PER_CALL_TARGETS[workload]:.2f}x raw",
                f"{_f(ours)}x{versus}",
                ours["median"] <= PER_CALL_TARGETS[workload],
            )
            if workload == "operations walk" and official:
                others = [
                    f"{label} {_f(clients[client]['ratio_to_official'])}x"
                    for client, label in (
                        ("ours_pages", "page by page"),
                        ("ours_stdlib", "default install"),
                    )
                    if client in clients
                ]
                self.target(
                    "1. per call, `operations walk` vs the official SDK",
                    "ours <= 1.00x official",
                    f"{_f(official)}x" + (f" ({'; '.join(others)})" if others else ""),
                    official["median"] <= 1.0,
                )
        sdk = (
            f"official SDK: `pinecone` {result['official_sdk']}, `PineconeAsyncio().assistants"
            ".describe_operation` / `.list_page` / a `.list_operations_page` loop; it builds its own `httpx.AsyncClient` around a "
            "retrying transport, and only the innermost `httpx.AsyncHTTPTransport` was swapped "
            "for the same MockTransport, so its client, retry wrapper and msgspec decoding are "
            "all measured"
            if result["official_sdk"]
            else "official SDK: not measured (not installed in this environment)"
        )
        return f"""## 1. Client cost per call (no sockets)

Workload: `operations.get` (one operation), the first page of `assistants.list` (10
assistants), and a walk through {result["walk_total"]:,} operations in pages of
{result["walk_page_size"]} (`async for op in operations.list(page_size=100)`, every item
handed out; the raw loop follows `pagination.next` and keeps each page's list of dicts),
every client on the same `httpx.MockTransport` returning pre-encoded bodies.
{result["rounds"]} rounds of {result["calls_per_round"]} calls per client (the walk: one whole
walk per client per round, timed per walk, the walkers taking turns page by page); within a
round the clients take turns call by call, and the ratio is taken within the round ("ours / official" too).
Ours returns typed snapshots (checked at once, converted on first read); "raw + generated
models" is raw httpx followed by the generated models' eager `from_dict`. "Ours, page by
page" walks `.pages()`, the shape of the official SDK's loop; the item-by-item walk is the
one held to the target. {sdk}.
Module: `scripts/bench/bench_per_call.py`.

| call | client | us per call | ratio to raw | ratio to official |
|---|---|---:|---:|---:|
{chr(10).join(rows)}
"""

    def throughput(self) -> str:
        result = self.results["throughput"]
        labels = {
            "ours": "ours, httpx's pool",
            "raw": "raw httpx",
            "ours_aiohttp": 'ours, `transport="aiohttp"`',
            "ours_aiohttp_frozen": 'ours, `transport="aiohttp"`, app calls `gc.freeze()`',
            "raw_aiohttp_transport": "raw httpx on httpx-aiohttp's `AiohttpTransport`",
            "aiohttp": "raw aiohttp (the limit)",
            "official": f"official SDK {result['official_sdk']}",
        }
        rows = [
            f"| {labels[name]} | {_f(figures['calls_per_second'], 0)} "
            f"| {_f(figures['ratio_to_raw'])} |"
            for name, figures in result["clients"].items()
        ]
        targets = result["targets"]
        for name, wanted, figure, least in (
            (
                "2. throughput, ours on aiohttp",
                ">= 0.9x raw httpx on that transport",
                targets["ours_aiohttp_to_raw_aiohttp_transport"],
                0.9,
            ),
            (
                "2. throughput, aiohttp over httpx's pool",
                ">= 3x ours on httpx's pool",
                targets["ours_aiohttp_to_ours"],
                3.0,
            ),
            ("2. throughput, ours", ">= 0.95x raw httpx", targets["ours_to_raw"], 0.95),
        ):
            self.target(name, wanted, f"{_f(figure)}x", figure["median"] >= least)
        sdk = (
            "the official SDK is pointed at the same server (its own HTTP stack, "
            "`connection_pool_maxsize=128`: it keeps half its pool alive, so 64 connections)"
            if result["official_sdk"]
            else "official SDK: not measured (not installed)"
        )
        return f"""## 2. Loopback throughput

Workload: {result["tasks"]} concurrent tasks make `operations.get` calls for
{result["seconds"]:g} s per run against a minimal keep-alive HTTP/1.1 server on 127.0.0.1 in its
own process (`scripts/bench/_loopback.py`, not the emulator). Ours on httpx's pool and raw
httpx use an `httpx.AsyncClient` allowed 64 connections, all kept alive; ours on aiohttp is
`Pinecone(transport="aiohttp")` as documented; "raw httpx on `AiohttpTransport`" is httpx
over the transport ours wraps (64 connections); raw aiohttp is an `aiohttp.ClientSession`
(64 connections) reading the JSON, the practical limit of a Python client here; {sdk}. Ours
keeps its default cap of 32 calls in flight per host. {result["rounds"]} rounds, every
client once per round (order rotated), after an untimed warm-up; ratios are taken within a
round. With 64 connections httpcore's pool does work proportional to the requests and
connections it holds on every request, so raw httpx at 64 in flight is slower than ours,
which keeps 32 in flight. Module: `scripts/bench/bench_throughput.py`.

| client | calls/s | ratio to raw httpx |
|---|---:|---:|
{chr(10).join(rows)}
"""

    def imports(self) -> str:
        result = self.results["import"]
        labels = {
            "ours": "ours, base wheel",
            "ours_both": "ours, both vendors, base wheel",
            "ours_built": "ours, imported and a client built, base wheel",
            "ours_both_built": "ours, both vendors imported and built, base wheel",
            "httpx_client": "reference: one bare httpx pool, base wheel",
            "floor": "floor, base wheel",
            "official": "official SDK, dev environment",
        }
        rows = [
            f"| {labels[name]}: `{'; '.join(result['statements'][name].splitlines())}` "
            f"| {_f(figures['ms'], 1)} "
            f"| {_f(figures['ms_over_floor'], 1)} | {figures['modules']} "
            f"| {', '.join(figures['heavy_beyond_floor']) or 'none'} |"
            for name, figures in result["imports"].items()
        ]
        ours, both = result["imports"]["ours"], result["imports"]["ours_both"]
        stall = result["first_call_stall_ms"]
        self.target(
            "3. cold import, `awaitops.pinecone`",
            "ours <= floor + 8 ms",
            f"+{_f(ours['ms_over_floor'], 1)} ms",
            ours["ms_over_floor"]["median"] <= 8.0,
        )
        self.target(
            "3. cold import, both vendors",
            "ours <= floor + 12 ms",
            f"+{_f(both['ms_over_floor'], 1)} ms",
            both["ms_over_floor"]["median"] <= 12.0,
        )
        self.target(
            "3. first calls, event-loop stall",
            "<= 10 ms",
            f"{_f(stall, 1)} ms",
            stall["median"] <= 10.0,
        )
        self.target(
            "3. nothing heavy imported",
            "no generator, rich, emulator beyond the floor",
            ", ".join(both["heavy_beyond_floor"]) or "none",
            not both["heavy_beyond_floor"],
        )
        return f"""## 3. Cold import

Workload: ours runs in a throwaway venv holding only the wheel (`uv build --wheel`) and its
runtime dependencies (httpx, attrs, anyio), as a user installs it; the official SDK runs in the
dev environment, over that environment's floor (where httpx also loads rich, through click). In
a fresh interpreter, the floor's import (`import httpx, attrs, anyio`) is timed in CPU time
(`time.process_time`, so that time spent descheduled on a shared machine does not count;
start-up excluded), then the statement's on top of it, so "over the floor" comes from the same
process. The "built" rows import a facade and build its client (no request sent): what a user
pays before the first call, most of it httpx's own pool (its TLS context), which the reference
row builds alone (each client builds one). {result["samples"]} samples per statement, the
statements taking turns. Bytecode caches are warm (written to a private `PYTHONPYCACHEPREFIX` by
an untimed first run). "Heavy" means the generator, rich, our CLI, the emulator, starlette,
uvicorn, trio, yaml, pytest or hypothesis in `sys.modules` beyond what the floor loads.
First-call stall: a Pinecone and a Chainloop client are built on an `httpx.MockTransport`, then
the first call of every resource (`assistants.get`, backup history, an assistant's
`operations.get` and `files.get`, Chainloop `operations.get`) run one after the other beside a
heartbeat task yielding to the loop; the figure is the longest gap between two heartbeats (a
MockTransport never yields, so each call counts whole), {result["samples"]} fresh interpreters.
Module: `scripts/bench/bench_import.py`.

| statement | ms | ms over floor | modules loaded | heavy beyond floor |
|---|---:|---:|---:|---|
{chr(10).join(rows)}

| first calls of a fresh client | longest event-loop stall, ms |
|---|---:|
| every resource once, base wheel | {_f(stall, 1)} |
"""

    def pagination(self) -> str:
        result = self.results["pagination"]
        labels = {
            "ours": "ours",
            "raw": "raw loop, dict items",
            "raw_models": "raw loop + generated models",
            "ours_consumer": "ours, 1 ms consumer, no prefetch",
            "ours_consumer_prefetch1": "ours, 1 ms consumer, `prefetch=1`",
            "raw_consumer": "raw loop, 1 ms consumer",
        }
        rates = [
            f"| {labels[name]} | {_f(figure, 0)} |"
            for name, figure in result["items_per_second"].items()
        ]
        ratios = [f"| {name} | {_f(figure)} |" for name, figure in result["ratios"].items()]
        memory = []
        pager_only: dict[str, dict[str, float]] = {}
        for prefetch, sizes in result["memory_kib"].items():
            for total, figures in sizes.items():
                own = figures["peak"] - figures["kept"]
                pager_only.setdefault(prefetch, {})[total] = own
                memory.append(
                    f"| {prefetch} | {int(total):,} | {figures['peak']:.0f} | {figures['kept']:.0f} "
                    f"| {own:.0f} |"
                )
        no_prefetch = result["ratios"]["ours / raw"]
        prefetch = result["ratios"]["ours prefetch=1 / raw (1 ms consumer)"]
        self.target(
            "4. pagination, no prefetch",
            "ours >= 0.9x raw loop",
            f"{_f(no_prefetch)}x (vs raw + models: {_f(result['ratios']['ours / raw + models'])}x)",
            no_prefetch["median"] >= 0.9,
        )
        self.target(
            "4. pagination, 1 ms consumer",
            "ours `prefetch=1` faster than raw loop",
            f"{_f(prefetch)}x",
            prefetch["median"] > 1.0,
        )
        flat = all(
            sizes[max(sizes, key=int)] <= 1.25 * sizes[min(sizes, key=int)]
            for sizes in pager_only.values()
        )
        self.target(
            "4. pagination memory",
            "pager's peak independent of the total (largest <= 1.25x smallest)",
            "; ".join(
                f"{p}: " + " / ".join(f"{v:.0f}" for v in sizes.values()) + " KiB"
                for p, sizes in pager_only.items()
            ),
            flat,
        )
        return f"""## 4. Pagination

Workload: {result["total"]:,} operations in pages of {result["page_size"]} from the emulator
in-process (`emu.transport()`); every walker reads them all. Ours is
`operations.list(page_size={result["page_size"]})` yielding typed `Operation` items; the raw
loop is hand-written httpx (`limit`, `pagination_token`, `pagination.next`) and keeps dicts;
"raw + generated models" builds the same generated `OperationModel` per item that ours wraps.
The three walkers without a consumer take turns page by page within each round (each page
timed on its own); the consumer walkers (`asyncio.sleep({result["consumer_seconds"]})` per
page, standing for I/O the consumer waits on) run whole walks, order rotated. {result["rounds"]}
rounds, after an untimed walk that makes the emulator render and cache every item.
Module: `scripts/bench/bench_pagination.py`.

| walker | items/s |
|---|---:|
{chr(10).join(rates)}

| ratio | median (min-max) |
|---|---:|
{chr(10).join(ratios)}

Memory (`tracemalloc`, KiB): peak above the level before the walk, what is still held after
it (the emulator's bounded log of recent requests, one entry per page), and the difference,
which is what the pager and the page in flight hold at the peak.

| pager | operations | peak | kept after | peak - kept |
|---|---:|---:|---:|---:|
{chr(10).join(memory)}
"""

    def scale(self) -> str:
        result = self.results["scale"]
        lag = result["lag_ms"]
        return f"""## 5. Scale

Workload: {result["waits"]:,} concurrent `operations.wait(id)` (default `PollPolicy()`) on the
emulator in-process, under asyncio; every operation starts at the same moment (uploads made
beforehand with the emulator's clock held) and stays Processing for
{result["op_seconds"][0]:g}-{result["op_seconds"][1]:g} s. One round, in a fresh process. The
emulator runs in the same thread, so the lag includes its work too. No target yet.
Module: `scripts/bench/bench_scale.py`.

| all done after | requests sent | peak RSS growth | peak RSS | loop lag p50 | p99 | max |
|---:|---:|---:|---:|---:|---:|---:|
| {result["seconds"]:.1f} s | {result["requests"]:,} | {result["peak_rss_growth_mib"]:.0f} MiB | {result["peak_rss_mib"]:.0f} MiB | {lag["p50"]:.0f} ms | {lag["p99"]:.0f} ms | {lag["max"]:.0f} ms |
"""

    def emulator(self) -> str:
        result = self.results["emulator"]
        rows = [
            f"| {label} | {_f(result[key]['back_to_back_ms'], 1)} "
            f"| {_f(result[key]['sequential'], 0)} | {_f(result[key]['concurrent'], 0)} |"
            for key, label in (("before", "before (listener protocol 0)"), ("shipped", "shipped"))
        ]
        shipped = result["shipped"]["back_to_back_ms"]
        self.target(
            "7. emulator on a socket, back-to-back `operations.get`",
            "median <= 5 ms",
            f"{_f(shipped, 1)} ms",
            shipped["median"] <= 5.0,
        )
        local = result["in_process"]
        starlette = (
            f"{_f(local['starlette'], 0)} (the plain app answers "
            f"{local['plain']['median'] / local['starlette']['median']:.2f}x as many)"
            if local["starlette"]
            else "not measured (not installed)"
        )
        multipart = local["multipart"]
        parsers = (
            f"ours {multipart['ours']:.0f}/s, python-multipart {multipart['python-multipart']:.0f}/s"
            if multipart
            else "python-multipart not installed"
        )
        return f"""
## 7. The emulator

Over a loopback socket, `operations.get` on a seeded operation, the emulator served as
`Emulator.serving()` serves it (uvicorn in a background thread). "before" is the same server
on a listener made with protocol 0, as it was before issue 14: asyncio then never sets
`TCP_NODELAY` on accepted connections, so Nagle and delayed ACK hold each answer ~40 ms.
Per variant and round: the median of {result["back_to_back"]} back-to-back calls from
`httpx.Client`, then requests/s from a raw keep-alive HTTP/1.1 client (asyncio streams,
hardly any parsing, so the server's cost dominates) on one connection, and on
{result["concurrency"]} connections at once. {result["rounds"]} rounds.

| server | back to back, ms per call | requests/s, sequential | requests/s, {result["concurrency"]} concurrent |
|---|---:|---:|---:|
{chr(10).join(rows)}

Routing and multipart, decided by measurement. In-process (the ASGI app called directly, no
socket): the plain ASGI app answers {_f(local["plain"], 0)} requests/s; the same handler
behind a Starlette `Router` (a `Route` per path, Starlette `Request`/`Response`): {starlette}.
Parsing a 1 MiB upload: {parsers}. Decision: the emulator keeps its plain ASGI app and its
own index-based parser (one copy per part) and depends on neither: a socket round trip
dwarfs either difference, and Starlette would add a dependency and a layer for what the
40-line `_route` does (`nox -s bench` installs both for this comparison only).
Module: `scripts/bench/bench_emulator.py`.
"""

    def limits(self) -> str:
        result = self.results["limits"]
        sdk = result["official_sdk"]
        labels = {
            "ours": "ours (defaults)",
            "off": "ours, limits off",
            "official": f"official SDK {sdk}",
        }
        rate, outage, crowd = result["rate"], result["outage"], result["crowd"]
        ideal = rate["calls"] / rate["limit"]
        rate_rows = [
            f"| {labels[name]} | {r['succeeded']} of {rate['calls']} | {r['requests']} "
            f"| {r['throttled']} ({r['throttled_share']:.0%}) | {r['seconds']:.1f} s |"
            for name, r in rate["clients"].items()
        ]
        outage_rows = [
            f"| {labels[name]} | {r['requests']} | {r['requests_per_call']:.2f} "
            f"| {r['seconds']:.1f} s |"
            for name, r in outage["clients"].items()
        ]
        who = {
            "ours": "ours, httpx's pool",
            "ours_aiohttp": 'ours, `transport="aiohttp"`',
            "ours_aiohttp_frozen": 'ours, `transport="aiohttp"`, app calls `gc.freeze()`',
            "raw": "raw httpx + semaphore",
            "tasks": "floor: tasks that only sleep to their slot",
            "tasks_busy": "floor: the same, holding 30 objects for 50 ms",
        }
        crowd_rows = [
            f"| {r['calls']:,} | {who[r['client']]} | {r['succeeded']:,} | {r['seconds']:.1f} s "
            f"| {r['cap_allows_seconds']:.1f} s | {r['ratio_to_cap']:.2f} | {r['start_all_ms']:.0f} ms "
            f"| {r['max_stall_ms']:.0f} ms | {r['max_gc_pause_ms']:.0f} ms "
            f"| {r['objects_per_waiting_call']:.1f} | {r['base_full_collection_ms']:.0f} ms |"
            for r in crowd["runs"]
        ]
        ours = rate["clients"]["ours"]
        self.target(
            "8. 429 workload",
            f"all succeed, 429s <= 10 %, <= {1.5 * ideal:.0f} s",
            f"{ours['succeeded']}/{rate['calls']}, {ours['throttled_share']:.0%}, "
            f"{ours['seconds']:.1f} s",
            ours["succeeded"] == rate["calls"]
            and ours["throttled_share"] <= 0.10
            and ours["seconds"] <= 1.5 * ideal,
        )
        down = outage["clients"]["ours"]
        self.target(
            "8. outage",
            "requests <= 1.25x calls",
            f"{down['requests_per_call']:.2f}x",
            down["requests_per_call"] <= 1.25,
        )
        for r in (r for r in crowd["runs"] if r["client"] in ("ours", "ours_aiohttp")):
            self.target(
                f"8. {r['calls']:,} callers, {who[r['client']]}",
                "all complete, no stall > 100 ms, <= 1.5x what the cap allows",
                f"{r['succeeded']:,} done, stall {r['max_stall_ms']:.0f} ms, "
                f"{r['ratio_to_cap']:.2f}x",
                r["succeeded"] == r["calls"]
                and r["max_stall_ms"] <= 100
                and r["ratio_to_cap"] <= 1.5,
            )
        cost = result["lane_cost"]["added_us"]
        per_call = self.results.get("per_call")
        if per_call:
            ours_us = per_call["workloads"]["operations.get"]["ours"]["us_per_call"]["median"]
            share = cost["median"] / ours_us
            self.target(
                "8. cost when no limit is hit",
                "<= 2 % of a call",
                f"{cost['median']:.2f} us of {ours_us:.0f} us ({share:.1%})",
                share <= 0.02,
            )
        return f"""## 8. Many callers, one limit

Workload 1: {rate["calls"]} concurrent `assistants.get` (official SDK: `assistants.describe`)
on one client, all started at once, against the emulator on a loopback socket with
`rate_limit={rate["limit"]:g}` (a bucket of {rate["limit"]:g} requests refilled at
{rate["limit"]:g}/s, answering 429 with `Retry-After`): ideally {ideal:.0f} s. Each client
meets a fresh emulator; requests and 429s are counted by the emulator. "Limits off" is
`rate_limit=None, concurrency=None, retry_budget=None`; every client keeps its default
retries (ours: 4 attempts).

| client | succeeded | requests | 429s (share) | time |
|---|---:|---:|---:|---:|
{chr(10).join(rate_rows)}

Workload 2, a total outage: {outage["calls"]} concurrent GETs of the same kind against a
loopback server answering every request 503 at once; requests counted by the server.

| client | requests | per call | time |
|---|---:|---:|---:|
{chr(10).join(outage_rows)}

Workload 3: thousands of concurrent `operations.get` on one client against a loopback server
answering each request after {crowd["server_seconds"] * 1e3:.0f} ms (its own process). Each
round runs in a fresh process holding only its client (`scripts/bench/_crowd.py`): a garbage
collection's pause grows with everything the process holds. "Cap allows" is calls x
{crowd["server_seconds"] * 1e3:.0f} ms / the default cap of 32 in flight. "Start all" is the
one loop turn in which every task runs its first step up to its place in the queue (the
caller's cost of starting them at once; a queued call builds no request until its turn);
"stall" is the longest a 10 ms sleep overslept after that, and "GC pause" the garbage
collector's longest pause meanwhile. "Objects" is how many objects each waiting call adds to
the heap, task included; "base GC" what one full collection of the process costs before the
calls start (its imports, the client, the pool: CPU time). A full collection walks the base
and every waiting call, so with 10,000 calls waiting it stalls the loop for as long, whatever
the client. The two floors send nothing: their tasks sleep until the slot the cap would give
them; the first allocates too little to set off a full collection during the run, the
second holds 30 objects for 50 ms in each slot, about what a call in flight holds, and so
meets full collections like a real client. The `gc.freeze()` row is application tuning, not
a default: an application that calls it once its start-up is done (imports made, clients
built) keeps that heap out of every later collection (see `docs/errors-and-retries.md`).
Ours runs on httpx's pool and on aiohttp's (`transport="aiohttp"`). "Raw httpx + semaphore"
is plain httpx behind an `asyncio.Semaphore` of the same 32: what this machine's httpx
allows at that concurrency (httpcore's pool does work proportional to the requests and
connections it holds on every request, so 32 in flight is CPU-bound here). Before the cap,
2,000 such calls made 0 completions in 264 s (issue 13).

| calls | client | completed | time | cap allows | ratio | start all | stall | GC pause | objects | base GC |
|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(crowd_rows)}

Cost when no limit is hit: a free lane (default policies, nothing learned, a slot free)
adds {_f(cost, 2)} us to each attempt, timed over {result["lane_cost"]["rounds"]} rounds of
{result["lane_cost"]["sends"]:,} sends against a stand-in pool that answers at once, minus the
same sends made directly; the summary compares it with ours per `operations.get` call in
section 1.

Module: `scripts/bench/bench_limits.py`.
"""

    def fleet(self) -> str:
        result = self.results["fleet"]
        rows = []
        for workload in result["workloads"]:
            processes, calls, rate = workload["processes"], workload["calls_each"], workload["rate"]
            runs = workload["runs"]
            succeeded = min(run["succeeded"] for run in runs)
            share = workload["throttled_share"]
            slowest = workload["slowest_over_ideal"]
            finishes = " / ".join(
                "-".join(f"{s:.1f}" for s in (run["finishes"][0], run["finishes"][-1]))
                for run in runs
            )
            rows.append(
                f"| {processes} x {calls} | {rate:g} | {workload['limiter']} "
                f"| {succeeded} of {processes * calls} | {_f(share, 3)} "
                f"| {workload['ideal_seconds']:.0f} s | {finishes} | {_f(slowest)} "
                f"| {_f(workload['jain'], 3)} |"
            )
            if workload["limiter"] == "shared" and processes > 1:
                self.target(
                    f"10. shared store: {processes} processes x {calls} calls into {rate:g} req/s",
                    "all succeed, 429s <= 10 %, slowest process <= 1.5x ideal",
                    f"{succeeded}/{processes * calls}, {_f(share, 3)} 429s, slowest "
                    f"{_f(slowest)}x ideal",
                    workload["all_succeeded"] and share["max"] <= 0.10 and slowest["max"] <= 1.5,
                )
            if workload["limiter"] != "shipped":
                continue
            met = workload["all_succeeded"] and share["max"] <= 0.10 and slowest["max"] <= 1.5
            self.target(
                f"10. {processes} process{'es' if processes > 1 else ''} x {calls} calls "
                f"into {rate:g} req/s",
                "all succeed, 429s <= 10 %, slowest process <= 1.5x ideal",
                f"{succeeded}/{processes * calls}, {_f(share, 3)} 429s, slowest "
                f"{_f(slowest)}x ideal",
                met,
            )
        return f"""## 10. A fleet, one limit

Workload: N processes, each with its own `Pinecone` client and M concurrent
`assistants.get` calls started at once, against one emulator (its own process, loopback
socket) with `rate_limit` R: a bucket of R requests refilled at R a second, kept per API key,
so every connection of every process draws from it, as the service's per-project limit
does. The members share nothing else: no coordinator. Each member builds and warms its
client, reports ready, and all start on one signal; each times itself from that signal to
its own last answer and counts its requests and 429s (`ClientStats`). Ideal: N x M / R
seconds. Fairness: Jain's index over the processes' throughputs (1.0: equal shares).
The shipped lane's slow start bounds requests in flight and paces those sent at once until
the first 429; after it, the learned rate grows by a fraction plus a fixed step each second.
"no_slow_start" is the shipped lane without its slow start, as main was before issue 26;
"shared" is the shipped lane with `RateLimitPolicy(shared=RedisRateStore(...))`, the members
sharing one learned rate through a `redis-server` on loopback (skipped without one).
{result["rounds"]} rounds per row; "finishes" lists each round's fastest-slowest process.
Module: `scripts/bench/bench_fleet.py` (`--limiter` also measures the candidates of
`scripts/bench/_candidates.py`; see the change check below).

| processes x calls | limit (req/s) | limiter | succeeded (worst round) | 429 share | ideal | finishes (s) | slowest / ideal | Jain |
|---|---:|---|---:|---:|---:|---|---:|---:|
{chr(10).join(rows)}
"""

    def priority(self) -> str:
        result = self.results["priority"]
        runs = result["runs"]
        labels = {
            "alone": "uploads alone",
            "watched": f"beside {result['watched']} watched operations (polls give way)",
            "watched_unmarked": f"beside {result['watched']} watched, polls as ordinary calls",
        }
        rows = [
            f"| {labels[name]} | {_f(run['median_ms'], 0)} | {_f(run['p95_ms'], 0)} "
            f"| {_f(run['polls_per_second'], 0)} |"
            for name, run in runs.items()
        ]
        alone, watched = runs["alone"]["median_ms"]["median"], runs["watched"]["median_ms"]
        self.target(
            "9. uploads beside watched operations",
            "median upload latency <= 2x alone",
            f"{watched['median']:.0f} ms vs {alone:.0f} ms alone",
            watched["median"] <= 2 * alone,
        )
        return f"""## 9. Uploads beside watched operations

Workload: one client (default limits: 32 requests in flight per host) against a loopback
server in its own process answering every request after {result["server_seconds"] * 1000:.0f} ms.
{result["uploads"]} uploads (a POST each) arrive at {result["uploads_per_second"]:g} a second; their
latency, from the call to its answer, is measured alone, beside {result["watched"]} `watch` loops on
the same client (each polling an operation that never ends every 0.25-0.5 s: several times what
the host's slots can answer, so requests queue), and beside the same watchers with their polls sent
as ordinary calls, as before polls had a lane: one line for every request. The three runs take
turns, {result["rounds"]} rounds. A watcher's polls wait while any other call waits for the host,
and never take the last quarter of its slots.

| run | upload latency, median ms | p95 ms | polls answered per s |
|---|---:|---:|---:|
{chr(10).join(rows)}

Module: `scripts/bench/bench_priority.py`.
"""

    def late_faults(self) -> str:
        result = self.results["late_faults"]
        labels = {"awaitops": "ours", "official": f"official SDK {result['official_sdk']}"}
        rows = []
        for name, calls in result["totals"].items():
            for call, counts in calls.items():
                if not counts["calls"]:
                    continue
                rows.append(
                    f"| {labels[name]} | `{call}` | {counts['calls']} | {counts['raised']} "
                    f"| {counts['lost']} | {counts['doubled']} ({counts['extra_files']}) "
                    f"| {counts['wrong']} | {counts['made_though_raised']} |"
                )
        ours = result["totals"]["awaitops"]
        bad = {
            what: sum(counts[what] for counts in ours.values())
            for what in ("raised", "lost", "doubled", "wrong")
        }
        timed_out = any(r["timed_out"] for runs in result["rounds"].values() for r in runs)
        self.target(
            "11. late faults, ours",
            "raised 0, lost 0, doubled 0, wrong 0",
            ", ".join(f"{what} {count}" for what, count in bad.items()),
            not any(bad.values()) and not timed_out,
        )
        per_round = "; ".join(
            f"{labels[name]}: "
            + ", ".join(
                f"{r['seconds']:.1f} s, {r['requests']} requests ({r['changes_sent']} changes, "
                f"{r['answered_5xx']} late 5xx)"
                for r in runs
            )
            for name, runs in result["rounds"].items()
        )
        sdk = (
            f"the official SDK is `pinecone` {result['official_sdk']} (`PineconeAsyncio(host=url)`,"
            " its default `RetryConfig`)"
            if result["official_sdk"]
            else "official SDK: not measured (not installed)"
        )
        return f"""## 11. Side by side under late faults

Workload: per SDK and round, a fresh emulator (loopback socket, its default unkind behaviours)
that handles {result["late_fault_rate"]:.0%} of all requests and then answers 500, 502, 503 or
504 or cuts the connection (the change made). Each SDK, with its default retry settings, creates
an assistant (waiting until it is ready), uploads {result["uploads"]} files (`.txt` / `.md`,
each its own name, size and metadata) and upserts {result["upserts"]} (given ids; ours meets
the minimal 2026-04 upsert answer), {result["concurrency"]} calls at a time, each followed to its
end; then deletes {result["deletes"]} of the files it saw uploaded, and creates and deletes a
second assistant. With the faults off, the emulator's own state judges every call: raised;
lost (returned, file absent); doubled (more files than the call should leave; extra files in
brackets); wrong (a file not as sent, a returned id that is not its file, a returned delete
that left the file); "made though raised" (a call that raised whose change exists). Seeds
{", ".join(map(str, result["seeds"]))}, the same for both SDKs; {sdk}. Per round (cut
connections not counted among the 5xx): {per_round}. Module: `scripts/bench/bench_late_faults.py`.

| client | call | calls | raised | lost | doubled (extra files) | wrong | made though raised |
|---|---|---:|---:|---:|---:|---:|---:|
{chr(10).join(rows)}
"""

    def render(self, elapsed: float) -> str:
        sections = [self.per_call(), self.throughput(), self.imports(), self.pagination()]
        sections.append(self.scale())
        watchers, watchers_met = self.watchers
        self.target("6. watchers", "see the Watchers section", "", watchers_met)
        emulator = self.emulator()
        limits = self.limits()
        priority = self.priority()
        fleet = self.fleet()
        late_faults = self.late_faults()
        info = machine()
        summary = "\n".join(
            f"| {name} | {wanted} | {figure} | {_verdict(met)} |"
            for name, wanted, figure, met in self.targets
        )
        return f"""# Benchmarks

Command: `{COMMAND}` (about {elapsed / 60:.0f} min here). Machine: {info["platform"]},
{info["cpus"]} CPUs, {info["python"]}. Figures are median (min-max) over rounds; every ratio is
taken between runs made in the same round of the same process, never across runs. These are
benchmarks, not tests: nothing fails on a figure.

| benchmark | target | figure | result |
|---|---|---|---|
{summary}

{chr(10).join(sections)}
{watchers}{emulator}
{limits}
{priority}
{fleet}
{late_faults}"""


def _kept(output: Path) -> str:
    """The hand-kept change checks at the end of the old report: A/B comparisons between two
    revisions (``bench_revision``) that a rerun on one revision cannot remake."""
    old = output.read_text() if output.exists() else ""
    at = old.find(CHANGE_CHECKS)
    return "" if at < 0 else "\n" + old[at:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny workloads (smoke run)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    start = time.monotonic()
    results = {name: _run_workload(name, args.quick) for name in WORKLOADS}
    report = Report(results, _watchers(args.quick))
    text = report.render(time.monotonic() - start) + _kept(args.output)
    args.output.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
